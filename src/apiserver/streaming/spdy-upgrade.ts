/**
 * Accepting a streaming upgrade: a plain `Upgrade: SPDY/3.1` request with its
 * `X-Stream-Protocol-Version` negotiation (k8s: apimachinery/pkg/util/httpstream/httpstream.go
 * Handshake, spdy/upgrade.go), or a WebSocket that tunnels SPDY for port-forward.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
import { ApiError } from '../../core/index.ts';
import { SpdySession } from './spdy-session.ts';
import type { StreamHandler } from './spdy-session.ts';
import { socketTransport, webSocketTransport } from './transport.ts';
import type { ByteTransport } from './transport.ts';

/** The WebSocket subprotocol of SPDY-tunnelled port-forward (client-go portforward/tunneling_dialer.go). */
export const PORT_FORWARD_WS_PROTOCOL = 'SPDY/3.1+portforward.k8s.io';
export const PORT_FORWARD_PROTOCOL = 'portforward.k8s.io';

export function isSpdyUpgrade(req: IncomingMessage): boolean {
  return (req.headers.upgrade ?? '').toLowerCase() === 'spdy/3.1';
}

export function isWebSocketUpgrade(req: IncomingMessage): boolean {
  return (req.headers.upgrade ?? '').toLowerCase() === 'websocket';
}

function offered(value: string | string[] | undefined): string[] {
  const list = Array.isArray(value) ? value : [value ?? ''];
  return list
    .flatMap((v) => v.split(','))
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * The first protocol of the client's list the server supports, as Handshake picks it; a client that
 * names none gets 403 with upstream's text.
 */
export function negotiateStreamProtocol(req: IncomingMessage, supported: string[]): string {
  const client = offered(req.headers['x-stream-protocol-version']);
  const found = client.find((p) => supported.includes(p));
  if (found) return found;
  throw new ApiError(
    'FORBIDDEN',
    `unable to upgrade: unable to negotiate protocol: client supports [${client.join(' ')}], server supports [${supported.join(' ')}]`,
  );
}

/** Answers 101 and runs a SPDY session on the raw connection. */
export function acceptSpdy(
  socket: Duplex,
  head: Buffer,
  protocol: string,
  handler: (session: () => SpdySession) => StreamHandler,
): SpdySession {
  socket.write(
    'HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\n' +
      `X-Stream-Protocol-Version: ${protocol}\r\n\r\n`,
  );
  return startSession(socketTransport(socket, head), handler);
}

function startSession(
  transport: ByteTransport,
  handler: (session: () => SpdySession) => StreamHandler,
): SpdySession {
  const ref: { session?: SpdySession } = {};
  ref.session = new SpdySession(
    transport,
    handler(() => ref.session!),
  );
  return ref.session;
}

// `ws` rejects "SPDY/3.1+portforward.k8s.io" as a subprotocol ('/' is no token character), so the
// request's header is taken away before the handshake and the answer gets it back.
const tunnelServer = new WebSocketServer({ noServer: true });
tunnelServer.on('headers', (headers: string[]) => {
  headers.push(`Sec-WebSocket-Protocol: ${PORT_FORWARD_WS_PROTOCOL}`);
});

export function wantsSpdyTunnel(req: IncomingMessage): boolean {
  return offered(req.headers['sec-websocket-protocol']).includes(PORT_FORWARD_WS_PROTOCOL);
}

/** Answers the WebSocket handshake and runs a SPDY session inside its binary messages. */
export function acceptSpdyTunnel(
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
  handler: (session: () => SpdySession) => StreamHandler,
): void {
  delete req.headers['sec-websocket-protocol'];
  tunnelServer.handleUpgrade(req, socket, head, (ws: WebSocket) => {
    startSession(webSocketTransport(ws), handler);
  });
}
