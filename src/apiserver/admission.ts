/**
 * The admission chain every write goes through: fieldValidation (Strict/Warn/Ignore) with
 * unknownFields(), defaulting, and validation → 422 Invalid, using the validation module.
 */
import { ApiError, errors } from '../core/index.ts';
import type { FieldError, KubeObject } from '../core/index.ts';
import * as validation from './validation/index.ts';
import type { Allocators, Operation } from './validation/index.ts';
import type { ResourceInfo } from './registry/types.ts';

/** Exports the validation helper may add later; looked up at run time so the server works either way. */
interface OptionalValidation {
  validateCustomResource?: (obj: KubeObject, schema: unknown) => FieldError[];
  unknownCustomFields?: (obj: KubeObject, schema: unknown) => string[];
}

const optional = validation as unknown as OptionalValidation;

export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

export function fieldValidationOf(value: string | undefined): FieldValidation {
  if (value === undefined || value === '' || value === 'Warn') return 'Warn';
  if (value === 'Strict' || value === 'Ignore') return value;
  throw errors.badRequest(
    `fieldValidation parameter unsupported: ${value}; allowed values: Ignore, Strict, Warn`,
  );
}

function unknownOf(info: ResourceInfo, obj: KubeObject): string[] {
  const found = info.builtIn
    ? validation.unknownFields(obj)
    : (optional.unknownCustomFields?.(obj, info.crd?.schema) ?? []);
  return found.map((f) => (f.startsWith('unknown field') ? f : `unknown field "${f}"`));
}

/**
 * Throws 400 for Strict; returns the warnings for Warn. A create or update body gets kube's decode
 * error text (`Ingress in version "v1" cannot be handled as a Ingress: strict decoding error: …`),
 * a patch the bare `strict decoding error: …` (k8s: endpoints/handlers/rest.go, patch.go).
 */
export function checkFields(
  info: ResourceInfo,
  obj: KubeObject,
  mode: FieldValidation,
  patch = false,
): string[] {
  if (mode === 'Ignore') return [];
  const unknown = unknownOf(info, obj);
  if (unknown.length === 0) return [];
  if (mode === 'Strict') {
    const bare = `strict decoding error: ${unknown.join(', ')}`;
    const full = `${info.kind} in version ${JSON.stringify(info.version)} cannot be handled as a ${info.kind}: ${bare}`;
    throw new ApiError('BAD_REQUEST', patch ? bare : full);
  }
  return unknown;
}

/** Defaults then validates in place; throws 422 with kube's "is invalid" message. */
export function admit(
  info: ResourceInfo,
  obj: KubeObject,
  op: Operation,
  old: KubeObject | undefined,
  allocators: Allocators,
): void {
  let errs: FieldError[];
  if (info.builtIn) {
    validation.applyDefaults(obj, op, old, allocators);
    errs = validation.validateObject(obj, op, old);
  } else {
    errs = optional.validateCustomResource?.(obj, info.crd?.schema) ?? [];
  }
  if (errs.length > 0) throw errors.invalid(info.kind, info.group, obj.metadata.name ?? '', errs);
}
