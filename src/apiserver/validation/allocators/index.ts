/**
 * The Service allocators behind `Allocators`: ClusterIPs from the service CIDR and NodePorts from the node
 * port range, rebuilt from the Services that exist (as kube-apiserver's repair loops do) and released on delete.
 */
import type { KubeObject } from '../../../core/index.ts';
import type { Allocators } from '../types.ts';
import { rec, recs, str } from '../util.ts';
import { ClusterIPAllocator } from './cluster-ip.ts';
import { NodePortAllocator } from './node-port.ts';

export { AllocationError } from './errors.ts';
export { ClusterIPAllocator } from './cluster-ip.ts';
export { NodePortAllocator } from './node-port.ts';

export interface AllocatorsConfig {
  /** Default `127.96.0.0/12` (ADDRESS-PLAN.md). */
  serviceCIDR?: string;
  /** Default `30000-32767`. */
  nodePortRange?: string;
  /** Values held already, e.g. `serviceAllocations` of every stored Service. Out-of-range ones are ignored. */
  used?: { ips?: Iterable<string>; ports?: Iterable<number> };
  /** Injectable randomness for the free-value pick (tests pass a fixed sequence). */
  random?: () => number;
}

export interface ServiceAllocators extends Allocators {
  readonly clusterIPs: ClusterIPAllocator;
  readonly nodePorts: NodePortAllocator;
  releaseClusterIP(ip: string): void;
  releaseNodePort(port: number): void;
  /** Frees everything a deleted Service held. */
  releaseService(svc: KubeObject): void;
}

export function createAllocators(config: AllocatorsConfig = {}): ServiceAllocators {
  const clusterIPs = new ClusterIPAllocator(config.serviceCIDR ?? '127.96.0.0/12', config.random);
  const nodePorts = new NodePortAllocator(config.nodePortRange ?? '30000-32767', config.random);
  for (const ip of config.used?.ips ?? []) tryAllocate(() => clusterIPs.allocate(ip));
  for (const port of config.used?.ports ?? []) tryAllocate(() => nodePorts.allocate(port));
  const self: ServiceAllocators = {
    clusterIPs,
    nodePorts,
    clusterIP: (requested) => (requested ? clusterIPs.allocate(requested) : clusterIPs.allocateNext()),
    nodePort: (requested) => (requested ? nodePorts.allocate(requested) : nodePorts.allocateNext()),
    releaseClusterIP: (ip) => clusterIPs.release(ip),
    releaseNodePort: (port) => nodePorts.release(port),
    releaseService: (svc) => {
      const held = serviceAllocations(svc);
      for (const ip of held.ips) clusterIPs.release(ip);
      for (const port of held.ports) nodePorts.release(port);
    },
  };
  return self;
}

/** Rebuilding tolerates duplicates and stale values: the repair loop in kube logs and moves on. */
function tryAllocate(fn: () => unknown): void {
  try {
    fn();
  } catch {
    // already held or outside the configured range
  }
}

/** The IPs and ports a Service holds: clusterIPs (not `None`), nodePorts, healthCheckNodePort. */
export function serviceAllocations(svc: KubeObject): { ips: string[]; ports: number[] } {
  const spec = rec(svc.spec);
  const ips = new Set<string>();
  for (const ip of [str(spec.clusterIP), ...(Array.isArray(spec.clusterIPs) ? spec.clusterIPs.map(str) : [])])
    if (ip && ip !== 'None') ips.add(ip);
  const ports = new Set<number>();
  for (const p of recs(spec.ports))
    if (typeof p.nodePort === 'number' && p.nodePort > 0) ports.add(p.nodePort);
  if (typeof spec.healthCheckNodePort === 'number' && spec.healthCheckNodePort > 0)
    ports.add(spec.healthCheckNodePort);
  return { ips: [...ips], ports: [...ports] };
}
