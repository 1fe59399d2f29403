/**
 * The kubelet's per-container restart back-off (k8s: client-go util/flowcontrol/backoff.go `Backoff`,
 * used with backOffPeriod 10 s and MaxContainerBackOff 300 s in pkg/kubelet/kubelet.go): doubles per
 * restart, capped at 5 minutes, forgotten when the container ran for 2 × max (10 minutes).
 */
import type { Clock } from '../core/index.ts';

export const INITIAL_BACKOFF_MS = 10_000;
export const MAX_BACKOFF_MS = 300_000;

interface Entry {
  backoffMs: number;
  lastUpdate: number;
}

export class RestartBackoff {
  readonly #entries = new Map<string, Entry>();
  constructor(
    readonly clock: Clock,
    readonly initialMs = INITIAL_BACKOFF_MS,
    readonly maxMs = MAX_BACKOFF_MS,
  ) {}

  #expired(eventTime: number, lastUpdate: number): boolean {
    return eventTime - lastUpdate > this.maxMs * 2;
  }

  /** Current delay for `id`, 0 when none. */
  get(id: string): number {
    return this.#entries.get(id)?.backoffMs ?? 0;
  }

  /** Records a restart at `eventTime` (the container's finishedAt): arms 10 s, or doubles. */
  next(id: string, eventTime: Date): void {
    const e = this.#entries.get(id);
    const now = this.clock.now().getTime();
    if (!e || this.#expired(eventTime.getTime(), e.lastUpdate)) {
      this.#entries.set(id, { backoffMs: this.initialMs, lastUpdate: now });
    } else {
      e.backoffMs = Math.min(e.backoffMs * 2, this.maxMs);
      e.lastUpdate = now;
    }
  }

  /** True while `eventTime + backoff` is still ahead (kubelet's doBackOff check). */
  isInBackOffSince(id: string, eventTime: Date): boolean {
    const e = this.#entries.get(id);
    if (!e || this.#expired(eventTime.getTime(), e.lastUpdate)) return false;
    return this.clock.now().getTime() - eventTime.getTime() < e.backoffMs;
  }

  /** The image manager's check: still within the back-off since the last update. */
  isInBackOffSinceUpdate(id: string, eventTime: Date): boolean {
    const e = this.#entries.get(id);
    if (!e || this.#expired(eventTime.getTime(), e.lastUpdate)) return false;
    return eventTime.getTime() - e.lastUpdate < e.backoffMs;
  }

  /** Milliseconds until the back-off since the last update ends (0 when none). */
  remaining(id: string): number {
    const e = this.#entries.get(id);
    if (!e) return 0;
    return Math.max(0, e.lastUpdate + e.backoffMs - this.clock.now().getTime());
  }

  /** When the back-off that started at `eventTime` ends. */
  endsAt(id: string, eventTime: Date): number {
    return eventTime.getTime() + this.get(id);
  }

  forget(id: string): void {
    this.#entries.delete(id);
  }

  /** Drops entries idle for 2 × max (client-go GC). */
  gc(): void {
    const now = this.clock.now().getTime();
    for (const [id, e] of this.#entries) if (this.#expired(now, e.lastUpdate)) this.#entries.delete(id);
  }
}

/** Go's time.Duration String() for whole seconds and minutes, as in `back-off 2m40s restarting…`. */
export function goDuration(ms: number): string {
  if (ms === 0) return '0s';
  const s = ms / 1000;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = s - h * 3600 - m * 60;
  const sec = Number.isInteger(rest) ? String(rest) : String(Number(rest.toFixed(9)));
  if (h) return `${h}h${m}m${sec}s`;
  if (m) return `${m}m${sec}s`;
  return `${sec}s`;
}
