/** GET pods/<name>/log: checks the pod and container, then streams the kubelet hook's text. */
import { errors } from '../../core/index.ts';
import type { ApiContext, Call, Result } from '../context.ts';
import { q } from '../context.ts';
import { getStored, view } from '../objects.ts';
import type { Target } from '../routing.ts';
import { noKubelet, pickContainer } from './container.ts';
import type { LogOptions } from './hooks.ts';

function int(call: Call, name: string): number | undefined {
  const v = q(call.query, name);
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  if (!Number.isInteger(n)) throw errors.badRequest(`invalid ${name}: ${v}`);
  return n;
}

export async function handleLogs(ctx: ApiContext, call: Call, t: Target, name: string): Promise<Result> {
  const pod = view(t.info, (await getStored(ctx, t.info, t.namespace, name)).object);
  const container = pickContainer(pod, q(call.query, 'container'));
  if (!ctx.config.hooks.logs) throw noKubelet(pod, container, 'logs');
  const options: LogOptions = {
    follow: q(call.query, 'follow') === 'true',
    timestamps: q(call.query, 'timestamps') === 'true',
    previous: q(call.query, 'previous') === 'true',
  };
  const tail = int(call, 'tailLines');
  const since = int(call, 'sinceSeconds');
  const limit = int(call, 'limitBytes');
  const sinceTime = q(call.query, 'sinceTime');
  if (tail !== undefined) options.tailLines = tail;
  if (since !== undefined) options.sinceSeconds = since;
  if (limit !== undefined) options.limitBytes = limit;
  if (sinceTime) options.sinceTime = sinceTime;
  const abort = new AbortController();
  const stream = await ctx.config.hooks.logs(pod, container, options, abort.signal);
  return {
    type: 'text',
    status: 200,
    contentType: 'text/plain',
    async start(sink, signal): Promise<void> {
      signal.addEventListener('abort', () => abort.abort(), { once: true });
      try {
        for await (const chunk of stream) {
          if (signal.aborted) break;
          sink.write(chunk);
        }
      } finally {
        sink.end();
      }
    },
  };
}
