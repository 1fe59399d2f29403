/** Redirections (`>`, `>>`, `<`, `2>&1`, here-documents) against the container's filesystem. */
import { Readable, Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { errorText } from '../errors.ts';
import { resolvePath } from '../fs/paths.ts';
import type { ProcIO } from '../runtime/proc.ts';
import type { Redirect } from './ast.ts';
import { expandString } from './expand.ts';
import type { ExpandHost } from './expand.ts';

/** A redirection that could not be made; the command does not run and its status is 1. */
export class RedirectError extends Error {}

export interface Redirected {
  io: ProcIO;
  /** Ends files opened for writing and waits until their data is on disk. */
  close(): Promise<void>;
}

const nullSink = () => new Writable({ write: (_c, _e, done) => done() });

export async function applyRedirects(
  host: ExpandHost,
  redirs: readonly Redirect[],
  io: ProcIO,
): Promise<Redirected> {
  const fds: (Readable | Writable)[] = [io.stdin, io.stdout, io.stderr];
  const opened: Writable[] = [];
  const close = async () => {
    await Promise.all(
      opened.map(async (w) => {
        w.end();
        await finished(w).catch(() => undefined);
      }),
    );
  };
  try {
    for (const r of redirs) {
      const target = await expandString(host, r.target, io);
      if (r.fd > 2) continue; // only the three standard descriptors exist in this shell
      switch (r.op) {
        case '>':
        case '>>': {
          const path = resolvePath(host.state.cwd, target);
          const w = await host.fs.openWrite(path, { append: r.op === '>>' }).catch((err: unknown) => {
            throw new RedirectError(`can't create ${target}: ${errorText(err)}`);
          });
          opened.push(w);
          fds[r.fd] = w;
          break;
        }
        case '<': {
          const data = await host.fs.readFile(resolvePath(host.state.cwd, target)).catch((err: unknown) => {
            throw new RedirectError(`can't open '${target}': ${errorText(err)}`);
          });
          fds[r.fd] = Readable.from([data]);
          break;
        }
        case '<<':
          fds[r.fd] = Readable.from([Buffer.from(await expandString(host, r.heredoc?.body ?? [], io))]);
          break;
        case '>&':
        case '<&': {
          if (target === '-') fds[r.fd] = r.fd === 0 ? Readable.from([]) : nullSink();
          else if (/^[0-2]$/.test(target)) fds[r.fd] = fds[Number(target)] as Readable | Writable;
          else throw new RedirectError(`${target}: bad file descriptor`);
          break;
        }
      }
    }
  } catch (err) {
    await close();
    throw err;
  }
  return { io: { stdin: fds[0] as Readable, stdout: fds[1] as Writable, stderr: fds[2] as Writable }, close };
}
