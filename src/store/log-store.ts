/**
 * The driver-independent Store (kine pkg/logstructured): writes go through a Backend that assigns
 * the next revision atomically; committed events are published in revision order to the
 * broadcaster; watches subscribe, then replay the log, so there is no gap and no duplicate;
 * history beyond `historySize` revisions is compacted and watches from before it get 410 Gone.
 */
import { ApiError, errors, type KubeObject } from '../core/index.ts';
import { isApiError, type Backend, type WriteOp } from './backend.ts';
import { Broadcaster, WatchQueue } from './broadcaster.ts';
import type { ResolvedOptions } from './config.ts';
import { rewindList } from './list-at.ts';
import { StoreClosedError, tooOldRevision } from './errors.ts';
import type {
  ListResult,
  Store,
  StoreEvent,
  StoredObject,
  WatchHandlers,
  WatchOptions,
  Watcher,
} from './types.ts';

/** Objects are plain JSON: copy through JSON so no caller reference (or non-JSON value) gets stored. */
function jsonCopy(object: KubeObject): KubeObject {
  if (typeof object !== 'object' || object === null || Array.isArray(object)) {
    throw errors.badRequest('store: the object must be a JSON object');
  }
  return JSON.parse(JSON.stringify(object)) as KubeObject;
}

function checkKey(key: unknown): asserts key is string {
  if (typeof key !== 'string' || key === '')
    throw errors.badRequest('store: the key must be a non-empty string');
}

function checkRevision(name: string, value: unknown): asserts value is number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw errors.badRequest(`store: ${name} must be a non-negative integer, got ${String(value)}`);
  }
}

export class LogStore implements Store {
  #backend: Backend;
  #options: ResolvedOptions;
  #broadcaster = new Broadcaster();
  /** Committed events waiting for a lower revision to be published first. */
  #unpublished = new Map<number, StoreEvent>();
  #published: number;
  #inflight = new Set<Promise<unknown>>();
  #compacting: Promise<void> | undefined;
  #closed = false;

  constructor(backend: Backend, options: ResolvedOptions) {
    this.#backend = backend;
    this.#options = options;
    this.#published = backend.revision();
  }

  // Reads and writes report every failure as a rejected promise, never a synchronous throw.

  get(key: string): Promise<StoredObject | undefined> {
    return this.#read(() => {
      checkKey(key);
      return this.#backend.get(key);
    });
  }

  list(prefix: string): Promise<ListResult> {
    return this.#read(() => {
      if (typeof prefix !== 'string') throw errors.badRequest('store: the prefix must be a string');
      return this.#backend.list(prefix);
    });
  }

  listAt(prefix: string, revision: number): Promise<ListResult> {
    return this.#read(() => {
      if (typeof prefix !== 'string') throw errors.badRequest('store: the prefix must be a string');
      checkRevision('revision', revision);
      // One synchronous turn: the list, the log and the compaction mark describe the same state.
      const current = this.#backend.list(prefix);
      if (revision > current.revision) {
        throw errors.badRequest(
          `store: cannot list at revision ${revision}, beyond the current revision ${current.revision}`,
        );
      }
      const compacted = this.#backend.compactedRevision();
      if (revision < compacted) throw tooOldRevision(revision, compacted);
      if (revision === current.revision) return current;
      return rewindList(current, this.#backend.history(revision, prefix), revision);
    });
  }

  create(key: string, object: KubeObject): Promise<StoredObject> {
    return this.#write(() => {
      checkKey(key);
      return { op: 'create', key, object: jsonCopy(object) };
    });
  }

  update(key: string, object: KubeObject, expectedRevision?: number): Promise<StoredObject> {
    return this.#write(() => {
      checkKey(key);
      if (expectedRevision !== undefined) checkRevision('expectedRevision', expectedRevision);
      return { op: 'update', key, object: jsonCopy(object), expectedRevision };
    });
  }

  delete(key: string, expectedRevision?: number): Promise<StoredObject> {
    return this.#write(() => {
      checkKey(key);
      if (expectedRevision !== undefined) checkRevision('expectedRevision', expectedRevision);
      return { op: 'delete', key, expectedRevision };
    });
  }

  watch(options: WatchOptions, handlers: WatchHandlers): Watcher {
    if (this.#closed) throw new StoreClosedError();
    if (typeof options.prefix !== 'string')
      throw errors.badRequest('store: the watch prefix must be a string');
    checkRevision('fromRevision', options.fromRevision);
    const from = options.fromRevision;
    // All of this runs in one synchronous turn: the compaction check, the subscription and the
    // log read see the same state, and nothing can be published in between.
    const compacted = this.#backend.compactedRevision();
    if (from !== 0 && from < compacted) throw tooOldRevision(from, compacted);
    const start = from === 0 ? this.#published : from;
    const watcher = new WatchQueue(
      this.#broadcaster,
      options.prefix,
      start,
      this.#options.watchQueueLimit,
      handlers,
    );
    this.#broadcaster.add(watcher);
    // The log may hold committed events not yet published; replay takes them, and the
    // watcher's revision check drops their later live copies.
    if (from !== 0 || this.#backend.revision() > start)
      watcher.replay(this.#backend.history(start, options.prefix));
    return watcher;
  }

  currentRevision(): number {
    return this.#backend.revision();
  }

  compactedRevision(): number {
    return this.#backend.compactedRevision();
  }

  /** Number of open watches (for metrics and tests). */
  watcherCount(): number {
    return this.#broadcaster.size;
  }

  async compact(revision: number): Promise<void> {
    checkRevision('revision', revision);
    if (this.#closed) throw new StoreClosedError();
    const current = this.#backend.revision();
    if (revision > current) {
      throw errors.badRequest(
        `store: cannot compact to revision ${revision}, beyond the current revision ${current}`,
      );
    }
    if (revision <= this.#backend.compactedRevision()) return;
    await this.#track(this.#backend.compact(revision));
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#broadcaster.closeAll(new StoreClosedError());
    await Promise.allSettled([...this.#inflight]);
    await this.#backend.close();
  }

  #read<T>(read: () => T): Promise<T> {
    try {
      if (this.#closed) throw new StoreClosedError();
      return Promise.resolve(read());
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  async #write(makeOp: () => WriteOp): Promise<StoredObject> {
    if (this.#closed) throw new StoreClosedError();
    const op = makeOp();
    let applied;
    try {
      applied = await this.#track(this.#backend.write(op));
    } catch (error) {
      // The engine failed mid-write; publish whatever did commit so watchers do not stall.
      this.#catchUp();
      throw error instanceof ApiError ? error : errors.internal(`store write failed: ${String(error)}`);
    }
    if (isApiError(applied)) throw applied;
    this.#publish(applied.event);
    this.#maybeCompact();
    return applied.result;
  }

  #track<T>(promise: Promise<T>): Promise<T> {
    this.#inflight.add(promise);
    const untrack = (): void => void this.#inflight.delete(promise);
    promise.then(untrack, untrack);
    return promise;
  }

  /** Publishes in revision order even if the engine resolves writes out of order. */
  #publish(event: StoreEvent): void {
    if (event.revision <= this.#published) return;
    this.#unpublished.set(event.revision, event);
    for (
      let next = this.#unpublished.get(this.#published + 1);
      next;
      next = this.#unpublished.get(this.#published + 1)
    ) {
      this.#unpublished.delete(next.revision);
      this.#published = next.revision;
      this.#broadcaster.publish(next);
    }
  }

  #catchUp(): void {
    for (const event of this.#backend.history(this.#published, '')) this.#publish(event);
  }

  #maybeCompact(): void {
    const { historySize } = this.#options;
    const revision = this.#backend.revision();
    // Compact in steps of a tenth of the window rather than on every write.
    const slack = Math.ceil(historySize / 10);
    if (
      this.#compacting ||
      this.#closed ||
      revision - this.#backend.compactedRevision() < historySize + slack
    )
      return;
    this.#compacting = this.#track(this.#backend.compact(revision - historySize))
      .catch(() => undefined)
      .finally(() => (this.#compacting = undefined));
  }
}
