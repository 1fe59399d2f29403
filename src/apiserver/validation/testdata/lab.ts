/** The lab's manifests (/work/shared/spec/lab-transcript.md) as test fixtures, fresh on every call. */
import type { KubeObject } from '../../../core/index.ts';

/** web-deploy.yaml as the transcript applies it, with a strategy block to vary. */
export function webDeploy(strategy?: Record<string, unknown>): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: 'web' } },
      ...(strategy ? { strategy } : {}),
      template: {
        metadata: { labels: { app: 'web' } },
        spec: {
          containers: [
            {
              name: 'web',
              image: 'dmikos4/web:testimg',
              readinessProbe: { httpGet: { path: '/index.html', port: 8000 } },
              livenessProbe: { tcpSocket: { port: 8000 } },
              volumeMounts: [{ name: 'app', mountPath: '/app' }],
            },
          ],
          initContainers: [
            {
              name: 'init-web',
              image: 'busybox:musl',
              command: ['sh', '-c', 'wget -O- https://tinyurl.com/otus-k8s-intro | sh'],
              volumeMounts: [{ name: 'app', mountPath: '/app' }],
            },
          ],
          volumes: [{ name: 'app', emptyDir: {} }],
        },
      },
    },
  };
}

/** web-svc-cip.yaml, web-svc-lb.yaml, web-svc-headless.yaml and nginx-lb.yaml share this shape. */
export function service(name: string, spec: Record<string, unknown>): KubeObject {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default' }, spec };
}

/** web-ingress.yaml, first (v1beta1 fields in a v1 object) and fixed. */
export function webIngress(fixed: boolean): KubeObject {
  const path = fixed
    ? { path: '/web', pathType: 'Prefix', backend: { service: { name: 'web-svc', port: { number: 8000 } } } }
    : { path: '/web', backend: { serviceName: 'web-svc', servicePort: 8000 } };
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: {
      name: 'web',
      namespace: 'default',
      annotations: { 'nginx.ingress.kubernetes.io/rewrite-target': '/' },
    },
    spec: { ...(fixed ? { ingressClassName: 'nginx' } : {}), rules: [{ http: { paths: [path] } }] },
  };
}
