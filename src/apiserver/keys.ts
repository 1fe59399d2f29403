/**
 * Store keys, as agreed with the store: `/<group or core>/<resource>/<namespace or _cluster>/<name>`,
 * e.g. `/core/pods/default/nginx`, `/apps/deployments/default/web`, `/core/namespaces/_cluster/default`.
 */
import type { ResourceInfo } from './registry/types.ts';

const CLUSTER = '_cluster';

function groupSegment(group: string): string {
  return group === '' ? 'core' : group;
}

export function objectKey(info: ResourceInfo, namespace: string | undefined, name: string): string {
  const ns = info.namespaced ? (namespace ?? '') : CLUSTER;
  return `/${groupSegment(info.storage.group)}/${info.storage.resource}/${ns}/${name}`;
}

/** Prefix for a list: one namespace, or every namespace when `namespace` is undefined. */
export function listPrefix(info: ResourceInfo, namespace: string | undefined): string {
  const base = `/${groupSegment(info.storage.group)}/${info.storage.resource}/`;
  if (!info.namespaced) return `${base}${CLUSTER}/`;
  return namespace === undefined ? base : `${base}${namespace}/`;
}

/** Splits a key back into its parts. */
export function parseKey(
  key: string,
): { group: string; resource: string; namespace?: string; name: string } | undefined {
  const parts = key.split('/');
  if (parts.length !== 5 || parts[0] !== '') return undefined;
  const [, g, resource, ns, name] = parts as [string, string, string, string, string];
  return { group: g === 'core' ? '' : g, resource, ...(ns === CLUSTER ? {} : { namespace: ns }), name };
}
