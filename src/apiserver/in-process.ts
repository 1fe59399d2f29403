/**
 * The ApiTransport served in-process: kubelab's own components call the same handler as HTTP clients,
 * with JSON values instead of bytes and callbacks instead of a chunked stream.
 */
import type { ApiRequest, ApiResponse, ApiTransport, WatchEvent, WatchHandle } from '../core/index.ts';
import type { ApiContext, Call, Result } from './context.ts';
import { handle } from './handler.ts';

function callOf(req: ApiRequest, extraQuery: Record<string, string> = {}): Call {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers ?? {})) headers[k.toLowerCase()] = v;
  return {
    method: req.method,
    path: req.path,
    query: { ...(req.query ?? {}), ...extraQuery },
    headers,
    body: structuredClone(req.body),
  };
}

export function inProcessTransport(ctx: ApiContext, track: (stop: () => void) => () => void): ApiTransport {
  return {
    async request(req: ApiRequest): Promise<ApiResponse> {
      const result = await handle(ctx, callOf(req));
      if (result.type === 'object') return { status: result.status, body: result.body };
      if (result.type === 'text') {
        let text = '';
        const abort = new AbortController();
        await result.start({ write: (c) => void (text += c), end: () => {} }, abort.signal);
        return { status: result.status, body: text };
      }
      return {
        status: 400,
        body: { kind: 'Status', status: 'Failure', message: 'use watch() for watch requests', code: 400 },
      };
    },
    watch(
      req: ApiRequest,
      onEvent: (event: WatchEvent) => void,
      onClose: (err?: Error) => void,
    ): WatchHandle {
      let closed = false;
      let stop: (() => void) | undefined;
      let release: (() => void) | undefined;
      const close = (err?: Error): void => {
        if (closed) return;
        closed = true;
        stop?.();
        release?.();
        onClose(err);
      };
      void handle(ctx, callOf({ ...req, method: 'GET' }, { watch: 'true' })).then(
        (result: Result) => {
          if (closed) return;
          if (result.type !== 'watch') {
            const status = result.type === 'object' ? result.body : undefined;
            const message = (status as { message?: string } | undefined)?.message ?? 'watch failed';
            close(Object.assign(new Error(message), { status }));
            return;
          }
          stop = result.start({
            event: (ev) => {
              if (closed) return;
              // A throwing consumer must not reach the store's fan-out: it ends its own watch instead.
              try {
                onEvent(structuredClone(ev));
              } catch (err) {
                close(err instanceof Error ? err : new Error(String(err)));
              }
            },
            end: (err) => close(err),
          });
          release = track(() => close());
          if (closed) stop();
        },
        (err: unknown) => close(err instanceof Error ? err : new Error(String(err))),
      );
      return { stop: () => close() };
    },
  };
}
