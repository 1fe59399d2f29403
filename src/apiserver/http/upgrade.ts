/**
 * HTTP upgrade requests: pods/exec and pods/attach over WebSocket. Anything that cannot be served
 * gets a plain HTTP Status answer, which kubectl prints (after its SPDY retry).
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { ApiError, errors } from '../../core/index.ts';
import type { ApiContext } from '../context.ts';
import { q, qAll } from '../context.ts';
import { getStored, view } from '../objects.ts';
import { noKubelet, pickContainer } from '../pods/container.ts';
import { serveExec, wantsExecProtocol } from '../pods/exec-ws.ts';
import { route } from '../routing.ts';
import { authorized, UNAUTHORIZED_STATUS } from './auth.ts';
import { queryOf } from './decode.ts';

function reject(socket: Duplex, status: { code: number; reason?: string }, body: unknown): void {
  const text = JSON.stringify(body);
  socket.end(
    `HTTP/1.1 ${status.code} ${status.reason ?? 'Error'}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`,
  );
}

export async function handleUpgrade(
  ctx: ApiContext,
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (!authorized(ctx.config.tokens, req.headers, url.pathname))
    return reject(socket, { code: 401, reason: 'Unauthorized' }, UNAUTHORIZED_STATUS);
  try {
    const r = route(url.pathname, ctx.registry);
    const t = r.kind === 'resource' ? r.target : undefined;
    if (
      !t ||
      t.info.resource !== 'pods' ||
      !t.info.builtIn ||
      !t.name ||
      (t.subresource !== 'exec' && t.subresource !== 'attach')
    ) {
      throw errors.badRequest('upgrade is only supported for pods/exec and pods/attach');
    }
    const query = queryOf(url.searchParams);
    const pod = view(t.info, (await getStored(ctx, t.info, t.namespace, t.name)).object);
    const container = pickContainer(pod, q(query, 'container'));
    if (!ctx.config.hooks.exec || t.subresource === 'attach') throw noKubelet(pod, container, t.subresource);
    if (!wantsExecProtocol(req)) {
      throw errors.badRequest(
        `kubelab serves ${t.subresource} over WebSocket (v5.channel.k8s.io) only, not SPDY: use kubectl 1.30 or newer`,
      );
    }
    serveExec(ctx.config.hooks, req, socket, head, {
      pod,
      container,
      command: qAll(query, 'command'),
      stdin: q(query, 'stdin') === 'true',
      tty: q(query, 'tty') === 'true',
    });
  } catch (err) {
    const e = err instanceof ApiError ? err : errors.internal(String(err));
    reject(socket, { code: e.httpStatus, reason: e.toStatus().reason }, e.toStatus());
  }
}
