/**
 * One page of a LIST, cut as etcd3's GetList cuts it (k8s staging/src/k8s.io/apiserver/pkg/storage/etcd3/store.go):
 * keys from the start key on, in key order, filtered, until `limit` items are taken; a continue
 * token when any key follows the last one taken; remainingItemCount only without selectors.
 */
import { encodeContinue } from './continue-token.ts';
import type { StoredObject } from '../store/types.ts';

export interface PageRequest {
  keyPrefix: string;
  /** Inclusive; undefined starts at the prefix. */
  startKey?: string;
  /** 0 = no paging. */
  limit: number;
  /** The revision the whole list (every page) is read at; goes into the token. */
  revision: number;
  /** True when no label or field selector is given (upstream `Predicate.Empty()`). */
  unfiltered: boolean;
}

export interface Page {
  items: StoredObject[];
  continue?: string;
  remainingItemCount?: number;
}

export function cutPage(all: StoredObject[], req: PageRequest, matches: (it: StoredObject) => boolean): Page {
  const from = req.startKey === undefined ? 0 : firstAtOrAfter(all, req.startKey);
  const items: StoredObject[] = [];
  for (let i = from; i < all.length; i++) {
    const it = all[i] as StoredObject;
    if (req.limit > 0 && items.length >= req.limit) {
      // The next key exists: the client must come back for it (even if it will not match).
      const last = items[items.length - 1] as StoredObject;
      const page: Page = {
        items,
        continue: encodeContinue(`${last.key}\u0000`, req.keyPrefix, req.revision),
      };
      // etcd's Count is every key from the start key on; minus the limit is what is left.
      if (req.unfiltered) page.remainingItemCount = all.length - from - req.limit;
      return page;
    }
    if (matches(it)) items.push(it);
  }
  return { items };
}

/** Binary search: the index of the first key >= `key` (the store lists in key order). */
function firstAtOrAfter(all: StoredObject[], key: string): number {
  let lo = 0;
  let hi = all.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((all[mid] as StoredObject).key < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
