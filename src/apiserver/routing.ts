/**
 * Parses a Kubernetes REST path into what it names: discovery documents, or a resource target
 * (`/api/v1/namespaces/default/pods/nginx/log`, `/apis/apps/v1/watch/deployments`).
 */
import type { Registry } from './registry/registry.ts';
import type { ResourceInfo } from './registry/types.ts';

export type Route =
  | { kind: 'version' | 'health' | 'openapi-v2' | 'openapi-v3-root' | 'api-root' | 'apis-root' }
  | { kind: 'openapi-v3-gv'; group: string; version: string }
  | { kind: 'group'; group: string }
  | { kind: 'group-version'; group: string; version: string }
  | { kind: 'resource'; target: Target }
  | { kind: 'unknown' };

export interface Target {
  info: ResourceInfo;
  /** Undefined for cluster-scoped resources and cross-namespace lists. */
  namespace?: string;
  name?: string;
  subresource?: string;
  /** Legacy `/watch/` path segment. */
  legacyWatch: boolean;
}

const HEALTH = new Set(['/healthz', '/livez', '/readyz']);

export function route(path: string, registry: Registry): Route {
  const clean = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
  if (clean === '/version') return { kind: 'version' };
  if (HEALTH.has(clean) || /^\/(healthz|livez|readyz)\//.test(clean)) return { kind: 'health' };
  if (clean === '/openapi/v2' || clean === '/swagger-2.0.0.pb-v1') return { kind: 'openapi-v2' };
  if (clean === '/openapi/v3') return { kind: 'openapi-v3-root' };
  const oa = /^\/openapi\/v3\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))$/.exec(clean);
  if (oa)
    return oa[1]
      ? { kind: 'openapi-v3-gv', group: '', version: 'v1' }
      : { kind: 'openapi-v3-gv', group: oa[2]!, version: oa[3]! };
  if (clean === '/api') return { kind: 'api-root' };
  if (clean === '/apis') return { kind: 'apis-root' };
  const seg = clean.split('/').slice(1).map(decodeURIComponent);
  let group: string;
  let version: string;
  let rest: string[];
  if (seg[0] === 'api' && seg.length >= 2) {
    group = '';
    version = seg[1]!;
    rest = seg.slice(2);
  } else if (seg[0] === 'apis' && seg.length >= 2) {
    group = seg[1]!;
    if (seg.length === 2)
      return registry.all().some((r) => r.group === group) ? { kind: 'group', group } : { kind: 'unknown' };
    version = seg[2]!;
    rest = seg.slice(3);
  } else {
    return { kind: 'unknown' };
  }
  if (!registry.hasGroupVersion(group, version)) return { kind: 'unknown' };
  if (rest.length === 0) return { kind: 'group-version', group, version };
  let legacyWatch = false;
  if (rest[0] === 'watch') {
    legacyWatch = true;
    rest = rest.slice(1);
  }
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    const nsScoped = registry.lookup(group, version, rest[2]!);
    if (nsScoped?.namespaced) {
      namespace = rest[1];
      rest = rest.slice(2);
    }
  }
  const info = registry.lookup(group, version, rest[0] ?? '');
  if (!info || rest.length > 3) return { kind: 'unknown' };
  if (info.namespaced === false && namespace !== undefined) return { kind: 'unknown' };
  const target: Target = { info, legacyWatch };
  if (namespace !== undefined) target.namespace = namespace;
  if (rest[1] !== undefined) target.name = rest[1];
  if (rest[2] !== undefined) target.subresource = rest[2];
  return { kind: 'resource', target };
}
