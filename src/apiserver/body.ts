/** Checks on a request body before any verb uses it: an object of the right kind, name and namespace. */
import { errors, isRecord } from '../core/index.ts';
import type { KubeObject } from '../core/index.ts';
import type { ResourceInfo } from './registry/types.ts';
import { groupVersion } from './registry/types.ts';

/** Returns a deep copy of the body as a KubeObject, filling apiVersion/kind when absent. */
export function objectFromBody(
  info: ResourceInfo,
  body: unknown,
  expectKind = info.kind,
  expectGV = groupVersion(info),
): KubeObject {
  if (!isRecord(body))
    throw errors.badRequest(
      'the body of the request was in an unknown format - accepted media types include: application/json, application/yaml',
    );
  const obj = structuredClone(body) as KubeObject;
  if (obj.apiVersion !== undefined && obj.apiVersion !== expectGV) {
    const legacyOk = info.fromStorage !== undefined && obj.apiVersion === 'v1';
    if (!legacyOk)
      throw errors.badRequest(
        `the API version in the data (${String(obj.apiVersion)}) does not match the expected API version (${expectGV})`,
      );
  }
  if (obj.kind !== undefined && obj.kind !== expectKind) {
    throw errors.badRequest(
      `the kind in the data (${String(obj.kind)}) does not match the expected kind (${expectKind})`,
    );
  }
  obj.apiVersion = expectGV;
  obj.kind = expectKind;
  if (!isRecord(obj.metadata)) obj.metadata = {};
  return obj;
}

/** Sets and checks metadata.namespace against the URL (k8s: staging/src/k8s.io/apiserver/pkg/endpoints/handlers/rest.go). */
export function bindNamespace(info: ResourceInfo, obj: KubeObject, namespace: string | undefined): void {
  if (!info.namespaced) {
    delete obj.metadata.namespace;
    return;
  }
  const given = obj.metadata.namespace;
  if (given !== undefined && given !== '' && given !== namespace) {
    throw errors.badRequest(
      'the namespace of the provided object does not match the namespace sent on the request',
    );
  }
  if (namespace !== undefined) obj.metadata.namespace = namespace;
}

export function checkName(obj: KubeObject, name: string): void {
  const given = obj.metadata.name;
  if (given !== undefined && given !== '' && given !== name) {
    throw errors.badRequest(`the name of the object (${given}) does not match the name on the URL (${name})`);
  }
  obj.metadata.name = name;
}
