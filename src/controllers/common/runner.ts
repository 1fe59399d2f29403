/**
 * The loop every adapter runs: informers feed keys into a work queue; once the informers have synced,
 * workers reconcile keys (client-go's processNextWorkItem), retrying failures with backoff and
 * honouring requeueAfter for time-based checks.
 */
import type { Informer, ReconcileResult } from '../../client/index.ts';
import { createWorkQueue, isConflict, runWorkers } from '../../client/index.ts';
import type { ControllerDeps, RunningController } from './kit.ts';

export interface ControllerLoop {
  name: string;
  informers: Informer[];
  /** Wires informer handlers to `enqueue`. */
  register(enqueue: (key: string) => void): void;
  reconcile(key: string): Promise<ReconcileResult | void>;
}

export function runController(deps: ControllerDeps, loop: ControllerLoop): RunningController {
  const queue = createWorkQueue<string>({ clock: deps.clock });
  const log = deps.logger;
  loop.register((key) => queue.add(key));
  let done: Promise<void> = Promise.resolve();
  let stopped = false;
  const ready = Promise.all(loop.informers.map((i) => i.whenSynced())).then(() => {
    if (stopped) return;
    log.info({ event: 'started', controller: loop.name }, 'controller started');
    done = runWorkers(queue, (key) => loop.reconcile(key), {
      workers: deps.workers ?? 2,
      onError: (err, key) => {
        // A conflict means our cache was behind: the retry sees the newer object.
        if (isConflict(err))
          log.debug({ event: 'conflict', controller: loop.name, key }, 'retrying after conflict');
        else
          log.warn(
            { event: 'reconcile-failed', controller: loop.name, key, err: String(err) },
            'reconcile failed',
          );
      },
    });
  });
  return {
    name: loop.name,
    ready,
    async stop() {
      stopped = true;
      await queue.shutdownWithDrain();
      await done;
    },
  };
}
