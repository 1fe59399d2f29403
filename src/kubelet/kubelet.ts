/**
 * The kubelet: watches the pods bound to this node and gives each a PodWorker; optionally binds
 * unscheduled pods to this node first. Ready once the pod informer has synced and existing pods'
 * IPs have been re-adopted.
 */
import { ApiError, isRecord } from '../core/index.ts';
import type { KubeObject } from '../core/index.ts';
import { createClient, createEventRecorder, createInformer } from '../client/index.ts';
import type { EventRecorder, Informer } from '../client/index.ts';
import { RestartBackoff } from './backoff.ts';
import { waitForDrain } from './drain.ts';
import { removeOrphanedPodDirs } from './volumes.ts';
import { resolveKubeletConfig } from './config.ts';
import type { KubeletConfig } from './config.ts';
import type { PodWorkerDeps } from './deps.ts';
import { createPodHooks } from './hooks.ts';
import type { KubeletPodHooks } from './hooks.ts';
import { PodIpam } from './ipam.ts';
import { PodWorker } from './pod-worker.ts';
import { bindPod, needsScheduling } from './scheduler.ts';
import { serviceEnvVars } from './service-env.ts';
import { StatusWriter } from './status-writer.ts';

export interface Kubelet {
  /** Logs and exec for the API server (pass to startApiServer, or bind a lazyPodHooks()). */
  readonly hooks: KubeletPodHooks;
  /** The pod IP this kubelet gave a pod (tests, diagnostics). */
  podIP(uid: string): string | undefined;
  /** Resolves when every pod worker is idle (tests). */
  idle(): Promise<void>;
  /** Stops all containers without touching the API (kubelab shutdown), then the informers. */
  stop(): Promise<void>;
}

function isTerminal(pod: KubeObject): boolean {
  const phase = isRecord(pod.status) ? pod.status.phase : undefined;
  return phase === 'Succeeded' || phase === 'Failed';
}

export async function startKubelet(config: KubeletConfig): Promise<Kubelet> {
  const cfg = resolveKubeletConfig(config);
  const client = createClient(cfg.transport);
  const clock = cfg.clock;
  const recorder: EventRecorder = createEventRecorder(client, {
    component: 'kubelet',
    host: cfg.nodeName,
    clock,
    onError: (err) => cfg.logger.warn({ event: 'event-write', err: err.message }, 'event not written'),
  });
  const schedulerRecorder = createEventRecorder(client, {
    component: 'default-scheduler',
    clock,
    onError: (err) => cfg.logger.warn({ event: 'event-write', err: err.message }, 'event not written'),
  });
  const pods: Informer = createInformer({ resource: client.pods, clock });
  const statusWriter = new StatusWriter(client, cfg.logger, (namespace, name) =>
    pods.get(`${namespace}/${name}`),
  );
  const ipam = new PodIpam(cfg.podCIDR);
  const workers = new Map<string, PodWorker>();
  const services: Informer = createInformer({ resource: client.services, clock });
  const slices: Informer = createInformer({ resource: client.endpointslices, clock });
  const get = (kind: 'configmaps' | 'secrets') => async (namespace: string, name: string) => {
    try {
      return await client[kind].get(name, { namespace });
    } catch (err) {
      if (err instanceof ApiError && err.code === 'NOT_FOUND') return undefined;
      throw err;
    }
  };
  const deps: PodWorkerDeps = {
    nodeName: cfg.nodeName,
    hostIP: cfg.nodeIP,
    rootDir: cfg.rootDir,
    clusterDNS: cfg.clusterDNS,
    clusterDomain: cfg.clusterDomain,
    clock,
    runtime: cfg.runtime,
    ipam,
    restartBackoff: new RestartBackoff(clock),
    imageBackoff: new RestartBackoff(clock),
    probeUserAgent: `kube-probe/${cfg.version.major}.${cfg.version.minor}`,
    backoffResyncMs: cfg.backoffResyncMs,
    logBytes: cfg.logBytes,
    event: (ref, type, reason, message) => recorder.event(ref, type, reason, message),
    configMap: get('configmaps'),
    secret: get('secrets'),
    serviceEnv: (pod) => serviceEnvVars(services.list(), pod),
    publishStatus: (pod, status) => statusWriter.publish(pod, status),
    drain: (ip, maxMs) => waitForDrain(slices, ip, clock, maxMs),
    drainTimeoutMs: cfg.drainTimeoutMs,
    async deletePod(pod) {
      try {
        await client.pods.delete(pod.metadata.name ?? '', {
          namespace: pod.metadata.namespace ?? 'default',
          gracePeriodSeconds: 0,
          preconditions: { uid: pod.metadata.uid ?? '' },
        });
      } catch (err) {
        if (!(err instanceof ApiError && (err.code === 'NOT_FOUND' || err.code === 'CONFLICT'))) throw err;
      }
    },
    done(uid) {
      workers.delete(uid);
      statusWriter.forget(uid);
    },
    logger: cfg.logger,
  };

  const mine = (pod: KubeObject): boolean =>
    isRecord(pod.spec) && pod.spec.nodeName === cfg.nodeName && !!pod.metadata.uid;
  const binding = new Set<string>();
  const handle = (pod: KubeObject): void => {
    const uid = pod.metadata.uid ?? '';
    if (cfg.schedule && needsScheduling(pod) && !binding.has(uid)) {
      binding.add(uid);
      void bindPod(client, schedulerRecorder, pod, cfg.nodeName, cfg.logger).finally(() =>
        binding.delete(uid),
      );
      return;
    }
    if (!mine(pod)) return;
    const w = workers.get(uid);
    if (w) return w.update(pod);
    // A finished pod has nothing left to run (kubelet restart): leave it as it is.
    if (isTerminal(pod)) return;
    const nw = new PodWorker(pod, deps);
    workers.set(uid, nw);
    nw.requestSync();
  };
  pods.addEventHandler({
    add: handle,
    update: (_old, pod) => handle(pod),
    delete: (pod) => workers.get(pod.metadata.uid ?? '')?.removed(),
  });
  services.start();
  slices.start();
  pods.start();
  await Promise.all([services.whenSynced(), slices.whenSynced(), pods.whenSynced()]);
  // Re-adopt the IPs of this node's pods before new pods take addresses (kubelet restart).
  for (const pod of pods.list()) {
    const ip = isRecord(pod.status) ? pod.status.podIP : undefined;
    if (mine(pod) && typeof ip === 'string' && !isTerminal(pod)) ipam.adopt(pod.metadata.uid ?? '', ip);
  }
  const live = new Set(
    pods
      .list()
      .filter((p) => mine(p) && !isTerminal(p))
      .map((p) => p.metadata.uid ?? ''),
  );
  const orphans = await removeOrphanedPodDirs(cfg.rootDir, live);
  if (orphans) cfg.logger.info({ event: 'cleanup', orphans }, 'removed directories of pods that are gone');
  for (const pod of pods.list()) handle(pod);
  cfg.logger.info({ event: 'ready', node: cfg.nodeName, pods: workers.size }, 'kubelet ready');

  return {
    hooks: createPodHooks((uid) => workers.get(uid)),
    podIP: (uid) => ipam.get(uid),
    async idle() {
      for (const w of [...workers.values()]) await w.idle();
      await statusWriter.idle();
      await recorder.flush();
    },
    async stop() {
      pods.stop();
      services.stop();
      slices.stop();
      await Promise.all([...workers.values()].map((w) => w.shutdown()));
      statusWriter.stop();
      recorder.stop();
      schedulerRecorder.stop();
      await cfg.runtime.close?.();
    },
  };
}
