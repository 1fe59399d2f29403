/**
 * Store keys as the API server writes them, `/<group or core>/<resource>/<namespace or _cluster>/<name>`,
 * parsed so that store errors can name the object the way Kubernetes does (`pods "nginx"`).
 */

export interface KeyParts {
  /** '' for the core group. */
  group: string;
  /** Plural resource name, e.g. `pods`. */
  resource: string;
  /** Absent for cluster-scoped objects (`_cluster`). */
  namespace?: string;
  name: string;
}

export const CORE_GROUP_SEGMENT = 'core';
export const CLUSTER_SCOPE_SEGMENT = '_cluster';

/** Builds a key; the inverse of parseKey. */
export function objectKey(
  group: string,
  resource: string,
  namespace: string | undefined,
  name: string,
): string {
  return `/${group || CORE_GROUP_SEGMENT}/${resource}/${namespace ?? CLUSTER_SCOPE_SEGMENT}/${name}`;
}

/**
 * Splits a key; a key in another shape still gives a usable name (its last segment) and resource
 * (the rest), so errors stay readable for callers that use their own keys.
 */
export function parseKey(key: string): KeyParts {
  const parts = key.split('/');
  if (parts.length === 5 && parts[0] === '') {
    const [, group = '', resource = '', namespace = '', name = ''] = parts;
    return {
      group: group === CORE_GROUP_SEGMENT ? '' : group,
      resource,
      ...(namespace === CLUSTER_SCOPE_SEGMENT ? {} : { namespace }),
      name,
    };
  }
  const slash = key.lastIndexOf('/');
  return { group: '', resource: slash > 0 ? key.slice(0, slash) : 'objects', name: key.slice(slash + 1) };
}
