/**
 * Cooperative time slicing for code that can run long on microtasks alone (a shell loop whose awaits
 * resolve at once, a work queue whose reconciles write nothing): without a macrotask yield now and then
 * the event loop — the API server, watches, timers — never runs again.
 */
import { setImmediate as nextMacrotask } from 'node:timers/promises';

export interface TimeSlice {
  /** True once `ms` have passed since the last yield: hot loops test it before paying for an await. */
  due(): boolean;
  /** Yields to the event loop when the slice is used up; otherwise resolves at once. */
  yieldIfDue(): Promise<void>;
}

export function createTimeSlice(ms: number): TimeSlice {
  let start = performance.now();
  const due = () => performance.now() - start >= ms;
  return {
    due,
    async yieldIfDue() {
      if (!due()) return;
      await nextMacrotask();
      start = performance.now();
    },
  };
}
