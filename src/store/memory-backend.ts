/**
 * The memory driver: a sorted key index and an event array. For tests and throwaway clusters;
 * nothing survives the process. Values are kept as JSON text and parsed on each read (faster than
 * structuredClone), so callers always get copies and nothing they do can change stored state.
 */
import type { ApiError } from '../core/index.ts';
import {
  applyWrite,
  INITIAL_REVISION,
  isApiError,
  type Applied,
  type Backend,
  type WriteOp,
} from './backend.ts';
import type { ListResult, StoreEvent, StoredObject } from './types.ts';

/** First index in sorted `keys` whose key is >= `key`. */
function lowerBound(keys: string[], key: string): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((keys[mid] as string) < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class MemoryBackend implements Backend {
  #objects = new Map<string, string>();
  #keys: string[] = [];
  /** log[i].revision === #compacted + 1 + i: every revision after the first is one event. */
  #log: StoreEvent[] = [];
  /** A fresh store is at revision 1, as etcd is, so no list ever reports 0 ("from now" to watch). */
  #revision = INITIAL_REVISION;
  #compacted = INITIAL_REVISION;

  write(op: WriteOp): Promise<Applied | ApiError> {
    const revision = this.#revision + 1;
    const stored = this.#objects.get(op.key);
    const applied = applyWrite(
      stored === undefined ? undefined : (JSON.parse(stored) as StoredObject),
      op,
      revision,
    );
    if (isApiError(applied)) return Promise.resolve(applied);
    this.#revision = revision;
    if (applied.next) {
      if (!this.#objects.has(op.key)) this.#keys.splice(lowerBound(this.#keys, op.key), 0, op.key);
      this.#objects.set(op.key, JSON.stringify(applied.next));
    } else {
      this.#objects.delete(op.key);
      this.#keys.splice(lowerBound(this.#keys, op.key), 1);
    }
    this.#log.push(applied.event);
    return Promise.resolve(applied);
  }

  get(key: string): StoredObject | undefined {
    const found = this.#objects.get(key);
    return found === undefined ? undefined : (JSON.parse(found) as StoredObject);
  }

  list(prefix: string): ListResult {
    const items: StoredObject[] = [];
    for (let i = lowerBound(this.#keys, prefix); i < this.#keys.length; i++) {
      const key = this.#keys[i] as string;
      if (!key.startsWith(prefix)) break;
      items.push(JSON.parse(this.#objects.get(key) as string) as StoredObject);
    }
    return { items, revision: this.#revision };
  }

  history(after: number, prefix: string): StoreEvent[] {
    const start = Math.max(0, after - this.#compacted);
    const out: StoreEvent[] = [];
    for (let i = start; i < this.#log.length; i++) {
      const event = this.#log[i] as StoreEvent;
      if (event.key.startsWith(prefix)) out.push(event);
    }
    return out;
  }

  revision(): number {
    return this.#revision;
  }

  compactedRevision(): number {
    return this.#compacted;
  }

  compact(revision: number): Promise<void> {
    if (revision > this.#compacted) {
      this.#log.splice(0, revision - this.#compacted);
      this.#compacted = revision;
    }
    return Promise.resolve();
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
