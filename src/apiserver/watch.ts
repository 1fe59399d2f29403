/**
 * WATCH: newline-delimited events from the store, with kube's resourceVersion rules (absent or "0":
 * synthetic ADDED for current matches first; otherwise only later events; too old: an ERROR event
 * carrying a 410 Expired Status), selectors applied to old and new states, Table events on request.
 */
import { ApiError, errors } from '../core/index.ts';
import type { KubeObject, WatchEvent } from '../core/index.ts';
import type { StoreEvent } from '../store/types.ts';
import type { ApiContext, Call, Result, WatchSink } from './context.ts';
import { q } from './context.ts';
import { listPrefix } from './keys.ts';
import { selects, selectorsOf } from './list.ts';
import { view } from './objects.ts';
import type { Target } from './routing.ts';
import { includeObjectOf, TABLE_CONTENT_TYPE, toTable, wantsTable } from './table.ts';

/** Maps one store event to what a watcher with these selectors sees, or nothing. */
export function project(
  ev: StoreEvent,
  matches: (o: KubeObject) => boolean,
): { type: 'ADDED' | 'MODIFIED' | 'DELETED'; object: KubeObject } | undefined {
  const now = matches(ev.object);
  if (ev.type === 'DELETED')
    return now || (ev.prev && matches(ev.prev)) ? { type: 'DELETED', object: ev.object } : undefined;
  if (ev.type === 'ADDED') return now ? { type: 'ADDED', object: ev.object } : undefined;
  const before = ev.prev === undefined ? now : matches(ev.prev);
  if (now) return { type: before ? 'MODIFIED' : 'ADDED', object: ev.object };
  return before ? { type: 'DELETED', object: ev.object } : undefined;
}

export function handleWatch(ctx: ApiContext, call: Call, t: Target): Result {
  const sel = selectorsOf(t.info, call);
  if (t.name !== undefined) sel.fields.push({ field: 'metadata.name', value: t.name, negate: false });
  const rv = q(call.query, 'resourceVersion');
  if (rv !== undefined && rv !== '' && !/^\d+$/.test(rv))
    throw errors.badRequest(`invalid resource version: ${rv}`);
  const timeoutText = q(call.query, 'timeoutSeconds');
  const timeout = timeoutText !== undefined ? Number(timeoutText) : undefined;
  const table = wantsTable(call.headers.accept);
  const include = includeObjectOf(q(call.query, 'includeObject'));
  const matches = (o: KubeObject): boolean => selects(t.info, sel, o);
  const prefix = listPrefix(t.info, t.namespace);

  const start = (sink: WatchSink): (() => void) => {
    let stopped = false;
    let watcher: { stop(): void } | undefined;
    let timer: { cancel(): void } | undefined;
    const stop = (): void => {
      if (stopped) return;
      stopped = true;
      watcher?.stop();
      timer?.cancel();
    };
    const emit = (type: WatchEvent['type'], stored: KubeObject, revision: number): void => {
      const obj = view(t.info, stored);
      const object = table
        ? (toTable(t.info, [obj], String(revision), ctx.config.clock.now(), include) as unknown as KubeObject)
        : obj;
      sink.event({ type, object });
    };
    const fail = (err: unknown): void => {
      const status = err instanceof ApiError ? err.toStatus() : errors.internal(String(err)).toStatus();
      sink.event({ type: 'ERROR', object: status as unknown as KubeObject });
      stop();
      sink.end();
    };
    const run = async (): Promise<void> => {
      let from: number;
      if (rv === undefined || rv === '' || rv === '0') {
        const listed = await ctx.store.list(prefix);
        if (stopped) return;
        for (const it of listed.items) if (matches(it.object)) emit('ADDED', it.object, it.revision);
        from = listed.revision;
      } else from = Number(rv);
      watcher = ctx.store.watch(
        { prefix, fromRevision: from },
        {
          onEvent: (ev) => {
            if (stopped) return;
            const seen = project(ev, matches);
            if (seen) emit(seen.type, seen.object, ev.revision);
          },
          onClose: (reason) => {
            if (stopped) return;
            if (reason instanceof ApiError && reason.code === 'GONE') return fail(reason);
            stop();
            sink.end(reason);
          },
        },
      );
      if (timeout !== undefined && timeout > 0) {
        timer = ctx.config.clock.setTimeout(() => {
          stop();
          sink.end();
        }, timeout * 1000);
      }
    };
    run().catch(fail);
    return stop;
  };
  return { type: 'watch', contentType: table ? TABLE_CONTENT_TYPE : 'application/json', start };
}
