/**
 * Stopping a container as kuberuntime's killContainer does (k8s: pkg/kubelet/kuberuntime/
 * kuberuntime_container.go `killContainer`, `executePreStopHook`): the `Killing` event, the preStop hook counted against the grace
 * period, then SIGTERM with the rest of it (at least 2 s) and SIGKILL at the deadline.
 */
import http from 'node:http';
import { isRecord } from '../core/index.ts';
import { parseHandler, resolvePort } from './probe-spec.ts';
import type { PodWorker } from './pod-worker.ts';
import type { Instance, Slot } from './slots.ts';

/** kuberuntime's minimumGracePeriodInSeconds. */
const MIN_GRACE_SECONDS = 2;

/** Runs a lifecycle handler (exec, httpGet, sleep) in/against the container; resolves with an error text. */
export async function runLifecycleHandler(
  this: PodWorker,
  slot: Slot,
  inst: Instance,
  raw: Record<string, unknown>,
  signal: AbortSignal,
): Promise<string | undefined> {
  if (isRecord(raw.sleep) && typeof raw.sleep.seconds === 'number') {
    const ms = raw.sleep.seconds * 1000;
    await new Promise<void>((resolve) => {
      const t = this.deps.clock.setTimeout(resolve, ms);
      signal.addEventListener('abort', () => (t.cancel(), resolve()), { once: true });
    });
    return undefined;
  }
  const h = parseHandler(raw);
  if (!h || !inst.handle) return undefined;
  if (h.type === 'exec') {
    let out = '';
    const code = await inst.handle
      .exec(h.command, {
        tty: false,
        signal,
        stdout: (c) => (out += c.toString()),
        stderr: (c) => (out += c.toString()),
      })
      .catch((err: unknown) => ((out = String(err instanceof Error ? err.message : err)), 126));
    if (code === 0) return undefined;
    // k8s: pkg/kubelet/lifecycle/handlers.go (Run) wording.
    const err = `command '${h.command.join(' ')}' exited with ${code}: ${out}`;
    return `Exec lifecycle hook ([${h.command.join(' ')}]) for Container "${slot.name}" in Pod "${this.podName}" failed - error: ${err}, message: ${JSON.stringify(out)}`;
  }
  if (h.type === 'http') {
    const port = resolvePort(h.port, slot.spec);
    if (port instanceof Error) return port.message;
    const host = h.host || this.sandbox?.ip || '';
    return new Promise((resolve) => {
      const req = http.get({ host, port, path: h.path, agent: false, signal }, (res) => {
        res.resume();
        res.on('end', () => resolve(undefined));
      });
      req.on('error', (err) =>
        resolve(
          `HTTP lifecycle hook (${h.path}) for Container "${slot.name}" in Pod "${this.podName}" failed - error: Get "http://${host}:${port}${h.path}": ${err.message}`,
        ),
      );
    });
  }
  return undefined;
}

/** Stops `inst` with `graceSeconds`; resolves once pid 1 has exited. */
export function killInstance(
  w: PodWorker,
  slot: Slot,
  inst: Instance,
  message: string,
  graceSeconds: number,
): Promise<void> {
  if (inst.stopping) {
    if (graceSeconds === 0) void inst.handle?.stop(0);
    return inst.stopping;
  }
  inst.stopping = (async () => {
    w.deps.event(w.ref(slot), 'Normal', 'Killing', message);
    const start = w.deps.clock.now().getTime();
    let grace = graceSeconds;
    const lifecycle = isRecord(slot.spec.lifecycle) ? slot.spec.lifecycle : {};
    if (isRecord(lifecycle.preStop) && grace > 0 && !slot.init) {
      const abort = new AbortController();
      const timer = w.deps.clock.setTimeout(() => abort.abort('SIGKILL'), grace * 1000);
      const err = await w.runHandler(slot, inst, lifecycle.preStop, abort.signal);
      timer.cancel();
      if (err) w.deps.event(w.ref(slot), 'Warning', 'FailedPreStopHook', err);
      // executePreStopHook returns whole seconds spent (truncated).
      grace -= Math.floor((w.deps.clock.now().getTime() - start) / 1000);
    }
    if (graceSeconds > 0 && grace < MIN_GRACE_SECONDS) grace = MIN_GRACE_SECONDS;
    await inst.handle?.stop(Math.max(0, grace) * 1000);
    await inst.handle?.exited;
  })().catch((err: unknown) => {
    // A runtime that fails to stop must not take kubelab down; the pod worker logs and moves on.
    w.deps.logger.error({ event: 'kill', pod: w.podName, err: String(err) }, 'stopping a container failed');
  });
  return inst.stopping;
}
