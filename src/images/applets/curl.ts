/**
 * curl (-s -S -o -O -f -I -i -L -X -H -d -m): not in busybox, but kubelab images carry it for probes
 * and labs. Error texts and exit codes from curl's lib/strerror.c and src/tool_operate.c (curl 8).
 */
import type { IncomingMessage } from 'node:http';
import { performance } from 'node:perf_hooks';
import { resolvePath } from '../fs/paths.ts';
import { AbortedError, write } from '../runtime/proc.ts';
import type { Applet, Proc } from '../runtime/proc.ts';
import { HttpError, httpRequest, parseTarget } from './http-client.ts';
import type { Target } from './http-client.ts';
import { errorText, options } from './util.ts';

const MAX_REDIRS = 50;

export const curl: Applet = async (proc) => {
  const o = options(proc, {
    flags: 'sSfIiLkvO',
    withArg: 'oXHdmAw',
    long: {
      silent: 's',
      'show-error': 'S',
      fail: 'f',
      head: 'I',
      include: 'i',
      location: 'L',
      insecure: 'k',
      verbose: 'v',
      'remote-name': 'O',
      output: 'o',
      request: 'X',
      header: 'H',
      data: 'd',
      'max-time': 'm',
      'connect-timeout': 'm',
      'user-agent': 'A',
      'write-out': 'w',
    },
  });
  if (typeof o === 'number') return o;
  const f = o.flags;
  const showErrors = !f.has('s') || f.has('S');
  const err = (code: number, text: string) => {
    if (showErrors) write(proc.stderr, `curl: (${code}) ${text}\n`);
    return code;
  };
  const raw = o.operands[0];
  if (raw === undefined) {
    write(proc.stderr, "curl: try 'curl --help' for more information\n");
    return 2;
  }
  const headers: Record<string, string> = { 'User-Agent': o.values.get('A') ?? 'curl/8.5.0', Accept: '*/*' };
  const h = o.values.get('H');
  if (h?.includes(':')) headers[h.slice(0, h.indexOf(':')).trim()] = h.slice(h.indexOf(':') + 1).trim();
  const body = o.values.get('d');
  if (body !== undefined) headers['Content-Type'] = 'application/x-www-form-urlencoded';
  const method = o.values.get('X') ?? (f.has('I') ? 'HEAD' : body !== undefined ? 'POST' : 'GET');
  const maxTime = o.values.get('m');
  const started = performance.now();

  let target: Target;
  try {
    target = parseTarget(raw);
  } catch {
    return err(3, `URL rejected: Bad hostname`);
  }
  try {
    for (let redirects = 0; ; redirects++) {
      const { res } = await httpRequest(proc, target, {
        method,
        headers,
        body,
        timeoutMs: maxTime ? Number(maxTime) * 1000 : undefined,
      });
      const status = res.statusCode ?? 0;
      if (f.has('L') && [301, 302, 303, 307, 308].includes(status) && res.headers.location) {
        res.resume();
        if (redirects >= MAX_REDIRS) return err(47, `Maximum (${MAX_REDIRS}) redirects followed`);
        target = parseTarget(new URL(res.headers.location, target.url).toString());
        continue;
      }
      if (f.has('f') && status >= 400) {
        res.resume();
        return err(22, `The requested URL returned error: ${status}`);
      }
      return await output(
        proc,
        res,
        target,
        o.values.get('o') ?? (f.has('O') ? (target.url.pathname.split('/').pop() ?? '') : undefined),
        f.has('I') || f.has('i'),
      );
    }
  } catch (e) {
    if (e instanceof AbortedError || proc.signal.aborted) throw new AbortedError();
    if (!(e instanceof HttpError))
      return err(56, `Failure when receiving data from the peer: ${errorText(e)}`);
    const fl = e.failure;
    const ms = Math.round(performance.now() - started);
    switch (fl.kind) {
      case 'url':
        return err(1, `Protocol "${raw.split(':')[0]}" not supported`);
      case 'resolve':
        return err(6, `Could not resolve host: ${fl.host}`);
      case 'connect':
        return err(
          7,
          `Failed to connect to ${target.host} port ${fl.port} after ${ms} ms: Couldn't connect to server`,
        );
      case 'timeout':
        return err(28, `Operation timed out after ${ms} milliseconds with 0 bytes received`);
    }
  }
};

async function output(
  proc: Proc,
  res: IncomingMessage,
  _target: Target,
  file: string | undefined,
  showHead: boolean,
): Promise<number> {
  let out = proc.stdout;
  if (file !== undefined) {
    try {
      out = await proc.container.fs.openWrite(resolvePath(proc.cwd, file));
    } catch (e) {
      res.resume();
      write(proc.stderr, `curl: (23) Failure writing output to destination: ${errorText(e)}\n`);
      return 23;
    }
  }
  if (showHead) {
    let head = `HTTP/${res.httpVersion} ${res.statusCode} ${res.statusMessage ?? ''}\r\n`;
    for (let k = 0; k < res.rawHeaders.length; k += 2)
      head += `${res.rawHeaders[k]}: ${res.rawHeaders[k + 1]}\r\n`;
    write(out, `${head}\r\n`);
  }
  try {
    for await (const chunk of res) write(out, chunk as Buffer);
  } finally {
    if (file !== undefined) await new Promise<void>((resolve) => out.end(resolve));
  }
  return 0;
}
