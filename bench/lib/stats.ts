/** Latency samples → p50/p99/max and ops/s, and a runner that keeps a fixed number of operations in flight. */

export interface Summary {
  n: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  opsPerSec: number;
}

/** Nearest-rank percentile of sorted samples (p in 0..100). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? NaN;
}

export function summarize(samplesMs: readonly number[], wallMs: number): Summary {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    maxMs: sorted[sorted.length - 1] ?? NaN,
    opsPerSec: wallMs > 0 ? (sorted.length * 1000) / wallMs : NaN,
  };
}

/** The middle value (the mean of the two middle ones for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
}

const nowMs = (): number => Number(process.hrtime.bigint()) / 1e6;

export interface Samples {
  samplesMs: number[];
  wallMs: number;
}

/**
 * Runs op(0..count-1) with `inFlight` calls outstanding (1 = sequential) and times each call.
 * A failing op rejects the whole run: a benchmark of errors would be a lie.
 */
export async function sample(
  count: number,
  inFlight: number,
  op: (i: number, worker: number) => Promise<void>,
): Promise<Samples> {
  const samplesMs: number[] = [];
  let next = 0;
  const started = nowMs();
  await Promise.all(
    Array.from({ length: Math.min(inFlight, count) }, async (_, worker) => {
      while (next < count) {
        const i = next++;
        const t0 = nowMs();
        await op(i, worker);
        samplesMs.push(nowMs() - t0);
      }
    }),
  );
  return { samplesMs, wallMs: nowMs() - started };
}

export async function measure(
  count: number,
  inFlight: number,
  op: (i: number, worker: number) => Promise<void>,
): Promise<Summary> {
  const { samplesMs, wallMs } = await sample(count, inFlight, op);
  return summarize(samplesMs, wallMs);
}

/** Times one async call in milliseconds. */
export async function timeMs(run: () => Promise<unknown>): Promise<number> {
  const t0 = nowMs();
  await run();
  return nowMs() - t0;
}

export { nowMs };
