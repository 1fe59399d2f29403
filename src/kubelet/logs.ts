/**
 * Container logs: a bounded in-memory ring of timestamped lines per container instance (the kubelet
 * keeps the current and the previous instance, as `kubectl logs --previous` needs), and the reader
 * that applies follow, timestamps, tailLines, sinceSeconds/sinceTime and limitBytes
 * (k8s: pkg/kubelet/kuberuntime/logs/logs.go `ReadLogs`).
 */
import type { Clock } from '../core/index.ts';

interface Line {
  at: Date;
  text: string;
}

export interface ReadOptions {
  follow: boolean;
  timestamps: boolean;
  tailLines?: number;
  sinceSeconds?: number;
  sinceTime?: string;
  limitBytes?: number;
}

/** RFC3339Nano as the CRI log format writes it (nanoseconds, trailing zeros trimmed). */
export function rfc3339Nano(d: Date): string {
  const iso = d.toISOString(); // 2026-01-01T00:00:00.123Z
  const [sec, frac = '000Z'] = iso.split('.') as [string, string];
  const digits = frac.replace('Z', '').padEnd(9, '0').replace(/0+$/, '');
  return digits ? `${sec}.${digits}Z` : `${sec}Z`;
}

export class LogBuffer {
  readonly #lines: Line[] = [];
  #bytes = 0;
  #partial = '';
  #closed = false;
  readonly #waiters = new Set<() => void>();

  constructor(
    readonly clock: Clock,
    /** Keep at most this many bytes (kubelet's containerLogMaxSize is 10 MiB; per instance here). */
    readonly maxBytes = 1 << 20,
  ) {}

  /** Appends output; complete lines become entries, a trailing partial line waits for its newline. */
  write(chunk: Buffer | string): void {
    if (this.#closed) return;
    const text = this.#partial + chunk.toString();
    const parts = text.split('\n');
    this.#partial = parts.pop() ?? '';
    const at = this.clock.now();
    for (const p of parts) this.#push({ at, text: `${p}\n` });
    if (parts.length) this.#wake();
  }

  /** The instance has exited: flush a partial line and end followers. */
  close(): void {
    if (this.#closed) return;
    if (this.#partial) this.#push({ at: this.clock.now(), text: this.#partial });
    this.#partial = '';
    this.#closed = true;
    this.#wake();
  }

  /** Everything kept, as text (termination message fallback). */
  snapshot(): string {
    return this.#lines.map((l) => l.text).join('') + this.#partial;
  }

  get closed(): boolean {
    return this.#closed;
  }

  #push(line: Line): void {
    this.#lines.push(line);
    this.#bytes += line.text.length;
    while (this.#bytes > this.maxBytes && this.#lines.length > 1) {
      this.#bytes -= this.#lines.shift()!.text.length;
      this.#dropped++;
    }
  }

  #dropped = 0;

  #wake(): void {
    for (const w of [...this.#waiters]) w();
  }

  /** Reads the log as chunks of text; with follow, keeps going until close() or the signal aborts. */
  async *read(options: ReadOptions, signal: AbortSignal): AsyncGenerator<string> {
    const now = this.clock.now().getTime();
    let since = -Infinity;
    if (options.sinceSeconds !== undefined) since = now - options.sinceSeconds * 1000;
    if (options.sinceTime) since = Math.max(since, new Date(options.sinceTime).getTime());
    let start = 0;
    if (options.tailLines !== undefined) start = Math.max(0, this.#lines.length - options.tailLines);
    let budget = options.limitBytes ?? Infinity;
    let index = this.#dropped + start; // absolute line number, stable across ring trimming
    const format = (l: Line): string => (options.timestamps ? `${rfc3339Nano(l.at)} ${l.text}` : l.text);
    for (;;) {
      const rel = index - this.#dropped;
      const pending = this.#lines.slice(Math.max(0, rel));
      index = this.#dropped + this.#lines.length;
      let out = '';
      for (const l of pending) {
        if (l.at.getTime() < since) continue;
        out += format(l);
      }
      if (out) {
        if (Buffer.byteLength(out) > budget) {
          yield Buffer.from(out).subarray(0, budget).toString();
          return;
        }
        budget -= Buffer.byteLength(out);
        yield out;
      }
      if (!options.follow || this.#closed || signal.aborted) return;
      await new Promise<void>((resolve) => {
        const done = (): void => {
          this.#waiters.delete(done);
          signal.removeEventListener('abort', done);
          resolve();
        };
        this.#waiters.add(done);
        signal.addEventListener('abort', done, { once: true });
      });
      if (signal.aborted) return;
    }
  }
}
