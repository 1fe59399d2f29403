/**
 * The API server's own background loops (GC, namespace lifecycle, service accounts) read the store
 * the way an informer does: list, then watch from the list's revision, relist if the store drops the
 * watch; handlers run one at a time so each sees a consistent order.
 */
import type { StoreEvent, StoredObject } from '../../store/types.ts';
import type { ApiContext } from '../context.ts';

export interface LoopHandlers {
  /** The full state, on start and after every relist. */
  sync(items: StoredObject[]): Promise<void>;
  event(event: StoreEvent): Promise<void>;
}

export interface Loop {
  stop(): void;
  /** Resolves once the first sync has run. */
  ready: Promise<void>;
  /** Resolves when every queued handler call has finished (for tests and shutdown). */
  idle(): Promise<void>;
}

export function watchLoop(ctx: ApiContext, name: string, prefix: string, handlers: LoopHandlers): Loop {
  let stopped = false;
  let watcher: { stop(): void } | undefined;
  let chain: Promise<void> = Promise.resolve();
  const enqueue = (fn: () => Promise<void>): void => {
    chain = chain.then(fn).catch((err: unknown) => {
      ctx.config.logger.warn({ loop: name, err: String(err) }, 'apiserver loop step failed');
    });
  };
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  const start = async (): Promise<void> => {
    if (stopped) return;
    const listed = await ctx.store.list(prefix);
    if (stopped) return;
    enqueue(() => handlers.sync(listed.items));
    enqueue(() => Promise.resolve(markReady()));
    watcher = ctx.store.watch(
      { prefix, fromRevision: listed.revision },
      {
        onEvent: (ev) => enqueue(() => handlers.event(ev)),
        onClose: () => {
          if (!stopped) setTimeout(() => void start().catch(() => {}), 100);
        },
      },
    );
  };
  void start().catch((err: unknown) =>
    ctx.config.logger.error({ loop: name, err: String(err) }, 'apiserver loop failed to start'),
  );
  return {
    stop(): void {
      stopped = true;
      watcher?.stop();
    },
    ready,
    idle: () => chain,
  };
}
