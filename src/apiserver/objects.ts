/**
 * Reading and writing objects of one resource through the store: the version view (apiVersion,
 * events.k8s.io conversion), kube's error texts for store failures, and the namespace checks.
 */
import { ApiError, errors, isRecord } from '../core/index.ts';
import type { KubeObject } from '../core/index.ts';
import type { StoredObject } from '../store/types.ts';
import type { ApiContext } from './context.ts';
import { objectKey } from './keys.ts';
import { BUILTIN_RESOURCES } from './registry/builtins.ts';
import { groupVersion } from './registry/types.ts';
import type { ResourceInfo } from './registry/types.ts';

export const NAMESPACES = BUILTIN_RESOURCES.find((r) => r.resource === 'namespaces')!;

/** The object as this resource version shows it. */
export function view(info: ResourceInfo, obj: KubeObject): KubeObject {
  if (info.fromStorage) return info.fromStorage(obj);
  return { ...obj, apiVersion: groupVersion(info), kind: info.kind };
}

export function toStorage(info: ResourceInfo, obj: KubeObject): KubeObject {
  if (info.toStorage) return info.toStorage(obj);
  return { ...obj, apiVersion: groupVersion(info), kind: info.kind };
}

export function clone<T>(v: T): T {
  return structuredClone(v);
}

/** Re-words store errors the way kube-apiserver words them for this resource. */
export function mapStoreError(info: ResourceInfo, name: string, err: unknown): unknown {
  if (!(err instanceof ApiError)) return err;
  switch (err.code) {
    case 'NOT_FOUND':
      return errors.notFound(info.resource, info.group, name);
    case 'ALREADY_EXISTS':
      return errors.alreadyExists(info.resource, info.group, name);
    case 'CONFLICT':
      return errors.conflict(
        info.resource,
        info.group,
        name,
        'the object has been modified; please apply your changes to the latest version and try again',
      );
    default:
      return err;
  }
}

export async function getStored(
  ctx: ApiContext,
  info: ResourceInfo,
  namespace: string | undefined,
  name: string,
): Promise<StoredObject> {
  const found = await ctx.store.get(objectKey(info, namespace, name));
  if (!found) throw errors.notFound(info.resource, info.group, name);
  return found;
}

/** 404 `namespaces "x" not found` or 403 while terminating, as the NamespaceLifecycle admission plugin. */
export async function checkNamespaceForCreate(
  ctx: ApiContext,
  info: ResourceInfo,
  namespace: string,
  name: string,
): Promise<void> {
  const ns = await ctx.store.get(objectKey(NAMESPACES, undefined, namespace));
  if (!ns) throw errors.notFound('namespaces', '', namespace);
  const status = isRecord(ns.object.status) ? ns.object.status : {};
  if (ns.object.metadata.deletionTimestamp || status.phase === 'Terminating') {
    const what = info.group ? `${info.resource}.${info.group}` : info.resource;
    throw new ApiError(
      'FORBIDDEN',
      `${what} "${name}" is forbidden: unable to create new content in namespace ${namespace} because it is being terminated`,
      { name, ...(info.group ? { group: info.group } : {}), kind: info.resource },
    );
  }
}

/** The object's spec-like content: everything but metadata (and status when it is a subresource). */
export function specOf(obj: KubeObject, withStatus: boolean): string {
  const { metadata: _m, status, ...rest } = obj;
  return JSON.stringify(withStatus ? { ...rest, status } : rest);
}
