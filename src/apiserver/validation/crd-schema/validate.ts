/**
 * Validation of a custom resource against its CRD's openAPIV3Schema, with the texts kube-openapi's validator
 * produces after apiextensions-apiserver turns them into field errors
 * (k8s: staging/src/k8s.io/apiextensions-apiserver/pkg/apiserver/validation/validation.go; kube-openapi
 * pkg/validation/errors/schema.go), e.g. `spec.addresses: Invalid value: "string": spec.addresses in body must be of type array: "string"`.
 * CEL rules (x-kubernetes-validations) are not evaluated.
 */
import type { FieldError } from '../../../core/index.ts';
import { isRecord } from '../../../core/index.ts';
import { invalid, notSupported, required, tooLongMaxLength, tooMany, typeInvalid } from '../field-errors.ts';
import type { StructuralSchema } from './schema.ts';
import { RESOURCE_FIELDS, asSchema, jsonType } from './schema.ts';

export function validateCustomResource(obj: Record<string, unknown>, schema: unknown): FieldError[] {
  const errs: FieldError[] = [];
  const s = asSchema(schema);
  if (s) validateObject(obj, s, '', true, errs);
  return errs;
}

function typeMatches(value: unknown, s: StructuralSchema): boolean {
  const actual = jsonType(value);
  if (s['x-kubernetes-int-or-string']) return actual === 'integer' || actual === 'string';
  if (!s.type) return true;
  if (s.type === 'number') return actual === 'number' || actual === 'integer';
  return actual === s.type;
}

function validateValue(value: unknown, s: StructuralSchema, path: string, errs: FieldError[]): void {
  if (value === null) {
    if (s.nullable !== true)
      errs.push(typeInvalid(path, 'null', `${path} in body must be of type ${s.type ?? 'object'}: "null"`));
    return;
  }
  if (!typeMatches(value, s)) {
    const want = s['x-kubernetes-int-or-string'] ? 'integer,string' : (s.type ?? '');
    errs.push(
      typeInvalid(path, jsonType(value), `${path} in body must be of type ${want}: "${jsonType(value)}"`),
    );
    return;
  }
  if (s.enum && !s.enum.some((e) => JSON.stringify(e) === JSON.stringify(value)))
    errs.push(
      notSupported(
        path,
        value,
        s.enum.map((e) => (typeof e === 'string' ? e : JSON.stringify(e))),
      ),
    );
  for (const sub of s.allOf ?? []) validateValue(value, sub, path, errs);
  if (typeof value === 'string') {
    if (s.maxLength !== undefined && [...value].length > s.maxLength)
      errs.push(tooLongMaxLength(path, s.maxLength));
    if (s.minLength !== undefined && [...value].length < s.minLength)
      errs.push(invalid(path, value, `${path} in body should be at least ${s.minLength} chars long`));
    if (s.pattern !== undefined && !safeRegExp(s.pattern)?.test(value))
      errs.push(invalid(path, value, `${path} in body should match '${s.pattern}'`));
  } else if (typeof value === 'number') {
    if (s.minimum !== undefined && (s.exclusiveMinimum ? value <= s.minimum : value < s.minimum))
      errs.push(
        invalid(
          path,
          value,
          `${path} in body should be greater than ${s.exclusiveMinimum ? '' : 'or equal to '}${s.minimum}`,
        ),
      );
    if (s.maximum !== undefined && (s.exclusiveMaximum ? value >= s.maximum : value > s.maximum))
      errs.push(
        invalid(
          path,
          value,
          `${path} in body should be less than ${s.exclusiveMaximum ? '' : 'or equal to '}${s.maximum}`,
        ),
      );
  } else if (Array.isArray(value)) {
    if (s.maxItems !== undefined && value.length > s.maxItems)
      errs.push(tooMany(path, value.length, s.maxItems));
    if (s.minItems !== undefined && value.length < s.minItems)
      errs.push(invalid(path, value.length, `${path} in body should have at least ${s.minItems} items`));
    if (s.uniqueItems && new Set(value.map((v) => JSON.stringify(v))).size !== value.length)
      errs.push(invalid(path, value, `${path} in body shouldn't contain duplicates`));
    const items = s.items;
    if (items) value.forEach((item, i) => validateValue(item, items, `${path}[${i}]`, errs));
  } else if (isRecord(value)) {
    validateObject(value, s, path, s['x-kubernetes-embedded-resource'] === true, errs);
  }
}

function validateObject(
  obj: Record<string, unknown>,
  s: StructuralSchema,
  path: string,
  isResource: boolean,
  errs: FieldError[],
): void {
  const at = (key: string): string => (path ? `${path}.${key}` : key);
  for (const key of s.required ?? []) if (obj[key] === undefined) errs.push(required(at(key), ''));
  const count = Object.keys(obj).length;
  if (s.minProperties !== undefined && count < s.minProperties)
    errs.push(invalid(path, count, `${path} in body should have at least ${s.minProperties} properties`));
  if (s.maxProperties !== undefined && count > s.maxProperties)
    errs.push(invalid(path, count, `${path} in body should have at most ${s.maxProperties} properties`));
  if (s['x-kubernetes-embedded-resource'] && path) {
    if (typeof obj.kind !== 'string' || !obj.kind) errs.push(required(at('kind'), 'must not be empty'));
    if (typeof obj.apiVersion !== 'string' || !obj.apiVersion)
      errs.push(required(at('apiVersion'), 'must not be empty'));
  }
  const additional = asSchema(s.additionalProperties);
  for (const [key, value] of Object.entries(obj)) {
    if (isResource && RESOURCE_FIELDS.includes(key)) continue;
    const prop = s.properties?.[key] ?? additional;
    if (prop) validateValue(value, prop, at(key), errs);
  }
}

const regexCache = new Map<string, RegExp | undefined>();

/** ECMA-262 is what kube-openapi's patterns are written in; an unparseable one matches nothing. */
function safeRegExp(pattern: string): RegExp | undefined {
  if (!regexCache.has(pattern)) {
    let re: RegExp | undefined;
    try {
      re = new RegExp(pattern, 'u');
    } catch {
      re = undefined;
    }
    regexCache.set(pattern, re);
  }
  return regexCache.get(pattern);
}
