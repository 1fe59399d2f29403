/**
 * REST paths for a resource type, as Kubernetes lays them out: `/api/v1/...` for the core group,
 * `/apis/<group>/<version>/...` otherwise, with `namespaces/<ns>/` before namespaced resources.
 */
import { ClientConfigError } from './errors.ts';

/** A resource type as discovery names it (plural `resource`), e.g. `{group:'apps', version:'v1', resource:'deployments'}`. */
export interface ResourceType {
  group: string;
  version: string;
  /** The plural, lower case: `pods`, `deployments`. */
  resource: string;
  namespaced: boolean;
  /** The kind, when known: used for apiVersion/kind defaults on create. */
  kind?: string;
}

export interface PathTarget {
  namespace?: string;
  name?: string;
  subresource?: string;
}

/** The group/version prefix: `/api/v1` or `/apis/apps/v1`. */
export function groupVersionPath(type: Pick<ResourceType, 'group' | 'version'>): string {
  return type.group === '' ? `/api/${type.version}` : `/apis/${type.group}/${type.version}`;
}

/**
 * Builds the path for a collection or one object. A namespaced type without a namespace gives the
 * all-namespaces collection (`/api/v1/pods`), valid for list and watch only; a namespace given for a
 * cluster-scoped type is ignored, as client-go's NamespaceIfScoped does.
 */
export function resourcePath(type: ResourceType, target: PathTarget = {}): string {
  const parts = [groupVersionPath(type)];
  if (type.namespaced && target.namespace) parts.push('namespaces', encodeURIComponent(target.namespace));
  parts.push(type.resource);
  if (target.name !== undefined) {
    if (target.name === '') throw new ClientConfigError(`resource name may not be empty (${type.resource})`);
    if (type.namespaced && !target.namespace) {
      throw new ClientConfigError(`a namespace is needed to address ${type.resource} "${target.name}"`);
    }
    parts.push(encodeURIComponent(target.name));
    if (target.subresource) parts.push(target.subresource);
  } else if (target.subresource) {
    throw new ClientConfigError(`subresource ${target.subresource} needs an object name`);
  }
  return parts.join('/');
}
