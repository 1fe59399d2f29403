/** Tolerant accessors for plain-JSON objects, so validators read user input without casts everywhere. */
import { isRecord } from '../../core/index.ts';

export type Rec = Record<string, unknown>;

/** The value as a record, or an empty one. */
export const rec = (v: unknown): Rec => (isRecord(v) ? v : {});
/** The value as a record, or undefined. */
export const recOrUndef = (v: unknown): Rec | undefined => (isRecord(v) ? v : undefined);
/** The value as an array of records (non-records become {}), or []. */
export const recs = (v: unknown): Rec[] => (Array.isArray(v) ? v.map(rec) : []);
export const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
export const str = (v: unknown): string => (typeof v === 'string' ? v : '');
export const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);
export const strMap = (v: unknown): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(rec(v))) out[k] = typeof x === 'string' ? x : String(x);
  return out;
};

/** Ensures `parent[key]` is a record and returns it (defaulting creates intermediate objects). */
export function ensure(parent: Rec, key: string): Rec {
  const cur = parent[key];
  if (isRecord(cur)) return cur;
  const fresh: Rec = {};
  parent[key] = fresh;
  return fresh;
}

/** Sets `parent[key] = value` when the field is absent (undefined or null), as Go defaulters do for nil pointers. */
export function setDefault(parent: Rec, key: string, value: unknown): void {
  if (parent[key] === undefined || parent[key] === null) parent[key] = value;
}

/** Sets a string field when absent or empty: Go defaulters test `== ""`. */
export function setDefaultString(parent: Rec, key: string, value: string): void {
  if (parent[key] === undefined || parent[key] === null || parent[key] === '') parent[key] = value;
}

export const deepEqual = (a: unknown, b: unknown): boolean =>
  JSON.stringify(canon(a)) === JSON.stringify(canon(b));

function canon(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canon);
  if (isRecord(v))
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, canon(v[k])]),
    );
  return v;
}
