/** What an applet runs with: one process of a container, with its argv, environment and streams. */
import { Readable } from 'node:stream';
import type { Writable } from 'node:stream';
import type { ContainerContext, ProcessHandle } from '../types.ts';

export interface ProcIO {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
}

export interface SpawnOptions extends ProcIO {
  env: Record<string, string>;
  cwd: string;
  ppid: number;
  /** A forked entry to exec in (a pipeline stage), instead of a new process. */
  process?: ProcessHandle;
  /**
   * The child's kill signal when it is not the container's: an interactive shell's foreground job,
   * which ^C on the terminal ends (reason 'SIGINT') without ending the container.
   */
  signal?: AbortSignal;
}

export interface Proc extends ProcIO {
  readonly argv: readonly string[];
  /** The exported environment this process got. */
  readonly env: Record<string, string>;
  readonly cwd: string;
  readonly pid: number;
  /** This process's table entry (a shell execs its last command in place, as ash does). */
  readonly process: ProcessHandle;
  readonly signal: AbortSignal;
  readonly container: ContainerContext;
  /** Runs another executable of the image as a child; undefined when the image has no such executable. */
  spawn(argv: readonly string[], opts: SpawnOptions): Promise<number> | undefined;
}

/** One executable of an image (a busybox applet, the shell, `web`). Resolves with the exit code. */
export type Applet = (proc: Proc) => number | Promise<number>;

/**
 * Exit code of a process ended through its AbortSignal: 128 + SIGKILL(9) when the container was
 * killed; 128 + SIGTERM(15) for an exec ended by its own signal (e.g. its client went away).
 */
export function abortExitCode(signal: AbortSignal): number {
  return SIGNAL_EXIT[String(signal.reason)] ?? 143;
}

/** 128 + the signal's number: how a shell shows a process a signal killed. */
const SIGNAL_EXIT: Readonly<Record<string, number>> = { SIGKILL: 137, SIGINT: 130, SIGQUIT: 131 };

/** Thrown inside applets to end the process when the container is signalled. */
export class AbortedError extends Error {
  constructor() {
    super('aborted');
    this.name = 'AbortedError';
  }
}

/** A write to a pipe whose reader has gone (EPIPE): the writer dies of SIGPIPE, 141, silently. */
export class BrokenPipeError extends Error {
  constructor() {
    super('Broken pipe');
    this.name = 'BrokenPipeError';
  }
}

export function emptyStdin(): Readable {
  return Readable.from([]);
}

/** Streams written to after their reader had gone: the writer would have had SIGPIPE. */
const brokenPipes = new WeakSet<Writable>();

/**
 * Writes text. A closed stream (a reader that went away) does not fail the write — an applet
 * goes on as if SIGPIPE were ignored — but the stream is marked, so the shell running the applet
 * can end as ash's subshell does when its builtin echo hits EPIPE (see wroteToClosedPipe).
 */
export function write(stream: Writable, text: string | Uint8Array): void {
  if (!stream.writableEnded && !stream.destroyed) stream.write(text);
  else brokenPipes.add(stream);
}

/** True once something was written to `stream` after its reader had gone. */
export function wroteToClosedPipe(stream: Writable): boolean {
  return brokenPipes.has(stream);
}

/**
 * Writes and waits while the stream's buffer is full, as a blocking write(2) would; for applets that
 * produce a lot (seq), so a slow reader holds them back instead of kubelab's memory filling up.
 */
export async function writeFlow(
  stream: Writable,
  text: string | Uint8Array,
  signal: AbortSignal,
): Promise<void> {
  if (stream.writableEnded || stream.destroyed) {
    brokenPipes.add(stream);
    throw new BrokenPipeError();
  }
  if (stream.write(text)) return;
  await new Promise<void>((resolve, reject) => {
    const done = (err?: Error) => {
      stream.off('drain', onDrain).off('close', onDrain).off('error', onDrain);
      signal.removeEventListener('abort', onAbort);
      if (err) reject(err);
      else resolve();
    };
    const onDrain = () => done();
    const onAbort = () => done(new AbortedError());
    stream.once('drain', onDrain).once('close', onDrain).once('error', onDrain);
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Reads until `enough(chunk)` has said so (it sees every chunk) or the stream ends, and reads no
 * further: `head -n 1` of an endless pipe ends after its first line, as on Linux.
 */
export function readUntil(
  stream: Readable,
  signal: AbortSignal,
  enough: (chunk: Buffer) => boolean,
): Promise<Buffer> {
  if (signal.aborted) return Promise.reject(new AbortedError());
  if (stream.readableEnded || stream.destroyed) return Promise.resolve(Buffer.alloc(0));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const done = (err?: Error) => {
      stream.off('data', onData).off('end', onEnd).off('error', done);
      signal.removeEventListener('abort', onAbort);
      if (err) reject(err);
      else resolve(Buffer.concat(chunks));
    };
    const onData = (chunk: Buffer | string) => {
      const b = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      chunks.push(b);
      if (enough(b)) {
        stream.pause();
        done();
      }
    };
    const onEnd = () => done();
    const onAbort = () => done(new AbortedError());
    stream.on('data', onData).once('end', onEnd).once('error', done);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Copies `from` to `to` as it arrives (`cat` of a pipe), holding the reader back while `to` is full;
 * an endless writer upstream costs no memory. Rejects with BrokenPipeError when `to`'s reader is gone.
 */
export function copyStream(from: Readable, to: Writable, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(new AbortedError());
  if (from.readableEnded || from.destroyed) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const done = (err?: Error) => {
      from.off('data', onData).off('end', onEnd).off('error', done);
      to.off('drain', onDrain).off('close', onDrain);
      signal.removeEventListener('abort', onAbort);
      if (err) reject(err);
      else resolve();
    };
    const onData = (chunk: Buffer | string) => {
      if (to.writableEnded || to.destroyed) {
        brokenPipes.add(to);
        from.pause();
        done(new BrokenPipeError());
      } else if (!to.write(chunk)) from.pause();
    };
    // A closed `to` resumes too: the next chunk then finds the pipe broken.
    const onDrain = () => from.resume();
    const onEnd = () => done();
    const onAbort = () => done(new AbortedError());
    to.on('drain', onDrain).on('close', onDrain);
    from.on('data', onData).once('end', onEnd).once('error', done);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** Reads a whole stream (stdin of `sh`, `grep`, `wc`…); a signal ends the wait even if no data comes. */
export function readAll(stream: Readable, signal?: AbortSignal): Promise<Buffer> {
  if (signal?.aborted) return Promise.reject(new AbortedError());
  if (stream.readableEnded || stream.destroyed) return Promise.resolve(Buffer.alloc(0));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const onData = (chunk: Buffer | string) =>
      chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    const done = (err?: Error) => {
      stream.off('data', onData).off('end', onEnd).off('error', done);
      signal?.removeEventListener('abort', onAbort);
      if (err) reject(err);
      else resolve(Buffer.concat(chunks));
    };
    const onEnd = () => done();
    const onAbort = () => done(new AbortedError());
    stream.on('data', onData).once('end', onEnd).once('error', done);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
