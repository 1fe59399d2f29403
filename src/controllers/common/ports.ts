/** Which pod port a Service port reaches (k8s: pkg/api/v1/pod/util.go FindPort). */
import type { Pod, ServicePort } from './types.ts';

/** The container port number, or undefined when a named targetPort has no container port of that name and protocol. */
export function findPort(pod: Pod, sp: ServicePort): number | undefined {
  const target = sp.targetPort ?? sp.port;
  if (typeof target === 'number') return target;
  if (/^\d+$/.test(target)) return Number(target);
  const protocol = sp.protocol ?? 'TCP';
  // Sidecars (restartable init containers) publish ports too.
  const containers = [
    ...pod.spec.containers,
    ...(pod.spec.initContainers ?? []).filter((c) => c.restartPolicy === 'Always'),
  ];
  for (const c of containers) {
    for (const p of c.ports ?? [])
      if (p.name === target && (p.protocol ?? 'TCP') === protocol) return p.containerPort;
  }
  return undefined;
}

/** ShouldSetHostname: pod.spec.hostname is published when the pod's subdomain names this Service. */
export function shouldSetHostname(
  pod: Pod,
  serviceName: string | undefined,
  serviceNamespace: string | undefined,
): boolean {
  return (
    !!pod.spec.hostname && pod.spec.subdomain === serviceName && pod.metadata.namespace === serviceNamespace
  );
}
