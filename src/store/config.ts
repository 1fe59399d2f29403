/** Store configuration: which driver, where, and the history and watch limits; defaulted and validated up front. */
import { StoreConfigError } from './errors.ts';

export interface StoreOptions {
  /**
   * Revisions of history kept for watch resume (default 10,000, as a watch cache holds a window).
   * Older ones are compacted automatically; a watch from before them gets 410 Gone.
   */
  historySize?: number;
  /** Live events a watcher may have waiting before it is dropped as slow (default 1,000). */
  watchQueueLimit?: number;
}

export interface MemoryStoreConfig extends StoreOptions {
  driver: 'memory';
}

export interface LmdbStoreConfig extends StoreOptions {
  driver: 'lmdb';
  /** A directory; created if missing. Holds `data.mdb` and `store.lock`. */
  path: string;
}

export type StoreConfig = MemoryStoreConfig | LmdbStoreConfig;

export interface ResolvedOptions {
  historySize: number;
  watchQueueLimit: number;
}

export const DEFAULT_HISTORY_SIZE = 10_000;
export const DEFAULT_WATCH_QUEUE_LIMIT = 1_000;

function positiveInt(field: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    throw new StoreConfigError(field, `must be a positive integer, got ${JSON.stringify(value)}`);
  }
  return value;
}

/** Checks the driver-independent parts; each driver checks its own fields. */
export function resolveOptions(config: unknown, drivers: readonly string[]): ResolvedOptions {
  if (typeof config !== 'object' || config === null) {
    throw new StoreConfigError('config', 'must be an object');
  }
  const c = config as Record<string, unknown>;
  if (typeof c.driver !== 'string' || !drivers.includes(c.driver)) {
    throw new StoreConfigError(
      'driver',
      `must be one of ${drivers.map((d) => `"${d}"`).join(', ')}, got ${JSON.stringify(c.driver)}`,
    );
  }
  return {
    historySize: positiveInt('historySize', c.historySize, DEFAULT_HISTORY_SIZE),
    watchQueueLimit: positiveInt('watchQueueLimit', c.watchQueueLimit, DEFAULT_WATCH_QUEUE_LIMIT),
  };
}
