/**
 * A work queue with client-go workqueue semantics (k8s: staging/src/k8s.io/client-go/util/workqueue/
 * queue.go, delaying_queue.go, rate_limiting_queue.go): a key is queued at most once; a key added
 * while it is being processed is queued again after `done`; delayed and rate-limited adds run on
 * the injected clock; after `shutdown`, `get` drains what is queued and then returns undefined.
 */
import { realClock } from '../core/index.ts';
import type { Clock, Timer } from '../core/index.ts';
import { RateLimiter } from './rate-limiter.ts';
import type { RateLimiterConfig } from './rate-limiter.ts';

export type QueueKey = string | number;

export interface WorkQueueConfig {
  clock?: Clock;
  rateLimiter?: RateLimiterConfig;
}

export interface WorkQueue<K extends QueueKey = string> {
  add(key: K): void;
  /** Adds after `ms` of clock time; a key already waiting keeps the earlier time. */
  addAfter(key: K, ms: number): void;
  /** Adds after the key's backoff (exponential in its failures so far). */
  addRateLimited(key: K): void;
  /** Clears the key's failure count: call it when a reconcile succeeds. */
  forget(key: K): void;
  numRequeues(key: K): number;
  /** The next key, marked as processing; undefined once shut down and drained. */
  get(): Promise<K | undefined>;
  /** Marks the key processed; if it was added meanwhile, it is queued again. */
  done(key: K): void;
  /** Keys queued and ready (not processing, not waiting). */
  len(): number;
  shutdown(): void;
  isShuttingDown(): boolean;
  /** Shuts down and resolves once no key is being processed (ShutDownWithDrain). */
  shutdownWithDrain(): Promise<void>;
}

export function createWorkQueue<K extends QueueKey = string>(config: WorkQueueConfig = {}): WorkQueue<K> {
  const clock = config.clock ?? realClock;
  const limiter = new RateLimiter<K>(clock, config.rateLimiter);
  const queue: K[] = [];
  const dirty = new Set<K>();
  const processing = new Set<K>();
  const waiting = new Map<K, { due: number; timer: Timer }>();
  const getters: ((key: K | undefined) => void)[] = [];
  const drainers: (() => void)[] = [];
  let shuttingDown = false;

  function push(key: K): void {
    const getter = getters.shift();
    if (getter) {
      processing.add(key);
      dirty.delete(key);
      getter(key);
    } else {
      queue.push(key);
    }
  }

  const self: WorkQueue<K> = {
    add(key) {
      if (shuttingDown || dirty.has(key)) return;
      dirty.add(key);
      if (processing.has(key)) return;
      push(key);
    },
    addAfter(key, ms) {
      if (shuttingDown) return;
      if (ms <= 0) return self.add(key);
      const due = clock.now().getTime() + ms;
      const existing = waiting.get(key);
      if (existing && existing.due <= due) return;
      existing?.timer.cancel();
      const timer = clock.setTimeout(() => {
        waiting.delete(key);
        self.add(key);
      }, ms);
      waiting.set(key, { due, timer });
    },
    addRateLimited: (key) => self.addAfter(key, limiter.when(key)),
    forget: (key) => limiter.forget(key),
    numRequeues: (key) => limiter.numRequeues(key),
    get() {
      const key = queue.shift();
      if (key !== undefined) {
        processing.add(key);
        dirty.delete(key);
        return Promise.resolve(key);
      }
      if (shuttingDown) return Promise.resolve(undefined);
      return new Promise((resolve) => getters.push(resolve));
    },
    done(key) {
      processing.delete(key);
      if (dirty.has(key)) push(key);
      if (processing.size === 0) for (const d of drainers.splice(0)) d();
    },
    len: () => queue.length,
    shutdown() {
      shuttingDown = true;
      for (const { timer } of waiting.values()) timer.cancel();
      waiting.clear();
      for (const g of getters.splice(0)) g(undefined);
    },
    isShuttingDown: () => shuttingDown,
    shutdownWithDrain() {
      self.shutdown();
      if (processing.size === 0) return Promise.resolve();
      return new Promise((resolve) => drainers.push(resolve));
    },
  };
  return self;
}
