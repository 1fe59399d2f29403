/**
 * busybox wget: http(s) to loopback and cluster addresses only; anything else fails as on an
 * offline node (`wget: bad address 'tinyurl.com'`). Messages from busybox networking/wget.c and
 * libbb/xconnect.c; the progress line from libbb/progress.c as printed when stderr is not a tty.
 */
import { resolvePath } from '../fs/paths.ts';
import { strerror } from '../errors.ts';
import { AbortedError, write } from '../runtime/proc.ts';
import type { IncomingMessage } from 'node:http';
import type { Applet, Proc } from '../runtime/proc.ts';
import { HttpError, httpRequest, parseTarget, size5 } from './http-client.ts';
import type { Target } from './http-client.ts';
import { errorText, fail, options } from './util.ts';

const REDIRECT_LIMIT = 16;

export const wget: Applet = async (proc) => {
  const o = options(proc, {
    flags: 'cqSsn',
    withArg: 'OoPYUTtH',
    long: {
      'output-document': 'O',
      quiet: 'q',
      spider: 's',
      timeout: 'T',
      'user-agent': 'U',
      header: 'H',
      tries: 't',
      'no-check-certificate': 'n',
      'server-response': 'S',
    },
  });
  if (typeof o === 'number') return o;
  const quiet = o.flags.has('q');
  const url = o.operands[0];
  if (url === undefined) return fail(proc, 'usage: wget [-cqS] [-O FILE] [-T SEC] [-U AGENT] URL...');
  const timeoutMs = Number(o.values.get('T') ?? 900) * 1000;
  const headers: Record<string, string> = { 'User-Agent': o.values.get('U') ?? 'Wget' };
  const h = o.values.get('H');
  if (h?.includes(':')) headers[h.slice(0, h.indexOf(':')).trim()] = h.slice(h.indexOf(':') + 1).trim();

  let target: Target;
  try {
    target = parseTarget(url);
    for (let redirects = 0; ; redirects++) {
      const current = target;
      const { res } = await httpRequest(proc, current, {
        method: o.flags.has('s') ? 'HEAD' : 'GET',
        headers,
        timeoutMs,
        onResolved: (ip) => {
          if (!quiet) write(proc.stderr, `Connecting to ${current.hostPort} (${ip}:${current.port})\n`);
        },
      });
      const status = res.statusCode ?? 0;
      if (o.flags.has('S')) {
        write(proc.stderr, `  HTTP/${res.httpVersion} ${status} ${res.statusMessage ?? ''}\n`);
        for (let k = 0; k < res.rawHeaders.length; k += 2)
          write(proc.stderr, `  ${res.rawHeaders[k]}: ${res.rawHeaders[k + 1]}\n`);
      }
      if ([301, 302, 303, 307, 308].includes(status) && res.headers.location) {
        res.resume();
        if (redirects + 1 >= REDIRECT_LIMIT) return fail(proc, 'too many redirections');
        target = parseTarget(new URL(res.headers.location, current.url).toString());
        continue;
      }
      if (status !== 200 && status !== 204 && status !== 206) {
        res.resume();
        return fail(
          proc,
          `server returned error: HTTP/${res.httpVersion} ${status} ${res.statusMessage ?? ''}`.trimEnd(),
        );
      }
      if (o.flags.has('s')) {
        res.resume();
        if (!quiet) write(proc.stderr, 'remote file exists\n');
        return 0;
      }
      return await save(proc, res, current, o.values.get('O') ?? o.values.get('o'), o.values.get('P'), quiet);
    }
  } catch (err) {
    if (err instanceof AbortedError || proc.signal.aborted) throw new AbortedError();
    if (!(err instanceof HttpError)) return fail(proc, errorText(err));
    const f = err.failure;
    switch (f.kind) {
      case 'url':
        return fail(proc, `not an http or ftp url: ${f.url}`);
      case 'resolve':
        return fail(proc, `bad address '${f.host}'`);
      case 'connect':
        return fail(proc, `can't connect to remote host (${f.ip}): ${strerror(f.code)}`);
      case 'timeout':
        return fail(proc, 'download timed out');
    }
  }
};

async function save(
  proc: Proc,
  res: IncomingMessage,
  target: Target,
  output: string | undefined,
  dir: string | undefined,
  quiet: boolean,
): Promise<number> {
  const toStdout = output === '-';
  const fname = output ?? (target.url.pathname.split('/').pop() || 'index.html');
  const path = resolvePath(proc.cwd, dir ? `${dir}/${fname}` : fname);
  let out = proc.stdout;
  if (!toStdout) {
    try {
      out = await proc.container.fs.openWrite(path);
    } catch (err) {
      res.resume();
      return fail(proc, `can't open '${fname}': ${errorText(err)}`);
    }
  }
  if (!quiet) write(proc.stderr, toStdout ? 'writing to stdout\n' : `saving to '${fname}'\n`);
  let received = 0;
  try {
    for await (const chunk of res) {
      received += (chunk as Buffer).length;
      write(out, chunk as Buffer);
    }
  } finally {
    if (!toStdout) await new Promise<void>((resolve) => out.end(resolve));
  }
  if (!quiet) {
    const total = Number(res.headers['content-length'] ?? 0);
    const name = (toStdout ? '-' : fname).slice(0, 20).padEnd(20);
    const bar = total ? `100% |${'*'.repeat(32)}| ` : '';
    write(proc.stderr, `${name} ${bar}${size5(received)} ${total ? ' 0:00:00 ETA' : '--:--:-- ETA'}\n`);
    write(proc.stderr, toStdout ? 'written to stdout\n' : `'${fname}' saved\n`);
  }
  return 0;
}
