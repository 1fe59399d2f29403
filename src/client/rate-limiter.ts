/**
 * The work queue's retry delays, as client-go's DefaultControllerRateLimiter: the larger of a
 * per-key exponential backoff (5 ms doubling to 1000 s) and an overall token bucket (10 qps, burst 100)
 * (k8s: staging/src/k8s.io/client-go/util/workqueue/default_rate_limiters.go).
 */
import type { Clock } from '../core/index.ts';

export interface RateLimiterConfig {
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Overall requeue rate; 0 turns the bucket off. */
  qps?: number;
  burst?: number;
}

export class RateLimiter<K> {
  readonly #failures = new Map<K, number>();
  readonly #clock: Clock;
  readonly #base: number;
  readonly #max: number;
  readonly #qps: number;
  readonly #burst: number;
  #tokens: number;
  #last: number;

  constructor(clock: Clock, config: RateLimiterConfig = {}) {
    this.#clock = clock;
    this.#base = config.baseDelayMs ?? 5;
    this.#max = config.maxDelayMs ?? 1_000_000;
    this.#qps = config.qps ?? 10;
    this.#burst = config.burst ?? 100;
    if (!(this.#base > 0) || !(this.#max >= this.#base))
      throw new RangeError('rate limiter needs 0 < baseDelayMs <= maxDelayMs');
    this.#tokens = this.#burst;
    this.#last = clock.now().getTime();
  }

  /** The delay before `key` may be retried; each call counts one more failure. */
  when(key: K): number {
    const failures = this.#failures.get(key) ?? 0;
    this.#failures.set(key, failures + 1);
    const exponential = Math.min(this.#base * 2 ** failures, this.#max);
    return Math.max(exponential, this.#bucketDelay());
  }

  forget(key: K): void {
    this.#failures.delete(key);
  }

  numRequeues(key: K): number {
    return this.#failures.get(key) ?? 0;
  }

  // golang.org/x/time/rate reservation: take a token now, or wait until one has refilled.
  #bucketDelay(): number {
    if (this.#qps <= 0) return 0;
    const now = this.#clock.now().getTime();
    this.#tokens = Math.min(this.#burst, this.#tokens + ((now - this.#last) / 1000) * this.#qps);
    this.#last = now;
    this.#tokens -= 1;
    return this.#tokens >= 0 ? 0 : (-this.#tokens / this.#qps) * 1000;
  }
}
