/**
 * A pseudo-terminal of a container process (`kubectl exec -it`, a `tty: true` container): keystrokes
 * go through the line discipline, processes read whole lines from it and write through ONLCR; stdout
 * and stderr are the same device, as on a real tty. ^C and ^\ go to the foreground job.
 */
import { Readable, Writable } from 'node:stream';
import { AbortedError } from '../runtime/proc.ts';
import { LineDiscipline, onlcr } from './line-discipline.ts';

export type TtySignal = 'SIGINT' | 'SIGQUIT';

/** `isatty(fd)`: the streams that are this terminal. */
const TTYS = new WeakMap<object, Tty>();

export function ttyOf(stream: object | undefined): Tty | undefined {
  return stream ? TTYS.get(stream) : undefined;
}

interface Waiter {
  resolve(record: Buffer | null): void;
}

export class Tty {
  readonly #ld = new LineDiscipline();
  /** Lines ready to read; null is an end of file (^D on an empty line). */
  readonly #records: (Buffer | null)[] = [];
  readonly #waiters: Waiter[] = [];
  #hungUp = false;
  /** Handlers of the foreground job, innermost last (an interactive shell installs one). */
  readonly #foreground: ((sig: TtySignal) => void)[] = [];
  readonly #write: (bytes: Buffer) => void;
  readonly #defaultSignal: (sig: TtySignal) => void;
  /** The terminal side for processes: what they write shows on the client's screen. */
  readonly output: Writable;

  /**
   * @param write where the terminal's output goes (the client's stdout channel, the container log)
   * @param defaultSignal what ^C does when no job took it (kill the exec'd process, signal pid 1)
   */
  constructor(write: (bytes: Buffer) => void, defaultSignal: (sig: TtySignal) => void) {
    this.#write = write;
    this.#defaultSignal = defaultSignal;
    this.output = new Writable({
      write: (chunk: Buffer | string, _enc, done) => {
        this.#write(onlcr(chunk));
        done();
      },
    });
    TTYS.set(this.output, this);
  }

  /** Keystrokes from the client. */
  input(bytes: Buffer): void {
    const { echo, events } = this.#ld.input(bytes);
    if (echo) this.#write(onlcr(echo));
    for (const e of events) {
      if (e.t === 'signal') {
        const handler = this.#foreground[this.#foreground.length - 1] ?? this.#defaultSignal;
        handler(e.sig);
      } else this.#push(e.t === 'line' ? e.data : null);
    }
  }

  /** The client closed its stdin: every read from now on is end of file. */
  hangup(): void {
    this.#hungUp = true;
    for (const w of this.#waiters.splice(0)) w.resolve(null);
  }

  #push(record: Buffer | null): void {
    const w = this.#waiters.shift();
    if (w) w.resolve(record);
    else this.#records.push(record);
  }

  /**
   * One read(2) in canonical mode: the next line (with its newline; without one after ^D mid-line),
   * or null at end of file. Rejects with AbortedError when `signal` aborts; nothing is lost then.
   */
  read(signal?: AbortSignal): Promise<Buffer | null> {
    if (signal?.aborted) return Promise.reject(new AbortedError());
    if (this.#records.length > 0) return Promise.resolve(this.#records.shift() as Buffer | null);
    if (this.#hungUp) return Promise.resolve(null);
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        const k = this.#waiters.indexOf(waiter);
        if (k >= 0) this.#waiters.splice(k, 1);
        reject(new AbortedError());
      };
      const waiter: Waiter = {
        resolve: (r) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(r);
        },
      };
      this.#waiters.push(waiter);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Makes `handler` the foreground job's until the returned function is called. */
  setForeground(handler: (sig: TtySignal) => void): () => void {
    this.#foreground.push(handler);
    return () => {
      const k = this.#foreground.lastIndexOf(handler);
      if (k >= 0) this.#foreground.splice(k, 1);
    };
  }

  /**
   * A process's stdin on this terminal: it ends at the next end of file (^D), and destroying it
   * (the process is gone) leaves unread lines for the next reader, as the terminal keeps them.
   */
  openReader(): Readable {
    const abort = new AbortController();
    const reader = new Readable({
      highWaterMark: 0,
      read: () => {
        this.read(abort.signal).then(
          (r) => reader.push(r),
          () => undefined,
        );
      },
      destroy: (err, done) => {
        abort.abort();
        done(err);
      },
    });
    TTYS.set(reader, this);
    return reader;
  }
}
