/**
 * The informer, written once for every component (architecture note 5): list, then watch from the
 * list's resourceVersion; keep a local cache by namespace/name; tell handlers about add/update/delete;
 * relist with backoff on a watch failure or 410 Expired, diffing the new list against the cache.
 * Not synced until the first list is in the cache (note 8).
 * Follows client-go tools/cache (reflector.go ListAndWatch/watchHandler, delta_fifo.go Replace).
 */
import { realClock } from '../core/index.ts';
import type { Clock, KubeObject, Timer, WatchEvent, WatchHandle } from '../core/index.ts';
import { Backoff } from './backoff.ts';
import type { BackoffConfig } from './backoff.ts';
import { apiErrorFromResponse } from './errors.ts';
import { objectKey } from './keys.ts';
import type { ResourceClient } from './resource-client.ts';

export interface InformerConfig<T extends KubeObject = KubeObject> {
  resource: ResourceClient<T>;
  /** Omit for all namespaces. */
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  clock?: Clock;
  /** Every resyncMs, `update(obj, obj)` for every cached object; 0 or unset: never. */
  resyncMs?: number;
  /** Pause between relists; client-go's reflector defaults (800 ms doubling to 30 s, jitter 1.0). */
  backoff?: BackoffConfig;
  /** List/watch failures (retried on their own) and handler exceptions. Default: handler errors to stderr. */
  onError?: (err: Error, where: 'list' | 'watch' | 'handler') => void;
}

export interface InformerHandlers<T extends KubeObject = KubeObject> {
  add?(object: T): void;
  /**
   * A watched change, or a relist that found a new resourceVersion. On resync both arguments are the
   * same object (client-go's resync); an unchanged object on relist gets no call.
   */
  update?(oldObject: T, newObject: T): void;
  /** From a watch: the deleted object's final state; after a relist: the last state the cache held. */
  delete?(object: T): void;
}

export interface Informer<T extends KubeObject = KubeObject> {
  start(): void;
  stop(): void;
  /** Registers handlers; a handler added after sync first gets `add` for every cached object. Returns an unsubscribe. */
  addEventHandler(handlers: InformerHandlers<T>): () => void;
  hasSynced(): boolean;
  /** Resolves once the first list is cached; rejects if the informer stops first. */
  whenSynced(): Promise<void>;
  /** The cached objects (all namespaces this informer watches). */
  list(): T[];
  /** By `namespace/name` (or `name` for cluster-scoped objects). */
  get(key: string): T | undefined;
  /** The resourceVersion of the last list or event seen. */
  lastSyncResourceVersion(): string;
}

// client-go reflector: a watch that ends within a second with no events is an error, not a normal close.
const SHORT_WATCH_MS = 1000;

const defaultOnError = (err: Error, where: string) => {
  if (where === 'handler') console.error(`informer: handler threw: ${err.stack ?? err.message}`);
};

export function createInformer<T extends KubeObject = KubeObject>(config: InformerConfig<T>): Informer<T> {
  const clock = config.clock ?? realClock;
  const backoff = new Backoff(clock, config.backoff);
  const onError = config.onError ?? defaultOnError;
  if (config.resyncMs !== undefined && config.resyncMs < 0) throw new RangeError('resyncMs must be >= 0');

  const cache = new Map<string, T>();
  const handlers = new Set<InformerHandlers<T>>();
  let started = false;
  let stopped = false;
  let synced = false;
  let generation = 0; // bumped by every relist and by stop, so stale callbacks do nothing
  let lastRV = '';
  let watchHandle: WatchHandle | undefined;
  let relistTimer: Timer | undefined;
  let resyncTimer: Timer | undefined;
  const waiters: { resolve: () => void; reject: (err: Error) => void }[] = [];

  const selectors = {
    namespace: config.namespace,
    labelSelector: config.labelSelector,
    fieldSelector: config.fieldSelector,
  };

  function safely(fn: () => void): void {
    try {
      fn();
    } catch (err) {
      onError(err instanceof Error ? err : new Error(String(err)), 'handler');
    }
  }

  function emit(fn: (h: InformerHandlers<T>) => void): void {
    for (const h of [...handlers]) safely(() => fn(h));
  }

  function upsert(object: T): void {
    const key = objectKey(object);
    const old = cache.get(key);
    cache.set(key, object);
    if (old) emit((h) => h.update?.(old, object));
    else emit((h) => h.add?.(object));
  }

  function remove(object: T): void {
    const key = objectKey(object);
    const old = cache.get(key);
    if (!old) return;
    cache.delete(key);
    emit((h) => h.delete?.(object));
  }

  /** Replaces the cache with a fresh list, telling handlers only what changed. */
  function replace(items: T[]): void {
    const fresh = new Map(items.map((o) => [objectKey(o), o]));
    for (const [key, object] of fresh) {
      const old = cache.get(key);
      cache.set(key, object);
      if (!old) emit((h) => h.add?.(object));
      else if (old.metadata.resourceVersion !== object.metadata.resourceVersion)
        emit((h) => h.update?.(old, object));
    }
    for (const [key, old] of [...cache]) {
      if (fresh.has(key)) continue;
      cache.delete(key);
      emit((h) => h.delete?.(old));
    }
  }

  function scheduleRelist(gen: number): void {
    if (gen !== generation || stopped) return;
    relistTimer = clock.setTimeout(() => {
      relistTimer = undefined;
      if (gen === generation && !stopped) void listAndWatch();
    }, backoff.next());
  }

  async function listAndWatch(): Promise<void> {
    const gen = ++generation;
    let list;
    try {
      list = await config.resource.list(selectors);
    } catch (err) {
      if (gen !== generation) return;
      onError(err as Error, 'list');
      scheduleRelist(gen);
      return;
    }
    if (gen !== generation) return;
    replace(list.items);
    lastRV = list.metadata.resourceVersion ?? '';
    if (!synced) {
      synced = true;
      for (const w of waiters.splice(0)) w.resolve();
      scheduleResync();
    }
    watch(gen);
  }

  function watch(gen: number): void {
    const startedAt = clock.now().getTime();
    let events = 0;
    let failure: Error | undefined;
    // The transport may deliver events (even an ERROR) before watch() returns its handle.
    const current: { handle?: WatchHandle } = {};
    let stopWhenReturned = false;
    const onEvent = (event: WatchEvent) => {
      if (gen !== generation || failure) return;
      const object = event.object as T;
      switch (event.type) {
        case 'ADDED':
        case 'MODIFIED':
          upsert(object);
          break;
        case 'DELETED':
          remove(object);
          break;
        case 'BOOKMARK':
          break;
        case 'ERROR': {
          // 410 Expired (compacted) and other in-stream failures: end this watch and relist.
          const status = object as unknown as { code?: number };
          failure = apiErrorFromResponse({ status: status.code ?? 500, body: object });
          if (current.handle) current.handle.stop();
          else stopWhenReturned = true;
          return;
        }
      }
      events++;
      lastRV = object.metadata?.resourceVersion ?? lastRV;
    };
    const onClose = (err?: Error) => {
      if (gen !== generation || stopped) return;
      const reason =
        failure ??
        err ??
        (events === 0 && clock.now().getTime() - startedAt < SHORT_WATCH_MS
          ? new Error('very short watch: the watch lasted less than a second and no items were received')
          : undefined);
      if (reason) {
        onError(reason, 'watch');
        scheduleRelist(gen);
      } else {
        watch(gen); // a normal close (server timeout): carry on from the last resourceVersion
      }
    };
    current.handle = config.resource.watch(
      { ...selectors, resourceVersion: lastRV, allowWatchBookmarks: true },
      onEvent,
      onClose,
    );
    watchHandle = current.handle;
    if (stopWhenReturned) current.handle.stop();
  }

  function scheduleResync(): void {
    const every = config.resyncMs ?? 0;
    if (every <= 0 || stopped) return;
    resyncTimer = clock.setTimeout(() => {
      for (const object of cache.values()) emit((h) => h.update?.(object, object));
      scheduleResync();
    }, every);
  }

  return {
    start() {
      if (started) return;
      if (stopped) throw new Error('informer was stopped; create a new one');
      started = true;
      void listAndWatch();
    },
    stop() {
      if (stopped) return;
      stopped = true;
      generation++;
      watchHandle?.stop();
      relistTimer?.cancel();
      resyncTimer?.cancel();
      for (const w of waiters.splice(0))
        w.reject(new Error(`informer for ${config.resource.type.resource} stopped before it synced`));
    },
    addEventHandler(h) {
      handlers.add(h);
      if (synced) for (const object of [...cache.values()]) safely(() => h.add?.(object));
      return () => void handlers.delete(h);
    },
    hasSynced: () => synced,
    whenSynced() {
      if (synced) return Promise.resolve();
      if (stopped)
        return Promise.reject(
          new Error(`informer for ${config.resource.type.resource} stopped before it synced`),
        );
      return new Promise((resolve, reject) => waiters.push({ resolve, reject }));
    },
    list: () => [...cache.values()],
    get: (key) => cache.get(key),
    lastSyncResourceVersion: () => lastRV,
  };
}
