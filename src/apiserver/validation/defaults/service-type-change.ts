/**
 * What a Service UPDATE that changes `type` sheds (k8s: pkg/registry/core/service/strategy.go
 * dropTypeDependentFields): values that no longer apply and that the user did not change — ClusterIPs when
 * going to ExternalName, NodePorts when leaving NodePort/LoadBalancer, the health-check port,
 * allocateLoadBalancerNodePorts, externalTrafficPolicy — and the load-balancer status of a non-LoadBalancer.
 * Without this, `kubectl apply` of `type: ClusterIP` over a NodePort Service would fail on the kept nodePort.
 */
import type { Rec } from '../util.ts';
import { deepEqual, ensure, rec, recs, str } from '../util.ts';

const needsClusterIP = (s: Rec): boolean => s.type !== 'ExternalName';
const needsNodePort = (s: Rec): boolean => s.type === 'NodePort' || s.type === 'LoadBalancer';
const needsHealthCheck = (s: Rec): boolean =>
  s.type === 'LoadBalancer' && s.externalTrafficPolicy === 'Local';
const externallyAccessible = (s: Rec): boolean =>
  s.type === 'LoadBalancer' ||
  s.type === 'NodePort' ||
  (s.type === 'ClusterIP' && Array.isArray(s.externalIPs) && s.externalIPs.length > 0);

const nodePorts = (s: Rec): Set<unknown> =>
  new Set(
    recs(s.ports)
      .map((p) => p.nodePort)
      .filter((n) => typeof n === 'number' && n !== 0),
  );

export function dropTypeDependentFields(svc: Rec, old: Rec): void {
  const spec = ensure(svc, 'spec');
  const oldSpec = rec(old.spec);
  if (needsClusterIP(oldSpec) && !needsClusterIP(spec)) {
    if (
      str(spec.clusterIP) === str(oldSpec.clusterIP) &&
      deepEqual(spec.clusterIPs ?? null, oldSpec.clusterIPs ?? null)
    ) {
      delete spec.clusterIP;
      delete spec.clusterIPs;
    }
    if (deepEqual(spec.ipFamilies ?? null, oldSpec.ipFamilies ?? null)) delete spec.ipFamilies;
    if (spec.ipFamilyPolicy === oldSpec.ipFamilyPolicy) delete spec.ipFamilyPolicy;
  }
  // Users may add, remove or edit ports as long as they add no net-new NodePort (sameNodePorts).
  const before = nodePorts(oldSpec);
  if (needsNodePort(oldSpec) && !needsNodePort(spec) && [...nodePorts(spec)].every((p) => before.has(p)))
    for (const p of recs(spec.ports)) delete p.nodePort;
  if (
    needsHealthCheck(oldSpec) &&
    !needsHealthCheck(spec) &&
    spec.healthCheckNodePort === oldSpec.healthCheckNodePort
  )
    delete spec.healthCheckNodePort;
  if (oldSpec.type === 'LoadBalancer' && spec.type !== 'LoadBalancer') {
    if (
      typeof spec.allocateLoadBalancerNodePorts === 'boolean' &&
      spec.allocateLoadBalancerNodePorts === oldSpec.allocateLoadBalancerNodePorts
    )
      delete spec.allocateLoadBalancerNodePorts;
    if (spec.loadBalancerClass !== undefined && spec.loadBalancerClass === oldSpec.loadBalancerClass)
      delete spec.loadBalancerClass;
  }
  if (
    externallyAccessible(oldSpec) &&
    !externallyAccessible(spec) &&
    spec.externalTrafficPolicy === oldSpec.externalTrafficPolicy
  )
    delete spec.externalTrafficPolicy;
  if (spec.type !== 'LoadBalancer') ensure(svc, 'status').loadBalancer = {};
}
