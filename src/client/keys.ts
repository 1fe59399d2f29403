/** Cache and work-queue keys as client-go's MetaNamespaceKeyFunc makes them: `namespace/name`, or `name`. */
import type { KubeObject } from '../core/index.ts';

export function objectKey(object: Pick<KubeObject, 'metadata'>): string {
  const { namespace, name = '' } = object.metadata;
  return namespace ? `${namespace}/${name}` : name;
}

/** The inverse of objectKey: `{namespace: '', name}` for cluster-scoped keys. */
export function splitKey(key: string): { namespace: string; name: string } {
  const slash = key.indexOf('/');
  return slash < 0
    ? { namespace: '', name: key }
    : { namespace: key.slice(0, slash), name: key.slice(slash + 1) };
}
