/**
 * Maps an object's apiVersion/kind to its resource type through legacy discovery
 * (`GET /api/v1`, `GET /apis/<group>/<version>` → APIResourceList), as kubectl's RESTMapper does, so a
 * component can write objects from a manifest it did not know the types of. One group/version list
 * is fetched on first use and cached; a miss refetches once, since a CRD may have just been created.
 */
import { ApiError, isRecord, parseApiVersion } from '../core/index.ts';
import type { ApiTransport, KubeObject } from '../core/index.ts';
import { apiErrorFromResponse } from './errors.ts';
import { groupVersionPath } from './paths.ts';
import type { ResourceType } from './paths.ts';

export interface ResourceMapper {
  /** Throws ApiError NOT_FOUND `no matches for kind "X" in version "g/v"` when the server has no such kind. */
  resourceFor(object: Pick<KubeObject, 'apiVersion' | 'kind'>): Promise<ResourceType>;
  /** Forgets every cached group/version. */
  invalidate(): void;
}

interface ApiResource {
  name: string;
  kind: string;
  namespaced: boolean;
}

function parseResourceList(body: unknown): ApiResource[] {
  const resources = isRecord(body) && Array.isArray(body.resources) ? (body.resources as unknown[]) : [];
  return resources.filter(
    (r): r is ApiResource =>
      isRecord(r) && typeof r.name === 'string' && !r.name.includes('/') && typeof r.kind === 'string',
  );
}

export function createResourceMapper(transport: ApiTransport): ResourceMapper {
  const cache = new Map<string, Promise<ApiResource[]>>();

  function fetchList(apiVersion: string): Promise<ApiResource[]> {
    const gv = parseApiVersion(apiVersion);
    return transport.request({ method: 'GET', path: groupVersionPath(gv) }).then((res) => {
      if (res.status === 404) return []; // the group/version does not exist (yet)
      if (res.status < 200 || res.status >= 300) throw apiErrorFromResponse(res, 'GET');
      return parseResourceList(res.body);
    });
  }

  function listFor(apiVersion: string, fresh: boolean): Promise<ApiResource[]> {
    let entry = fresh ? undefined : cache.get(apiVersion);
    if (!entry) {
      entry = fetchList(apiVersion);
      cache.set(apiVersion, entry);
      entry.catch(() => cache.delete(apiVersion));
    }
    return entry;
  }

  return {
    async resourceFor({ apiVersion, kind }) {
      const gv = parseApiVersion(apiVersion);
      for (const fresh of [false, true]) {
        const found = (await listFor(apiVersion, fresh)).find((r) => r.kind === kind);
        if (found) return { ...gv, resource: found.name, namespaced: Boolean(found.namespaced), kind };
      }
      // kubectl: `no matches for kind "IPAddressPool" in version "metallb.io/v1beta1"`
      throw new ApiError('NOT_FOUND', `no matches for kind "${kind}" in version "${apiVersion}"`, {
        kind,
        ...(gv.group ? { group: gv.group } : {}),
      });
    },
    invalidate: () => cache.clear(),
  };
}
