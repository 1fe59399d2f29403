/**
 * The Store contract, owned here and implemented by every driver (memory, lmdb).
 * It follows etcd's rules as kine does: one monotonic revision counter for the whole store;
 * each write gets the next revision, which becomes the object's metadata.resourceVersion.
 */
import type { KubeObject } from '../core/index.ts';

export interface StoredObject {
  key: string;
  /** Revision of the last write to this key (= metadata.resourceVersion). */
  revision: number;
  /** Revision at which the key was created. */
  createRevision: number;
  /** The object, with metadata.resourceVersion set to String(revision). */
  object: KubeObject;
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface StoreEvent {
  type: WatchEventType;
  key: string;
  revision: number;
  /** For DELETED: the last state, with resourceVersion set to the deletion's revision. */
  object: KubeObject;
  /** The previous state for MODIFIED and DELETED. */
  prev?: KubeObject;
}

export interface ListResult {
  items: StoredObject[];
  /** The store revision the list was read at. */
  revision: number;
}

export interface WatchOptions {
  /** Keys starting with this prefix. */
  prefix: string;
  /** Deliver every event with revision > fromRevision, in order, once; 0 means "from now". */
  fromRevision: number;
}

export interface Watcher {
  stop(): void;
}

export interface WatchHandlers {
  /**
   * Receives each event in revision order, asynchronously (never inside the write that caused it).
   * The event (and its objects) is shared by every watcher: treat it as read-only.
   * Return a promise to acknowledge later (e.g. when the HTTP response drains): the store sends the
   * next event only after it settles, and drops the watcher when more than the configured queue
   * limit of live events wait. A throw or a rejected promise ends the watch with that error.
   */
  onEvent(event: StoreEvent): void | Promise<void>;
  /**
   * Called once when the store ends the watch: a slow consumer (SlowWatcherError), store close
   * (StoreClosedError), or an error from onEvent. Not called after `Watcher.stop()`.
   * The client resumes by watching again from the last revision it saw (or relists on GONE).
   */
  onClose(reason: Error): void;
}

export interface Store {
  /** A copy: changing it does not change the store. */
  get(key: string): Promise<StoredObject | undefined>;
  /** Keys starting with `prefix`, in key order (copies), and the revision they were read at. */
  list(prefix: string): Promise<ListResult>;
  /**
   * The same list as it was at `revision` (etcd's Range WithRev), rebuilt from the revision log.
   * Throws ApiError GONE when `revision` is older than the compacted revision, BAD_REQUEST when
   * it is beyond the current one.
   */
  listAt(prefix: string, revision: number): Promise<ListResult>;
  /**
   * Throws ApiError ALREADY_EXISTS when the key exists. Error messages name the object from the key
   * (`/<group or core>/<resource>/<namespace or _cluster>/<name>`), e.g. `pods "nginx" already exists`.
   * The object is copied (as JSON); the caller's object is never modified.
   */
  create(key: string, object: KubeObject): Promise<StoredObject>;
  /**
   * Replaces the value. With `expectedRevision`, throws ApiError CONFLICT unless it equals the
   * current revision. Throws NOT_FOUND when the key is absent.
   */
  update(key: string, object: KubeObject, expectedRevision?: number): Promise<StoredObject>;
  /**
   * Removes the key; same `expectedRevision` rule as update. Returns the deleted object as the
   * DELETED event carries it: its last state, with revision and resourceVersion = the deletion's revision.
   */
  delete(key: string, expectedRevision?: number): Promise<StoredObject>;
  /**
   * Subscribes before replaying history, so there is no gap and no duplicate. Throws ApiError GONE
   * when fromRevision is older than the compacted revision.
   */
  watch(options: WatchOptions, handlers: WatchHandlers): Watcher;
  /** The revision of the latest durable write; 1 for a fresh store (as etcd), never 0. */
  currentRevision(): number;
  /** History at or below this revision is gone: a watch from below it gets GONE. */
  compactedRevision(): number;
  /**
   * Forget history at or below `revision`; watches from before it get GONE. The store also compacts
   * by itself, keeping the last `historySize` revisions. BAD_REQUEST beyond the current revision.
   */
  compact(revision: number): Promise<void>;
  close(): Promise<void>;
}
