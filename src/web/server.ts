/** The static file server of the `kubelab/web` image: GET/HEAD under one root, graceful close. */
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { realpath, stat } from 'node:fs/promises';
import type { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { pipeline } from 'node:stream';
import { contentTypeFor } from './content-type.ts';
import { parseRequestPath } from './request-path.ts';
import { resolveFile } from './resolve-file.ts';

export interface AccessLogEntry {
  /** When the request arrived, ISO 8601. */
  time: string;
  remote: string;
  method: string;
  /** The request target exactly as sent. */
  path: string;
  status: number;
  /** Body bytes handed to the connection. */
  bytes: number;
  ms: number;
  /** Why a request failed, when the status alone does not say. */
  error?: string;
}

export interface WebServerOptions {
  root: string;
  /** 0 picks a free port; the chosen one is in the result. */
  port: number;
  host: string;
  /** Called once per request, after its response ends or is aborted. */
  log?: (entry: AccessLogEntry) => void;
  /** Errors not tied to a request, such as a failed accept; ignored unless given. */
  onError?: (err: Error) => void;
  /** Defaults to the real time; only the `time` field uses it. */
  now?: () => Date;
}

export interface CloseOptions {
  /** After this long, connections still sending are cut. Without it close waits for them. */
  graceMs?: number;
}

export interface WebServer {
  address: string;
  port: number;
  url: string;
  /** Stops accepting, lets in-flight responses finish, closes idle keep-alive sockets. */
  close(opts?: CloseOptions): Promise<void>;
}

const ALLOW = 'GET, HEAD';

export async function startWebServer(opts: WebServerOptions): Promise<WebServer> {
  const rootReal = await realpath(opts.root);
  if (!(await stat(rootReal)).isDirectory()) {
    throw Object.assign(new Error(`web root ${opts.root} is not a directory`), { code: 'ENOTDIR' });
  }
  const now = opts.now ?? (() => new Date());
  const log = opts.log ?? (() => {});
  const onError = opts.onError ?? (() => {});
  /** Requests in flight per connection: a connection at 0 is idle and may be closed at once. */
  const inFlight = new Map<Socket, number>();
  let closing: Promise<void> | undefined;

  const endIfIdle = (socket: Socket) => {
    if (closing && (inFlight.get(socket) ?? 0) === 0) socket.end(() => socket.destroy());
  };

  const server = createServer((req, res) => {
    const socket = req.socket;
    inFlight.set(socket, (inFlight.get(socket) ?? 0) + 1);
    const started = performance.now();
    const entry: AccessLogEntry = {
      time: now().toISOString(),
      remote: socket.remoteAddress ?? '-',
      method: req.method ?? '-',
      path: req.url ?? '-',
      status: 0,
      bytes: 0,
      ms: 0,
    };
    if (closing) res.setHeader('Connection', 'close');
    res.on('close', () => {
      entry.status = res.statusCode;
      entry.ms = Math.round((performance.now() - started) * 10) / 10;
      if (!res.writableFinished) entry.error ??= 'connection closed before the response was complete';
      log(entry);
      inFlight.set(socket, (inFlight.get(socket) ?? 1) - 1);
      endIfIdle(socket);
    });
    handle(rootReal, req, res, entry).catch((err: unknown) => {
      entry.error = err instanceof Error ? err.message : String(err);
      if (!res.headersSent) sendText(res, 500, 'Internal Server Error', entry);
      else res.destroy();
    });
  });
  server.on('connection', (socket: Socket) => {
    inFlight.set(socket, 0);
    socket.on('close', () => inFlight.delete(socket));
  });
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    if (!socket.writable || err.code === 'ECONNRESET') {
      socket.destroy();
      return;
    }
    // Requests the parser rejects (NUL or spaces in the target, huge headers) get logged too.
    const [status, text] =
      err.code === 'HPE_HEADER_OVERFLOW' ? [431, 'Request Header Fields Too Large'] : [400, 'Bad Request'];
    socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    log({
      time: now().toISOString(),
      remote: socket.remoteAddress ?? '-',
      method: '-',
      path: '-',
      status,
      bytes: 0,
      ms: 0,
      error: err.message,
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      // Later errors (a failed accept under EMFILE) must not crash a process shared by many pods.
      server.on('error', onError);
      resolve();
    });
  });
  const addr = server.address();
  if (addr === null || typeof addr === 'string') throw new Error('server has no TCP address');
  const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;

  return {
    address: addr.address,
    port: addr.port,
    url: `http://${host}:${addr.port}/`,
    close(closeOpts: CloseOptions = {}) {
      closing ??= new Promise<void>((resolve) => {
        const timer =
          closeOpts.graceMs === undefined
            ? undefined
            : setTimeout(() => {
                for (const s of inFlight.keys()) s.destroy();
              }, closeOpts.graceMs);
        server.close(() => {
          clearTimeout(timer);
          resolve();
        });
      });
      // Idle keep-alive sockets and ones that never sent a request go now; busy ones on finishing.
      for (const s of inFlight.keys()) endIfIdle(s);
      return closing;
    },
  };
}

async function handle(
  rootReal: string,
  req: IncomingMessage,
  res: ServerResponse,
  entry: AccessLogEntry,
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', ALLOW);
    return sendText(res, 405, 'Method Not Allowed', entry);
  }
  const head = req.method === 'HEAD';
  const parsed = parseRequestPath(req.url ?? '');
  if (!parsed.ok) {
    entry.error = parsed.reason;
    return sendText(res, 400, 'Bad Request', entry, head);
  }
  const found = await resolveFile(rootReal, parsed.segments, parsed.trailingSlash);
  if (found.kind === 'redirect') {
    res.setHeader('Location', found.location);
    return sendText(res, 301, 'Moved Permanently', entry, head);
  }
  if (found.kind === 'error') {
    if (found.status !== 404) entry.error = found.reason;
    const text = { 403: 'Forbidden', 404: 'Not Found', 500: 'Internal Server Error' }[found.status];
    return sendText(res, found.status, text, entry, head);
  }
  res.writeHead(200, {
    'Content-Type': contentTypeFor(found.path),
    'Content-Length': found.size,
    'Last-Modified': found.mtime.toUTCString(),
    'X-Content-Type-Options': 'nosniff',
  });
  if (head) {
    await found.handle.close();
    res.end();
    return;
  }
  // Streamed, so a large file costs one buffer per connection, not its size.
  const stream = found.handle.createReadStream({ highWaterMark: 64 * 1024 });
  stream.on('data', (chunk: string | Buffer) => {
    entry.bytes += chunk.length;
  });
  pipeline(stream, res, (err) => {
    if (err && res.writableFinished === false) entry.error ??= err.message;
  });
}

function sendText(
  res: ServerResponse,
  status: number,
  text: string,
  entry: AccessLogEntry,
  head = false,
): void {
  const body = `${status} ${text}\n`;
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'X-Content-Type-Options': 'nosniff',
  });
  if (head) {
    res.end();
    return;
  }
  entry.bytes = Buffer.byteLength(body);
  res.end(body);
}
