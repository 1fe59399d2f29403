/**
 * Service defaults (k8s: pkg/apis/core/v1/defaults.go SetDefaults_Service) and the REST storage's
 * allocation step (k8s: pkg/registry/core/service/storage/alloc.go allocateCreate/allocateUpdate,
 * storage.go patchAllocatedValues): ClusterIPs, NodePorts and the health-check NodePort.
 */
import type { FieldError } from '../../../core/index.ts';
import { AllocationError } from '../allocators/errors.ts';
import { invalid } from '../field-errors.ts';
import type { Allocators } from '../types.ts';
import type { Rec } from '../util.ts';
import { ensure, rec, recs, setDefault, setDefaultString, str } from '../util.ts';

const externallyAccessible = (spec: Rec): boolean =>
  spec.type === 'LoadBalancer' ||
  spec.type === 'NodePort' ||
  (spec.type === 'ClusterIP' && Array.isArray(spec.externalIPs) && spec.externalIPs.length > 0);

export const needsClusterIP = (spec: Rec): boolean => spec.type !== 'ExternalName';
export const needsNodePorts = (spec: Rec): boolean =>
  spec.type === 'NodePort' || (spec.type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts !== false);
const needsHealthCheckNodePort = (spec: Rec): boolean =>
  spec.type === 'LoadBalancer' && spec.externalTrafficPolicy === 'Local';

/** SetDefaults_Service plus the family fields the storage layer fills (single-stack IPv4 here). */
export function defaultServiceFields(svc: Rec): void {
  const spec = ensure(svc, 'spec');
  setDefaultString(spec, 'sessionAffinity', 'None');
  if (spec.sessionAffinity === 'None') delete spec.sessionAffinityConfig;
  if (
    spec.sessionAffinity === 'ClientIP' &&
    typeof rec(rec(spec.sessionAffinityConfig).clientIP).timeoutSeconds !== 'number'
  )
    spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: 10800 } };
  setDefaultString(spec, 'type', 'ClusterIP');
  for (const port of recs(spec.ports)) {
    setDefaultString(port, 'protocol', 'TCP');
    if (
      port.targetPort === undefined ||
      port.targetPort === null ||
      port.targetPort === 0 ||
      port.targetPort === ''
    )
      port.targetPort = port.port;
  }
  if (externallyAccessible(spec)) setDefaultString(spec, 'externalTrafficPolicy', 'Cluster');
  if (spec.type !== 'ExternalName') setDefaultString(spec, 'internalTrafficPolicy', 'Cluster');
  if (spec.type === 'LoadBalancer') setDefault(spec, 'allocateLoadBalancerNodePorts', true);
  if (needsClusterIP(spec)) {
    setDefaultString(spec, 'ipFamilyPolicy', 'SingleStack');
    if (!Array.isArray(spec.ipFamilies) || spec.ipFamilies.length === 0) spec.ipFamilies = ['IPv4'];
  }
  // Service strategy NormalizeClusterIPs: clusterIPs follows clusterIP when only one is given.
  const clusterIP = str(spec.clusterIP);
  const clusterIPs = Array.isArray(spec.clusterIPs) ? spec.clusterIPs : [];
  if (clusterIP && clusterIPs.length === 0) spec.clusterIPs = [clusterIP];
  if (!clusterIP && clusterIPs.length > 0 && typeof clusterIPs[0] === 'string')
    spec.clusterIP = clusterIPs[0];
  setDefault(ensure(svc, 'status'), 'loadBalancer', {});
}

/** On UPDATE, values the user omitted are taken from the stored object (patchAllocatedValues). */
export function patchAllocatedValues(svc: Rec, old: Rec): void {
  const spec = ensure(svc, 'spec');
  const oldSpec = rec(old.spec);
  if (needsClusterIP(oldSpec) && needsClusterIP(spec)) {
    if (!str(spec.clusterIP) && str(oldSpec.clusterIP)) spec.clusterIP = oldSpec.clusterIP;
    if (
      (!Array.isArray(spec.clusterIPs) || spec.clusterIPs.length === 0) &&
      Array.isArray(oldSpec.clusterIPs)
    )
      spec.clusterIPs = [...(oldSpec.clusterIPs as unknown[])];
  }
  const isNodePortType = (s: Rec): boolean => s.type === 'NodePort' || s.type === 'LoadBalancer';
  if (isNodePortType(oldSpec) && isNodePortType(spec)) {
    const usedByNew = new Set(
      recs(spec.ports)
        .map((p) => p.nodePort)
        .filter((n) => typeof n === 'number' && n > 0),
    );
    const byName = new Map(recs(oldSpec.ports).map((p) => [str(p.name), p.nodePort]));
    for (const p of recs(spec.ports)) {
      const oldVal = byName.get(str(p.name));
      if (!p.nodePort && typeof oldVal === 'number' && oldVal > 0 && !usedByNew.has(oldVal))
        p.nodePort = oldVal;
    }
  }
  if (needsHealthCheckNodePort(oldSpec) && needsHealthCheckNodePort(spec) && !spec.healthCheckNodePort)
    spec.healthCheckNodePort = oldSpec.healthCheckNodePort;
}

/** Turns AllocationError into the field error kube reports; anything else propagates. */
function attempt<T>(fn: () => T, toField: (detail: string) => FieldError, errs: FieldError[]): T | undefined {
  try {
    return fn();
  } catch (e) {
    if (e instanceof AllocationError) {
      errs.push(toField(e.detail));
      return undefined;
    }
    throw e;
  }
}

/**
 * Allocates what the Service needs and does not hold yet (in `old`), in kube's order: ClusterIP, NodePorts,
 * health-check NodePort. Returns field errors for taken or out-of-range requests; values taken so far are
 * released again on failure, as kube's transaction does.
 */
export function allocateService(svc: Rec, old: Rec | undefined, alloc: Allocators): FieldError[] {
  const spec = ensure(svc, 'spec');
  const oldSpec = rec(old?.spec);
  const errs: FieldError[] = [];
  const taken: { ips: string[]; ports: number[] } = { ips: [], ports: [] };
  const heldIPs = new Set([str(oldSpec.clusterIP)].filter(Boolean));
  const heldPorts = new Set(
    [...recs(oldSpec.ports).map((p) => p.nodePort), oldSpec.healthCheckNodePort].filter(
      (n): n is number => typeof n === 'number' && n > 0,
    ),
  );

  if (needsClusterIP(spec) && spec.clusterIP !== 'None') {
    const requested = str(spec.clusterIP);
    if (!requested || !heldIPs.has(requested)) {
      const ip = attempt(
        () => alloc.clusterIP(requested || undefined),
        (detail) =>
          invalid('spec.clusterIPs', Array.isArray(spec.clusterIPs) ? spec.clusterIPs : [requested], detail),
        errs,
      );
      if (ip) {
        taken.ips.push(ip);
        spec.clusterIP = ip;
        spec.clusterIPs = [ip];
      }
    }
  }

  const byServicePort = new Map<number, number>();
  const ports = recs(spec.ports);
  ports.forEach((p, i) => {
    const path = `spec.ports[${i}].nodePort`;
    const requested = typeof p.nodePort === 'number' ? p.nodePort : 0;
    if (!requested && !needsNodePorts(spec)) return;
    const servicePort = typeof p.port === 'number' ? p.port : -1;
    const shared = byServicePort.get(servicePort);
    if (shared !== undefined && (requested === 0 || requested === shared)) {
      // 53/TCP and 53/UDP share one NodePort (alloc.go allocNodePorts).
      p.nodePort = shared;
      return;
    }
    const want =
      requested ||
      ports
        .slice(i + 1)
        .find((q) => q.port === servicePort && typeof q.nodePort === 'number' && q.nodePort > 0)?.nodePort;
    const wanted = typeof want === 'number' ? want : 0;
    if (wanted && heldPorts.has(wanted)) {
      p.nodePort = wanted;
      byServicePort.set(servicePort, wanted);
      return;
    }
    const got = attempt(
      () => alloc.nodePort(wanted || undefined),
      (detail) => invalid(path, wanted, detail),
      errs,
    );
    if (got !== undefined) {
      taken.ports.push(got);
      p.nodePort = got;
      byServicePort.set(servicePort, got);
    }
  });

  if (needsHealthCheckNodePort(spec)) {
    const requested = typeof spec.healthCheckNodePort === 'number' ? spec.healthCheckNodePort : 0;
    if (!requested || !heldPorts.has(requested)) {
      const got = attempt(
        () => alloc.nodePort(requested || undefined),
        (detail) =>
          invalid(
            'spec.healthCheckNodePort',
            requested,
            `failed to allocate requested HealthCheck NodePort ${requested}: ${detail}`,
          ),
        errs,
      );
      if (got !== undefined) {
        taken.ports.push(got);
        spec.healthCheckNodePort = got;
      }
    }
  }

  if (errs.length) {
    for (const ip of taken.ips) alloc.releaseClusterIP?.(ip);
    for (const port of taken.ports) alloc.releaseNodePort?.(port);
  }
  return errs;
}
