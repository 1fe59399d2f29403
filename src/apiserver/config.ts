/** ApiServerConfig: what startApiServer takes, its defaults, and the fail-fast checks on it. */
import { realClock } from '../core/index.ts';
import type { Clock, KubeObject } from '../core/index.ts';
import type { Store } from '../store/types.ts';
import type { PodHooks } from './pods/hooks.ts';

/** The subset of pino's API the server uses; pino loggers fit as they are. */
export interface Logger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface NodeConfig {
  /** Default `kubelab`. */
  name?: string;
  /** Default 127.0.0.2. */
  internalIP?: string;
  /** Default 127.244.0.0/16 (the pod CIDR, spec.podCIDR). */
  podCIDR?: string;
  /** Default cpu 2, memory 4Gi, pods 110, ephemeral-storage 20Gi. */
  capacity?: Record<string, string>;
}

export interface ApiServerConfig {
  store: Store;
  /** Loopback only; default 127.0.0.1:0. */
  listen?: { host?: string; port?: number };
  /** PEM cert and key; required unless plainHttp is true. */
  tls?: { cert: string; key: string };
  plainHttp?: boolean;
  /** Accepted bearer tokens; none configured → no authentication. */
  tokens?: string[];
  clock?: Clock;
  logger?: Logger;
  /** Reported by /version; default 1.32. */
  version?: { major: string; minor: string };
  /** Default 127.96.0.0/12. */
  serviceCIDR?: string;
  /** Default 30000-32767. */
  nodePortRange?: { min: number; max: number };
  node?: NodeConfig;
  /** PEM CA published as the kube-root-ca.crt ConfigMap in every namespace. */
  caCert?: string;
  /** Pod logs/exec, provided by the kubelet. */
  hooks?: PodHooks;
  /**
   * Who finishes a graceful pod deletion of a pod bound to a node: `apiserver` removes it itself when
   * the grace period ends (no kubelet yet); `kubelet` waits for the kubelet's DELETE with grace 0.
   */
  podTermination?: 'apiserver' | 'kubelet';
  /** Create the minikube-like default objects (default true). */
  bootstrap?: boolean;
  /** Optional extra objects the bootstrap creates when absent (e.g. system manifests). */
  bootstrapObjects?: KubeObject[];
}

export interface ResolvedConfig {
  store: Store;
  host: string;
  port: number;
  tls?: { cert: string; key: string };
  tokens: string[];
  clock: Clock;
  logger: Logger;
  version: { major: string; minor: string };
  serviceCIDR: string;
  nodePortRange: { min: number; max: number };
  node: Required<NodeConfig>;
  caCert?: string;
  hooks: PodHooks;
  podTermination: 'apiserver' | 'kubelet';
  bootstrap: boolean;
  bootstrapObjects: KubeObject[];
}

const noop = (): void => {};
export const silentLogger: Logger = { debug: noop, info: noop, warn: noop, error: noop };

export class ApiServerConfigError extends Error {
  override name = 'ApiServerConfigError';
}

export function resolveConfig(c: ApiServerConfig): ResolvedConfig {
  const host = c.listen?.host ?? '127.0.0.1';
  if (!/^127\.\d+\.\d+\.\d+$/.test(host) && host !== '::1' && host !== 'localhost') {
    throw new ApiServerConfigError(
      `listen.host ${host} is not a loopback address; kubelab listens on loopback only`,
    );
  }
  if (!c.tls && c.plainHttp !== true) {
    throw new ApiServerConfigError('either tls {cert, key} or plainHttp: true is required');
  }
  const range = c.nodePortRange ?? { min: 30000, max: 32767 };
  if (!(range.min > 0 && range.max >= range.min && range.max < 65536)) {
    throw new ApiServerConfigError(`nodePortRange ${range.min}-${range.max} is not a valid port range`);
  }
  const resolved: ResolvedConfig = {
    store: c.store,
    host,
    port: c.listen?.port ?? 0,
    tokens: c.tokens ?? [],
    clock: c.clock ?? realClock,
    logger: c.logger ?? silentLogger,
    version: c.version ?? { major: '1', minor: '32' },
    serviceCIDR: c.serviceCIDR ?? '127.96.0.0/12',
    nodePortRange: range,
    node: {
      name: c.node?.name ?? 'kubelab',
      internalIP: c.node?.internalIP ?? '127.0.0.2',
      podCIDR: c.node?.podCIDR ?? '127.244.0.0/16',
      capacity: c.node?.capacity ?? { cpu: '2', memory: '4Gi', pods: '110', 'ephemeral-storage': '20Gi' },
    },
    hooks: c.hooks ?? {},
    podTermination: c.podTermination ?? 'apiserver',
    bootstrap: c.bootstrap ?? true,
    bootstrapObjects: c.bootstrapObjects ?? [],
  };
  if (c.tls) resolved.tls = c.tls;
  if (c.caCert !== undefined) resolved.caCert = c.caCert;
  return resolved;
}
