/**
 * The store's errors: Kubernetes-worded ApiErrors derived from the key, plus the typed errors a
 * caller can tell apart (bad config, lock held, store closed, slow watcher dropped).
 */
import { ApiError, errors } from '../core/index.ts';
import { parseKey } from './keys.ts';

/** Kubernetes' text for a stale resourceVersion (k8s apiserver/pkg/registry/generic/registry/store.go OptimisticLockErrorMsg). */
export const OPTIMISTIC_LOCK_MESSAGE =
  'the object has been modified; please apply your changes to the latest version and try again';

export function notFoundAt(key: string): ApiError {
  const k = parseKey(key);
  return errors.notFound(k.resource, k.group, k.name);
}

export function alreadyExistsAt(key: string): ApiError {
  const k = parseKey(key);
  return errors.alreadyExists(k.resource, k.group, k.name);
}

export function conflictAt(key: string): ApiError {
  const k = parseKey(key);
  return errors.conflict(k.resource, k.group, k.name, OPTIMISTIC_LOCK_MESSAGE);
}

/**
 * 410 for a watch from a compacted revision, worded as the watch cache does
 * (k8s apiserver/pkg/storage/cacher/watch_cache.go: "too old resource version: %d (%d)").
 */
export function tooOldRevision(revision: number, compacted: number): ApiError {
  return errors.gone(`too old resource version: ${revision} (${compacted})`);
}

/** The store config is invalid; `field` names the offending property. */
export class StoreConfigError extends Error {
  readonly field: string;
  constructor(field: string, message: string) {
    super(`invalid store config: ${field}: ${message}`);
    this.name = 'StoreConfigError';
    this.field = field;
  }
}

/** Another live process (or this one) already has the data directory open. */
export class StoreLockedError extends Error {
  readonly pid: number;
  constructor(path: string, pid: number) {
    super(`store ${path} is in use by process ${pid}`);
    this.name = 'StoreLockedError';
    this.pid = pid;
  }
}

/** The store was closed: writes are refused and watches end with this reason. */
export class StoreClosedError extends ApiError {
  constructor() {
    super('UNAVAILABLE', 'the store is closed');
    this.name = 'StoreClosedError';
  }
}

/** A watcher fell more than `limit` live events behind and was dropped (it resumes from its last revision). */
export class SlowWatcherError extends ApiError {
  readonly lastRevision: number;
  constructor(prefix: string, limit: number, lastRevision: number) {
    super(
      'UNAVAILABLE',
      `watch on "${prefix}" dropped: more than ${limit} events waiting for a slow consumer (last delivered revision ${lastRevision})`,
    );
    this.name = 'SlowWatcherError';
    this.lastRevision = lastRevision;
  }
}
