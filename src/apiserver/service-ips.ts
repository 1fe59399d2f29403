/**
 * The API server's ClusterIP/NodePort allocators: the validation module's createAllocators, seeded
 * from the stored Services (as kube-apiserver's repair loop), released when a write fails or a Service
 * goes away.
 */
import { errors, isRecord } from '../core/index.ts';
import type { KubeObject } from '../core/index.ts';
import type { Store } from '../store/types.ts';
import * as validation from './validation/index.ts';
import type { Allocators } from './validation/index.ts';

/** Allocators with the optional release calls the validation module's allocators have. */
export interface ServiceAllocators extends Allocators {
  releaseClusterIP?(ip: string): void;
  releaseNodePort?(port: number): void;
  releaseService?(svc: KubeObject): void;
}

interface AllocatorFactory {
  createAllocators?: (config: {
    serviceCIDR?: string;
    nodePortRange?: string;
    used?: { ips?: Iterable<string>; ports?: Iterable<number> };
  }) => ServiceAllocators;
}

/** The IPs and ports a Service holds (kept here too so release works whatever validation exports). */
export function heldBy(svc: KubeObject | undefined): { ips: string[]; ports: number[] } {
  const spec = svc && isRecord(svc.spec) ? svc.spec : {};
  const ips = new Set<string>();
  const all: unknown[] = [
    spec.clusterIP,
    ...(Array.isArray(spec.clusterIPs) ? (spec.clusterIPs as unknown[]) : []),
  ];
  for (const ip of all) if (typeof ip === 'string' && ip !== '' && ip !== 'None') ips.add(ip);
  const ports = new Set<number>();
  for (const p of Array.isArray(spec.ports) ? spec.ports.filter(isRecord) : []) {
    if (typeof p.nodePort === 'number' && p.nodePort > 0) ports.add(p.nodePort);
  }
  if (typeof spec.healthCheckNodePort === 'number' && spec.healthCheckNodePort > 0)
    ports.add(spec.healthCheckNodePort);
  return { ips: [...ips], ports: [...ports] };
}

export async function createServiceAllocators(
  store: Store,
  serviceCIDR: string,
  nodePortRange: { min: number; max: number },
): Promise<ServiceAllocators> {
  const factory = (validation as unknown as AllocatorFactory).createAllocators;
  if (!factory) {
    const missing = (): never => {
      throw errors.internal('service IP allocation is not available yet');
    };
    return { clusterIP: missing, nodePort: missing };
  }
  const services = await store.list('/core/services/');
  const ips: string[] = [];
  const ports: number[] = [];
  for (const s of services.items) {
    const held = heldBy(s.object);
    ips.push(...held.ips);
    ports.push(...held.ports);
  }
  return factory({
    serviceCIDR,
    nodePortRange: `${nodePortRange.min}-${nodePortRange.max}`,
    used: { ips, ports },
  });
}

/** Frees what `next` holds and `keep` does not (a failed write, or a deleted Service when keep is undefined). */
export function releaseDifference(
  alloc: ServiceAllocators,
  next: KubeObject | undefined,
  keep: KubeObject | undefined,
): void {
  const a = heldBy(next);
  const b = heldBy(keep);
  for (const ip of a.ips) if (!b.ips.includes(ip)) alloc.releaseClusterIP?.(ip);
  for (const p of a.ports) if (!b.ports.includes(p)) alloc.releaseNodePort?.(p);
}

/** Allocators that remember what this one write took, so a failed or dry-run write gives it back. */
export function tracking(base: ServiceAllocators): { alloc: ServiceAllocators; rollback(): void } {
  const ips: string[] = [];
  const ports: number[] = [];
  const alloc: ServiceAllocators = {
    clusterIP(requested?: string): string {
      const ip = base.clusterIP(requested);
      ips.push(ip);
      return ip;
    },
    nodePort(requested?: number): number {
      const port = base.nodePort(requested);
      ports.push(port);
      return port;
    },
    releaseClusterIP: (ip: string) => base.releaseClusterIP?.(ip),
    releaseNodePort: (port: number) => base.releaseNodePort?.(port),
  };
  return {
    alloc,
    rollback(): void {
      for (const ip of ips.splice(0)) base.releaseClusterIP?.(ip);
      for (const port of ports.splice(0)) base.releaseNodePort?.(port);
    },
  };
}
