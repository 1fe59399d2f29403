/**
 * Defaulting and validation of objects as kube-apiserver does them (semantics.md), plus the strict
 * unknown-field check behind fieldValidation=Strict, custom-resource schema validation and the Service
 * ClusterIP/NodePort allocators. This file is the module's whole public surface.
 */
import type { FieldError, KubeObject } from '../../core/index.ts';
import { defaultCustomResource, pruneCustomResource } from './crd-schema/prune-default.ts';
import { validateCustomResource as validateAgainstSchema } from './crd-schema/validate.ts';
import { applyKindDefaults } from './defaults/index.ts';
import { validateObjectMeta } from './metadata.ts';
import { nameIsDNSSubdomain } from './names.ts';
import { unknownFieldPaths } from './strict/unknown-fields.ts';
import type { Allocators, Operation } from './types.ts';
import { validateKind } from './validate/index.ts';

export type { Allocators, Operation } from './types.ts';
export { loadFieldSchemas } from './strict/schemas.ts';
export {
  AllocationError,
  ClusterIPAllocator,
  NodePortAllocator,
  createAllocators,
  serviceAllocations,
} from './allocators/index.ts';
export type { AllocatorsConfig, ServiceAllocators } from './allocators/index.ts';
export { defaultCustomResource, pruneCustomResource } from './crd-schema/prune-default.ts';
export { defaultPullPolicy } from './defaults/pod.ts';

/**
 * Fills in defaults in place (e.g. Deployment strategy 25%/25%, Service sessionAffinity None). With
 * `allocators`, a Service also gets its ClusterIP and NodePorts (kept from `old` on UPDATE when omitted);
 * a taken or out-of-range request throws the 422 ApiError kube returns
 * (`spec.clusterIPs: Invalid value: []string{"…"}: failed to allocate IP …`).
 */
export function applyDefaults(
  obj: KubeObject,
  op: Operation,
  old: KubeObject | undefined,
  allocators?: Allocators,
): void {
  applyKindDefaults(obj, op, old, allocators);
}

/** Returns every field error, empty when valid. `old` is the stored object on UPDATE. */
export function validateObject(obj: KubeObject, op: Operation, old: KubeObject | undefined): FieldError[] {
  return validateKind(obj, op, old);
}

/**
 * For fieldValidation=Strict/Warn on built-in kinds: `unknown field "spec.foo"` for every field the kind does
 * not have (the caller joins them after `strict decoding error: `). [] for kinds without a table. Synchronous;
 * await loadFieldSchemas() once at start so the first call does not read the table from disk.
 */
export function unknownFields(obj: KubeObject): string[] {
  return unknownFieldPaths(obj);
}

/**
 * For fieldValidation=Strict/Warn on custom resources: the fields the CRD schema would prune, as
 * `unknown field "spec.foo"`. Does not change `obj`.
 */
export function unknownCustomFields(obj: KubeObject, openAPIV3Schema: unknown): string[] {
  return pruneCustomResource(structuredClone(obj), openAPIV3Schema);
}

/**
 * A custom resource as kube-apiserver treats it: prunes unknown fields (unless preserved) and applies schema
 * defaults in place, then returns the metadata and schema errors
 * (`spec.addresses: Invalid value: "string": spec.addresses in body must be of type array: "string"`).
 */
export function validateCustomResource(obj: KubeObject, openAPIV3Schema: unknown): FieldError[] {
  pruneCustomResource(obj, openAPIV3Schema);
  defaultCustomResource(obj, openAPIV3Schema);
  return [
    ...validateObjectMeta(obj.metadata, nameIsDNSSubdomain),
    ...validateAgainstSchema(obj, openAPIV3Schema),
  ];
}

/**
 * The 400 message kube-apiserver gives a create or update whose body has unknown fields under
 * fieldValidation=Strict (k8s: staging/src/k8s.io/apiserver/pkg/endpoints/handlers/rest.go transformDecodeError):
 * `Ingress in version "v1" cannot be handled as a Ingress: strict decoding error: unknown field "…", unknown field "…"`.
 * PATCH answers with the bare `strict decoding error: …` part.
 */
export function strictDecodingMessage(
  obj: Pick<KubeObject, 'apiVersion' | 'kind'>,
  unknown: string[],
): string {
  const version = obj.apiVersion.slice(obj.apiVersion.indexOf('/') + 1);
  return `${obj.kind} in version ${JSON.stringify(version)} cannot be handled as a ${obj.kind}: strict decoding error: ${unknown.join(', ')}`;
}
