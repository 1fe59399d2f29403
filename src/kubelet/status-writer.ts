/**
 * The kubelet's status manager (k8s: pkg/kubelet/status/status_manager.go): status writes go through
 * the status subresource, coalesced per pod and skipped when nothing changed since the last write.
 */
import { ApiError } from '../core/index.ts';
import type { KubeObject } from '../core/index.ts';
import type { Client } from '../client/index.ts';
import type { KubeletLogger } from './deps.ts';

interface Pending {
  pod: KubeObject;
  status: Record<string, unknown>;
  waiters: Array<() => void>;
}

export class StatusWriter {
  readonly #client: Client;
  readonly #logger: KubeletLogger;
  readonly #last = new Map<string, string>();
  readonly #pending = new Map<string, Pending>();
  readonly #inflight = new Map<string, Promise<void>>();
  #stopped = false;

  readonly #current: (namespace: string, name: string) => KubeObject | undefined;

  /**
   * `current` reads the informer's cache: a pod deleted and re-created under the same name must not
   * get the old one's status (status_manager.go: "Pod was deleted and then recreated, skipping").
   */
  constructor(
    client: Client,
    logger: KubeletLogger,
    current: (namespace: string, name: string) => KubeObject | undefined,
  ) {
    this.#client = client;
    this.#logger = logger;
    this.#current = current;
  }

  /** Resolves once this status (or a newer one) has been written or found unchanged. */
  publish(pod: KubeObject, status: Record<string, unknown>): Promise<void> {
    const uid = pod.metadata.uid ?? '';
    if (this.#stopped) return Promise.resolve();
    const text = JSON.stringify(status);
    if (!this.#pending.has(uid) && !this.#inflight.has(uid) && this.#last.get(uid) === text) {
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const p = this.#pending.get(uid);
      if (p) {
        p.pod = pod;
        p.status = status;
        p.waiters.push(resolve);
        return;
      }
      this.#pending.set(uid, { pod, status, waiters: [resolve] });
      if (!this.#inflight.has(uid)) setImmediate(() => void this.#flush(uid));
    });
  }

  async #flush(uid: string): Promise<void> {
    const p = this.#pending.get(uid);
    if (!p) return;
    this.#pending.delete(uid);
    const text = JSON.stringify(p.status);
    const run = (async () => {
      if (this.#last.get(uid) === text || this.#stopped) return;
      const { namespace, name } = p.pod.metadata;
      const live = this.#current(namespace ?? 'default', name ?? '');
      if (live && live.metadata.uid !== uid) return;
      try {
        await this.#client.pods.patch(
          name ?? '',
          'merge',
          { metadata: { uid }, status: p.status },
          { namespace: namespace ?? 'default', subresource: 'status' },
        );
        this.#last.set(uid, text);
      } catch (err) {
        if (!(err instanceof ApiError && err.code === 'NOT_FOUND'))
          this.#logger.warn(
            { event: 'status', pod: `${namespace}/${name}`, err: String(err) },
            'status write failed',
          );
      }
    })();
    this.#inflight.set(uid, run);
    await run;
    this.#inflight.delete(uid);
    for (const w of p.waiters) w();
    if (this.#pending.has(uid)) void this.#flush(uid);
  }

  /** Resolves when nothing is queued or being written. */
  async idle(): Promise<void> {
    while (this.#pending.size || this.#inflight.size) {
      await Promise.all([...this.#inflight.values()]);
      await new Promise((r) => setImmediate(r));
    }
  }

  forget(uid: string): void {
    this.#last.delete(uid);
  }

  stop(): void {
    this.#stopped = true;
    for (const p of this.#pending.values()) for (const w of p.waiters) w();
    this.#pending.clear();
  }
}
