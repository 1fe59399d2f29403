/** Strategic merge patch: the bodies kubectl apply/edit/patch send, and the directives' edge cases. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { GroupVersionKind, KubeObject } from '../../core/index.ts';
import { isRecord } from '../../core/index.ts';
import { LAST_APPLIED, podSpec, smp, webDeployment } from './fixtures.test-util.ts';

function get(obj: unknown, path: string): unknown {
  let v: unknown = obj;
  for (const part of path.split('.')) {
    if (Array.isArray(v)) v = part === 'length' ? v.length : v[Number(part)];
    else if (isRecord(v)) v = v[part];
    else return undefined;
  }
  return v;
}

const CONTAINERS = 'spec.template.spec.containers';

interface Row {
  desc: string;
  live?: KubeObject;
  gvk?: GroupVersionKind;
  patch: unknown;
  /** path → expected value in the result */
  want: Record<string, unknown>;
}

const rows: Row[] = [
  {
    desc: 'kubectl apply §4.2: image and replicas change with $setElementOrder/containers',
    patch: {
      metadata: { annotations: { [LAST_APPLIED]: '{"new":true}\n' } },
      spec: {
        replicas: 3,
        template: {
          spec: {
            '$setElementOrder/containers': [{ name: 'web' }, { name: 'log' }],
            containers: [{ image: 'nginx:1.26', name: 'web' }],
          },
        },
      },
    },
    want: {
      'metadata.annotations': { [LAST_APPLIED]: '{"new":true}\n', 'deployment.kubernetes.io/revision': '1' },
      'spec.replicas': 3,
      [CONTAINERS]: [
        {
          name: 'web',
          image: 'nginx:1.26',
          ports: [{ containerPort: 80, protocol: 'TCP' }],
          env: [
            { name: 'A', value: '1' },
            { name: 'B', value: '2' },
          ],
        },
        { name: 'log', image: 'busybox:1.36', args: ['tail', '-f', '/dev/null'] },
      ],
      'spec.strategy': { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
    },
  },
  {
    desc: '$setElementOrder reorders the live list when the patch changes only the order',
    patch: podSpec({ '$setElementOrder/containers': [{ name: 'log' }, { name: 'web' }] }),
    want: {
      [`${CONTAINERS}.0.name`]: 'log',
      [`${CONTAINERS}.1.name`]: 'web',
      [`${CONTAINERS}.1.image`]: 'nginx:1.25',
    },
  },
  {
    desc: 'adding an env var (merge by name) lands where $setElementOrder/env puts it',
    patch: podSpec({
      '$setElementOrder/containers': [{ name: 'web' }, { name: 'log' }],
      containers: [
        {
          '$setElementOrder/env': [{ name: 'A' }, { name: 'C' }, { name: 'B' }],
          env: [{ name: 'C', value: '3' }],
          name: 'web',
        },
      ],
    }),
    want: {
      [`${CONTAINERS}.0.env`]: [
        { name: 'A', value: '1' },
        { name: 'C', value: '3' },
        { name: 'B', value: '2' },
      ],
    },
  },
  {
    desc: 'changing one env var keeps the others',
    patch: podSpec({ containers: [{ name: 'web', env: [{ name: 'B', value: 'two' }] }] }),
    want: {
      [`${CONTAINERS}.0.env`]: [
        { name: 'A', value: '1' },
        { name: 'B', value: 'two' },
      ],
    },
  },
  {
    desc: 'removing an env var: $patch: delete inside the env list',
    patch: podSpec({
      '$setElementOrder/containers': [{ name: 'web' }, { name: 'log' }],
      containers: [
        { '$setElementOrder/env': [{ name: 'A' }], env: [{ $patch: 'delete', name: 'B' }], name: 'web' },
      ],
    }),
    want: { [`${CONTAINERS}.0.env`]: [{ name: 'A', value: '1' }] },
  },
  {
    desc: 'container port 80 → 8080: ports merge by containerPort, the old one deleted',
    patch: podSpec({
      '$setElementOrder/containers': [{ name: 'web' }, { name: 'log' }],
      containers: [
        {
          '$setElementOrder/ports': [{ containerPort: 8080 }],
          name: 'web',
          ports: [{ containerPort: 8080 }, { $patch: 'delete', containerPort: 80 }],
        },
      ],
    }),
    want: { [`${CONTAINERS}.0.ports`]: [{ containerPort: 8080 }] },
  },
  {
    desc: 'without $setElementOrder a new list item goes before the live ones (upstream mergeSortedSlice)',
    patch: podSpec({ containers: [{ name: 'web', ports: [{ containerPort: 443 }] }] }),
    want: { [`${CONTAINERS}.0.ports`]: [{ containerPort: 443 }, { containerPort: 80, protocol: 'TCP' }] },
  },
  {
    desc: 'null removes an annotation and leaves the others',
    patch: { metadata: { annotations: { 'deployment.kubernetes.io/revision': null } } },
    want: { 'metadata.annotations': { [LAST_APPLIED]: '{"old":true}\n' } },
  },
  {
    desc: 'null on a missing key is ignored',
    patch: { spec: { paused: null } },
    want: { 'spec.paused': undefined, 'spec.replicas': 2 },
  },
  {
    desc: '$patch: delete removes a container',
    patch: podSpec({
      '$setElementOrder/containers': [{ name: 'web' }],
      containers: [{ $patch: 'delete', name: 'log' }],
    }),
    want: { [`${CONTAINERS}.length`]: 1, [`${CONTAINERS}.0.name`]: 'web' },
  },
  {
    desc: '$patch: replace in a list makes the other items the whole list',
    patch: podSpec({ containers: [{ $patch: 'replace' }, { name: 'only', image: 'busybox' }] }),
    want: { [CONTAINERS]: [{ name: 'only', image: 'busybox' }] },
  },
  {
    desc: '$patch: replace on a map replaces it whole',
    patch: { spec: { selector: { $patch: 'replace', matchLabels: { app: 'x' } } } },
    want: { 'spec.selector': { matchLabels: { app: 'x' } } },
  },
  {
    desc: '$patch: delete on a map empties it (upstream returns an empty map)',
    patch: { spec: { strategy: { $patch: 'delete' } } },
    want: { 'spec.strategy': {} },
  },
  {
    desc: '$patch: merge on a map is an ordinary merge',
    patch: { spec: { selector: { $patch: 'merge', matchLabels: { tier: 'fe' } } } },
    want: { 'spec.selector': { matchLabels: { app: 'web', tier: 'fe' } } },
  },
  {
    desc: '$retainKeys: strategy RollingUpdate → Recreate drops rollingUpdate',
    patch: { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate', rollingUpdate: null } } },
    want: { 'spec.strategy': { type: 'Recreate' } },
  },
  {
    desc: '$deleteFromPrimitiveList/finalizers removes one finalizer',
    patch: { metadata: { '$deleteFromPrimitiveList/finalizers': ['example.com/b'] } },
    want: { 'metadata.finalizers': ['example.com/a', 'example.com/c'] },
  },
  {
    desc: 'finalizers: add and remove in one patch, ordered by $setElementOrder',
    patch: {
      metadata: {
        '$setElementOrder/finalizers': ['example.com/a', 'example.com/c', 'example.com/d'],
        '$deleteFromPrimitiveList/finalizers': ['example.com/b'],
        finalizers: ['example.com/d'],
      },
    },
    want: { 'metadata.finalizers': ['example.com/a', 'example.com/c', 'example.com/d'] },
  },
  {
    desc: 'finalizers merge as a set: a present value is not duplicated',
    patch: { metadata: { finalizers: ['example.com/a', 'example.com/z'] } },
    want: { 'metadata.finalizers': ['example.com/a', 'example.com/z', 'example.com/b', 'example.com/c'] },
  },
  {
    desc: 'tolerations have no merge key: the list is replaced',
    patch: podSpec({ tolerations: [{ operator: 'Exists' }] }),
    want: { 'spec.template.spec.tolerations': [{ operator: 'Exists' }] },
  },
  {
    desc: 'a new container is added with its directives applied, not stored',
    patch: podSpec({
      '$setElementOrder/containers': [{ name: 'web' }, { name: 'log' }, { name: 'side' }],
      containers: [
        { name: 'side', image: 'envoy', '$setElementOrder/env': [{ name: 'X' }], env: [{ name: 'X' }] },
      ],
    }),
    want: { [`${CONTAINERS}.2`]: { name: 'side', image: 'envoy', env: [{ name: 'X' }] } },
  },
  {
    desc: 'ownerReferences merge by uid',
    patch: {
      metadata: { ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'o', uid: 'u2' }] },
    },
    live: {
      ...webDeployment(),
      metadata: {
        name: 'web',
        ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'n', uid: 'u1' }],
      },
    },
    want: { 'metadata.ownerReferences.length': 2, 'metadata.ownerReferences.1.uid': 'u1' },
  },
  {
    desc: 'status conditions merge by type',
    live: {
      ...webDeployment(),
      status: {
        conditions: [
          { type: 'Available', status: 'False' },
          { type: 'Progressing', status: 'True' },
        ],
      },
    },
    patch: { status: { conditions: [{ type: 'Available', status: 'True' }] } },
    want: {
      'status.conditions': [
        { type: 'Available', status: 'True' },
        { type: 'Progressing', status: 'True' },
      ],
    },
  },
  {
    desc: 'resourceVersion in the body is kept for the caller to check',
    patch: { metadata: { resourceVersion: '999' }, spec: { replicas: 1 } },
    want: { 'metadata.resourceVersion': '999', 'spec.replicas': 1 },
  },
  {
    desc: 'kubectl edit configmap/kube-proxy (§11): one data key changes',
    gvk: { group: '', version: 'v1', kind: 'ConfigMap' },
    live: {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'kube-proxy', namespace: 'kube-system' },
      data: { 'config.conf': 'mode: ""\nipvs:\n  strictARP: false\n', 'kubeconfig.conf': 'apiVersion: v1\n' },
    },
    patch: { data: { 'config.conf': 'mode: "ipvs"\nipvs:\n  strictARP: true\n' } },
    want: {
      data: {
        'config.conf': 'mode: "ipvs"\nipvs:\n  strictARP: true\n',
        'kubeconfig.conf': 'apiVersion: v1\n',
      },
    },
  },
  {
    desc: 'Service ports merge by port',
    gvk: { group: '', version: 'v1', kind: 'Service' },
    live: {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web' },
      spec: {
        type: 'ClusterIP',
        ports: [
          { name: 'http', port: 80, targetPort: 8080 },
          { name: 'https', port: 443, targetPort: 8443 },
        ],
      },
    },
    patch: { spec: { type: 'LoadBalancer', ports: [{ port: 80, targetPort: 9090 }] } },
    want: {
      spec: {
        type: 'LoadBalancer',
        ports: [
          { name: 'http', port: 80, targetPort: 9090 },
          { name: 'https', port: 443, targetPort: 8443 },
        ],
      },
    },
  },
  {
    desc: 'DaemonSet pod template containers merge by name',
    gvk: { group: 'apps', version: 'v1', kind: 'DaemonSet' },
    live: {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'speaker' },
      spec: {
        template: {
          spec: {
            containers: [{ name: 'speaker', image: 'metallb/speaker:v0.14.8', args: ['--port=7472'] }],
          },
        },
      },
    },
    patch: podSpec({ containers: [{ name: 'speaker', image: 'metallb/speaker:v0.14.9' }] }),
    want: { [CONTAINERS]: [{ name: 'speaker', image: 'metallb/speaker:v0.14.9', args: ['--port=7472'] }] },
  },
  {
    desc: 'CronJob jobTemplate pod template containers merge by name',
    gvk: { group: 'batch', version: 'v1', kind: 'CronJob' },
    live: {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'tick' },
      spec: {
        schedule: '* * * * *',
        jobTemplate: {
          spec: { template: { spec: { containers: [{ name: 'c', image: 'busybox', args: ['date'] }] } } },
        },
      },
    },
    patch: {
      spec: {
        jobTemplate: { spec: { template: { spec: { containers: [{ name: 'c', image: 'alpine' }] } } } },
      },
    },
    want: {
      'spec.jobTemplate.spec.template.spec.containers': [{ name: 'c', image: 'alpine', args: ['date'] }],
    },
  },
  {
    desc: 'Ingress rules have no merge key: replaced',
    gvk: { group: 'networking.k8s.io', version: 'v1', kind: 'Ingress' },
    live: {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'web' },
      spec: { ingressClassName: 'nginx', rules: [{ host: 'a.example' }, { host: 'b.example' }] },
    },
    patch: { spec: { rules: [{ host: 'c.example' }] } },
    want: { spec: { ingressClassName: 'nginx', rules: [{ host: 'c.example' }] } },
  },
];

describe('strategic merge patch', () => {
  for (const row of rows) {
    test(row.desc, () => {
      const got = smp(row.live ?? webDeployment(), row.patch, row.gvk);
      for (const [path, want] of Object.entries(row.want)) assert.deepEqual(get(got, path), want, path);
    });
  }
});
