/** Reads an archive from a stream in exact-size pieces, as tar's read(2) loop does. */
import type { Readable } from 'node:stream';
import { AbortedError } from '../../runtime/proc.ts';

export class BlockReader {
  #buffered: Buffer[] = [];
  #length = 0;
  #ended = false;

  constructor(
    readonly stream: Readable,
    readonly signal: AbortSignal,
  ) {}

  /** Up to `n` bytes (fewer only at the end of the stream; an empty buffer at its end). */
  async read(n: number): Promise<Buffer> {
    while (this.#length < n && !this.#ended) await this.#more();
    const all = Buffer.concat(this.#buffered);
    const out = all.subarray(0, n);
    const rest = all.subarray(n);
    this.#buffered = rest.length > 0 ? [rest] : [];
    this.#length = rest.length;
    return out;
  }

  async #more(): Promise<void> {
    if (this.signal.aborted) throw new AbortedError();
    const chunk = this.stream.read() as Buffer | string | null;
    if (chunk !== null) {
      const b = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      this.#buffered.push(b);
      this.#length += b.length;
      return;
    }
    if (this.stream.readableEnded || this.stream.destroyed) {
      this.#ended = true;
      return;
    }
    await new Promise<void>((resolve) => {
      const done = () => {
        this.stream.off('readable', done).off('end', done).off('close', done).off('error', done);
        this.signal.removeEventListener('abort', done);
        resolve();
      };
      this.stream.on('readable', done).on('end', done).on('close', done).on('error', done);
      this.signal.addEventListener('abort', done, { once: true });
    });
  }
}
