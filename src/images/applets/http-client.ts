/** One HTTP(S) request from inside a container, over its loopback-only network (for wget and curl). */
import { request } from 'node:http';
import type { IncomingMessage, OutgoingHttpHeaders } from 'node:http';
import type { Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import type { Proc } from '../runtime/proc.ts';

export type HttpFailure =
  | { kind: 'url'; url: string }
  | { kind: 'resolve'; host: string }
  | { kind: 'connect'; ip: string; port: number; code: string }
  | { kind: 'timeout' };

export class HttpError extends Error {
  constructor(readonly failure: HttpFailure) {
    super(failure.kind);
  }
}

export interface Target {
  url: URL;
  /** host[:port] as written in the URL. */
  hostPort: string;
  host: string;
  port: number;
}

/** Parses like busybox: no scheme means http; only http and https are spoken. */
export function parseTarget(raw: string): Target {
  const withScheme = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.test(raw) ? raw : `http://${raw}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new HttpError({ kind: 'url', url: raw });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new HttpError({ kind: 'url', url: raw });
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const port = url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
  return { url, hostPort: url.host, host, port };
}

export interface RequestOptions {
  method?: string;
  headers?: OutgoingHttpHeaders;
  body?: string;
  timeoutMs?: number;
  /** Called once the address is known (wget prints "Connecting to …"). */
  onResolved?: (ip: string) => void;
}

/** Resolves, connects (loopback only) and sends the request; resolves with the response head. */
export async function httpRequest(
  proc: Proc,
  target: Target,
  opts: RequestOptions = {},
): Promise<{ res: IncomingMessage; ip: string }> {
  const net = proc.container.net;
  const ips = await net.resolve(target.host);
  const ip = ips[0];
  if (ip === undefined) throw new HttpError({ kind: 'resolve', host: target.host });
  opts.onResolved?.(ip);
  let socket: Socket;
  try {
    socket = await net.connect(ip, target.port, { signal: proc.signal });
  } catch (err) {
    throw new HttpError({
      kind: 'connect',
      ip,
      port: target.port,
      code: (err as { code?: string }).code ?? 'ECONNREFUSED',
    });
  }
  let stream: Socket = socket;
  if (target.url.protocol === 'https:') {
    // busybox wget does not verify certificates either ("TLS certificate validation not implemented").
    const tls = tlsConnect({
      socket,
      servername: /^[\d.]+$/.test(target.host) ? undefined : target.host,
      rejectUnauthorized: false,
    });
    await new Promise<void>((resolve, reject) => {
      tls.once('secureConnect', resolve);
      tls.once('error', (err: NodeJS.ErrnoException) =>
        reject(new HttpError({ kind: 'connect', ip, port: target.port, code: err.code ?? 'ECONNRESET' })),
      );
    });
    stream = tls;
  }
  return new Promise((resolve, reject) => {
    const req = request({
      method: opts.method ?? 'GET',
      host: target.host,
      port: target.port,
      path: `${target.url.pathname}${target.url.search}`,
      headers: { Host: target.hostPort, Connection: 'close', ...opts.headers },
      createConnection: () => stream,
      signal: proc.signal,
    });
    if (opts.timeoutMs) {
      req.setTimeout(opts.timeoutMs, () => req.destroy(new HttpError({ kind: 'timeout' })));
    }
    req.once('response', (res) => resolve({ res, ip }));
    req.once('error', (err) => {
      stream.destroy();
      reject(
        err instanceof HttpError
          ? err
          : new HttpError({
              kind: 'connect',
              ip,
              port: target.port,
              code: (err as NodeJS.ErrnoException).code ?? 'ECONNRESET',
            }),
      );
    });
    req.end(opts.body);
  });
}

/** busybox smart_ulltoa5: a size in 5 columns, scaled with k, M, G beyond 99999. */
export function size5(n: number): string {
  if (n < 100000) return String(n).padStart(5);
  const units = 'kMGTPE';
  let v = n;
  let u = -1;
  while (v >= 1000 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${String(Math.round(v)).padStart(4)}${units[u]}`;
}
