/**
 * Field sets as structured-merge-diff computes them: the set of an applied configuration
 * (typed/tofieldset.go) and the added/modified/removed sets between two objects (typed/compare.go,
 * typed.go Compare). A path is its elements joined by NUL; an element is `f:<field>`,
 * `k:<json of key fields>` (list item by merge key), `v:<json>` (set item) or `i:<index>`.
 */
import { isRecord } from '../../core/index.ts';
import { DEDUCED, KEY_DEFAULTS } from './type-schema.ts';
import type { TypeNode } from './type-schema.ts';

export type FieldSet = Set<string>;

export const SEP = '\u0000';

export function join(path: string, element: string): string {
  return path === '' ? element : path + SEP + element;
}

/** `k:{"containerPort":80,"protocol":"TCP"}`: key fields sorted by name, defaults filled in. */
export function itemElement(item: unknown, keys: readonly string[], index: number): string {
  if (!isRecord(item)) return `i:${index}`;
  const key: Record<string, unknown> = {};
  for (const k of [...keys].sort()) {
    const v = item[k] ?? KEY_DEFAULTS[k];
    if (v !== undefined) key[k] = v;
  }
  return `k:${JSON.stringify(key)}`;
}

function isLeaf(t: TypeNode): boolean {
  return t.kind === 'scalar' || t.kind === 'atomic';
}

function childType(t: TypeNode, field: string): TypeNode {
  if (t.kind === 'struct') return t.child(field);
  if (t.kind === 'map') return t.elem;
  return DEDUCED;
}

/** Whether a value of type t is tracked as a whole (a leaf) rather than by its parts. */
function leafValue(t: TypeNode, v: unknown): boolean {
  if (isLeaf(t)) return true;
  if (t.kind === 'list' || t.kind === 'set') return !Array.isArray(v);
  if (t.kind === 'deduced') return !isRecord(v);
  return !isRecord(v);
}

/** The fields a configuration sets (an applier's ownership). The root itself is not a member. */
export function toFieldSet(value: unknown, t: TypeNode): FieldSet {
  const out: FieldSet = new Set();
  walkSet(value, t, '', out);
  return out;
}

function walkSet(v: unknown, t: TypeNode, path: string, out: FieldSet): void {
  if (leafValue(t, v)) {
    if (path !== '') out.add(path);
    return;
  }
  if (Array.isArray(v)) {
    v.forEach((item, i) => {
      if (t.kind === 'set') out.add(join(path, `v:${JSON.stringify(item)}`));
      else if (t.kind === 'list') {
        const p = join(path, itemElement(item, t.keys, i));
        out.add(p);
        walkSet(item, t.elem, p, out);
      }
    });
    return;
  }
  for (const [key, child] of Object.entries(v as Record<string, unknown>)) {
    const p = join(path, `f:${key}`);
    walkSet(child, childType(t, key), p, out);
    // tofieldset.go visitMapItems: null or empty maps and undeclared (granular) keys are members.
    if (child === null || (isRecord(child) && Object.keys(child).length === 0) || t.kind === 'map')
      out.add(p);
  }
}

export interface Comparison {
  added: FieldSet;
  modified: FieldSet;
  removed: FieldSet;
}

/** What changed from lhs to rhs, as typed.go Compare (leaves compared by value). */
export function compare(lhs: unknown, rhs: unknown, t: TypeNode): Comparison {
  const c: Comparison = { added: new Set(), modified: new Set(), removed: new Set() };
  walkCompare(lhs, rhs, t, '', c);
  return c;
}

function isEmpty(v: unknown): boolean {
  if (v === undefined || v === null) return true;
  if (Array.isArray(v)) return v.length === 0;
  return isRecord(v) && Object.keys(v).length === 0;
}

function walkCompare(l: unknown, r: unknown, t: TypeNode, path: string, c: Comparison): void {
  const leaf =
    leafValue(t, l ?? r) || (l !== undefined && r !== undefined && leafValue(t, l) !== leafValue(t, r));
  // compare.go doMap/doList: both sides empty/null is a leaf, which keeps the empty/null distinction.
  if (leaf || (isEmpty(l) && isEmpty(r))) {
    if (path === '') return;
    if (l === undefined) c.added.add(path);
    else if (r === undefined) c.removed.add(path);
    else if (!deepEqual(l, r)) c.modified.add(path);
    return;
  }
  if (Array.isArray(l ?? r)) compareLists(l as unknown[] | undefined, r as unknown[] | undefined, t, path, c);
  else
    compareMaps(
      l as Record<string, unknown> | undefined,
      r as Record<string, unknown> | undefined,
      t,
      path,
      c,
    );
  // The post-item hook: a new or vanished list, list item or granular map is a member itself.
  // Struct fields are not (their leaves say it all), which matches the FieldsV1 kube writes.
  if (path === '' || t.kind === 'struct' || t.kind === 'deduced') return;
  if (l === undefined) c.added.add(path);
  else if (r === undefined) c.removed.add(path);
}

function compareMaps(
  l: Record<string, unknown> | undefined,
  r: Record<string, unknown> | undefined,
  t: TypeNode,
  path: string,
  c: Comparison,
): void {
  const keys = new Set([...Object.keys(l ?? {}), ...Object.keys(r ?? {})]);
  for (const key of keys) walkCompare(l?.[key], r?.[key], childType(t, key), join(path, `f:${key}`), c);
}

function compareLists(
  l: unknown[] | undefined,
  r: unknown[] | undefined,
  t: TypeNode,
  path: string,
  c: Comparison,
): void {
  if (t.kind === 'set') {
    const left = new Set((l ?? []).map((v) => JSON.stringify(v)));
    const right = new Set((r ?? []).map((v) => JSON.stringify(v)));
    for (const v of right) if (!left.has(v)) c.added.add(join(path, `v:${v}`));
    for (const v of left) if (!right.has(v)) c.removed.add(join(path, `v:${v}`));
    return;
  }
  if (t.kind !== 'list') return;
  const index = (list: unknown[] | undefined): Map<string, unknown> => {
    const m = new Map<string, unknown>();
    (list ?? []).forEach((item, i) => {
      const pe = itemElement(item, t.keys, i);
      if (!m.has(pe)) m.set(pe, item);
    });
    return m;
  };
  const left = index(l);
  const right = index(r);
  for (const pe of new Set([...left.keys(), ...right.keys()])) {
    const p = join(path, pe);
    const a = left.get(pe);
    const b = right.get(pe);
    walkCompare(a, b, t.elem, p, c);
    if (a === undefined) c.added.add(p);
    else if (b === undefined) c.removed.add(p);
  }
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((v, i) => deepEqual(v, b[i]));
  }
  if (isRecord(a) && isRecord(b)) {
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    return ka.every((k) => k in b && deepEqual(a[k], b[k]));
  }
  return false;
}

export function union(...sets: FieldSet[]): FieldSet {
  const out: FieldSet = new Set();
  for (const s of sets) for (const p of s) out.add(p);
  return out;
}

export function difference(a: FieldSet, b: FieldSet): FieldSet {
  return new Set([...a].filter((p) => !b.has(p)));
}

export function intersection(a: FieldSet, b: FieldSet): FieldSet {
  return new Set([...a].filter((p) => b.has(p)));
}

/** Keeps only paths under (or equal to) one of the given top-level fields, or drops them. */
export function filterTop(set: FieldSet, fields: readonly string[], keep: boolean): FieldSet {
  const tops = fields.map((f) => `f:${f}`);
  return new Set([...set].filter((p) => tops.some((top) => p === top || p.startsWith(top + SEP)) === keep));
}
