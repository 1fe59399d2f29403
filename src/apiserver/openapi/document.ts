/**
 * /openapi/v3: a root listing each group/version with a content hash, and per group/version a document
 * with one PATCH operation per kind (x-kubernetes-group-version-kind and the fieldValidation parameter,
 * which kubectl's server-side field validation check needs, kubectl-api.md §3.2) and the component
 * schemas of its kinds, which `kubectl explain` renders. No SMP requestBody, so kubectl still computes
 * patches from its compiled-in types. Documents are cached per registry generation.
 */
import { createHash } from 'node:crypto';
import { errors } from '../../core/index.ts';
import type { Registry } from '../registry/registry.ts';
import type { ResourceInfo } from '../registry/types.ts';
import { addClosure, builtinSchemas, gvkKey, refsOf } from './builtin-schemas.ts';
import type { Schema } from './builtin-schemas.ts';
import { crdSchemas } from './crd-schemas.ts';
import type { MetaDescriptions } from './crd-schemas.ts';

function gvPath(group: string, version: string): string {
  return group === '' ? `api/${version}` : `apis/${group}/${version}`;
}

function patchOperation(r: ResourceInfo): Record<string, unknown> {
  const { group, version } = r;
  const op = r.namespaced
    ? `patch${group === '' ? 'Core' : ''}${version[0]!.toUpperCase()}${version.slice(1)}Namespaced${r.kind}`
    : `patch${r.kind}`;
  return {
    patch: {
      'x-kubernetes-group-version-kind': { group, version, kind: r.kind },
      'x-kubernetes-action': 'patch',
      operationId: op,
      parameters: [{ name: 'fieldValidation', in: 'query', schema: { type: 'string', uniqueItems: true } }],
      responses: { '200': { description: 'OK' } },
    },
  };
}

function description(schema: Schema | undefined, field: string): string {
  const props = schema?.properties as Record<string, { description?: string }> | undefined;
  return props?.[field]?.description ?? '';
}

function metaDescriptions(schemas: Readonly<Record<string, Schema>>): MetaDescriptions {
  const kind = schemas['io.k8s.api.core.v1.ConfigMap'];
  return {
    apiVersion: description(kind, 'apiVersion'),
    kind: description(kind, 'kind'),
    metadata: description(kind, 'metadata'),
    listMetadata: description(schemas['io.k8s.api.core.v1.ConfigMapList'], 'metadata'),
  };
}

/** The component schemas of one group/version: its kinds, their list kinds and everything they reference. */
function componentSchemas(resources: ResourceInfo[]): Record<string, Schema> {
  const builtin = builtinSchemas();
  const out: Record<string, Schema> = {};
  for (const r of resources) {
    if (r.crd) {
      const own = crdSchemas(r, metaDescriptions(builtin.schemas));
      for (const [name, s] of Object.entries(own)) {
        out[name] = s;
        for (const ref of refsOf(s)) addClosure(ref, builtin.schemas, out);
      }
      continue;
    }
    for (const kind of [r.kind, r.listKind]) {
      const name = builtin.byGvk.get(gvkKey(r.group, r.version, kind));
      if (name) addClosure(name, builtin.schemas, out);
    }
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

interface Cached {
  generation: number;
  /** The resources the document was built from: a CRD change elsewhere leaves them (and the document) as is. */
  resources: ResourceInfo[];
  serverVersion: string;
  doc: Record<string, unknown>;
  hash: string;
}

const cache = new WeakMap<Registry, Map<string, Cached>>();

function cached(registry: Registry, group: string, version: string, serverVersion: string): Cached {
  let perRegistry = cache.get(registry);
  if (!perRegistry) cache.set(registry, (perRegistry = new Map<string, Cached>()));
  const key = `${group}/${version}`;
  const hit = perRegistry.get(key);
  if (hit && hit.generation === registry.generation && hit.serverVersion === serverVersion) return hit;
  const resources = registry.all().filter((r) => r.group === group && r.version === version);
  if (resources.length === 0) throw errors.notFound('', '', `${group}/${version}`);
  if (
    hit &&
    hit.serverVersion === serverVersion &&
    hit.resources.length === resources.length &&
    hit.resources.every((r, i) => r === resources[i])
  ) {
    hit.generation = registry.generation;
    return hit;
  }
  const paths: Record<string, unknown> = {};
  for (const r of resources) {
    const base = `/${gvPath(group, version)}`;
    const path = r.namespaced
      ? `${base}/namespaces/{namespace}/${r.resource}/{name}`
      : `${base}/${r.resource}/{name}`;
    paths[path] = patchOperation(r);
  }
  const doc = {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: serverVersion },
    paths,
    components: { schemas: componentSchemas(resources) },
  };
  const hash = createHash('sha512').update(JSON.stringify(doc)).digest('hex').slice(0, 16).toUpperCase();
  const entry = { generation: registry.generation, resources, serverVersion, doc, hash };
  perRegistry.set(key, entry);
  return entry;
}

export function openapiGroupVersion(
  registry: Registry,
  group: string,
  version: string,
  serverVersion: string,
): Record<string, unknown> {
  return cached(registry, group, version, serverVersion).doc;
}

export function openapiRoot(registry: Registry, serverVersion: string): Record<string, unknown> {
  const paths: Record<string, unknown> = {};
  for (const g of registry.groups()) {
    for (const v of g.versions) {
      const p = gvPath(g.name, v.version);
      const { hash } = cached(registry, g.name, v.version, serverVersion);
      paths[p] = { serverRelativeURL: `/openapi/v3/${p}?hash=${hash}` };
    }
  }
  return { paths };
}
