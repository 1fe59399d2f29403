/**
 * Waits, before a terminating pod's containers get SIGTERM, until no EndpointSlice lists the pod's IP
 * as ready any more, so Services stop sending it new connections before its servers close (what a
 * preStop `sleep` does on a real cluster). Bounded, so a missing endpoints controller costs little.
 */
import { isRecord } from '../core/index.ts';
import type { Clock, KubeObject } from '../core/index.ts';
import type { Informer } from '../client/index.ts';

export function listsReady(slices: KubeObject[], ip: string): boolean {
  for (const s of slices) {
    const eps = Array.isArray((s as Record<string, unknown>).endpoints)
      ? ((s as Record<string, unknown>).endpoints as unknown[])
      : [];
    for (const e of eps) {
      if (!isRecord(e) || !Array.isArray(e.addresses) || !e.addresses.includes(ip)) continue;
      const ready = isRecord(e.conditions) ? e.conditions.ready : undefined;
      // EndpointSlice semantics: a nil ready condition means ready.
      if (ready === undefined || ready === true) return true;
    }
  }
  return false;
}

export function waitForDrain(slices: Informer, ip: string, clock: Clock, maxMs: number): Promise<void> {
  if (maxMs <= 0 || !listsReady(slices.list(), ip)) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      timer.cancel();
      off();
      resolve();
    };
    const check = (): void => {
      if (!listsReady(slices.list(), ip)) done();
    };
    const off = slices.addEventHandler({ add: check, update: check, delete: check });
    const timer = clock.setTimeout(done, maxMs);
  });
}
