/**
 * /openapi/v3: the minimal documents kubectl's server-side field validation check needs
 * (kubectl-api.md §3.2): a root listing each group/version, and per group/version one PATCH
 * operation per kind carrying x-kubernetes-group-version-kind and the fieldValidation parameter.
 * No SMP requestBody, so kubectl computes patches from its compiled-in types.
 */
import { createHash } from 'node:crypto';
import { errors } from '../core/index.ts';
import type { Registry } from './registry/registry.ts';

function gvPath(group: string, version: string): string {
  return group === '' ? `api/${version}` : `apis/${group}/${version}`;
}

export function openapiGroupVersion(
  registry: Registry,
  group: string,
  version: string,
  serverVersion: string,
): Record<string, unknown> {
  const resources = registry.all().filter((r) => r.group === group && r.version === version);
  if (resources.length === 0) throw errors.notFound('', '', `${group}/${version}`);
  const paths: Record<string, unknown> = {};
  for (const r of resources) {
    const base = `/${gvPath(group, version)}`;
    const path = r.namespaced
      ? `${base}/namespaces/{namespace}/${r.resource}/{name}`
      : `${base}/${r.resource}/{name}`;
    const op = r.namespaced
      ? `patch${group === '' ? 'Core' : ''}${version[0]!.toUpperCase()}${version.slice(1)}Namespaced${r.kind}`
      : `patch${r.kind}`;
    paths[path] = {
      patch: {
        'x-kubernetes-group-version-kind': { group, version, kind: r.kind },
        'x-kubernetes-action': 'patch',
        operationId: op,
        parameters: [{ name: 'fieldValidation', in: 'query', schema: { type: 'string', uniqueItems: true } }],
        responses: { '200': { description: 'OK' } },
      },
    };
  }
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: serverVersion },
    paths,
    components: { schemas: {} },
  };
}

export function openapiRoot(registry: Registry, serverVersion: string): Record<string, unknown> {
  const paths: Record<string, unknown> = {};
  for (const g of registry.groups()) {
    for (const v of g.versions) {
      const doc = JSON.stringify(openapiGroupVersion(registry, g.name, v.version, serverVersion));
      const hash = createHash('sha512').update(doc).digest('hex').slice(0, 16).toUpperCase();
      const p = gvPath(g.name, v.version);
      paths[p] = { serverRelativeURL: `/openapi/v3/${p}?hash=${hash}` };
    }
  }
  return { paths };
}
