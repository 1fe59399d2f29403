/**
 * The driver seam: what a storage engine must do (atomic check-and-write with the next revision,
 * ordered prefix reads, a revision log), plus the one pure function every driver runs inside its
 * atomic section so all drivers decide creates, updates, deletes and conflicts identically.
 */
import { ApiError, type KubeObject } from '../core/index.ts';
import { alreadyExistsAt, conflictAt, notFoundAt } from './errors.ts';
import type { ListResult, StoreEvent, StoredObject } from './types.ts';

export type WriteOp =
  | { op: 'create'; key: string; object: KubeObject }
  | { op: 'update'; key: string; object: KubeObject; expectedRevision?: number }
  | { op: 'delete'; key: string; expectedRevision?: number };

/**
 * Revision of a fresh store, as in etcd: the first write gets 2. So a list's revision is never 0,
 * which a watch reads as "from now", and list-then-watch on an empty store misses nothing.
 */
export const INITIAL_REVISION = 1;

export interface Applied {
  event: StoreEvent;
  /** What the caller gets back. */
  result: StoredObject;
  /** The key's new value; undefined when the write removes it. */
  next?: StoredObject;
}

export interface Backend {
  /**
   * Atomically reads the key, runs applyWrite with revision = current + 1, and persists the new value,
   * the log entry and the counter. Resolves once durable; an ApiError result means nothing was written.
   */
  write(op: WriteOp): Promise<Applied | ApiError>;
  get(key: string): StoredObject | undefined;
  /** Keys starting with prefix, in key order, read at one consistent revision. */
  list(prefix: string): ListResult;
  /** Logged events with revision > after whose key starts with prefix, ascending. */
  history(after: number, prefix: string): StoreEvent[];
  /** Revision of the latest durable write. */
  revision(): number;
  /** Events at or below this revision are gone. */
  compactedRevision(): number;
  compact(revision: number): Promise<void>;
  close(): Promise<void>;
}

/** Opens a driver's backend; registered by name in drivers.ts. */
export type BackendFactory = (config: object) => Promise<Backend>;

function withRevision(object: KubeObject, revision: number): KubeObject {
  return { ...object, metadata: { ...object.metadata, resourceVersion: String(revision) } };
}

function stale(current: StoredObject, expected: number | undefined): boolean {
  return expected !== undefined && expected !== current.revision;
}

/** Decides one write against the key's current value (etcd's txn compare, as kine does it). */
export function applyWrite(
  current: StoredObject | undefined,
  op: WriteOp,
  revision: number,
): Applied | ApiError {
  const { key } = op;
  if (op.op === 'create') {
    if (current) return alreadyExistsAt(key);
    const next = { key, revision, createRevision: revision, object: withRevision(op.object, revision) };
    return { event: { type: 'ADDED', key, revision, object: next.object }, result: next, next };
  }
  if (!current) return notFoundAt(key);
  if (stale(current, op.expectedRevision)) return conflictAt(key);
  if (op.op === 'update') {
    const next = {
      key,
      revision,
      createRevision: current.createRevision,
      object: withRevision(op.object, revision),
    };
    return {
      event: { type: 'MODIFIED', key, revision, object: next.object, prev: current.object },
      result: next,
      next,
    };
  }
  // A deletion is a revision too; the DELETED event carries the last state at that revision.
  const last = withRevision(current.object, revision);
  return {
    event: { type: 'DELETED', key, revision, object: last, prev: current.object },
    result: { key, revision, createRevision: current.createRevision, object: last },
  };
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}
