/**
 * The probes of one pod (k8s: pkg/kubelet/prober/prober_manager.go + prober.go): a worker per probe,
 * results keyed by container id, `Unhealthy` events on every failed run, and what the pod worker
 * asks of them (ready, started, kill reason).
 */
import { execProbe, httpProbe, tcpProbe } from './probe-handlers.ts';
import type { ProbeOutcome } from './probe-handlers.ts';
import { PROBE_TITLE, parseProbe, resolvePort } from './probe-spec.ts';
import type { ProbeKind, ProbeResult, ProbeSpec } from './probe-spec.ts';
import { ProbeWorker } from './probe-worker.ts';
import type { ProbedContainer } from './probe-worker.ts';
import type { PodWorker } from './pod-worker.ts';
import type { Instance, Slot } from './slots.ts';

const KINDS: Array<[ProbeKind, string]> = [
  ['startup', 'startupProbe'],
  ['readiness', 'readinessProbe'],
  ['liveness', 'livenessProbe'],
];

export class ProbeSet {
  readonly #w: PodWorker;
  readonly #workers = new Map<string, ProbeWorker>();
  readonly #results = new Map<string, ProbeResult>();
  #started = false;

  constructor(w: PodWorker) {
    this.#w = w;
  }

  #spec(slot: Slot, kind: ProbeKind): ProbeSpec | undefined {
    const field = KINDS.find(([k]) => k === kind)![1];
    return parseProbe(kind, slot.spec[field]);
  }

  start(): void {
    if (this.#started) return;
    this.#started = true;
    for (const slot of this.#w.slots.values()) {
      if (slot.init) continue;
      for (const [kind] of KINDS) {
        const spec = this.#spec(slot, kind);
        if (!spec) continue;
        const worker = new ProbeWorker({
          spec,
          clock: this.#w.deps.clock,
          container: () => this.#view(slot),
          probe: () => this.#run(slot, spec),
          setResult: (id, result) => this.#set(kind, id, result),
        });
        this.#workers.set(`${kind}/${slot.name}`, worker);
        worker.start();
      }
    }
  }

  stop(): void {
    for (const w of this.#workers.values()) w.stop();
    this.#workers.clear();
  }

  /** Deletion started: liveness/startup workers see it on their next tick; make that now. */
  refresh(): void {
    for (const [key, w] of this.#workers) if (!key.startsWith('readiness/')) w.kick();
  }

  /**
   * A new instance runs: probe it after a second (about when the kubelet's PLEG would notice it)
   * instead of waiting for the next period; at once would race the server's own start-up.
   */
  containerStarted(slot: Slot): void {
    this.#w.deps.clock.setTimeout(() => {
      for (const [kind] of KINDS) this.#workers.get(`${kind}/${slot.name}`)?.kick();
    }, 1000);
  }

  #view(slot: Slot): ProbedContainer {
    const cur = slot.current;
    const w = this.#w;
    return {
      id: cur?.id ?? '',
      running: !!cur?.running && !cur.stopping,
      ...(cur?.startedAt ? { startedAt: new Date(cur.startedAt) } : {}),
      started: this.started(slot),
      terminated: !!cur && !cur.running,
      restartPolicyNever: w.restartPolicy === 'Never',
      podTerminal: w.terminalPhase !== undefined,
      podDeleting: w.terminating || !!w.pod.metadata.deletionTimestamp,
    };
  }

  #set(kind: ProbeKind, id: string, result: ProbeResult): void {
    const key = `${kind}/${id}`;
    if (this.#results.get(key) === result) return;
    this.#results.set(key, result);
    // Liveness/startup failures make the pod worker kill; readiness changes only the status.
    this.#w.requestSync();
  }

  result(kind: ProbeKind, inst: Instance | undefined): ProbeResult | undefined {
    return inst ? this.#results.get(`${kind}/${inst.id}`) : undefined;
  }

  has(slot: Slot, kind: ProbeKind): boolean {
    return this.#spec(slot, kind) !== undefined;
  }

  /** Started: the startup probe succeeded, or there is none and the container runs. */
  started(slot: Slot): boolean {
    const cur = slot.current;
    if (!cur?.running) return false;
    if (!this.has(slot, 'startup')) return true;
    return this.result('startup', cur) === 'Success';
  }

  ready(slot: Slot): boolean {
    const cur = slot.current;
    if (!cur?.running || cur.stopping) return false;
    if (!this.has(slot, 'readiness')) return this.started(slot);
    return this.result('readiness', cur) === 'Success';
  }

  /** `liveness`/`startup` when that probe's failure means the instance must be killed. */
  killReason(slot: Slot, inst: Instance): 'liveness' | 'startup' | undefined {
    if (this.result('liveness', inst) === 'Failure') return 'liveness';
    if (this.result('startup', inst) === 'Failure') return 'startup';
    return undefined;
  }

  /** A probe's own terminationGracePeriodSeconds overrides the pod's for probe kills. */
  killGrace(kind: 'liveness' | 'startup' | undefined): number | undefined {
    if (!kind) return undefined;
    for (const slot of this.#w.slots.values()) {
      const g = this.#spec(slot, kind)?.terminationGracePeriodSeconds;
      if (g !== undefined) return g;
    }
    return undefined;
  }

  async #run(slot: Slot, spec: ProbeSpec): Promise<ProbeResult | undefined> {
    const w = this.#w;
    const inst = slot.current;
    const ip = w.sandbox?.ip ?? '';
    const timeoutMs = spec.timeoutSeconds * 1000;
    const h = spec.handler;
    let outcome: ProbeOutcome;
    if (h.type === 'http' || h.type === 'tcp') {
      const port = resolvePort(h.port, slot.spec);
      if (port instanceof Error) outcome = { result: 'Unknown', output: port.message };
      else if (h.type === 'http')
        outcome = await httpProbe({
          scheme: h.scheme,
          host: h.host || ip,
          port,
          path: h.path,
          headers: h.headers,
          timeoutMs,
          userAgent: w.deps.probeUserAgent,
        });
      else outcome = await tcpProbe(h.host || ip, port, timeoutMs);
    } else if (h.type === 'exec') {
      const handle = inst?.handle;
      if (!handle) return undefined;
      outcome = await execProbe(
        (argv, out, signal) => handle.exec(argv, { tty: false, signal, stdout: out, stderr: out }),
        h.command,
        timeoutMs,
      );
    } else {
      outcome = { result: 'Unknown', output: 'gRPC probes are not supported by kubelab' };
    }
    const title = PROBE_TITLE[spec.kind];
    const ref = w.ref(slot);
    if (outcome.result === 'Unknown') {
      w.deps.event(ref, 'Warning', 'Unhealthy', `${title} probe errored: ${outcome.output}`);
      return undefined;
    }
    if (outcome.result === 'Failure') {
      w.deps.event(ref, 'Warning', 'Unhealthy', `${title} probe failed: ${outcome.output}`);
    } else if (outcome.warning) {
      w.deps.event(ref, 'Warning', 'ProbeWarning', `${title} probe warning: ${outcome.output}`);
    }
    return outcome.result;
  }
}
