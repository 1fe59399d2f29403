/**
 * A shell reading its commands from stdin as they arrive (busybox ash's cmdloop): each complete
 * command runs as soon as its last line is in, so `kubectl exec -i … -- sh` streams. Interactive
 * (a terminal, or `-i`): prompts PS1/PS2, an error ends only the command, ^C abandons the line or
 * interrupts the foreground command and gives a new prompt.
 */
import type { Readable } from 'node:stream';
import { AbortedError, write } from '../runtime/proc.ts';
import type { Proc } from '../runtime/proc.ts';
import { ttyOf } from '../tty/tty.ts';
import type { List } from './ast.ts';
import { parseAvailable } from './parser.ts';
import { DEFAULT_PS1, DEFAULT_PS2, expandPrompt } from './prompt.ts';
import { Shell } from './shell.ts';
import type { ShellState } from './state.ts';
import { runExitTrap } from './trap.ts';

interface LineSource {
  /** The next line with its newline (the last one may lack it), or null at end of file. */
  next(signal: AbortSignal): Promise<string | null>;
  /** stdin of the commands of one input line, and how to let go of it when they are done. */
  stdinForCommand(): { stdin: Readable; done: () => void };
}

/** A terminal: one read(2) is one line; each command line's processes get a reader of their own, so ^D ends `cat` but not the shell. */
function ttySource(stdin: Readable): LineSource | undefined {
  const tty = ttyOf(stdin);
  if (!tty) return undefined;
  return {
    next: async (signal) => (await tty.read(signal))?.toString('utf8') ?? null,
    stdinForCommand() {
      const reader = tty.openReader();
      return { stdin: reader, done: () => reader.destroy() };
    },
  };
}

/**
 * One read(2) of a pipe: what has arrived, or null at its end. Paused-mode reads (as the `read`
 * builtin's) leave the stream as they found it, so a command's `cat` can read on after the shell.
 */
async function readChunk(stream: Readable, signal: AbortSignal): Promise<Buffer | null> {
  for (;;) {
    if (signal.aborted) throw new AbortedError();
    const chunk = stream.read() as Buffer | string | null;
    if (chunk !== null) return typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    if (stream.readableEnded || stream.destroyed) return null;
    await new Promise<void>((resolve) => {
      const done = () => {
        stream.off('readable', done).off('end', done).off('close', done).off('error', done);
        signal.removeEventListener('abort', done);
        resolve();
      };
      stream.on('readable', done).on('end', done).on('close', done).on('error', done);
      signal.addEventListener('abort', done, { once: true });
    });
  }
}

/**
 * A pipe: read as it comes, split into lines. Commands share the stream, minus what the shell has
 * read ahead (as in ash). With `batch`, one call returns every complete line that has arrived, so a
 * long script piped in is parsed in a few pieces rather than once per line (a here-document of
 * many lines would otherwise be parsed again for each of them).
 */
function streamSource(stdin: Readable, batch: boolean): LineSource {
  let buffered = '';
  let ended = false;
  return {
    async next(signal) {
      for (;;) {
        const nl = batch ? buffered.lastIndexOf('\n') : buffered.indexOf('\n');
        if (nl >= 0) {
          const lines = buffered.slice(0, nl + 1);
          buffered = buffered.slice(nl + 1);
          return lines;
        }
        if (ended) {
          const rest = buffered;
          buffered = '';
          return rest === '' ? null : rest;
        }
        const chunk = await readChunk(stdin, signal);
        if (chunk === null) ended = true;
        else buffered += chunk.toString('utf8');
      }
    },
    stdinForCommand: () => ({ stdin, done: () => undefined }),
  };
}

/** A line ending in an unescaped backslash continues on the next one. */
function continues(text: string): boolean {
  return /(^|[^\\])(\\\\)*\\\n$/.test(text);
}

export async function commandLoop(
  proc: Proc,
  state: ShellState,
  opts: { interactive: boolean },
): Promise<number> {
  const tty = ttyOf(proc.stdin);
  const source = ttySource(proc.stdin) ?? streamSource(proc.stdin, !opts.interactive);
  if (opts.interactive) {
    if (state.get('PS1') === undefined) state.set('PS1', DEFAULT_PS1);
    if (state.get('PS2') === undefined) state.set('PS2', DEFAULT_PS2);
  }
  const promptEnv = { hostname: proc.container.hostname, uid: 0, user: 'root' };
  /** What ^C interrupts now: the read of a line, or the command running. */
  let current = new AbortController();
  const releaseTty = opts.interactive && tty ? tty.setForeground(() => current.abort('SIGINT')) : undefined;
  const shell = new Shell(proc, state);
  const interrupted = (err: unknown, c: AbortController) =>
    err instanceof AbortedError && c.signal.aborted && !proc.signal.aborted;

  type Ran = Awaited<ReturnType<Shell['evalCommand']>> & { interrupted?: boolean };
  const runCommand = async (list: List): Promise<Ran> => {
    const job = (current = new AbortController());
    const { stdin, done: release } = source.stdinForCommand();
    const jobProc: Proc = { ...proc, stdin, signal: AbortSignal.any([proc.signal, job.signal]) };
    try {
      const r = await new Shell(jobProc, state).evalCommand(list, jobProc);
      if (!job.signal.aborted || proc.signal.aborted) return r;
    } catch (err) {
      if (!interrupted(err, job)) throw err;
    } finally {
      release();
    }
    // Interrupted: ash's EXINT handler prints a newline and $? is 128 + SIGINT.
    write(proc.stderr, '\n');
    state.status = 130;
    return { status: 130, interrupted: true };
  };
  // The EXIT trap runs in the shell itself, not in a command line that ^C may have interrupted.
  const exit = (code: number) => runExitTrap(shell, code, proc);

  let pending = '';
  try {
    for (;;) {
      // After ^D mid-line the terminal gave a line without its end: read on, with no new prompt.
      if (opts.interactive && (pending === '' || pending.endsWith('\n')))
        write(proc.stdout, expandPrompt(state.get(pending ? 'PS2' : 'PS1') ?? '', state, promptEnv));
      const reading = (current = new AbortController());
      let line: string | null;
      try {
        line = await source.next(AbortSignal.any([proc.signal, reading.signal]));
      } catch (err) {
        if (!interrupted(err, reading)) throw err;
        // ^C at a prompt: the line is dropped, a new prompt on a new line.
        pending = '';
        state.status = 130;
        write(proc.stderr, '\n');
        continue;
      }
      if (line === null && pending === '') {
        // End of file: ash's interactive cmdloop ends the line before exiting.
        if (opts.interactive) write(proc.stderr, '\n');
        break;
      }
      pending += line ?? '';
      if (line !== null && (!pending.endsWith('\n') || continues(pending))) continue;
      // Run every complete command that is in; an incomplete one waits for the next line.
      while (pending !== '') {
        const got = parseAvailable(pending, line === null);
        pending = got.rest;
        if (got.error) {
          shell.error(proc, got.error.message);
          state.status = 2;
          if (!opts.interactive) return await exit(2);
          break;
        }
        if (!got.list) break;
        if (got.list.items.length === 0) continue;
        const r = await runCommand(got.list);
        if (r.end === 'exit' || (r.end === 'error' && !opts.interactive)) return await exit(r.status);
        // As ash after SIGINT, lines typed ahead are dropped with the interrupted one.
        if (r.interrupted) pending = '';
      }
      if (line === null) break;
    }
    return await exit(state.status);
  } finally {
    releaseTty?.();
  }
}
