/**
 * Docker-link style service environment variables (k8s: pkg/kubelet/kubelet_pods.go
 * `getServiceEnvVarMap`, pkg/kubelet/envvars/envvars.go `FromServices`): the `kubernetes` service
 * always, plus the pod namespace's services when enableServiceLinks (default true).
 */
import { isRecord } from '../core/index.ts';
import type { KubeObject } from '../core/index.ts';

type Env = Array<{ name: string; value: string }>;

function fromService(svc: KubeObject): Env {
  const spec = isRecord(svc.spec) ? svc.spec : {};
  const ip = typeof spec.clusterIP === 'string' ? spec.clusterIP : '';
  const ports = Array.isArray(spec.ports) ? spec.ports.filter(isRecord) : [];
  if (!ip || ip === 'None' || ports.length === 0) return [];
  const prefix = (svc.metadata.name ?? '').toUpperCase().replace(/-/g, '_');
  const out: Env = [
    { name: `${prefix}_SERVICE_HOST`, value: ip },
    { name: `${prefix}_SERVICE_PORT`, value: String(ports[0]!.port) },
  ];
  for (const p of ports) {
    if (typeof p.name === 'string' && p.name)
      out.push({
        name: `${prefix}_SERVICE_PORT_${p.name.toUpperCase().replace(/-/g, '_')}`,
        value: String(p.port),
      });
  }
  ports.forEach((p, i) => {
    const proto = typeof p.protocol === 'string' ? p.protocol : 'TCP';
    const url = `${proto.toLowerCase()}://${ip}:${String(p.port)}`;
    if (i === 0) out.push({ name: `${prefix}_PORT`, value: url });
    const pp = `${prefix}_PORT_${String(p.port)}_${proto.toUpperCase()}`;
    out.push(
      { name: pp, value: url },
      { name: `${pp}_PROTO`, value: proto.toLowerCase() },
      { name: `${pp}_PORT`, value: String(p.port) },
      { name: `${pp}_ADDR`, value: ip },
    );
  });
  return out;
}

export function serviceEnvVars(services: KubeObject[], pod: KubeObject): Env {
  const ns = pod.metadata.namespace ?? 'default';
  const links = !(isRecord(pod.spec) && pod.spec.enableServiceLinks === false);
  const chosen = new Map<string, KubeObject>();
  for (const s of services) {
    const name = s.metadata.name ?? '';
    if (s.metadata.namespace === 'default' && name === 'kubernetes') {
      if (!chosen.has(name)) chosen.set(name, s);
    } else if (s.metadata.namespace === ns && links) {
      chosen.set(name, s);
    }
  }
  return [...chosen.keys()].sort().flatMap((k) => fromService(chosen.get(k)!));
}
