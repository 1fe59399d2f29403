/**
 * List ordering for strategic merge patch: where merged items land, and the `$setElementOrder`
 * consistency check (k8s: apimachinery/pkg/util/strategicpatch/patch.go normalizeElementOrder,
 * mergeSortedSlice, partition*ByPresentInList, validatePatchWithSetOrderList).
 */
import { isRecord } from '../../core/index.ts';
import { goValue } from './go-format.ts';
import { plainError } from './patch-errors.ts';

export const DIRECTIVE = '$patch';
export const SET_ORDER_PREFIX = '$setElementOrder';

/** What identifies an item: its merge-key value for lists of maps, the item itself for primitives. */
function identity(item: unknown, mergeKey: string | undefined): unknown {
  if (mergeKey === undefined) return item;
  return isRecord(item) ? item[mergeKey] : undefined;
}

function indexIn(list: readonly unknown[], item: unknown, mergeKey: string | undefined): number {
  const id = identity(item, mergeKey);
  return list.findIndex((v) => identity(v, mergeKey) === id);
}

export function noMergeKey(item: Record<string, unknown>, mergeKey: string): Error {
  return plainError(`map: ${goValue(item)} does not contain declared merge key: ${mergeKey}`);
}

function requireMergeKeys(mergeKey: string, ...lists: (readonly unknown[])[]): void {
  for (const list of lists) {
    for (const item of list) {
      if (!isRecord(item)) throw plainError(`expected a map, but received a ${typeof item}`);
      if (!(mergeKey in item)) throw noMergeKey(item, mergeKey);
    }
  }
}

/** Splits `items` into those present in `by` and the rest, each keeping its order. */
export function partition(
  items: readonly unknown[],
  by: readonly unknown[],
  mergeKey: string | undefined,
): [unknown[], unknown[]] {
  if (mergeKey !== undefined) requireMergeKeys(mergeKey, items);
  const present: unknown[] = [];
  const absent: unknown[] = [];
  for (const item of items) (indexIn(by, item, mergeKey) >= 0 ? present : absent).push(item);
  return [present, absent];
}

function sortBy(items: unknown[], order: readonly unknown[], mergeKey: string | undefined): unknown[] {
  // Array.prototype.sort is stable; items missing from `order` keep their relative place.
  return [...items].sort((a, b) => {
    const ia = indexIn(order, a, mergeKey);
    const ib = indexIn(order, b, mergeKey);
    return ia >= 0 && ib >= 0 ? ia - ib : 0;
  });
}

/**
 * Orders patch items by `patchOrder` and server-only items by `serverOrder`, then interleaves them:
 * a server-only item goes first only when both are known to the live list and it came earlier there.
 * So without `$setElementOrder`, items new to the list come before the server's own ones, as upstream.
 */
export function normalizeElementOrder(
  patchItems: unknown[],
  serverOnly: unknown[],
  patchOrder: readonly unknown[],
  serverOrder: readonly unknown[],
  mergeKey: string | undefined,
): unknown[] {
  if (mergeKey !== undefined) requireMergeKeys(mergeKey, patchItems, patchOrder, serverOnly, serverOrder);
  const right = sortBy(patchItems, patchOrder, mergeKey);
  const left = sortBy(serverOnly, serverOrder, mergeKey);
  const out: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    if (i >= left.length) out.push(right[j++]);
    else if (j >= right.length) out.push(left[i++]);
    else {
      const li = indexIn(serverOrder, left[i], mergeKey);
      const ri = indexIn(serverOrder, right[j], mergeKey);
      out.push(li >= 0 && ri >= 0 && li < ri ? left[i++] : right[j++]);
    }
  }
  return out;
}

/**
 * Checks that the items of the patch list appear in `$setElementOrder` and in the same relative
 * order (deletions and other directive items are ignored).
 */
export function validateSetElementOrder(
  patchList: readonly unknown[],
  order: readonly unknown[],
  mergeKey: string | undefined,
): void {
  if (order.length === 0 || patchList.length === 0) return;
  const items =
    mergeKey === undefined ? patchList : patchList.filter((v) => !(isRecord(v) && v[DIRECTIVE] === 'delete'));
  let p = 0;
  let s = 0;
  while (p < items.length && s < order.length) {
    const item = items[p];
    if (isRecord(item) && DIRECTIVE in item) {
      p++;
      continue;
    }
    if (mergeKey !== undefined) requireMergeKeys(mergeKey, [item, order[s]]);
    if (identity(item, mergeKey) === identity(order[s], mergeKey)) p++;
    s++;
  }
  if (p < items.length) {
    throw plainError(
      `The order in patch list:\n${goValue(patchList)}\n doesn't match ${SET_ORDER_PREFIX} list:\n${goValue(order)}\n`,
    );
  }
}
