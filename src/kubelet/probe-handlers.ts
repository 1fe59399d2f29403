/**
 * The probe handlers with kube's result strings: HTTP GET (k8s: pkg/probe/http/http.go), TCP dial
 * (pkg/probe/tcp/tcp.go) and exec through the runtime (pkg/probe/exec/exec.go). Network errors are
 * worded as Go's net package words them, since that is what `kubectl describe` shows.
 */
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import type { ProbeResult } from './probe-spec.ts';

export interface ProbeOutcome {
  result: ProbeResult;
  output: string;
  /** A success with something to say (ProbeWarning event), e.g. a redirect. */
  warning?: boolean;
}

/** Go's syscall error text for a Node socket error code. */
export function goDialError(err: NodeJS.ErrnoException, ip: string, port: number): string {
  const addr = `${ip}:${port}`;
  switch (err.code) {
    case 'ECONNREFUSED':
      return `dial tcp ${addr}: connect: connection refused`;
    case 'EHOSTUNREACH':
      return `dial tcp ${addr}: connect: no route to host`;
    case 'ENETUNREACH':
      return `dial tcp ${addr}: connect: network is unreachable`;
    case 'EADDRNOTAVAIL':
      return `dial tcp ${addr}: connect: cannot assign requested address`;
    case 'ETIMEDOUT':
      return `dial tcp ${addr}: i/o timeout`;
    case 'ECONNRESET':
      return `read tcp ${addr}: read: connection reset by peer`;
    default:
      return `dial tcp ${addr}: ${err.message}`;
  }
}

/**
 * A probe timeout that does not count event-loop lag: with many pods in one process a busy loop
 * delays both the answer and the timer, so time passes in 100 ms ticks and a late tick counts as at
 * most 150 ms. On an idle loop this is the plain timeout.
 */
function lenientTimeout(fn: () => void, ms: number): { cancel(): void } {
  let spent = 0;
  let last = Date.now();
  let t: NodeJS.Timeout;
  const tick = (): void => {
    const now = Date.now();
    spent += Math.min(now - last, 150);
    last = now;
    if (spent >= ms) setImmediate(fn);
    else t = setTimeout(tick, Math.min(100, ms - spent));
  };
  t = setTimeout(tick, Math.min(100, ms));
  return { cancel: () => clearTimeout(t) };
}

/** Go renders IPv6 hosts in brackets; pod IPs here are IPv4, names stay as they are. */
function hostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

export interface HttpProbeRequest {
  scheme: 'HTTP' | 'HTTPS';
  host: string;
  port: number;
  path: string;
  headers: Array<{ name: string; value: string }>;
  timeoutMs: number;
  /** `kube-probe/1.32` */
  userAgent: string;
  localAddress?: string;
}

const MAX_BODY = 10 * 1024;

export function httpProbe(req: HttpProbeRequest): Promise<ProbeOutcome> {
  const url = `${req.scheme.toLowerCase()}://${hostPort(req.host, req.port)}${req.path}`;
  const headers: Record<string, string> = { 'User-Agent': req.userAgent, Accept: '*/*' };
  for (const h of req.headers) headers[h.name] = h.value;
  const lib = req.scheme === 'HTTPS' ? https : http;
  return new Promise((resolve) => {
    let done = false;
    const finish = (o: ProbeOutcome): void => {
      if (done) return;
      done = true;
      timer.cancel();
      resolve(o);
    };
    const r = lib.request(
      {
        host: req.host,
        port: req.port,
        path: req.path,
        method: 'GET',
        headers,
        agent: false,
        ...(req.localAddress ? { localAddress: req.localAddress } : {}),
        ...(req.scheme === 'HTTPS' ? { rejectUnauthorized: false } : {}),
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => {
          if (body.length < MAX_BODY) body += c;
        });
        res.on('error', () => undefined);
        res.on('end', () => {
          const code = res.statusCode ?? 0;
          if (code >= 200 && code < 400) {
            const warning = code >= 300;
            finish({
              result: 'Success',
              output: warning ? `Probe terminated redirects, Response body: ${body}` : body,
              ...(warning ? { warning } : {}),
            });
          } else {
            finish({ result: 'Failure', output: `HTTP probe failed with statuscode: ${code}` });
          }
        });
      },
    );
    const timer = lenientTimeout(() => {
      finish({
        result: 'Failure',
        output: `Get "${url}": context deadline exceeded (Client.Timeout exceeded while awaiting headers)`,
      });
      r.destroy();
    }, req.timeoutMs);
    r.on('error', (err: NodeJS.ErrnoException) => {
      const text =
        err.code === 'ECONNRESET' && err.message === 'socket hang up'
          ? 'EOF'
          : goDialError(err, req.host, req.port);
      finish({ result: 'Failure', output: `Get "${url}": ${text}` });
    });
    r.end();
  });
}

export function tcpProbe(
  host: string,
  port: number,
  timeoutMs: number,
  localAddress?: string,
): Promise<ProbeOutcome> {
  return new Promise((resolve) => {
    const sock = net.connect({ host, port, ...(localAddress ? { localAddress } : {}) });
    let settled = false;
    const timer = lenientTimeout(() => {
      if (settled) return;
      sock.destroy();
      resolve({ result: 'Failure', output: `dial tcp ${hostPort(host, port)}: i/o timeout` });
    }, timeoutMs);
    sock.once('connect', () => {
      settled = true;
      timer.cancel();
      sock.destroy();
      resolve({ result: 'Success', output: '' });
    });
    sock.once('error', (err: NodeJS.ErrnoException) => {
      if (settled) return;
      settled = true;
      timer.cancel();
      resolve({ result: 'Failure', output: goDialError(err, host, port) });
    });
  });
}

/** Exec probe: exit 0 is success; the output is the combined stdout+stderr. */
export async function execProbe(
  run: (argv: string[], out: (chunk: Buffer) => void, signal: AbortSignal) => Promise<number>,
  command: string[],
  timeoutMs: number,
): Promise<ProbeOutcome> {
  const chunks: Buffer[] = [];
  const abort = new AbortController();
  let timedOut = false;
  const timer = lenientTimeout(() => {
    timedOut = true;
    abort.abort('SIGKILL');
  }, timeoutMs);
  try {
    const code = await run(command, (c) => chunks.push(c), abort.signal);
    const output = Buffer.concat(chunks).toString('utf8');
    if (timedOut)
      return { result: 'Failure', output: `command ${JSON.stringify(command.join(' '))} timed out` };
    return { result: code === 0 ? 'Success' : 'Failure', output };
  } catch (err) {
    return { result: 'Unknown', output: err instanceof Error ? err.message : String(err) };
  } finally {
    timer.cancel();
  }
}
