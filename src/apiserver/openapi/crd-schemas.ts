/**
 * A custom resource's component schemas as kube-apiserver's CRD OpenAPI builder writes them
 * (k8s: staging/src/k8s.io/apiextensions-apiserver/pkg/controller/openapi/builder/builder.go): the
 * version's openAPIV3Schema with metadata pointing at ObjectMeta, apiVersion/kind described as TypeMeta,
 * x-kubernetes-group-version-kind, and the list kind.
 */
import type { ResourceInfo } from '../registry/types.ts';
import { REF_PREFIX } from './builtin-schemas.ts';
import type { Schema } from './builtin-schemas.ts';

const META = 'io.k8s.apimachinery.pkg.apis.meta.v1.';

/** TypeMeta's and ObjectMeta's field descriptions, taken from the generated built-in schemas. */
export interface MetaDescriptions {
  apiVersion: string;
  kind: string;
  metadata: string;
  listMetadata: string;
}

/** `metallb.io`, `v1beta1`, `IPAddressPool` → `io.metallb.v1beta1.IPAddressPool` (util.ToRESTFriendlyName). */
export function crdSchemaName(group: string, version: string, kind: string): string {
  return `${group.split('.').reverse().join('.')}.${version}.${kind}`;
}

function isRecord(v: unknown): v is Schema {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

export function crdSchemas(r: ResourceInfo, meta: MetaDescriptions): Record<string, Schema> {
  const gvk = (kind: string) => [{ group: r.group, kind, version: r.version }];
  const given = isRecord(r.crd?.schema) ? structuredClone(r.crd.schema) : undefined;
  const schema: Schema = given ?? { type: 'object' };
  const properties: Record<string, unknown> = isRecord(schema.properties) ? { ...schema.properties } : {};
  if (given) {
    properties.apiVersion ??= { description: meta.apiVersion, type: 'string' };
    properties.kind ??= { description: meta.kind, type: 'string' };
  }
  properties.metadata = { allOf: [{ $ref: `${REF_PREFIX}${META}ObjectMeta` }], description: meta.metadata };
  schema.properties = properties;
  schema['x-kubernetes-group-version-kind'] = gvk(r.kind);
  const name = crdSchemaName(r.group, r.version, r.kind);
  const list: Schema = {
    description: `${r.kind}List is a list of ${r.kind}`,
    type: 'object',
    required: ['items'],
    properties: {
      apiVersion: { description: meta.apiVersion, type: 'string' },
      items: {
        description: `List of ${r.resource}. More info: https://git.k8s.io/community/contributors/devel/api-conventions.md`,
        type: 'array',
        items: { $ref: `${REF_PREFIX}${name}` },
      },
      kind: { description: meta.kind, type: 'string' },
      metadata: { allOf: [{ $ref: `${REF_PREFIX}${META}ListMeta` }], description: meta.listMetadata },
    },
    'x-kubernetes-group-version-kind': gvk(r.listKind),
  };
  return { [name]: schema, [crdSchemaName(r.group, r.version, r.listKind)]: list };
}
