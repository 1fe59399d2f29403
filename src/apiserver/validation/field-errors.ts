/**
 * Field errors as k8s.io/apimachinery/pkg/util/validation/field/errors.go builds them, with Go's value
 * formatting (`%q` strings, bare numbers, `%#v` for maps and slices, Stringer for IntOrString).
 */
import type { FieldError } from '../../core/index.ts';

/** A value printed verbatim, for Go values that have no JSON twin (`core.ServicePort{...}`, IntOrString). */
export class GoText {
  constructor(readonly text: string) {}
}

/** IntOrString implements fmt.Stringer, so kube prints `0` or `25%` bare (intstr.IntOrString.String()). */
export const intOrString = (v: unknown): GoText => new GoText(String(v));

/** Go `%q`; JSON escaping matches it for everything kubectl users type. */
export const quote = (s: string): string => JSON.stringify(s);

/** Formats a value as field.Error.ErrorBody does. */
export function goValue(value: unknown): string {
  if (value instanceof GoText) return value.text;
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return quote(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    const elem = value.every((v) => typeof v === 'string') ? 'string' : 'interface {}';
    return `[]${elem}{${value.map(goValue).join(', ')}}`;
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    const elem = entries.every(([, v]) => typeof v === 'string') ? 'string' : 'interface {}';
    return `map[string]${elem}{${entries.map(([k, v]) => `${quote(k)}:${goValue(v)}`).join(', ')}}`;
  }
  return typeof value === 'bigint' ? value.toString() : typeof value;
}

function make(type: string, field: string, body: string, detail = ''): FieldError {
  return { type, field, message: `${field}: ${body}${detail ? `: ${detail}` : ''}` };
}

/** field.Invalid: `f: Invalid value: <v>: detail`. */
export const invalid = (field: string, value: unknown, detail: string): FieldError =>
  make('FieldValueInvalid', field, `Invalid value: ${goValue(value)}`, detail);

/** field.Required: `f: Required value[: detail]`. */
export const required = (field: string, detail = ''): FieldError =>
  make('FieldValueRequired', field, 'Required value', detail);

/** field.Forbidden: `f: Forbidden: detail`. */
export const forbidden = (field: string, detail: string): FieldError =>
  make('FieldValueForbidden', field, 'Forbidden', detail);

/** field.Duplicate: `f: Duplicate value: <v>`. */
export const duplicate = (field: string, value: unknown): FieldError =>
  make('FieldValueDuplicate', field, `Duplicate value: ${goValue(value)}`);

/** field.NotFound: `f: Not found: <v>`. */
export const notFound = (field: string, value: unknown): FieldError =>
  make('FieldValueNotFound', field, `Not found: ${goValue(value)}`);

/** field.NotSupported: `f: Unsupported value: "X": supported values: "A", "B"`. */
export const notSupported = (field: string, value: unknown, valid: readonly string[]): FieldError =>
  make(
    'FieldValueNotSupported',
    field,
    `Unsupported value: ${goValue(value)}`,
    valid.length ? `supported values: ${valid.map(quote).join(', ')}` : '',
  );

/** field.TooLong: `f: Too long: must have at most N bytes`. */
export const tooLong = (field: string, max: number): FieldError =>
  make('FieldValueTooLong', field, 'Too long', `must have at most ${max} bytes`);

/** field.TooLongMaxLength: `f: Too long: may not be longer than N` (used by CRD schemas). */
export const tooLongMaxLength = (field: string, max: number): FieldError =>
  make('FieldValueTooLong', field, 'Too long', `may not be longer than ${max}`);

/** field.TooMany: `f: Too many: N: must have at most M items`. */
export const tooMany = (field: string, actual: number, max: number): FieldError =>
  make('FieldValueTooMany', field, `Too many: ${actual}`, `must have at most ${max} items`);

/** field.TypeInvalid: printed like Invalid. */
export const typeInvalid = (field: string, value: unknown, detail: string): FieldError =>
  make('FieldValueTypeInvalid', field, `Invalid value: ${goValue(value)}`, detail);

/** Path helpers mirroring field.Path.Child/Index. */
export const child = (path: string, ...names: string[]): string =>
  [path, ...names].filter((p) => p !== '').join('.');
export const index = (path: string, i: number | string): string => `${path}[${i}]`;
