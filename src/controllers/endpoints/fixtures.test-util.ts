/** Pods and Services for the Endpoints/EndpointSlice tables. */
import type { Pod, Service } from '../common/types.ts';

export function svc(spec: Partial<Service['spec']> = {}, labels?: Record<string, string>): Service {
  const s: Service = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', namespace: 'default', uid: 'svc-uid' },
    spec: {
      selector: { app: 'web' },
      clusterIP: '127.96.0.20',
      ports: [{ name: 'http', port: 80, targetPort: 8000, protocol: 'TCP' }],
      ...spec,
    },
  };
  if (labels) s.metadata.labels = labels;
  return s;
}

export function webPod(
  name: string,
  ip: string | undefined,
  o: {
    ready?: boolean;
    deleting?: boolean;
    phase?: 'Running' | 'Succeeded' | 'Failed';
    portName?: string;
    labels?: Record<string, string>;
  } = {},
): Pod {
  const p: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', uid: `uid-${name}`, labels: o.labels ?? { app: 'web' } },
    spec: {
      nodeName: 'kubelab',
      containers: [
        { name: 'web', ports: [{ name: o.portName ?? 'web', containerPort: 8000, protocol: 'TCP' }] },
      ],
    },
    status: {
      phase: o.phase ?? 'Running',
      conditions: [{ type: 'Ready', status: o.ready === false ? 'False' : 'True' }],
    },
  };
  if (ip) p.status!.podIP = ip;
  if (o.deleting) p.metadata.deletionTimestamp = '2026-01-01T00:00:00Z';
  return p;
}
