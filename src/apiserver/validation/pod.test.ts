import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { KubeObject } from '../../core/index.ts';
import { applyDefaults, defaultPullPolicy, validateObject } from './index.ts';
import { get, pluck } from './testdata/dig.ts';

function pod(spec: Record<string, unknown>, name = 'web'): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec };
}
const messages = (o: KubeObject, old?: KubeObject): string[] =>
  validateObject(o, old ? 'UPDATE' : 'CREATE', old).map((e) => e.message);
const defaulted = (o: KubeObject): KubeObject => (applyDefaults(o, 'CREATE', undefined), o);

describe('imagePullPolicy default', () => {
  const cases = [
    { desc: 'tagged image', image: 'dmikos4/web:testimg', want: 'IfNotPresent' },
    { desc: 'latest', image: 'busybox:latest', want: 'Always' },
    { desc: 'no tag', image: 'busybox', want: 'Always' },
    { desc: 'registry with port, no tag', image: 'localhost:5000/web', want: 'Always' },
    { desc: 'registry with port and tag', image: 'localhost:5000/web:v1', want: 'IfNotPresent' },
    {
      desc: 'digest',
      image: 'registry.k8s.io/ingress-nginx/controller:v1.8.0@sha256:744ae2af',
      want: 'IfNotPresent',
    },
  ];
  for (const c of cases) test(c.desc, () => assert.equal(defaultPullPolicy(c.image), c.want));
});

describe('Pod defaults', () => {
  test('a bare pod gets the pod-level and admission defaults', () => {
    const p = defaulted(
      pod({
        containers: [
          {
            name: 'web',
            image: 'busybox',
            ports: [{ containerPort: 8000 }],
            env: [{ name: 'IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } }],
          },
        ],
        volumes: [{ name: 'app' }],
      }),
    );
    assert.equal(get(p, 'spec.containers.0.ports.0.protocol'), 'TCP');
    assert.equal(get(p, 'spec.containers.0.env.0.valueFrom.fieldRef.apiVersion'), 'v1');
    assert.deepEqual(get(p, 'spec.volumes.0'), { name: 'app', emptyDir: {} });
    assert.equal(get(p, 'spec.enableServiceLinks'), true);
    assert.deepEqual(pluck(p, 'spec.tolerations', 'key'), [
      'node.kubernetes.io/not-ready',
      'node.kubernetes.io/unreachable',
    ]);
    assert.deepEqual(p.status, { phase: 'Pending', qosClass: 'BestEffort' });
    assert.deepEqual(messages(p), []);
  });
});

describe('Pod validation', () => {
  const base = (c: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    pod({ containers: [{ name: 'web', image: 'web:1', ...c }], ...extra });
  const cases: { desc: string; obj: KubeObject; want: string[] }[] = [
    {
      desc: 'volumeMount naming no volume (the lab\'s volume "app")',
      obj: base({ volumeMounts: [{ name: 'app', mountPath: '/app' }] }),
      want: ['spec.containers[0].volumeMounts[0].name: Not found: "app"'],
    },
    {
      desc: 'containers are required',
      obj: pod({ containers: [] }),
      want: ['spec.containers: Required value'],
    },
    {
      desc: 'image is required',
      obj: pod({ containers: [{ name: 'web' }] }),
      want: ['spec.containers[0].image: Required value'],
    },
    {
      desc: 'duplicate container names across init and regular',
      obj: base({}, { initContainers: [{ name: 'web', image: 'x:1' }] }),
      want: ['spec.initContainers[0].name: Duplicate value: "web"'],
    },
    {
      desc: 'container names are DNS labels',
      obj: pod({ containers: [{ name: 'Web', image: 'x:1' }] }),
      want: [
        "spec.containers[0].name: Invalid value: \"Web\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
      ],
    },
    {
      desc: 'probe with two handlers',
      obj: base({ readinessProbe: { httpGet: { port: 8000 }, tcpSocket: { port: 8000 } } }),
      want: [
        'spec.containers[0].readinessProbe.tcpSocket: Forbidden: may not specify more than 1 handler type',
      ],
    },
    {
      desc: 'probe without a handler',
      obj: base({ livenessProbe: { periodSeconds: 5 } }),
      want: ['spec.containers[0].livenessProbe: Required value: must specify a handler type'],
    },
    {
      desc: 'liveness successThreshold must be 1',
      obj: base({ livenessProbe: { tcpSocket: { port: 8000 }, successThreshold: 2 } }),
      want: ['spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1'],
    },
    {
      desc: 'named probe port must be an IANA_SVC_NAME',
      obj: base({ readinessProbe: { tcpSocket: { port: 'HTTP' } } }),
      want: [
        'spec.containers[0].readinessProbe.tcpSocket.port: Invalid value: "HTTP": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
        'spec.containers[0].readinessProbe.tcpSocket.port: Invalid value: "HTTP": must contain at least one letter (a-z)',
      ],
    },
    {
      desc: 'container port range',
      obj: base({ ports: [{ containerPort: 0 }, { containerPort: 70000 }] }),
      want: [
        'spec.containers[0].ports[0].containerPort: Required value',
        'spec.containers[0].ports[1].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
      ],
    },
    {
      desc: 'restartPolicy values',
      obj: base({}, { restartPolicy: 'Sometimes' }),
      want: [
        'spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
      ],
    },
    {
      desc: 'duplicate volume names',
      obj: base(
        {},
        {
          volumes: [
            { name: 'app', emptyDir: {} },
            { name: 'app', emptyDir: {} },
          ],
        },
      ),
      want: ['spec.volumes[1].name: Duplicate value: "app"'],
    },
  ];
  for (const c of cases) test(c.desc, () => assert.deepEqual(messages(defaulted(c.obj)), c.want));

  test('updates may change images but not other spec fields', () => {
    const old = defaulted(pod({ containers: [{ name: 'web', image: 'web:1' }] }));
    const image = defaulted(pod({ containers: [{ name: 'web', image: 'web:2' }] }));
    assert.deepEqual(messages(image, old), []);
    const port = defaulted(
      pod({ containers: [{ name: 'web', image: 'web:1', ports: [{ containerPort: 80 }] }] }),
    );
    const got = messages(port, old);
    assert.equal(got.length, 1);
    assert.match(
      got[0] ?? '',
      /^spec: Forbidden: pod updates may not change fields other than `spec.containers\[\*\].image`/,
    );
  });
});

describe('metadata names', () => {
  const sub =
    "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
  const cases: { desc: string; obj: KubeObject; want: string[] }[] = [
    {
      desc: 'dots are fine in pod names',
      obj: pod({ containers: [{ name: 'c', image: 'x:1' }] }, 'web.v1'),
      want: [],
    },
    {
      desc: 'upper case is not',
      obj: pod({ containers: [{ name: 'c', image: 'x:1' }] }, 'Web'),
      want: [`metadata.name: Invalid value: "Web": ${sub}`],
    },
    {
      desc: 'Namespace names are DNS labels',
      obj: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a.b' } },
      want: ['metadata.name: Invalid value: "a.b": must not contain dots'],
    },
    {
      desc: 'RBAC names may hold colons',
      obj: {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRole',
        metadata: { name: 'metallb-system:controller' },
      },
      want: [],
    },
    {
      desc: 'name or generateName',
      obj: { apiVersion: 'v1', kind: 'ConfigMap', metadata: {} },
      want: ['metadata.name: Required value: name or generateName is required'],
    },
    {
      desc: 'label values',
      obj: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', labels: { app: 'web app' } } },
      want: [
        "metadata.labels: Invalid value: \"web app\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
      ],
    },
    {
      desc: 'ConfigMap keys',
      obj: {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'c' },
        data: { 'a/b': 'x', 'config.conf': 'y' },
      },
      want: [
        "data[a/b]: Invalid value: \"a/b\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
      ],
    },
  ];
  for (const c of cases) test(c.desc, () => assert.deepEqual(messages(defaulted(c.obj)), c.want));

  test('Namespace defaults', () => {
    const ns = defaulted({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'metallb-system' } });
    assert.deepEqual(ns.metadata.labels, { 'kubernetes.io/metadata.name': 'metallb-system' });
    assert.deepEqual(ns.spec, { finalizers: ['kubernetes'] });
    assert.deepEqual(ns.status, { phase: 'Active' });
  });
});
