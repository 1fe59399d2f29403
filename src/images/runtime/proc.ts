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
  return signal.reason === 'SIGKILL' ? 137 : 143;
}

/** Thrown inside applets to end the process when the container is signalled. */
export class AbortedError extends Error {
  constructor() {
    super('aborted');
    this.name = 'AbortedError';
  }
}

export function emptyStdin(): Readable {
  return Readable.from([]);
}

/** Writes text; a closed stream (a reader that went away) is ignored, like SIGPIPE ignored. */
export function write(stream: Writable, text: string | Uint8Array): void {
  if (!stream.writableEnded && !stream.destroyed) stream.write(text);
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
  if (stream.writableEnded || stream.destroyed) return;
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
