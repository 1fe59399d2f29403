/**
 * The store: Kubernetes objects under string keys with one monotonic revision (etcd's rules, as
 * kine implements them), watch with resume, compaction, and two drivers (memory, lmdb).
 * `openStore(config)` is the whole entry point.
 */
import type { Backend, BackendFactory } from './backend.ts';
import { resolveOptions, type LmdbStoreConfig, type StoreConfig } from './config.ts';
import { driverNames, getDriver, registerDriver } from './drivers.ts';
import { StoreConfigError } from './errors.ts';
import { LogStore } from './log-store.ts';
import { MemoryBackend } from './memory-backend.ts';
import type { Store } from './types.ts';

export type * from './types.ts';
export type { StoreConfig, StoreOptions, MemoryStoreConfig, LmdbStoreConfig } from './config.ts';
export { DEFAULT_HISTORY_SIZE, DEFAULT_WATCH_QUEUE_LIMIT } from './config.ts';
export type { Backend, BackendFactory, WriteOp, Applied } from './backend.ts';
export { applyWrite } from './backend.ts';
export { registerDriver, driverNames } from './drivers.ts';
export { LogStore } from './log-store.ts';
export {
  StoreConfigError,
  StoreLockedError,
  StoreClosedError,
  SlowWatcherError,
  OPTIMISTIC_LOCK_MESSAGE,
  tooOldRevision,
} from './errors.ts';
export { parseKey, objectKey, type KeyParts } from './keys.ts';

registerDriver('memory', (): Promise<Backend> => Promise.resolve(new MemoryBackend()));
// Loaded on first use, so memory-only users (tests) never load the native module.
registerDriver('lmdb', async (config): Promise<Backend> => {
  const { LmdbBackend } = await import('./lmdb-backend.ts');
  return LmdbBackend.open(config as LmdbStoreConfig);
});

/** Validates the config (throwing StoreConfigError), opens the driver and returns the store. */
export async function openStore(config: StoreConfig): Promise<Store> {
  const options = resolveOptions(config, driverNames());
  const open = getDriver(config.driver) as BackendFactory;
  if (config.driver === 'lmdb' && (typeof config.path !== 'string' || config.path === '')) {
    throw new StoreConfigError('path', 'the lmdb driver needs a directory path');
  }
  return new LogStore(await open(config), options);
}
