/**
 * Write expectations (the idea of k8s: pkg/controller/controller_utils.go ControllerExpectations,
 * generalised): after a reconcile writes, its key waits until the informer caches show those writes,
 * so the next reconcile never works from a cache that misses its own pods or status. Entries expire
 * after five minutes (ExpectationsTimeout) in case a watch event was lost.
 */
import type { Clock, KubeObject } from '../../core/index.ts';
import type { Informer } from '../../client/index.ts';

export const EXPECTATIONS_TIMEOUT_MS = 5 * 60 * 1000;

type Check = () => boolean;

function atLeast(have: string | undefined, rv: string): boolean {
  if (!have) return false;
  try {
    return BigInt(have) >= BigInt(rv);
  } catch {
    return have === rv;
  }
}

export class Expectations {
  #pending = new Map<string, { deadline: number; checks: Check[] }>();
  readonly #clock: Clock;

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  /**
   * The informer must have seen `written`: its cached copy is that new, or the informer has processed
   * events up to that revision (so a pod created and deleted again before we looked does not leave
   * the key waiting).
   */
  expectWrite(key: string, informer: Informer, cacheKey: string, written: KubeObject): void {
    const rv = written.metadata.resourceVersion;
    if (!rv) return;
    this.#add(
      key,
      () =>
        atLeast(informer.get(cacheKey)?.metadata.resourceVersion, rv) ||
        atLeast(informer.lastSyncResourceVersion(), rv),
    );
  }

  /** The informer must no longer show the object with that uid (or show it terminating). */
  expectDelete(key: string, informer: Informer, cacheKey: string, uid: string | undefined): void {
    this.#add(key, () => {
      const o = informer.get(cacheKey);
      return !o || (!!uid && o.metadata.uid !== uid) || !!o.metadata.deletionTimestamp;
    });
  }

  #add(key: string, check: Check): void {
    const deadline = this.#clock.now().getTime() + EXPECTATIONS_TIMEOUT_MS;
    const e = this.#pending.get(key);
    if (e) {
      e.checks.push(check);
      e.deadline = deadline;
    } else this.#pending.set(key, { deadline, checks: [check] });
  }

  satisfied(key: string): boolean {
    const e = this.#pending.get(key);
    if (!e) return true;
    e.checks = e.checks.filter((c) => !c());
    if (e.checks.length === 0 || this.#clock.now().getTime() > e.deadline) {
      this.#pending.delete(key);
      return true;
    }
    return false;
  }

  forget(key: string): void {
    this.#pending.delete(key);
  }
}
