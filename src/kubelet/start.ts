/**
 * Starting one container instance as kuberuntime's startContainer does (k8s:
 * pkg/kubelet/kuberuntime/kuberuntime_container.go, images/image_manager.go): image pull with its
 * back-off, environment and `$(VAR)` expansion, mounts, create + start, and the events of each step.
 */
import { randomBytes } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { isRecord } from '../core/index.ts';
import { goDuration } from './backoff.ts';
import { ContainerConfigError, makeEnvironment } from './env.ts';
import { expandCommandAndArgs } from './expansion.ts';
import { LogBuffer } from './logs.ts';
import type { PodWorker } from './pod-worker.ts';
import { metaTime } from './pod-worker.ts';
import { ContainerStartError } from './runtime.ts';
import type { ContainerExit, ContainerSpec } from './runtime.ts';
import { containerMounts } from './sandbox.ts';
import { imageOf } from './slots.ts';
import type { Instance, Slot } from './slots.ts';

const strs = (v: unknown): string[] | undefined => (Array.isArray(v) ? v.map(String) : undefined);

/** Pulls (or finds) the image; a message when it cannot, with the kubelet's events (image_manager.go). */
async function ensureImage(w: PodWorker, slot: Slot, image: string): Promise<string | undefined> {
  const { deps } = w;
  const ref = w.ref(slot);
  const key = `${w.uid}_${image}`;
  const policy = typeof slot.spec.imagePullPolicy === 'string' ? slot.spec.imagePullPolicy : 'IfNotPresent';
  if (deps.imageBackoff.isInBackOffSinceUpdate(key, deps.clock.now())) {
    const msg = `Back-off pulling image "${image}"`;
    deps.event(ref, 'Normal', 'BackOff', msg);
    deps.event(ref, 'Warning', 'Failed', 'Error: ImagePullBackOff');
    slot.waiting = { reason: 'ImagePullBackOff', message: `${msg}: ErrImagePull: ${slot.pullError ?? ''}` };
    return msg;
  }
  const started = deps.clock.now().getTime();
  const result = await deps.runtime.pullImage(image);
  if ('error' in result) {
    deps.event(ref, 'Normal', 'Pulling', `Pulling image "${image}"`);
    deps.event(ref, 'Warning', 'Failed', `Failed to pull image "${image}": ${result.error}`);
    deps.event(ref, 'Warning', 'Failed', 'Error: ErrImagePull');
    deps.imageBackoff.next(key, deps.clock.now());
    slot.pullError = result.error;
    slot.waiting = { reason: 'ErrImagePull', message: result.error };
    return result.error;
  }
  slot.imageID = result.imageID;
  slot.pullError = undefined;
  if (policy === 'Always') {
    const d = goDuration(deps.clock.now().getTime() - started);
    deps.event(ref, 'Normal', 'Pulling', `Pulling image "${image}"`);
    deps.event(
      ref,
      'Normal',
      'Pulled',
      `Successfully pulled image "${image}" in ${d} (${d} including waiting). Image size: ${result.size ?? 0} bytes.`,
    );
  } else {
    deps.event(ref, 'Normal', 'Pulled', `Container image "${image}" already present on machine`);
  }
  return undefined;
}

/**
 * Starts a new instance of `slot`. Resolves with a retry delay when it stays waiting (pull or config
 * error), undefined otherwise (started, or failed to start: the exit leads to the next sync).
 */
export async function startContainer(w: PodWorker, slot: Slot): Promise<number | undefined> {
  const { deps } = w;
  const sandbox = w.sandbox!;
  const image = imageOf(slot.spec);
  const ref = w.ref(slot);
  if (await ensureImage(w, slot, image)) {
    const left = deps.imageBackoff.remaining(`${w.uid}_${image}`);
    return Math.max(1, Math.min(left, deps.backoffResyncMs));
  }
  let env: Array<{ name: string; value: string }>;
  try {
    env = await makeEnvironment(w.pod, slot.spec, {
      podIP: sandbox.ip,
      hostIP: deps.hostIP,
      configMap: deps.configMap,
      secret: deps.secret,
      serviceEnv: deps.serviceEnv(w.pod),
    });
  } catch (err) {
    if (!(err instanceof ContainerConfigError)) throw err;
    deps.event(ref, 'Warning', 'Failed', `Error: ${err.message}`);
    slot.waiting = { reason: 'CreateContainerConfigError', message: err.message };
    return deps.backoffResyncMs;
  }
  if (!env.some((e) => e.name === 'HOSTNAME')) env.unshift({ name: 'HOSTNAME', value: sandbox.hostname });
  const { command, args } = expandCommandAndArgs(env, strs(slot.spec.command), strs(slot.spec.args));
  const mounts = containerMounts(sandbox, slot.spec);
  for (const m of mounts) {
    if (m.subPath)
      m.kind = await stat(m.hostPath).then(
        (s) => (s.isFile() ? 'file' : 'dir'),
        () => 'dir' as const,
      );
  }
  const id = randomBytes(32).toString('hex');
  const attempt = slot.current ? slot.current.attempt + 1 : 0;
  const inst: Instance = {
    id,
    attempt,
    running: false,
    image,
    logs: new LogBuffer(deps.clock, deps.logBytes),
  };
  const spec: ContainerSpec = {
    id,
    pod: { namespace: w.pod.metadata.namespace ?? 'default', name: w.pod.metadata.name ?? '', uid: w.uid },
    name: slot.name,
    image,
    env,
    hostname: sandbox.hostname,
    podIP: sandbox.ip,
    mounts,
    stdin: slot.spec.stdin === true,
    stdinOnce: slot.spec.stdinOnce === true,
    tty: slot.spec.tty === true,
  };
  if (command) spec.command = command;
  if (args) spec.args = args;
  if (typeof slot.spec.workingDir === 'string' && slot.spec.workingDir)
    spec.workingDir = slot.spec.workingDir;
  if (slot.current) slot.previous = slot.current;
  slot.current = inst;
  slot.waiting = undefined;
  deps.event(ref, 'Normal', 'Created', `Created container: ${slot.name}`);
  try {
    inst.handle = await deps.runtime.startContainer(spec, {
      stdout: (c) => inst.logs.write(c),
      stderr: (c) => inst.logs.write(c),
    });
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    // Matched by name: a runtime may bring its own class of the same name (structural contract).
    if (!(err instanceof ContainerStartError || (err instanceof Error && err.name === 'ContainerStartError')))
      deps.logger.error({ event: 'start', pod: w.podName, err: msg }, 'runtime failed');
    deps.event(ref, 'Warning', 'Failed', `Error: ${msg}`);
    Object.assign(inst, {
      running: false,
      exitCode: 128,
      reason: 'StartError',
      message: msg,
      startedAt: '1970-01-01T00:00:00Z',
      finishedAt: metaTime(deps.clock.now()),
    });
    inst.logs.close();
    w.requestSync();
    return undefined;
  }
  inst.running = true;
  inst.startedAt = metaTime(deps.clock.now());
  deps.event(ref, 'Normal', 'Started', `Started container ${slot.name}`);
  // `exited` must not reject; if a runtime's does anyway, that is a crash of the container, not of kubelab.
  const exited = inst.handle.exited.catch((err: unknown): ContainerExit => ({
    exitCode: 128,
    reason: 'Error',
    message: String(err),
  }));
  void exited.then((exit) => {
    inst.running = false;
    inst.exitCode = exit.exitCode;
    if (exit.reason) inst.reason = exit.reason;
    inst.finishedAt = metaTime(deps.clock.now());
    inst.logs.close();
    if (exit.message) inst.message = exit.message;
    else if (slot.spec.terminationMessagePolicy === 'FallbackToLogsOnError' && exit.exitCode !== 0) {
      inst.message = tailText(inst.logs, 80, 2048);
    }
    w.onExit(slot, inst);
  });
  w.probes.containerStarted(slot);
  void isRecord;
  return undefined;
}

/** The last `lines` lines, at most `bytes` bytes (kubelet's FallbackToLogsOnError). */
function tailText(logs: LogBuffer, lines: number, bytes: number): string {
  const text = logs.snapshot();
  const all = text.split('\n');
  const tail = all.slice(-lines - 1).join('\n');
  return tail.length > bytes ? tail.slice(tail.length - bytes) : tail;
}
