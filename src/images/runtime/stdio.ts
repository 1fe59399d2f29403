/**
 * The standard streams of container processes: an exec's (through a terminal with `tty`), and pid
 * 1's, which the container log and every attached client see, and whose stdin (`stdin: true`) is
 * fed by whoever attaches (`kubectl attach`, `kubectl run -it`).
 */
import { PassThrough, Readable, Writable } from 'node:stream';
import { Tty } from '../tty/tty.ts';
import type { TtySignal } from '../tty/tty.ts';
import { emptyStdin } from './proc.ts';

export interface StdioOutput {
  stdout(chunk: Buffer): void;
  stderr(chunk: Buffer): void;
}

/** A client of `kubectl attach` (or `run -it`): the kubelet's attach stream. */
export interface RuntimeAttachIO extends StdioOutput {
  /** The client's keystrokes or piped input; reaches the process only when the container has `stdin: true`. */
  stdin?: AsyncIterable<Buffer>;
  /** What the client asked for; a container without `tty: true` has no terminal to give it (kubectl refuses first). */
  tty: boolean;
  /** Aborted when the client goes away; the attach then ends, the container runs on. */
  signal: AbortSignal;
}

export interface ProcessStdio {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
}

export function sink(write: (chunk: Buffer) => void): Writable {
  return new Writable({
    write(chunk: Buffer | string, _enc, done) {
      write(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
      done();
    },
  });
}

/** Copies a client's input into the process; resolves when the client closes it or goes away. */
async function feed(
  input: AsyncIterable<Buffer>,
  to: (b: Buffer) => void,
  signal: AbortSignal,
): Promise<void> {
  try {
    for await (const chunk of input) {
      if (signal.aborted) return;
      to(chunk);
    }
  } catch {
    // a client that broke off is a client that closed its input
  }
}

/**
 * An exec's streams. With `tty` the process gets a terminal (line discipline, echo, ONLCR, one
 * output for stdout and stderr); ^C with no job to take it kills the process (`kill('SIGINT')`).
 */
export function execStdio(
  io: StdioOutput & { stdin?: AsyncIterable<Buffer>; tty: boolean; signal: AbortSignal },
  kill: (sig: TtySignal) => void,
): ProcessStdio {
  if (!io.tty) {
    const stdin = io.stdin ? Readable.from(io.stdin) : new PassThrough().end();
    return { stdin, stdout: sink((b) => io.stdout(b)), stderr: sink((b) => io.stderr(b)) };
  }
  const tty = new Tty((b) => io.stdout(b), kill);
  if (io.stdin) void feed(io.stdin, (b) => tty.input(b), io.signal).then(() => tty.hangup());
  else tty.hangup();
  return { stdin: tty.openReader(), stdout: tty.output, stderr: tty.output };
}

export interface MainStdio extends ProcessStdio {
  /** Attaches a client until the container exits or the client goes away. */
  attach(io: RuntimeAttachIO, exited: Promise<unknown>): Promise<void>;
}

/**
 * pid 1's streams, from the container spec: `tty` gives it a terminal; `stdin` keeps its stdin open
 * (a read waits) until a client attaches and types; `stdinOnce` closes it for good when the first
 * attached client closes its input. Without `stdin` it reads end of file (/dev/null).
 */
export function mainStdio(
  spec: { stdin?: boolean; stdinOnce?: boolean; tty?: boolean },
  log: StdioOutput,
  signalPid1: (sig: TtySignal) => void,
): MainStdio {
  const clients = new Set<StdioOutput>();
  const emit = (stream: 'stdout' | 'stderr', b: Buffer) => {
    log[stream](b);
    for (const c of clients) c[stream](b);
  };
  let input: (b: Buffer) => void = () => undefined;
  let closeInput: () => void = () => undefined;
  let streams: ProcessStdio;
  if (spec.tty) {
    // pid 1 has no default action for SIGINT: ^C reaches only a process that handles it (an interactive sh).
    const tty = new Tty((b) => emit('stdout', b), signalPid1);
    input = (b) => tty.input(b);
    closeInput = () => tty.hangup();
    if (!spec.stdin) tty.hangup();
    streams = { stdin: tty.openReader(), stdout: tty.output, stderr: tty.output };
  } else {
    let stdin: Readable = emptyStdin();
    if (spec.stdin) {
      const pipe = new PassThrough();
      input = (b) => void (pipe.writableEnded || pipe.write(b));
      closeInput = () => void pipe.end();
      stdin = pipe;
    }
    streams = { stdin, stdout: sink((b) => emit('stdout', b)), stderr: sink((b) => emit('stderr', b)) };
  }
  let stdinClosed = !spec.stdin;
  return {
    ...streams,
    attach(io, exited) {
      const client: StdioOutput = { stdout: (b) => io.stdout(b), stderr: (b) => io.stderr(b) };
      clients.add(client);
      if (io.stdin && !stdinClosed) {
        void feed(io.stdin, (b) => stdinClosed || input(b), io.signal).then(() => {
          if (!spec.stdinOnce || stdinClosed) return;
          stdinClosed = true;
          closeInput();
        });
      }
      return new Promise<void>((resolve) => {
        const done = () => {
          clients.delete(client);
          io.signal.removeEventListener('abort', done);
          resolve();
        };
        void exited.then(done);
        if (io.signal.aborted) done();
        else io.signal.addEventListener('abort', done, { once: true });
      });
    },
  };
}
