/**
 * The durable driver on LMDB (lmdb-js): one environment with three databases in it — `objects`
 * (key → StoredObject, ordered for prefix lists), `log` (revision → StoreEvent, for watch resume
 * across restarts) and `meta` (the revision counter and the compacted revision). Every write is one
 * LMDB transaction, committed with a full sync before its promise resolves, so an acknowledged
 * write survives kill -9 (and power loss, as far as the disk honours fsync).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { open, type Database, type RootDatabase } from 'lmdb';
import type { ApiError } from '../core/index.ts';
import {
  applyWrite,
  INITIAL_REVISION,
  isApiError,
  type Applied,
  type Backend,
  type WriteOp,
} from './backend.ts';
import type { LmdbStoreConfig } from './config.ts';
import { StoreConfigError } from './errors.ts';
import { acquireLock, type Lock } from './lock.ts';
import type { ListResult, StoreEvent, StoredObject } from './types.ts';

const REVISION = 'revision';
const COMPACTED = 'compacted';

export class LmdbBackend implements Backend {
  #root: RootDatabase;
  #objects: Database<StoredObject, string>;
  #log: Database<StoreEvent, number>;
  #meta: Database<number, string>;
  #lock: Lock;

  private constructor(root: RootDatabase, lock: Lock) {
    this.#root = root;
    this.#lock = lock;
    this.#objects = root.openDB<StoredObject, string>({ name: 'objects' });
    this.#log = root.openDB<StoreEvent, number>({ name: 'log' });
    this.#meta = root.openDB<number, string>({ name: 'meta' });
  }

  static open(config: LmdbStoreConfig): Promise<LmdbBackend> {
    if (typeof config.path !== 'string' || config.path === '') {
      throw new StoreConfigError('path', 'the lmdb driver needs a directory path');
    }
    mkdirSync(config.path, { recursive: true });
    const lock = acquireLock(join(config.path, 'store.lock'));
    try {
      const root = open({
        path: join(config.path, 'data.mdb'),
        // Durability: sync inside each commit, and resolve writes only after it. overlappingSync
        // (lmdb-js's default on Linux) resolves on commit and flushes later; noSync/noMetaSync
        // could lose acknowledged writes. So all three are off, explicitly.
        overlappingSync: false,
        noSync: false,
        noMetaSync: false,
        maxDbs: 4,
      });
      return Promise.resolve(new LmdbBackend(root, lock));
    } catch (error) {
      lock.release();
      throw error;
    }
  }

  write(op: WriteOp): Promise<Applied | ApiError> {
    // The callback runs in LMDB's single write transaction, in call order, so the read of the
    // current value and counter and the writes are atomic; returning (not throwing) an ApiError
    // leaves the rest of the batched transaction intact.
    return this.#root.transaction(() => {
      const revision = (this.#meta.get(REVISION) ?? INITIAL_REVISION) + 1;
      const applied = applyWrite(this.#objects.get(op.key), op, revision);
      if (isApiError(applied)) return applied;
      if (applied.next) void this.#objects.put(op.key, applied.next);
      else void this.#objects.remove(op.key);
      void this.#log.put(revision, applied.event);
      void this.#meta.put(REVISION, revision);
      return applied;
    });
  }

  get(key: string): StoredObject | undefined {
    return this.#objects.get(key);
  }

  list(prefix: string): ListResult {
    // The counter and the range are read in one synchronous turn, i.e. from one read snapshot.
    const revision = this.revision();
    const items: StoredObject[] = [];
    // The end bound stops the scan without decoding the first value past the prefix.
    for (const { key, value } of this.#objects.getRange({ start: prefix, end: `${prefix}\uffff` })) {
      if (!key.startsWith(prefix)) break;
      items.push(value);
    }
    return { items, revision };
  }

  history(after: number, prefix: string): StoreEvent[] {
    const out: StoreEvent[] = [];
    for (const { value } of this.#log.getRange({ start: after + 1 })) {
      if (value.key.startsWith(prefix)) out.push(value);
    }
    return out;
  }

  revision(): number {
    return this.#meta.get(REVISION) ?? INITIAL_REVISION;
  }

  compactedRevision(): number {
    return this.#meta.get(COMPACTED) ?? INITIAL_REVISION;
  }

  async compact(revision: number): Promise<void> {
    await this.#root.transaction(() => {
      const from = this.#meta.get(COMPACTED) ?? INITIAL_REVISION;
      if (revision <= from) return;
      for (const key of this.#log.getKeys({ start: from, end: revision + 1 })) void this.#log.remove(key);
      void this.#meta.put(COMPACTED, revision);
    });
  }

  async close(): Promise<void> {
    try {
      await this.#root.close();
    } finally {
      this.#lock.release();
    }
  }
}
