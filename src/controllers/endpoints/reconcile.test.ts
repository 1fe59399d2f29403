/** Endpoints tables: which pods appear, ready or not, on which ports. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Pod, Service } from '../common/types.ts';
import type { Endpoints } from './reconcile.ts';
import { desiredSubsets, reconcileEndpoints } from './reconcile.ts';
import { svc, webPod } from './fixtures.test-util.ts';

const ref = (name: string) => ({ kind: 'Pod' as const, namespace: 'default', name, uid: `uid-${name}` });
const addr = (name: string, ip: string) => ({ ip, nodeName: 'kubelab', targetRef: ref(name) });
const http8000 = [{ name: 'http', port: 8000, protocol: 'TCP' }];

describe('Endpoints subsets', () => {
  const rows: { desc: string; service: Service; pods: Pod[]; want: unknown }[] = [
    {
      desc: 'ready pods under addresses, sorted by IP, on the resolved targetPort',
      service: svc(),
      pods: [webPod('b', '127.244.0.10'), webPod('a', '127.244.0.9')],
      want: [{ addresses: [addr('a', '127.244.0.9'), addr('b', '127.244.0.10')], ports: http8000 }],
    },
    {
      desc: 'unready pods under notReadyAddresses (the lab: probe on the wrong port)',
      service: svc(),
      pods: [webPod('a', '127.244.0.9', { ready: false }), webPod('b', '127.244.0.10')],
      want: [
        {
          addresses: [addr('b', '127.244.0.10')],
          notReadyAddresses: [addr('a', '127.244.0.9')],
          ports: http8000,
        },
      ],
    },
    {
      desc: 'pods without an IP, terminal pods and terminating pods are left out',
      service: svc(),
      pods: [
        webPod('a', undefined),
        webPod('b', '127.244.0.10', { phase: 'Succeeded' }),
        webPod('c', '127.244.0.11', { deleting: true }),
      ],
      want: [],
    },
    {
      desc: 'publishNotReadyAddresses: unready and terminating pods are ready addresses',
      service: svc({ publishNotReadyAddresses: true }),
      pods: [webPod('a', '127.244.0.9', { ready: false }), webPod('c', '127.244.0.11', { deleting: true })],
      want: [{ addresses: [addr('a', '127.244.0.9'), addr('c', '127.244.0.11')], ports: http8000 }],
    },
    {
      desc: 'named targetPort resolves per pod; a pod without that port name is left out',
      service: svc({ ports: [{ name: 'http', port: 80, targetPort: 'web', protocol: 'TCP' }] }),
      pods: [webPod('a', '127.244.0.9'), webPod('b', '127.244.0.10', { portName: 'other' })],
      want: [{ addresses: [addr('a', '127.244.0.9')], ports: http8000 }],
    },
    {
      desc: 'headless Service without ports still lists its pods',
      service: svc({ clusterIP: 'None', ports: [] }),
      pods: [webPod('a', '127.244.0.9')],
      want: [{ addresses: [addr('a', '127.244.0.9')] }],
    },
    {
      desc: 'pods not matching the selector are ignored',
      service: svc(),
      pods: [webPod('a', '127.244.0.9', { labels: { app: 'db' } })],
      want: [],
    },
  ];
  for (const r of rows) test(r.desc, () => assert.deepEqual(desiredSubsets(r.service, r.pods), r.want));
});

describe('Endpoints reconcile', () => {
  test('creates the Endpoints named after the Service, with its labels (+ headless label)', () => {
    const out = reconcileEndpoints({
      service: svc({ clusterIP: 'None' }, { app: 'web' }),
      endpoints: undefined,
      pods: [],
      namespace: 'default',
      name: 'web',
    });
    assert.equal(out.actions.length, 1);
    const a = out.actions[0]!;
    assert.ok(a.type === 'create');
    assert.deepEqual(a.object, {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: {
        name: 'web',
        namespace: 'default',
        labels: { app: 'web', 'service.kubernetes.io/headless': '' },
      },
    });
  });

  test('no write when nothing changed; update when a pod turns ready', () => {
    const current: Endpoints = {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name: 'web', namespace: 'default', resourceVersion: '7' },
      subsets: [{ addresses: [addr('a', '127.244.0.9')], ports: http8000 }],
    };
    const same = reconcileEndpoints({
      service: svc(),
      endpoints: current,
      pods: [webPod('a', '127.244.0.9')],
      namespace: 'default',
      name: 'web',
    });
    assert.deepEqual(same.actions, []);
    const more = reconcileEndpoints({
      service: svc(),
      endpoints: current,
      pods: [webPod('a', '127.244.0.9'), webPod('b', '127.244.0.10')],
      namespace: 'default',
      name: 'web',
    });
    const a = more.actions[0]!;
    assert.ok(a.type === 'update');
    assert.equal(a.object.metadata.resourceVersion, '7');
  });

  test('Services without a selector are left to the user; a deleted Service loses its Endpoints', () => {
    assert.deepEqual(
      reconcileEndpoints({
        service: svc({ selector: undefined }),
        endpoints: undefined,
        pods: [],
        namespace: 'default',
        name: 'web',
      }).actions,
      [],
    );
    const gone = reconcileEndpoints({
      service: undefined,
      endpoints: { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'web' } },
      pods: [],
      namespace: 'default',
      name: 'web',
    });
    assert.deepEqual(gone.actions, [
      { type: 'delete', resource: 'endpoints', namespace: 'default', name: 'web' },
    ]);
  });
});

describe('Endpoints capacity (truncateEndpoints)', () => {
  test('over 1000 addresses: truncated to 1000, ready ones first, and annotated', () => {
    const pods = Array.from({ length: 1100 }, (_, i) =>
      webPod(`p${i}`, `127.244.${Math.floor(i / 250)}.${(i % 250) + 2}`, { ready: i < 900 }),
    );
    const out = reconcileEndpoints({
      service: svc(),
      endpoints: undefined,
      pods,
      namespace: 'default',
      name: 'web',
    });
    const a = out.actions[0]!;
    assert.ok(a.type === 'create');
    const ep = a.object as Endpoints;
    assert.equal(ep.metadata.annotations?.['endpoints.kubernetes.io/over-capacity'], 'truncated');
    assert.equal(ep.subsets?.[0]?.addresses?.length, 900);
    assert.equal(ep.subsets?.[0]?.notReadyAddresses?.length, 100);
  });
});
