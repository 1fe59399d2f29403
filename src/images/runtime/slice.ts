/**
 * Cooperative time slicing for container code. Containers are JavaScript inside kubelab: a shell
 * loop whose awaits all resolve at once (`while true; do :; done`) runs on microtasks only, and the
 * event loop — the API server, other pods, the timers that deliver SIGKILL — would never run again.
 * Every loop that can run long calls `yieldSlice`, which gives the event loop a turn every few ms.
 */
import { createTimeSlice } from '../../core/index.ts';
import { AbortedError } from './proc.ts';

/** How long container code may run before it lets the event loop in (a scheduler tick, roughly). */
export const SLICE_MS = 4;

/** One slice for every container: whoever yields resets it, so each busy container gets about one slice per turn. */
const slice = createTimeSlice(SLICE_MS);

/** True when this slice is used up: hot loops test it before paying for an await. */
export const sliceDue = (): boolean => slice.due();

/**
 * Yields to the event loop (I/O, timers, other containers) when this slice is used up, then throws
 * AbortedError if `signal` was aborted meanwhile (the process was killed). Signals only arrive from
 * macrotasks (the kubelet's timers, API requests), so checking after a yield sees every one.
 */
export async function yieldSlice(signal?: AbortSignal): Promise<void> {
  await slice.yieldIfDue();
  if (signal?.aborted) throw new AbortedError();
}
