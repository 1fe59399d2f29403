/**
 * A client for one resource type: get, list, create, update, updateStatus, patch, delete and watch
 * over an ApiTransport; non-2xx answers are thrown as the ApiError the server raised.
 */
import type { ApiRequest, ApiTransport, KubeObject, WatchEvent, WatchHandle } from '../core/index.ts';
import { apiVersionOf } from '../core/index.ts';
import { apiErrorFromResponse, ClientConfigError } from './errors.ts';
import { resourcePath } from './paths.ts';
import type { ResourceType } from './paths.ts';

export interface ListMeta {
  resourceVersion?: string;
  continue?: string;
  [field: string]: unknown;
}

export interface KubeList<T extends KubeObject = KubeObject> {
  apiVersion: string;
  kind: string;
  metadata: ListMeta;
  items: T[];
}

export interface ListOptions {
  /** Omit for all namespaces (namespaced types) or for cluster-scoped types. */
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  resourceVersion?: string;
  resourceVersionMatch?: 'Exact' | 'NotOlderThan';
  /** Page size; `list` still returns every page, following `continue`. */
  limit?: number;
  timeoutSeconds?: number;
}

export interface WatchOptions extends Omit<ListOptions, 'limit' | 'resourceVersionMatch'> {
  allowWatchBookmarks?: boolean;
}

export interface WriteOptions {
  /** Defaults to the object's metadata.namespace. */
  namespace?: string;
  fieldManager?: string;
  dryRun?: boolean;
}

/** Kubernetes' patch types: `merge` (RFC 7386), `json` (RFC 6902), `strategic`, `apply` (server-side apply). */
export type PatchType = 'merge' | 'json' | 'strategic' | 'apply';

export const PATCH_CONTENT_TYPE: Record<PatchType, string> = {
  merge: 'application/merge-patch+json',
  json: 'application/json-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  apply: 'application/apply-patch+yaml',
};

export interface PatchOptions extends WriteOptions {
  subresource?: string;
  /** Server-side apply: take fields owned by other managers. */
  force?: boolean;
}

export interface DeleteOptions {
  namespace?: string;
  propagationPolicy?: 'Background' | 'Foreground' | 'Orphan';
  gracePeriodSeconds?: number;
  preconditions?: { uid?: string; resourceVersion?: string };
  dryRun?: boolean;
}

export interface ResourceClient<T extends KubeObject = KubeObject> {
  readonly type: ResourceType;
  get(name: string, options?: { namespace?: string }): Promise<T>;
  list(options?: ListOptions): Promise<KubeList<T>>;
  create(object: T, options?: WriteOptions): Promise<T>;
  update(object: T, options?: WriteOptions): Promise<T>;
  updateStatus(object: T, options?: WriteOptions): Promise<T>;
  patch(name: string, type: PatchType, body: unknown, options?: PatchOptions): Promise<T>;
  /** Returns what the server answers: the object (possibly with deletionTimestamp) or a Success Status. */
  delete(name: string, options?: DeleteOptions): Promise<KubeObject>;
  /** Events arrive in order; `onClose` runs once. ERROR events carry a Status (e.g. 410 Expired). */
  watch(
    options: WatchOptions,
    onEvent: (event: WatchEvent) => void,
    onClose: (err?: Error) => void,
  ): WatchHandle;
}

function writeQuery(o: WriteOptions & { force?: boolean }): Record<string, string> {
  const q: Record<string, string> = {};
  if (o.fieldManager) q.fieldManager = o.fieldManager;
  if (o.dryRun) q.dryRun = 'All';
  if (o.force !== undefined) q.force = String(o.force);
  return q;
}

function listQuery(o: ListOptions | WatchOptions): Record<string, string> {
  const q: Record<string, string> = {};
  for (const key of ['labelSelector', 'fieldSelector', 'resourceVersion', 'resourceVersionMatch'] as const) {
    const v = (o as ListOptions)[key];
    if (v) q[key] = v;
  }
  if ('limit' in o && o.limit !== undefined) q.limit = String(o.limit);
  if (o.timeoutSeconds !== undefined) q.timeoutSeconds = String(o.timeoutSeconds);
  if ('allowWatchBookmarks' in o && o.allowWatchBookmarks) q.allowWatchBookmarks = 'true';
  return q;
}

export function resourceClient<T extends KubeObject = KubeObject>(
  transport: ApiTransport,
  type: ResourceType,
): ResourceClient<T> {
  async function call<R>(req: ApiRequest): Promise<R> {
    const res = await transport.request(req);
    if (res.status < 200 || res.status >= 300) throw apiErrorFromResponse(res, req.method);
    return res.body as R;
  }

  const namespaceOf = (object: KubeObject, options: WriteOptions) =>
    options.namespace ?? object.metadata.namespace;

  function withTypeMeta(object: T): T {
    // Writes without apiVersion/kind are rejected by the server's decoder; fill them from the type.
    if (object.apiVersion && object.kind) return object;
    if (!type.kind) throw new ClientConfigError(`${type.resource}: object has no apiVersion/kind`);
    return { ...object, apiVersion: object.apiVersion || apiVersionOf(type), kind: object.kind || type.kind };
  }

  function nameOf(object: KubeObject): string {
    const name = object.metadata.name;
    if (!name) throw new ClientConfigError(`${type.resource}: update needs metadata.name`);
    return name;
  }

  return {
    type,
    get: async (name, options = {}) =>
      call<T>({ method: 'GET', path: resourcePath(type, { namespace: options.namespace, name }) }),

    async list(options = {}) {
      const path = resourcePath(type, { namespace: options.namespace });
      const query = listQuery(options);
      const first = await call<KubeList<T>>({ method: 'GET', path, query });
      // Follow continue tokens as client-go's pager does, so callers always see the whole list.
      let page = first;
      while (page.metadata?.continue) {
        page = await call<KubeList<T>>({
          method: 'GET',
          path,
          query: { ...query, continue: page.metadata.continue },
        });
        first.items.push(...page.items);
      }
      if (first.metadata) delete first.metadata.continue;
      first.items ??= [];
      return first;
    },

    create: async (object, options = {}) =>
      call<T>({
        method: 'POST',
        path: resourcePath(type, { namespace: namespaceOf(object, options) }),
        query: writeQuery(options),
        body: withTypeMeta(object),
      }),

    update: async (object, options = {}) =>
      call<T>({
        method: 'PUT',
        path: resourcePath(type, { namespace: namespaceOf(object, options), name: nameOf(object) }),
        query: writeQuery(options),
        body: withTypeMeta(object),
      }),

    updateStatus: async (object, options = {}) =>
      call<T>({
        method: 'PUT',
        path: resourcePath(type, {
          namespace: namespaceOf(object, options),
          name: nameOf(object),
          subresource: 'status',
        }),
        query: writeQuery(options),
        body: withTypeMeta(object),
      }),

    async patch(name, patchType, body, options = {}) {
      if (patchType === 'apply' && !options.fieldManager) {
        throw new ClientConfigError('server-side apply needs a fieldManager');
      }
      return call<T>({
        method: 'PATCH',
        path: resourcePath(type, { namespace: options.namespace, name, subresource: options.subresource }),
        query: writeQuery(options),
        headers: { 'content-type': PATCH_CONTENT_TYPE[patchType] },
        body,
      });
    },

    async delete(name, options = {}) {
      const body: Record<string, unknown> = { apiVersion: 'v1', kind: 'DeleteOptions' };
      if (options.propagationPolicy) body.propagationPolicy = options.propagationPolicy;
      if (options.gracePeriodSeconds !== undefined) body.gracePeriodSeconds = options.gracePeriodSeconds;
      if (options.preconditions) body.preconditions = options.preconditions;
      if (options.dryRun) body.dryRun = ['All'];
      return call<KubeObject>({
        method: 'DELETE',
        path: resourcePath(type, { namespace: options.namespace, name }),
        body,
      });
    },

    watch: (options, onEvent, onClose) =>
      transport.watch(
        {
          method: 'GET',
          path: resourcePath(type, { namespace: options.namespace }),
          query: { ...listQuery(options), watch: 'true' },
        },
        onEvent,
        onClose,
      ),
  };
}
