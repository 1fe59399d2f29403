/**
 * The kubelet's side of `kubectl logs`, `exec`, `attach` and `port-forward` (k8s: pkg/kubelet/kubelet_pods.go
 * `GetContainerLogs`, server/server.go exec, attach, portForward): structurally the API server's PodHooks, defined here so
 * the kubelet does not import the API server; the composition root passes it to startApiServer.
 */
import type { Duplex } from 'node:stream';
import { ApiError, errors, isRecord } from '../core/index.ts';
import type { KubeObject } from '../core/index.ts';
import { attachContainer } from './attach.ts';
import { dialPod } from './port-forward.ts';
import type { LogBuffer } from './logs.ts';
import type { PodWorker } from './pod-worker.ts';

export interface PodLogOptions {
  follow: boolean;
  timestamps: boolean;
  previous: boolean;
  tailLines?: number;
  sinceSeconds?: number;
  sinceTime?: string;
  limitBytes?: number;
}

export interface PodExecStdio {
  stdin?: AsyncIterable<Buffer>;
  stdout(chunk: Buffer): void;
  stderr(chunk: Buffer): void;
  tty: boolean;
  onResize(listener: (size: { width: number; height: number }) => void): void;
}

/** Same shape as src/apiserver's PodHooks. */
export interface KubeletPodHooks {
  logs(
    pod: KubeObject,
    container: string,
    options: PodLogOptions,
    signal: AbortSignal,
  ): Promise<AsyncIterable<string>>;
  exec(
    pod: KubeObject,
    container: string,
    command: string[],
    stdio: PodExecStdio,
    signal: AbortSignal,
  ): Promise<number>;
  attach(pod: KubeObject, container: string, stdio: PodExecStdio, signal: AbortSignal): Promise<number>;
  portForward(pod: KubeObject, port: number): Promise<Duplex>;
}

/** Waiting text from the pod's status, for pods this kubelet has not (or no longer) got. */
function waitingReason(pod: KubeObject, container: string): string {
  const status = isRecord(pod.status) ? pod.status : {};
  for (const f of ['containerStatuses', 'initContainerStatuses']) {
    const list = Array.isArray(status[f]) ? (status[f] as unknown[]).filter(isRecord) : [];
    const c = list.find((x) => x.name === container);
    const w = c && isRecord(c.state) && isRecord(c.state.waiting) ? c.state.waiting : undefined;
    if (w && typeof w.reason === 'string') return w.reason;
  }
  return 'ContainerCreating';
}

export function createPodHooks(workers: (uid: string) => PodWorker | undefined): KubeletPodHooks {
  const find = (pod: KubeObject, container: string) => {
    const w = workers(pod.metadata.uid ?? '');
    const slot = w?.slots.get(container);
    return { w, slot };
  };
  return {
    logs(pod, container, options, signal) {
      const podName = pod.metadata.name ?? '';
      const { slot } = find(pod, container);
      let buffer: LogBuffer | undefined;
      if (slot) {
        const cur = slot.current;
        // The instance shown as lastState: the exited current one while it waits, else the one before.
        const last = cur && !cur.running && slot.waiting ? cur : slot.previous;
        if (options.previous) {
          if (!last)
            return Promise.reject(
              errors.badRequest(`previous terminated container "${container}" in pod "${podName}" not found`),
            );
          buffer = last.logs;
        } else if (cur && !(slot.waiting && !cur.running)) {
          buffer = cur.logs;
        } else if (last) {
          buffer = last.logs;
        }
      }
      if (!buffer) {
        const reason = slot?.waiting?.reason ?? waitingReason(pod, container);
        return Promise.reject(
          options.previous
            ? errors.badRequest(`previous terminated container "${container}" in pod "${podName}" not found`)
            : errors.badRequest(
                `container "${container}" in pod "${podName}" is waiting to start: ${reason}`,
              ),
        );
      }
      const readOpts = {
        follow: options.follow,
        timestamps: options.timestamps,
        ...(options.tailLines !== undefined ? { tailLines: options.tailLines } : {}),
        ...(options.sinceSeconds !== undefined ? { sinceSeconds: options.sinceSeconds } : {}),
        ...(options.sinceTime !== undefined ? { sinceTime: options.sinceTime } : {}),
        ...(options.limitBytes !== undefined ? { limitBytes: options.limitBytes } : {}),
      };
      return Promise.resolve(buffer.read(readOpts, signal));
    },
    async exec(pod, container, command, stdio, signal) {
      const { slot } = find(pod, container);
      const cur = slot?.current;
      if (!cur?.running || !cur.handle)
        throw new ApiError(
          'BAD_REQUEST',
          `unable to upgrade connection: container not found ("${container}")`,
        );
      return cur.handle.exec(command, {
        ...(stdio.stdin ? { stdin: stdio.stdin } : {}),
        tty: stdio.tty,
        signal,
        stdout: (c) => stdio.stdout(c),
        stderr: (c) => stdio.stderr(c),
      });
    },
    attach(pod, container, stdio, signal) {
      return attachContainer(find(pod, container).slot, container, stdio, signal);
    },
    portForward(pod, port) {
      return dialPod(workers(pod.metadata.uid ?? ''), pod, port);
    },
  };
}

/**
 * Hooks that exist before the kubelet does: the API server needs them at start, the kubelet needs the
 * API server's transport. `bind()` once the kubelet runs; until then requests get a clear 503.
 */
export function lazyPodHooks(): { hooks: KubeletPodHooks; bind(target: KubeletPodHooks): void } {
  let target: KubeletPodHooks | undefined;
  const need = (): KubeletPodHooks => {
    if (!target) throw new ApiError('UNAVAILABLE', 'the kubelet is starting; try again in a moment');
    return target;
  };
  return {
    hooks: {
      logs: (pod, c, o, s) => need().logs(pod, c, o, s),
      exec: (pod, c, cmd, io, s) => need().exec(pod, c, cmd, io, s),
      attach: (pod, c, io, s) => need().attach(pod, c, io, s),
      portForward: (pod, port) => need().portForward(pod, port),
    },
    bind(t) {
      target = t;
    },
  };
}
