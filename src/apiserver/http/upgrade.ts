/**
 * HTTP upgrade requests: pods/exec and pods/attach over WebSocket (v5) or SPDY, pods/portforward over
 * SPDY or SPDY tunnelled in a WebSocket. Anything that cannot be served gets a plain HTTP Status
 * answer, which kubectl prints (after its SPDY retry).
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { ApiError, errors } from '../../core/index.ts';
import type { KubeObject } from '../../core/index.ts';
import type { ApiContext } from '../context.ts';
import { q, qAll } from '../context.ts';
import { getStored, view } from '../objects.ts';
import { noKubelet, pickContainer } from '../pods/container.ts';
import { serveStdioWs, wantsExecProtocol } from '../pods/exec-ws.ts';
import type { PodHooks } from '../pods/hooks.ts';
import { portForwardStreams } from '../streaming/portforward.ts';
import type { StdioOptions, StdioRunner } from '../streaming/remotecommand.ts';
import { remoteCommandStreams, SPDY_EXEC_PROTOCOLS } from '../streaming/remotecommand-spdy.ts';
import {
  acceptSpdy,
  acceptSpdyTunnel,
  isSpdyUpgrade,
  isWebSocketUpgrade,
  negotiateStreamProtocol,
  PORT_FORWARD_PROTOCOL,
  wantsSpdyTunnel,
} from '../streaming/spdy-upgrade.ts';
import { route } from '../routing.ts';
import { authorized, UNAUTHORIZED_STATUS } from './auth.ts';
import { queryOf } from './decode.ts';

function reject(socket: Duplex, status: { code: number; reason?: string }, body: unknown): void {
  const text = JSON.stringify(body);
  socket.end(
    `HTTP/1.1 ${status.code} ${status.reason ?? 'Error'}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`,
  );
}

const SUBRESOURCES = ['exec', 'attach', 'portforward'];

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
      !SUBRESOURCES.includes(t.subresource ?? '')
    ) {
      throw errors.badRequest('upgrade is only supported for pods/exec, pods/attach and pods/portforward');
    }
    const query = queryOf(url.searchParams);
    const pod = view(t.info, (await getStored(ctx, t.info, t.namespace, t.name)).object);
    const hooks = ctx.config.hooks;
    if (t.subresource === 'portforward') return servePortForward(hooks, pod, req, socket, head);
    const container = pickContainer(pod, q(query, 'container'));
    const options: StdioOptions = {
      stdin: q(query, 'stdin') === 'true',
      stdout: q(query, 'stdout') === 'true',
      stderr: q(query, 'stderr') === 'true',
      tty: q(query, 'tty') === 'true',
    };
    if (options.tty) options.stderr = false; // upstream NewOptions: tty bypasses stderr
    let run: StdioRunner;
    if (t.subresource === 'exec') {
      if (!hooks.exec) throw noKubelet(pod, container, 'exec');
      const command = qAll(query, 'command');
      run = (stdio, signal) => hooks.exec!(pod, container, command, stdio, signal);
    } else {
      if (!hooks.attach) throw noKubelet(pod, container, 'attach');
      run = (stdio, signal) => hooks.attach!(pod, container, stdio, signal);
    }
    if (isWebSocketUpgrade(req) && wantsExecProtocol(req))
      return serveStdioWs(req, socket, head, options, run);
    if (!isSpdyUpgrade(req))
      throw errors.badRequest(`${t.subresource} needs a WebSocket (v5.channel.k8s.io) or SPDY/3.1 upgrade`);
    const protocol = negotiateStreamProtocol(req, SPDY_EXEC_PROTOCOLS);
    acceptSpdy(socket, head, protocol, (session) => remoteCommandStreams(session, options, run));
  } catch (err) {
    const e = err instanceof ApiError ? err : errors.internal(String(err));
    reject(socket, { code: e.httpStatus, reason: e.toStatus().reason }, e.toStatus());
  }
}

function servePortForward(
  hooks: PodHooks,
  pod: KubeObject,
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
): void {
  if (!hooks.portForward) {
    throw new ApiError(
      'UNAVAILABLE',
      `kubelab has no kubelet: port-forward to pod "${pod.metadata.name ?? ''}" is not available`,
    );
  }
  const dial = (port: number): Promise<Duplex> => hooks.portForward!(pod, port);
  if (isWebSocketUpgrade(req) && wantsSpdyTunnel(req))
    return acceptSpdyTunnel(req, socket, head, () => portForwardStreams(dial));
  if (!isSpdyUpgrade(req))
    throw errors.badRequest(
      'portforward needs a SPDY/3.1 upgrade, or a WebSocket tunnelling SPDY/3.1+portforward.k8s.io',
    );
  const protocol = negotiateStreamProtocol(req, [PORT_FORWARD_PROTOCOL]);
  acceptSpdy(socket, head, protocol, () => portForwardStreams(dial));
}
