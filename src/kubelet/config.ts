/** KubeletConfig: what startKubelet takes, its defaults, and the fail-fast checks on it. */
import { isLoopback, parseCIDR, realClock } from '../core/index.ts';
import type { ApiTransport, Clock } from '../core/index.ts';
import type { KubeletLogger } from './deps.ts';
import type { ContainerRuntime } from './runtime.ts';

export interface KubeletConfig {
  /** The API (in-process transport from the API server, or an HTTP transport). */
  transport: ApiTransport;
  runtime: ContainerRuntime;
  /** Where pod volumes and managed files live: `<rootDir>/pods/<uid>/…` (kubelet's /var/lib/kubelet). */
  rootDir: string;
  /** Default `kubelab`. */
  nodeName?: string;
  /** The node's InternalIP (status.hostIP); default 127.0.0.2. */
  nodeIP?: string;
  /** Pod IPs come from here; default 127.244.0.0/16. */
  podCIDR?: string;
  /** kube-dns ClusterIP for pods' resolv.conf; default 127.96.0.10. */
  clusterDNS?: string;
  clusterDomain?: string;
  clock?: Clock;
  logger?: KubeletLogger;
  /** Also bind unscheduled pods to this node, as a one-node default-scheduler would; default true. */
  schedule?: boolean;
  /** Kubernetes version for the probes' User-Agent (`kube-probe/1.32`). */
  version?: { major: string; minor: string };
  /** Pod worker back-off resync (kubelet: 10 s). */
  backoffResyncMs?: number;
  /**
   * Longest wait, when a pod is deleted, for the EndpointSlices to stop listing it as ready before
   * its containers get SIGTERM (at most half the grace period); default 3000 ms, 0 disables.
   */
  drainTimeoutMs?: number;
  /** Log bytes kept per container instance; default 1 MiB. */
  logBytes?: number;
}

export interface ResolvedKubeletConfig extends Required<Omit<KubeletConfig, 'logger'>> {
  logger: KubeletLogger;
}

export class KubeletConfigError extends Error {
  override name = 'KubeletConfigError';
}

const noop = (): void => {};

export function resolveKubeletConfig(c: KubeletConfig): ResolvedKubeletConfig {
  if (!c.transport) throw new KubeletConfigError('transport is required');
  if (!c.runtime) throw new KubeletConfigError('runtime is required');
  if (!c.rootDir) throw new KubeletConfigError('rootDir is required');
  const r: ResolvedKubeletConfig = {
    transport: c.transport,
    runtime: c.runtime,
    rootDir: c.rootDir,
    nodeName: c.nodeName ?? 'kubelab',
    nodeIP: c.nodeIP ?? '127.0.0.2',
    podCIDR: c.podCIDR ?? '127.244.0.0/16',
    clusterDNS: c.clusterDNS ?? '127.96.0.10',
    clusterDomain: c.clusterDomain ?? 'cluster.local',
    clock: c.clock ?? realClock,
    logger: c.logger ?? { info: noop, warn: noop, error: noop },
    schedule: c.schedule ?? true,
    version: c.version ?? { major: '1', minor: '32' },
    backoffResyncMs: c.backoffResyncMs ?? 10_000,
    logBytes: c.logBytes ?? 1 << 20,
    drainTimeoutMs: c.drainTimeoutMs ?? 3000,
  };
  try {
    parseCIDR(r.podCIDR);
  } catch (err) {
    throw new KubeletConfigError(`podCIDR: ${(err as Error).message}`);
  }
  if (!isLoopback(r.podCIDR.split('/')[0]!))
    throw new KubeletConfigError(`podCIDR ${r.podCIDR} is not on loopback; kubelab pods live on 127.0.0.0/8`);
  if (!isLoopback(r.nodeIP)) throw new KubeletConfigError(`nodeIP ${r.nodeIP} is not a loopback address`);
  return r;
}
