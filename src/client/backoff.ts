/**
 * Exponential backoff with jitter and a quiet-period reset, as client-go's
 * wait.NewExponentialBackoffManager that the reflector uses between relists
 * (k8s: staging/src/k8s.io/client-go/tools/cache/reflector.go: 800ms initial, 30s cap,
 * reset after 2 min without failures, factor 2, jitter 1.0).
 */
import type { Clock } from '../core/index.ts';

export interface BackoffConfig {
  initialMs?: number;
  maxMs?: number;
  factor?: number;
  /** The pause is d + d*jitter*random(); 0 gives exact, testable delays. */
  jitter?: number;
  /** A failure this long after the previous one starts again from initialMs. */
  resetMs?: number;
}

export class Backoff {
  readonly #clock: Clock;
  readonly #initial: number;
  readonly #max: number;
  readonly #factor: number;
  readonly #jitter: number;
  readonly #reset: number;
  #current = 0;
  #last = -Infinity;

  constructor(clock: Clock, config: BackoffConfig = {}) {
    this.#clock = clock;
    this.#initial = config.initialMs ?? 800;
    this.#max = config.maxMs ?? 30_000;
    this.#factor = config.factor ?? 2;
    this.#jitter = config.jitter ?? 1;
    this.#reset = config.resetMs ?? 120_000;
    if (!(this.#initial >= 0) || !(this.#max >= this.#initial) || !(this.#factor >= 1)) {
      throw new RangeError(`backoff needs 0 <= initialMs <= maxMs and factor >= 1`);
    }
  }

  /** The pause before the next attempt, growing with each call. */
  next(): number {
    const now = this.#clock.now().getTime();
    this.#current =
      now - this.#last > this.#reset || this.#current === 0
        ? this.#initial
        : Math.min(this.#current * this.#factor, this.#max);
    this.#last = now;
    return this.#current + this.#current * this.#jitter * Math.random();
  }

  reset(): void {
    this.#current = 0;
  }
}
