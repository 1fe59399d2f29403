/**
 * The structured-merge-diff view of a built-in kind's schema: which maps are structs (declared
 * fields), granular maps (labels) or atomic, and which lists are associative (keyed), sets or atomic
 * (k8s: sigs.k8s.io/structured-merge-diff/v4/schema/elements.go; kube-openapi pkg/schemaconv).
 *
 * Built lazily from the OpenAPI components in ../openapi/builtin-schemas.json. Those carry the
 * strategic-merge tags but not `x-kubernetes-list-type`/`-list-map-keys`, so the list types are
 * derived from the tags (merge key → associative, merge without key → set, untagged → atomic, as
 * upstream's default list type is atomic) plus the few multi-key lists of k8s.io/api types.go.
 */
import { builtinSchemas, gvkKey, REF_PREFIX } from '../openapi/builtin-schemas.ts';
import type { Schema } from '../openapi/builtin-schemas.ts';

export type TypeNode =
  | { readonly kind: 'scalar' }
  | { readonly kind: 'atomic' }
  /** A map whose keys are declared fields (a Go struct); `child` resolves a field's type. */
  | { readonly kind: 'struct'; child(field: string): TypeNode }
  /** A granular map (`map[string]T`): each key is tracked on its own. */
  | { readonly kind: 'map'; readonly elem: TypeNode }
  | { readonly kind: 'list'; readonly elem: TypeNode; readonly keys: readonly string[] }
  | { readonly kind: 'set' }
  /** No schema (custom resources): maps behave as structs of deduced fields, lists are atomic. */
  | { readonly kind: 'deduced' };

export const SCALAR: TypeNode = { kind: 'scalar' };
export const ATOMIC: TypeNode = { kind: 'atomic' };
export const DEDUCED: TypeNode = { kind: 'deduced' };

/** `+listType=map` lists with more than one `+listMapKey` (k8s.io/api core/v1 types.go). */
const MULTI_KEYS: Record<string, readonly string[]> = {
  'io.k8s.api.core.v1.Container.ports': ['containerPort', 'protocol'],
  'io.k8s.api.core.v1.EphemeralContainer.ports': ['containerPort', 'protocol'],
  'io.k8s.api.core.v1.ServiceSpec.ports': ['port', 'protocol'],
  'io.k8s.api.core.v1.PodSpec.topologySpreadConstraints': ['topologyKey', 'whenUnsatisfiable'],
};

/** Key fields with a schema default, filled in when an item omits them (SMD keys-with-defaults). */
export const KEY_DEFAULTS: Readonly<Record<string, unknown>> = { protocol: 'TCP' };

/** Structs tagged `+structType=atomic` in k8s.io/api and apimachinery meta/v1. */
const ATOMIC_STRUCTS = new Set([
  'io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector',
  'io.k8s.api.core.v1.LocalObjectReference',
  'io.k8s.api.core.v1.ObjectReference',
  'io.k8s.api.core.v1.TypedLocalObjectReference',
  'io.k8s.api.core.v1.NodeSelector',
]);

const components = new Map<string, TypeNode>();

function refName(schema: Schema): string | undefined {
  const ref =
    schema.$ref ?? (Array.isArray(schema.allOf) ? (schema.allOf[0] as Schema | undefined)?.$ref : undefined);
  return typeof ref === 'string' && ref.startsWith(REF_PREFIX) ? ref.slice(REF_PREFIX.length) : undefined;
}

function componentType(name: string): TypeNode {
  const cached = components.get(name);
  if (cached) return cached;
  const schema = builtinSchemas().schemas[name];
  let node: TypeNode;
  if (!schema) node = DEDUCED;
  else if (ATOMIC_STRUCTS.has(name)) node = ATOMIC;
  else node = typeOf(schema, name);
  components.set(name, node);
  return node;
}

function structOf(properties: Record<string, Schema>, owner: string): TypeNode {
  const fields = new Map<string, TypeNode>();
  return {
    kind: 'struct',
    child(field: string): TypeNode {
      let t = fields.get(field);
      if (t === undefined) {
        const p = properties[field];
        t = p ? fieldType(p, `${owner}.${field}`) : DEDUCED;
        fields.set(field, t);
      }
      return t;
    },
  };
}

function fieldType(schema: Schema, path: string): TypeNode {
  if (schema.type === 'array') {
    const items = (schema.items ?? {}) as Schema;
    const key = schema['x-kubernetes-patch-merge-key'];
    const rawStrategy = schema['x-kubernetes-patch-strategy'];
    const strategy = typeof rawStrategy === 'string' ? rawStrategy : '';
    const listType = schema['x-kubernetes-list-type'];
    const mapKeys = schema['x-kubernetes-list-map-keys'];
    if (listType === 'map' && Array.isArray(mapKeys))
      return { kind: 'list', elem: typeOf(items, path), keys: mapKeys as string[] };
    if (listType === 'set') return { kind: 'set' };
    if (listType === 'atomic') return ATOMIC;
    if (typeof key === 'string')
      return { kind: 'list', elem: typeOf(items, path), keys: MULTI_KEYS[path] ?? [key] };
    if (strategy.includes('merge')) return { kind: 'set' };
    return ATOMIC;
  }
  return typeOf(schema, path);
}

function typeOf(schema: Schema, path: string): TypeNode {
  const ref = refName(schema);
  if (ref !== undefined) return componentType(ref);
  if (schema['x-kubernetes-map-type'] === 'atomic') return ATOMIC;
  if (schema.type === 'array') return fieldType(schema, path);
  if (schema.type === 'object' || schema.properties !== undefined) {
    if (schema.properties !== undefined) return structOf(schema.properties as Record<string, Schema>, path);
    if (schema.additionalProperties !== undefined && typeof schema.additionalProperties === 'object')
      return { kind: 'map', elem: typeOf(schema.additionalProperties as Schema, path) };
    return DEDUCED;
  }
  return schema.type === undefined && schema.format === undefined ? DEDUCED : SCALAR;
}

/** The root type of a built-in kind, or DEDUCED when kubelab has no schema for it. */
export function rootType(group: string, version: string, kind: string, builtIn: boolean): TypeNode {
  if (!builtIn) return DEDUCED;
  const name = builtinSchemas().byGvk.get(gvkKey(group, version, kind));
  return name === undefined ? DEDUCED : componentType(name);
}
