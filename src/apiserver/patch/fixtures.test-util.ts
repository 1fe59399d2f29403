/** Live objects shared by the patch tests, shaped like what the lab's kubectl sees. */
import type { GroupVersionKind, KubeObject } from '../../core/index.ts';
import { applyPatch } from './index.ts';

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** deployment/web as stored after `kubectl apply -f web-deploy.yaml` and defaulting. */
export function webDeployment(): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: 'web',
      namespace: 'default',
      uid: '6b1d3a52-0c1e-4c39-9a53-4f1bde0e7c10',
      resourceVersion: '1200',
      generation: 1,
      labels: { app: 'web' },
      annotations: { [LAST_APPLIED]: '{"old":true}\n', 'deployment.kubernetes.io/revision': '1' },
      finalizers: ['example.com/a', 'example.com/b', 'example.com/c'],
    },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'web' } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: {
          containers: [
            {
              name: 'web',
              image: 'nginx:1.25',
              ports: [{ containerPort: 80, protocol: 'TCP' }],
              env: [
                { name: 'A', value: '1' },
                { name: 'B', value: '2' },
              ],
            },
            { name: 'log', image: 'busybox:1.36', args: ['tail', '-f', '/dev/null'] },
          ],
          tolerations: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }],
          restartPolicy: 'Always',
        },
      },
    },
    status: { observedGeneration: 1, replicas: 2 },
  };
}

/** Recursively freezes a value, so that any mutation by the code under test throws. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

const DEPLOYMENT: GroupVersionKind = { group: 'apps', version: 'v1', kind: 'Deployment' };

export function smp(live: KubeObject, patch: unknown, gvk: GroupVersionKind = DEPLOYMENT): KubeObject {
  // Frozen inputs: a patch that mutated the live object or the body would throw here.
  return applyPatch({
    type: 'strategic',
    gvk,
    live: deepFreeze(live),
    patch: deepFreeze(patch),
    builtIn: true,
  });
}

/** A patch body that touches only the pod template's spec. */
export const podSpec = (patch: unknown) => ({ spec: { template: { spec: patch } } });
