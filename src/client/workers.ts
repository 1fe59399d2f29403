/**
 * The controller loop over a work queue, as client-go controllers' processNextWorkItem: take a key,
 * reconcile it, `forget` on success, `addRateLimited` on failure, always `done`.
 */
import { createTimeSlice } from '../core/index.ts';
import type { QueueKey, WorkQueue } from './work-queue.ts';

/** What a reconcile may ask for besides success: to look again after a while (e.g. minReadySeconds). */
export interface ReconcileResult {
  requeueAfterMs?: number;
  /** Look again after the key's rate-limited delay (client-go's AddRateLimited after a success). */
  requeueRateLimited?: boolean;
}

/** How long workers may run reconciles back to back before they let I/O and timers in. */
const SLICE_MS = 10;

export interface WorkerOptions<K> {
  /** Concurrent reconciles; one key is never reconciled twice at once. Default 1. */
  workers?: number;
  /** Reconcile failures, each retried with backoff. Default: stderr. */
  onError?: (err: unknown, key: K) => void;
}

/** Runs until the queue shuts down; resolves when every worker has finished its last key. */
export async function runWorkers<K extends QueueKey>(
  queue: WorkQueue<K>,
  reconcile: (key: K) => Promise<ReconcileResult | void>,
  options: WorkerOptions<K> = {},
): Promise<void> {
  const onError =
    options.onError ?? ((err: unknown, key: K) => console.error(`reconcile ${String(key)} failed:`, err));
  const slice = createTimeSlice(SLICE_MS);
  const worker = async () => {
    for (;;) {
      // A reconcile that writes nothing resolves on microtasks alone; back to back they would starve
      // the event loop (the API server, watches, timers) as long as keys keep coming.
      await slice.yieldIfDue();
      const key = await queue.get();
      if (key === undefined) return;
      try {
        const result = await reconcile(key);
        queue.forget(key);
        if (result?.requeueRateLimited) queue.addRateLimited(key);
        else if (result?.requeueAfterMs !== undefined) queue.addAfter(key, result.requeueAfterMs);
      } catch (err) {
        onError(err, key);
        queue.addRateLimited(key);
      } finally {
        queue.done(key);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.workers ?? 1) }, worker));
}
