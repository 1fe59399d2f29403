/**
 * retryOnConflict: re-run a read-modify-write while the server answers 409 Conflict, as client-go's
 * retry.RetryOnConflict with retry.DefaultRetry (k8s: staging/src/k8s.io/client-go/util/retry/util.go:
 * 5 steps, 10 ms apart, jitter 0.1).
 */
import { ApiError, realClock } from '../core/index.ts';
import type { Clock } from '../core/index.ts';

export interface RetryOptions {
  /** Attempts in all; default 5. */
  steps?: number;
  /** Pause between attempts; default 10 ms. */
  delayMs?: number;
  /** Extra random pause as a fraction of delayMs; default 0.1. */
  jitter?: number;
  clock?: Clock;
}

export function isConflict(err: unknown): boolean {
  return err instanceof ApiError && err.code === 'CONFLICT';
}

export async function retryOnConflict<R>(fn: () => Promise<R>, options: RetryOptions = {}): Promise<R> {
  const steps = options.steps ?? 5;
  const delayMs = options.delayMs ?? 10;
  const jitter = options.jitter ?? 0.1;
  const clock = options.clock ?? realClock;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (!isConflict(err) || attempt >= steps) throw err;
    }
    const pause = delayMs * (1 + jitter * Math.random());
    await new Promise<void>((resolve) => clock.setTimeout(resolve, pause));
  }
}
