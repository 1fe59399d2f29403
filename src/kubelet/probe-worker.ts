/**
 * One probe of one container, as the kubelet's prober worker (k8s: pkg/kubelet/prober/worker.go
 * `doProbe`): initial results, initialDelaySeconds, startup gating, success/failure thresholds,
 * on-hold after a liveness/startup failure until a new container, and the period timer on the clock.
 */
import type { Clock, Timer } from '../core/index.ts';
import type { ProbeKind, ProbeResult, ProbeSpec } from './probe-spec.ts';

/** What the worker needs to know about the container at each tick. */
export interface ProbedContainer {
  /** Empty until the container was created. */
  id: string;
  running: boolean;
  startedAt?: Date;
  /** The startup probe has succeeded (or there is none). */
  started: boolean;
  terminated: boolean;
  restartPolicyNever: boolean;
  podTerminal: boolean;
  podDeleting: boolean;
}

export const INITIAL_RESULT: Record<ProbeKind, ProbeResult> = {
  readiness: 'Failure',
  liveness: 'Success',
  startup: 'Unknown',
};

export interface ProbeWorkerConfig {
  spec: ProbeSpec;
  clock: Clock;
  container(): ProbedContainer;
  /** Runs the handler once; undefined means a prober error (result thrown away). */
  probe(): Promise<ProbeResult | undefined>;
  /** Publishes a (thresholded) result for a container id. */
  setResult(containerId: string, result: ProbeResult): void;
}

export class ProbeWorker {
  readonly #c: ProbeWorkerConfig;
  #containerId = '';
  #lastResult: ProbeResult = 'Unknown';
  #resultRun = 0;
  #onHold = false;
  #timer: Timer | undefined;
  #stopped = false;

  constructor(config: ProbeWorkerConfig) {
    this.#c = config;
  }

  get onHold(): boolean {
    return this.#onHold;
  }

  /** Probes at once, then every periodSeconds until stopped or doProbe says stop. */
  start(): void {
    void this.#loop();
  }

  stop(): void {
    this.#stopped = true;
    this.#timer?.cancel();
  }

  /** Runs a probe now (e.g. the container just started) instead of waiting for the tick. */
  kick(): void {
    if (this.#stopped) return;
    this.#timer?.cancel();
    void this.#loop();
  }

  #running = false;
  async #loop(): Promise<void> {
    if (this.#stopped || this.#running) return;
    this.#running = true;
    let keepGoing = true;
    try {
      keepGoing = await this.doProbe();
    } catch {
      // A prober error: the result is thrown away, as worker.go does, and probing goes on.
    } finally {
      this.#running = false;
    }
    if (!keepGoing || this.#stopped) return;
    this.#timer = this.#c.clock.setTimeout(() => void this.#loop(), this.#c.spec.periodSeconds * 1000);
  }

  /** One tick; false means the worker should stop. */
  async doProbe(): Promise<boolean> {
    const { spec } = this.#c;
    const c = this.#c.container();
    if (c.podTerminal) return false;
    if (!c.id) return true;
    if (c.id !== this.#containerId) {
      this.#containerId = c.id;
      this.#c.setResult(c.id, INITIAL_RESULT[spec.kind]);
      this.#onHold = false;
    }
    if (this.#onHold) return true;
    if (!c.running) {
      this.#c.setResult(c.id, 'Failure');
      return !c.terminated || !c.restartPolicyNever;
    }
    if (c.podDeleting && (spec.kind === 'liveness' || spec.kind === 'startup')) {
      this.#c.setResult(c.id, 'Success');
      return false;
    }
    const sinceStart = Math.floor((this.#c.clock.now().getTime() - (c.startedAt?.getTime() ?? 0)) / 1000);
    if (sinceStart < spec.initialDelaySeconds) return true;
    if (c.started) {
      if (spec.kind === 'startup') return true;
    } else if (spec.kind !== 'startup') {
      return true;
    }
    const result = await this.#c.probe();
    if (result === undefined || this.#stopped) return true;
    // The container may have changed while the probe ran; its result belongs to the old one.
    if (this.#c.container().id !== this.#containerId) return true;
    if (this.#lastResult === result) this.#resultRun++;
    else {
      this.#lastResult = result;
      this.#resultRun = 1;
    }
    if (
      (result === 'Failure' && this.#resultRun < spec.failureThreshold) ||
      (result === 'Success' && this.#resultRun < spec.successThreshold)
    ) {
      return true;
    }
    this.#c.setResult(this.#containerId, result);
    if ((spec.kind === 'liveness' || spec.kind === 'startup') && result === 'Failure') {
      this.#onHold = true;
      this.#resultRun = 0;
    }
    return true;
  }
}
