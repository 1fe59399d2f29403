/**
 * Structural pruning and defaulting of custom resources (k8s: staging/src/k8s.io/apiextensions-apiserver/pkg/
 * apiserver/schema/pruning/algorithm.go, schema/defaulting/algorithm.go): unknown fields are dropped (and reported
 * for fieldValidation=Strict as `unknown field "spec.foo"`) unless x-kubernetes-preserve-unknown-fields; nulls of
 * non-nullable fields are dropped; absent fields with a `default` get it.
 */
import { isRecord } from '../../../core/index.ts';
import type { StructuralSchema } from './schema.ts';
import { RESOURCE_FIELDS, asSchema } from './schema.ts';

/** Prunes `obj` in place; returns the `unknown field "…"` texts for what was dropped, in document order. */
export function pruneCustomResource(obj: Record<string, unknown>, schema: unknown): string[] {
  const s = asSchema(schema);
  // No schema (a CRD still being established): keep everything rather than prune it all.
  if (!s) return [];
  const out: string[] = [];
  pruneObject(obj, s, '', true, out);
  return out;
}

function pruneObject(
  obj: Record<string, unknown>,
  s: StructuralSchema,
  path: string,
  isResource: boolean,
  out: string[],
): void {
  const preserve = s['x-kubernetes-preserve-unknown-fields'] === true;
  const additional = asSchema(s.additionalProperties);
  for (const key of Object.keys(obj)) {
    const childPath = path ? `${path}.${key}` : key;
    const value = obj[key];
    if (isResource && RESOURCE_FIELDS.includes(key)) continue;
    const prop = s.properties?.[key] ?? additional;
    if (!prop) {
      if (!preserve && s.additionalProperties !== true) {
        delete obj[key];
        out.push(`unknown field "${childPath}"`);
      }
      continue;
    }
    if (value === null && prop.nullable !== true && prop.default === undefined) {
      delete obj[key];
      continue;
    }
    pruneValue(value, prop, childPath, out);
  }
}

function pruneValue(value: unknown, s: StructuralSchema, path: string, out: string[]): void {
  if (isRecord(value)) {
    if (
      s.properties ||
      s.additionalProperties !== undefined ||
      s['x-kubernetes-embedded-resource'] ||
      s.type === 'object'
    )
      pruneObject(value, s, path, s['x-kubernetes-embedded-resource'] === true, out);
  } else if (Array.isArray(value) && s.items) {
    value.forEach((item, i) => pruneValue(item, s.items as StructuralSchema, `${path}[${i}]`, out));
  }
}

/** Applies schema defaults in place (absent or, where not nullable, null fields). */
export function defaultCustomResource(obj: Record<string, unknown>, schema: unknown): void {
  const s = asSchema(schema);
  if (s) defaultValue(obj, s);
}

function defaultValue(value: unknown, s: StructuralSchema): void {
  if (isRecord(value)) {
    for (const [key, prop] of Object.entries(s.properties ?? {})) {
      if (
        prop.default !== undefined &&
        (value[key] === undefined || (value[key] === null && prop.nullable !== true))
      )
        value[key] = structuredClone(prop.default);
      if (value[key] !== undefined) defaultValue(value[key], prop);
    }
    const additional = asSchema(s.additionalProperties);
    if (additional)
      for (const key of Object.keys(value)) if (!s.properties?.[key]) defaultValue(value[key], additional);
  } else if (Array.isArray(value) && s.items) {
    for (const item of value) defaultValue(item, s.items);
  }
}
