/** What a pod worker needs from the kubelet around it (injected, so tests can drive it directly). */
import type { Clock, KubeObject } from '../core/index.ts';
import type { ObjectReference } from '../client/index.ts';
import type { RestartBackoff } from './backoff.ts';
import type { PodIpam } from './ipam.ts';
import type { ContainerRuntime } from './runtime.ts';

export interface KubeletLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface PodWorkerDeps {
  nodeName: string;
  hostIP: string;
  rootDir: string;
  clusterDNS: string;
  clusterDomain: string;
  clock: Clock;
  runtime: ContainerRuntime;
  ipam: PodIpam;
  restartBackoff: RestartBackoff;
  imageBackoff: RestartBackoff;
  /** `kube-probe/1.32` */
  probeUserAgent: string;
  /** How often a pod in back-off is synced again (kubelet's pod worker back-off period, 10 s). */
  backoffResyncMs: number;
  /** How many bytes of output each container instance keeps. */
  logBytes: number;
  event(ref: ObjectReference, type: 'Normal' | 'Warning', reason: string, message: string): void;
  configMap: (namespace: string, name: string) => Promise<KubeObject | undefined>;
  secret: (namespace: string, name: string) => Promise<KubeObject | undefined>;
  serviceEnv(pod: KubeObject): Array<{ name: string; value: string }>;
  /** Queues a status write (batched, only when changed); resolves once written. */
  publishStatus(pod: KubeObject, status: Record<string, unknown>): Promise<void>;
  /** Resolves once no EndpointSlice lists `ip` as ready, or after `maxMs`. */
  drain: (ip: string, maxMs: number) => Promise<void>;
  /** Longest wait for endpoints to drop a terminating pod (ms). */
  drainTimeoutMs: number;
  /** DELETE with grace 0 and a uid precondition, ignoring NotFound. */
  deletePod(pod: KubeObject): Promise<void>;
  /** The worker is done with this pod (stopped and cleaned up). */
  done(uid: string): void;
  logger: KubeletLogger;
}
