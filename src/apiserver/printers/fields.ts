/** Typed reads from plain-JSON API objects, as the printers need them (absent fields read as Go zero values). */
import { isRecord } from '../../core/index.ts';

export type Obj = Record<string, unknown>;

/** Follows `path` through nested objects; anything missing yields undefined. */
export function get(value: unknown, ...path: string[]): unknown {
  let cur = value;
  for (const key of path) {
    if (!isRecord(cur)) return undefined;
    cur = cur[key];
  }
  return cur;
}

export function rec(value: unknown): Obj {
  return isRecord(value) ? value : {};
}

export function arr(value: unknown): unknown[] {
  return Array.isArray(value) ? (value as unknown[]) : [];
}

export function recs(value: unknown): Obj[] {
  return arr(value).filter(isRecord);
}

/** A string field; Go's zero value '' when absent or of another type. */
export function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** An integer field (Go int32/int64); `dflt` when absent, as v1 defaulting would set it. */
export function int(value: unknown, dflt = 0): number {
  return typeof value === 'number' && Number.isFinite(value) ? Math.trunc(value) : dflt;
}

export function optInt(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? Math.trunc(value) : undefined;
}

export function bool(value: unknown): boolean {
  return value === true;
}

/** Number of keys of a map field (`len(obj.Data)` in Go). */
export function mapLen(value: unknown): number {
  return isRecord(value) ? Object.keys(value).length : 0;
}

/** An IntOrString field printed like intstr.IntOrString.String(). */
export function intOrString(value: unknown): string | undefined {
  if (typeof value === 'number') return String(Math.trunc(value));
  if (typeof value === 'string') return value;
  return undefined;
}
