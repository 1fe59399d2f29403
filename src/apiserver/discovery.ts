/**
 * Discovery: aggregated (apidiscovery.k8s.io v2 and v2beta1, chosen by the Accept header and answered
 * with the exact content type kubectl matches on) and legacy (/api, /apis, /api/v1, /apis/G[/V]).
 */
import { errors } from '../core/index.ts';
import type { Registry } from './registry/registry.ts';
import type { ResourceInfo } from './registry/types.ts';

export type AggregatedVersion = 'v2' | 'v2beta1';

/** The aggregated variant the Accept header prefers, if any (first match wins, as Go's negotiation). */
export function aggregatedWanted(accept: string | undefined): AggregatedVersion | undefined {
  for (const part of (accept ?? '').split(',')) {
    const p = part.replace(/\s+/g, '');
    if (!p.includes('as=APIGroupDiscoveryList') || !p.includes('g=apidiscovery.k8s.io')) {
      if (p.startsWith('application/json') || p === '*/*') return undefined;
      continue;
    }
    if (/;v=v2(;|$)/.test(p)) return 'v2';
    if (/;v=v2beta1(;|$)/.test(p)) return 'v2beta1';
  }
  return undefined;
}

export function aggregatedContentType(v: AggregatedVersion): string {
  return `application/json;g=apidiscovery.k8s.io;v=${v};as=APIGroupDiscoveryList`;
}

function gvk(group: string, version: string, kind: string): Record<string, string> {
  return { group, version, kind };
}

function aggregatedResource(r: ResourceInfo): Record<string, unknown> {
  const out: Record<string, unknown> = {
    resource: r.resource,
    responseKind: gvk(r.group, r.version, r.kind),
    scope: r.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: r.singular,
    verbs: r.verbs,
  };
  if (r.shortNames.length > 0) out.shortNames = r.shortNames;
  if (r.categories.length > 0) out.categories = r.categories;
  if (r.subresources.length > 0) {
    out.subresources = r.subresources.map((s) => ({
      subresource: s.name,
      responseKind: gvk(s.kind.group, s.kind.version, s.kind.kind),
      verbs: s.verbs,
    }));
  }
  return out;
}

/** `core` true: the /api document (the legacy group only); false: /apis. */
export function aggregated(registry: Registry, v: AggregatedVersion, core: boolean): Record<string, unknown> {
  const groups = registry.groups().filter((g) => (g.name === '') === core);
  return {
    kind: 'APIGroupDiscoveryList',
    apiVersion: `apidiscovery.k8s.io/${v}`,
    metadata: {},
    items: groups.map((g) => ({
      metadata: { name: g.name, creationTimestamp: null },
      versions: g.versions.map((ver) => ({
        version: ver.version,
        resources: ver.resources.map(aggregatedResource),
        freshness: 'Current',
      })),
    })),
  };
}

export function apiVersions(serverAddress: string): Record<string, unknown> {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

function groupEntry(g: ReturnType<Registry['groups']>[number]): Record<string, unknown> {
  const versions = g.versions.map((v) => ({ groupVersion: `${g.name}/${v.version}`, version: v.version }));
  return { name: g.name, versions, preferredVersion: versions[0] };
}

export function apiGroupList(registry: Registry): Record<string, unknown> {
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: registry
      .groups()
      .filter((g) => g.name !== '')
      .map(groupEntry),
  };
}

export function apiGroup(registry: Registry, group: string): Record<string, unknown> {
  const g = registry.groups().find((x) => x.name === group);
  if (!g) throw errors.notFound('', '', group);
  return { kind: 'APIGroup', apiVersion: 'v1', ...groupEntry(g) };
}

export function apiResourceList(registry: Registry, group: string, version: string): Record<string, unknown> {
  const resources = registry.all().filter((r) => r.group === group && r.version === version);
  const list: Record<string, unknown>[] = [];
  for (const r of resources) {
    const main: Record<string, unknown> = {
      name: r.resource,
      singularName: r.singular,
      namespaced: r.namespaced,
      kind: r.kind,
      verbs: r.verbs,
    };
    if (r.shortNames.length > 0) main.shortNames = r.shortNames;
    if (r.categories.length > 0) main.categories = r.categories;
    list.push(main);
    for (const s of r.subresources) {
      const sub: Record<string, unknown> = {
        name: `${r.resource}/${s.name}`,
        singularName: '',
        namespaced: r.namespaced,
        kind: s.kind.kind,
        verbs: s.verbs,
      };
      if (s.kind.group !== group || s.kind.version !== version) {
        if (s.kind.group) sub.group = s.kind.group;
        sub.version = s.kind.version;
      }
      list.push(sub);
    }
  }
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: group === '' ? version : `${group}/${version}`,
    resources: list,
  };
}
