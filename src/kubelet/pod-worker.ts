/**
 * One pod on this node, from bind to removal (k8s: pkg/kubelet/pod_workers.go + kuberuntime_manager.go
 * `SyncPod`/`computePodActions`): sandbox (pod IP, volumes, managed files), init containers in order,
 * then containers with restartPolicy and CrashLoopBackOff, probes, status, graceful termination.
 * Syncs are serialised; container exits, probe results and timers request another one.
 */
import { isRecord } from '../core/index.ts';
import type { KubeObject } from '../core/index.ts';
import type { ObjectReference } from '../client/index.ts';
import type { PodWorkerDeps } from './deps.ts';
import { killInstance, runLifecycleHandler } from './kill.ts';
import { ProbeSet } from './probe-set.ts';
import { buildPodStatus } from './pod-status.ts';
import { setUpSandbox } from './sandbox.ts';
import type { Sandbox } from './sandbox.ts';
import { containerKey, formatPod, imageOf } from './slots.ts';
import type { Instance, Slot } from './slots.ts';
import { LogBuffer } from './logs.ts';
import { startContainer } from './start.ts';
import { goDuration } from './backoff.ts';
import { tearDownPod } from './volumes.ts';

type Rec = Record<string, unknown>;
const rec = (v: unknown): Rec => (isRecord(v) ? v : {});

export class PodWorker {
  pod: KubeObject;
  readonly uid: string;
  readonly deps: PodWorkerDeps;
  readonly slots = new Map<string, Slot>();
  sandbox: Sandbox | undefined;
  sandboxError: string | undefined;
  readonly probes: ProbeSet;
  #syncing: Promise<void> | undefined;
  #again = false;
  #removed = false;
  #terminating = false;
  #finished = false;
  /** Set when the pod reached Succeeded/Failed and nothing runs any more. */
  terminalPhase: 'Succeeded' | 'Failed' | undefined;
  readonly startTime: string;

  constructor(pod: KubeObject, deps: PodWorkerDeps) {
    this.pod = pod;
    this.uid = pod.metadata.uid ?? '';
    this.deps = deps;
    const st = rec(pod.status);
    this.startTime = typeof st.startTime === 'string' ? st.startTime : metaTime(deps.clock.now());
    for (const init of [true, false]) {
      const list = rec(pod.spec)[init ? 'initContainers' : 'containers'];
      for (const c of Array.isArray(list) ? list.filter(isRecord) : []) {
        const slot: Slot = { name: String(c.name), init, spec: c, imageID: '', starting: false };
        if (!init) this.#adopt(slot, st);
        this.slots.set(slot.name, slot);
      }
    }
    this.probes = new ProbeSet(this);
  }

  /**
   * A container this kubelet ran before it restarted (kubelab restart) is gone: it shows as exited
   * 255 reason Unknown, as containerd reports after a node reboot, and the next one counts a restart.
   */
  #adopt(slot: Slot, status: Rec): void {
    const list = Array.isArray(status.containerStatuses) ? status.containerStatuses.filter(isRecord) : [];
    const old = list.find((x) => x.name === slot.name);
    if (!old || typeof old.containerID !== 'string' || !old.containerID) return;
    const state = rec(old.state);
    const startedAt = rec(state.running).startedAt ?? rec(state.terminated).startedAt;
    const inst: Instance = {
      id: old.containerID.replace(/^[a-z]+:\/\//, ''),
      attempt: typeof old.restartCount === 'number' ? old.restartCount : 0,
      running: false,
      image: imageOf(slot.spec),
      logs: new LogBuffer(this.deps.clock, 0),
      exitCode: 255,
      reason: 'Unknown',
      finishedAt: metaTime(this.deps.clock.now()),
    };
    if (typeof startedAt === 'string') inst.startedAt = startedAt;
    const terminated = rec(state.terminated);
    if (typeof terminated.exitCode === 'number') {
      // It had already finished: keep what it reported.
      inst.exitCode = terminated.exitCode;
      inst.reason = typeof terminated.reason === 'string' ? terminated.reason : 'Error';
      if (typeof terminated.finishedAt === 'string') inst.finishedAt = terminated.finishedAt;
    }
    inst.logs.close();
    slot.current = inst;
    if (typeof old.imageID === 'string') slot.imageID = old.imageID;
  }

  get terminating(): boolean {
    return this.#terminating;
  }

  get restartPolicy(): string {
    const p = rec(this.pod.spec).restartPolicy;
    return typeof p === 'string' ? p : 'Always';
  }

  /** A reference for container events (`spec.containers{web}`). */
  ref(slot?: Slot): ObjectReference {
    const m = this.pod.metadata;
    const r: ObjectReference = {
      kind: 'Pod',
      namespace: m.namespace ?? 'default',
      name: m.name ?? '',
      uid: this.uid,
      apiVersion: 'v1',
    };
    if (m.resourceVersion) r.resourceVersion = m.resourceVersion;
    if (slot) r.fieldPath = `spec.${slot.init ? 'initContainers' : 'containers'}{${slot.name}}`;
    return r;
  }

  get podName(): string {
    return formatPod(this.pod.metadata);
  }

  update(pod: KubeObject): void {
    const old = this.pod;
    this.pod = pod;
    // Only container images may change in a pod's spec.
    for (const c of [...arr(rec(pod.spec).initContainers), ...arr(rec(pod.spec).containers)]) {
      const slot = this.slots.get(String(c.name));
      if (slot) slot.spec = c;
    }
    if (old.metadata.deletionTimestamp !== pod.metadata.deletionTimestamp) this.probes.refresh();
    // Like the kubelet's config source, a status-only change (often our own write) is no reason to sync.
    if (syncKey(old) !== syncKey(pod)) this.requestSync();
  }

  /** The pod is gone from the API (force delete): stop everything at once. */
  removed(): void {
    this.#removed = true;
    this.requestSync();
  }

  requestSync(): void {
    if (this.#finished) return;
    if (this.#syncing) {
      this.#again = true;
      return;
    }
    this.#syncing = (async () => {
      do {
        this.#again = false;
        try {
          await this.#sync();
        } catch (err) {
          this.deps.logger.error({ event: 'sync', pod: this.podName, err: String(err) }, 'pod sync failed');
        }
      } while (this.#again && !this.#finished);
      this.#syncing = undefined;
    })();
  }

  /** Resolves when no sync is in flight (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.#syncing) await this.#syncing;
  }

  async #sync(): Promise<void> {
    if (this.#finished) return;
    if (this.#removed || this.pod.metadata.deletionTimestamp) return this.#terminate();
    if (this.terminalPhase) return;
    if (!this.sandbox) {
      try {
        this.sandbox = await setUpSandbox(this);
        this.sandboxError = undefined;
      } catch (err) {
        const msg = err instanceof Error ? err.message : String(err);
        if (msg !== this.sandboxError) this.deps.event(this.ref(), 'Warning', 'FailedMount', msg);
        this.sandboxError = msg;
        this.#retryIn(undefined, this.deps.backoffResyncMs);
        await this.publish();
        return;
      }
      this.probes.start();
    }
    // As the kubelet's SyncPod computes and writes the API status before it acts, an exited container's
    // terminated state (Error, Init:Error, Completed) reaches the API before a restart replaces it.
    const exited = [...this.slots.values()]
      .map((s) => s.current)
      .filter(
        (c): c is NonNullable<typeof c> => c !== undefined && !c.running && !this.#exitPublished.has(c),
      );
    if (exited.length > 0) {
      for (const c of exited) this.#exitPublished.add(c);
      await this.publish();
    }
    if (await this.#syncInit()) {
      await this.#syncMain();
    }
    await this.publish();
  }

  /** Exited instances whose terminated state has been written to the API. */
  #exitPublished = new WeakSet<object>();

  /** True once every init container has succeeded. */
  async #syncInit(): Promise<boolean> {
    for (const slot of this.slots.values()) {
      if (!slot.init) continue;
      const cur = slot.current;
      if (slot.starting || cur?.running) return false;
      if (cur && cur.exitCode === 0 && !slot.waiting) continue;
      if (cur && cur.exitCode !== 0 && this.restartPolicy === 'Never') {
        await this.#becomeTerminal('Failed');
        return false;
      }
      await this.#start(slot);
      return false;
    }
    return true;
  }

  async #syncMain(): Promise<void> {
    const policy = this.restartPolicy;
    for (const slot of this.slots.values()) {
      if (slot.init || slot.starting) continue;
      const cur = slot.current;
      if (cur?.running) {
        const kill = this.probes.killReason(slot, cur);
        const image = imageOf(slot.spec);
        const changed = image !== cur.image;
        if ((kill || changed) && !cur.stopping) {
          let msg = changed
            ? `Container ${slot.name} definition changed`
            : `Container ${slot.name} failed ${kill} probe`;
          if (policy !== 'Never' || changed) msg += ', will be restarted';
          const grace = this.probes.killGrace(kill) ?? this.graceSeconds();
          void killInstance(this, slot, cur, msg, grace);
        }
        continue;
      }
      if (!cur) {
        await this.#start(slot);
        continue;
      }
      if (cur.stopping && cur.running) continue;
      const restart = policy === 'Always' || (policy === 'OnFailure' && cur.exitCode !== 0);
      if (restart) await this.#start(slot);
    }
    const main = [...this.slots.values()].filter((s) => !s.init);
    const allDone = main.every((s) => s.current && !s.current.running && !s.starting && !s.waiting);
    if (allDone && policy !== 'Always') {
      const ok = main.every((s) => s.current?.exitCode === 0);
      if (policy === 'Never' || ok) await this.#becomeTerminal(ok ? 'Succeeded' : 'Failed');
    }
  }

  /** Starts the container, or keeps it waiting in CrashLoopBackOff. */
  async #start(slot: Slot): Promise<void> {
    const cur = slot.current;
    if (cur && !cur.running && cur.finishedAt) {
      const key = containerKey(this.uid, slot.name);
      const finished = new Date(cur.finishedAt);
      const b = this.deps.restartBackoff;
      if (b.isInBackOffSince(key, finished)) {
        this.deps.event(
          this.ref(slot),
          'Warning',
          'BackOff',
          `Back-off restarting failed container ${slot.name} in pod ${this.podName}`,
        );
        slot.waiting = {
          reason: 'CrashLoopBackOff',
          message: `back-off ${goDuration(b.get(key))} restarting failed container=${slot.name} pod=${this.podName}`,
        };
        const left = b.endsAt(key, finished) - this.deps.clock.now().getTime();
        this.#retryIn(slot, Math.max(1, Math.min(left, this.deps.backoffResyncMs)));
        return;
      }
      b.next(key, finished);
    }
    slot.starting = true;
    try {
      const retryMs = await startContainer(this, slot);
      if (retryMs !== undefined) this.#retryIn(slot, retryMs);
    } finally {
      slot.starting = false;
    }
    if (this.#terminating && slot.current?.running) {
      void killInstance(this, slot, slot.current, `Stopping container ${slot.name}`, 0);
    }
  }

  #retryIn(slot: Slot | undefined, ms: number): void {
    if (slot) slot.retry?.cancel();
    const t = this.deps.clock.setTimeout(() => this.requestSync(), ms);
    if (slot) slot.retry = t;
    else this.#sandboxRetry = t;
  }

  #sandboxRetry: { cancel(): void } | undefined;

  /** The instance's pid 1 ended. */
  onExit(slot: Slot, inst: Instance): void {
    void slot;
    void inst;
    this.requestSync();
  }

  graceSeconds(): number {
    const m = this.pod.metadata;
    if (typeof m.deletionGracePeriodSeconds === 'number') return m.deletionGracePeriodSeconds;
    const g = rec(this.pod.spec).terminationGracePeriodSeconds;
    return typeof g === 'number' ? g : 30;
  }

  async #becomeTerminal(phase: 'Succeeded' | 'Failed'): Promise<void> {
    // Restartable work is over: stop whatever still runs (e.g. main containers after an init failure).
    await Promise.all(
      [...this.slots.values()]
        .filter((s) => s.current?.running)
        .map((s) => killInstance(this, s, s.current!, `Stopping container ${s.name}`, this.graceSeconds())),
    );
    this.terminalPhase = phase;
    this.probes.stop();
    this.deps.ipam.release(this.uid);
  }

  async #terminate(): Promise<void> {
    this.#terminating = true;
    for (const s of this.slots.values()) s.retry?.cancel();
    this.#sandboxRetry?.cancel();
    this.probes.refresh();
    const grace = this.#removed ? 0 : this.graceSeconds();
    // Tell the API first, then let Services drop the pod before its servers get SIGTERM.
    await this.publish();
    if (this.sandbox && !this.#removed) {
      await this.deps.drain(this.sandbox.ip, Math.min(this.deps.drainTimeoutMs, (grace * 1000) / 2));
    }
    await Promise.all(
      [...this.slots.values()]
        .filter((s) => s.current?.running)
        .map((s) => killInstance(this, s, s.current!, `Stopping container ${s.name}`, grace)),
    );
    for (const s of this.slots.values()) s.waiting = undefined;
    this.probes.stop();
    if (!this.#removed) {
      this.terminalPhase = [...this.slots.values()].every((s) => s.init || s.current?.exitCode === 0)
        ? 'Succeeded'
        : 'Failed';
      await this.publish();
      await this.deps.deletePod(this.pod);
    }
    this.#finished = true;
    for (const s of this.slots.values()) this.deps.restartBackoff.forget(containerKey(this.uid, s.name));
    this.deps.ipam.release(this.uid);
    await tearDownPod(this.deps.rootDir, this.uid).catch(() => undefined);
    this.deps.done(this.uid);
  }

  /** Stops the pod's containers at once without touching the API (kubelet shutdown). */
  async shutdown(): Promise<void> {
    this.#finished = true;
    for (const s of this.slots.values()) s.retry?.cancel();
    this.#sandboxRetry?.cancel();
    this.probes.stop();
    await Promise.all(
      [...this.slots.values()]
        .filter((s) => s.current?.running)
        .map((s) => s.current!.handle?.stop(0) ?? Promise.resolve()),
    );
  }

  async publish(): Promise<void> {
    await this.deps.publishStatus(this.pod, buildPodStatus(this));
  }

  /** Runs a postStart/preStop-style handler (used by kill.ts for preStop). */
  runHandler = runLifecycleHandler;
}

/** What a sync depends on: spec, labels, annotations and deletion (kubelet's podsDifferSemantically). */
function syncKey(pod: KubeObject): string {
  const m = pod.metadata;
  return JSON.stringify([
    pod.spec,
    m.labels,
    m.annotations,
    m.deletionTimestamp,
    m.deletionGracePeriodSeconds,
  ]);
}

function arr(v: unknown): Rec[] {
  return Array.isArray(v) ? v.filter(isRecord) : [];
}

export function metaTime(d: Date): string {
  return new Date(Math.floor(d.getTime() / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}
