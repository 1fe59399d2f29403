/**
 * Strategic merge patch as the API server applies it (k8s: apimachinery/pkg/util/strategicpatch/
 * patch.go StrategicMergeMapPatch with MergeParallelList and IgnoreUnmatchedNulls): maps merge,
 * lists with a merge key merge item by item, other lists are replaced, `null` deletes a key, and
 * the directives `$patch`, `$retainKeys`, `$setElementOrder/<list>`, `$deleteFromPrimitiveList/<list>`.
 *
 * One deliberate difference: where upstream copies a patch value verbatim into a field the live
 * object lacks (and lets the typed decoder drop leftover `$…` keys), we merge it into an empty value,
 * so directives never reach the stored JSON.
 */
import { isRecord } from '../../core/index.ts';
import {
  DIRECTIVE,
  SET_ORDER_PREFIX,
  noMergeKey,
  normalizeElementOrder,
  partition,
  validateSetElementOrder,
} from './element-order.ts';
import { goValue } from './go-format.ts';
import { badRequest, plainError, rejected } from './patch-errors.ts';
import type { FieldMeta, Schema } from './merge-keys.ts';

type JsonMap = Record<string, unknown>;

const RETAIN_KEYS = '$retainKeys';
const DELETE_FROM_PRIMITIVE_PREFIX = '$deleteFromPrimitiveList';

/** Applies `patch` to `original` under `schema`. Neither input is mutated. */
export function strategicMerge(original: JsonMap, patch: JsonMap, schema: Schema): JsonMap {
  return mergeMap(structuredClone(original), structuredClone(patch), schema);
}

/** `$setElementOrder/containers` → `containers`; a malformed key is a 400 as upstream. */
function fieldOf(key: string, prefix: string): string {
  const slash = key.indexOf('/');
  if (slash < 0 || key.slice(0, slash) !== prefix) {
    throw badRequest(
      prefix === SET_ORDER_PREFIX
        ? 'invalid patch format of setElementOrder list'
        : 'invalid patch format of primitive list',
    );
  }
  return key.slice(slash + 1);
}

// Works on private clones: mutates `original` and `patch` freely, like upstream.
function mergeMap(original: JsonMap, patch: JsonMap, schema: Schema): JsonMap {
  const directive = patch[DIRECTIVE];
  if (directive !== undefined) {
    // Upstream rejects `$patch: merge` on a map; merging is what it asks for, so we do that.
    if (directive !== 'replace' && directive !== 'delete' && directive !== 'merge') {
      throw plainError(`unknown patch type: ${goValue(directive)} in map: ${goValue(patch)}`);
    }
    delete patch[DIRECTIVE];
    if (directive === 'replace') return mergeMap({}, patch, schema);
    if (directive === 'delete') return {};
  }
  applyRetainKeys(original, patch);
  applySetElementOrder(original, patch, schema);

  for (const [key, patchValue] of Object.entries(patch)) {
    const isDeleteList = key.startsWith(DELETE_FROM_PRIMITIVE_PREFIX);
    const field = isDeleteList ? fieldOf(key, DELETE_FROM_PRIMITIVE_PREFIX) : key;
    if (patchValue === null) {
      delete original[field];
      continue;
    }
    const meta = schema[field] ?? {};
    if (!(field in original)) {
      // Deleting from a list or a map that is not there leaves nothing to do.
      if (isDeleteList || (isRecord(patchValue) && patchValue[DIRECTIVE] === 'delete')) continue;
      original[field] = fresh(patchValue, meta);
      continue;
    }
    const liveValue = original[field];
    if (isRecord(liveValue) && isRecord(patchValue)) {
      original[field] =
        meta.strategy === 'replace'
          ? fresh(patchValue, {})
          : mergeMap(liveValue, patchValue, meta.type ?? {});
    } else if (Array.isArray(liveValue) && Array.isArray(patchValue)) {
      // kubectl only sends deletion lists for merge lists; honour one even where our table is silent.
      if (isDeleteList) original[field] = liveValue.filter((v) => !patchValue.includes(v));
      else original[field] = meta.strategy === 'merge' ? mergeList(liveValue, patchValue, meta) : patchValue;
    } else {
      // Scalars, and any change of JSON type, replace.
      original[field] = fresh(patchValue, meta);
    }
  }
  return original;
}

/** A patch value for a field the live object lacks, with its directives applied and removed. */
function fresh(value: unknown, meta: FieldMeta): unknown {
  if (isRecord(value)) return meta.strategy === 'replace' ? value : mergeMap({}, value, meta.type ?? {});
  if (Array.isArray(value) && meta.strategy === 'merge') return mergeList([], value, meta);
  return value;
}

/** `$retainKeys`: drop live keys not listed; every key the patch sets must be listed. */
function applyRetainKeys(original: JsonMap, patch: JsonMap): void {
  if (!(RETAIN_KEYS in patch)) return;
  const retain = patch[RETAIN_KEYS];
  delete patch[RETAIN_KEYS];
  if (!Array.isArray(retain)) throw badRequest('invalid patch format of retainKeys');
  const keep = new Set<unknown>(retain);
  for (const [key, value] of Object.entries(patch)) {
    if (value === null || key.startsWith(DELETE_FROM_PRIMITIVE_PREFIX) || key.startsWith(SET_ORDER_PREFIX)) {
      continue;
    }
    if (!keep.has(key)) throw badRequest('invalid patch format of retainKeys');
  }
  for (const key of Object.keys(original)) if (!keep.has(key)) delete original[key];
}

/**
 * `$setElementOrder/<list>`: merge the patch list (if any) into the live list, then order the
 * result by the directive, keeping server-only items in their live order. Consumes both keys.
 */
function applySetElementOrder(original: JsonMap, patch: JsonMap, schema: Schema): void {
  for (const key of Object.keys(patch)) {
    if (!key.startsWith(SET_ORDER_PREFIX)) continue;
    const order = patch[key];
    delete patch[key];
    const field = fieldOf(key, SET_ORDER_PREFIX);
    if (!Array.isArray(order)) throw badRequest('invalid patch format of setElementOrder list');
    const liveValue = original[field];
    const patchValue = patch[field];
    if (liveValue !== undefined && !Array.isArray(liveValue)) {
      throw plainError(`expected a []interface {}, but received a ${typeof liveValue}`);
    }
    if (patchValue !== undefined && !Array.isArray(patchValue)) {
      throw plainError(`expected a []interface {}, but received a ${typeof patchValue}`);
    }
    const meta = schema[field] ?? {};
    const mergeKey = meta.strategy === 'merge' ? meta.mergeKey : undefined;
    validateSetElementOrder(patchValue ?? [], order, mergeKey);
    if (liveValue === undefined && patchValue === undefined) continue;

    let merged: unknown[];
    if (patchValue === undefined) merged = liveValue ?? [];
    else if (meta.strategy === 'merge') merged = mergeList(liveValue ?? [], patchValue, meta);
    else merged = patchValue;
    delete patch[field];

    const [inOrder, serverOnly] = partition(merged, order, mergeKey);
    original[field] = normalizeElementOrder(inOrder, serverOnly, order, liveValue ?? [], mergeKey);
  }
}

type ElementKind = 'map' | 'scalar';

function elementKind(...lists: (readonly unknown[])[]): ElementKind | undefined {
  let kind: string | undefined;
  for (const list of lists) {
    for (const item of list) {
      // ErrNoListOfLists, which the handler answers with a bare 422.
      if (Array.isArray(item)) throw rejected();
      const k = isRecord(item) ? 'map' : typeof item;
      if (kind !== undefined && kind !== k) {
        throw plainError(`list element types are not identical: ${goValue(lists)}`);
      }
      kind = k;
    }
  }
  return kind === undefined ? undefined : kind === 'map' ? 'map' : 'scalar';
}

/** Merges a list whose field has `patchStrategy:"merge"` (mergeSlice upstream). */
function mergeList(live: unknown[], patch: unknown[], meta: FieldMeta): unknown[] {
  if (live.length === 0 && patch.length === 0) return live;
  const kind = elementKind(live, patch);
  if (kind === 'scalar') {
    const merged = [...new Set([...live, ...patch])];
    const [fromPatch, serverOnly] = partition(merged, patch, undefined);
    return normalizeElementOrder(fromPatch, serverOnly, patch, live, undefined);
  }
  const mergeKey = meta.mergeKey;
  if (mergeKey === undefined) throw plainError('cannot merge lists without merge key for type struct');
  const [base, items] = applySpecialElements(
    live as JsonMap[],
    patch as JsonMap[],
    mergeKey,
    meta.type ?? {},
  );
  const merged = [...base];
  for (const item of items) {
    if (!(mergeKey in item)) throw noMergeKey(item, mergeKey);
    const at = merged.findIndex((m) => m[mergeKey] === item[mergeKey]);
    if (at >= 0) merged[at] = mergeMap(merged[at] as JsonMap, item, meta.type ?? {});
    else merged.push(mergeMap({}, item, meta.type ?? {}));
  }
  const [fromPatch, serverOnly] = partition(merged, items, mergeKey);
  return normalizeElementOrder(fromPatch, serverOnly, items, base, mergeKey);
}

/**
 * List items carrying `$patch`: `delete` removes live items with that merge-key value; `replace`
 * makes the other patch items the whole list. Returns the live list to merge into and the plain items.
 */
function applySpecialElements(
  live: JsonMap[],
  patch: JsonMap[],
  mergeKey: string,
  itemSchema: Schema,
): [JsonMap[], JsonMap[]] {
  let base = live;
  let replace = false;
  const plain: JsonMap[] = [];
  for (const item of patch) {
    const directive = item[DIRECTIVE];
    if (directive === undefined) plain.push(item);
    else if (directive === 'delete') {
      if (!(mergeKey in item)) throw noMergeKey(item, mergeKey);
      base = base.filter((v) => v[mergeKey] !== item[mergeKey]);
    } else if (directive === 'replace') replace = true;
    else if (directive === 'merge') throw plainError('merging lists cannot yet be specified in the patch');
    else throw plainError(`unknown patch type: ${goValue(directive)} in map: ${goValue(item)}`);
  }
  if (replace) return [plain.map((item) => mergeMap({}, item, itemSchema)), []];
  return [base, plain];
}
