/** EndpointSlice tables: conditions per pod, labels, placeholder, 100 per slice, updates in place. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Action } from '../common/actions.ts';
import type { EndpointSlice } from './reconcile.ts';
import { podToEndpoint, reconcileEndpointSlices } from './reconcile.ts';
import { svc, webPod } from '../endpoints/fixtures.test-util.ts';

const createdSlices = (actions: Action[]) =>
  actions.flatMap((a) => (a.type === 'create' ? [a.object as EndpointSlice] : []));

describe('EndpointSlice endpoint conditions (podToEndpoint)', () => {
  const rows = [
    {
      desc: 'ready pod',
      pod: webPod('a', '127.244.0.9'),
      publish: false,
      want: { ready: true, serving: true, terminating: false },
    },
    {
      desc: 'unready pod',
      pod: webPod('a', '127.244.0.9', { ready: false }),
      publish: false,
      want: { ready: false, serving: false, terminating: false },
    },
    {
      desc: 'terminating ready pod: serving but not ready',
      pod: webPod('a', '127.244.0.9', { deleting: true }),
      publish: false,
      want: { ready: false, serving: true, terminating: true },
    },
    {
      desc: 'publishNotReadyAddresses: always ready',
      pod: webPod('a', '127.244.0.9', { ready: false, deleting: true }),
      publish: true,
      want: { ready: true, serving: false, terminating: true },
    },
  ];
  for (const r of rows) {
    test(r.desc, () => {
      assert.deepEqual(podToEndpoint(r.pod, svc({ publishNotReadyAddresses: r.publish })).conditions, r.want);
    });
  }
});

describe('EndpointSlice reconcile', () => {
  test('one IPv4 slice with the service-name/managed-by labels, owner reference and resolved ports', () => {
    const out = reconcileEndpointSlices({
      service: svc({}, { app: 'web' }),
      pods: [webPod('a', '127.244.0.9'), webPod('b', '127.244.0.10', { deleting: true })],
      slices: [],
    });
    const [slice] = createdSlices(out.actions);
    assert.ok(slice);
    assert.deepEqual(slice.metadata, {
      generateName: 'web-',
      namespace: 'default',
      labels: {
        app: 'web',
        'kubernetes.io/service-name': 'web',
        'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
      },
      ownerReferences: [
        {
          apiVersion: 'v1',
          kind: 'Service',
          name: 'web',
          uid: 'svc-uid',
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    });
    assert.equal(slice.addressType, 'IPv4');
    assert.deepEqual(slice.ports, [{ name: 'http', protocol: 'TCP', port: 8000 }]);
    assert.deepEqual(
      slice.endpoints.map((e) => [
        e.addresses[0],
        e.conditions.ready,
        e.conditions.terminating,
        e.nodeName,
        e.targetRef.name,
      ]),
      [
        ['127.244.0.9', true, false, 'kubelab', 'a'],
        ['127.244.0.10', false, true, 'kubelab', 'b'],
      ],
    );
  });

  test('no pods: a placeholder slice with no endpoints; it is kept on the next sync', () => {
    const out = reconcileEndpointSlices({ service: svc(), pods: [], slices: [] });
    const [p] = createdSlices(out.actions);
    assert.ok(p);
    assert.deepEqual([p.endpoints, p.ports], [[], undefined]);
    const again = reconcileEndpointSlices({
      service: svc(),
      pods: [],
      slices: [{ ...p, metadata: { ...p.metadata, name: 'web-abcde' } }],
    });
    assert.deepEqual(again.actions, []);
  });

  test('a pod turning ready updates its existing slice in place; a vanished pod leaves it', () => {
    const first = createdSlices(
      reconcileEndpointSlices({
        service: svc(),
        pods: [webPod('a', '127.244.0.9', { ready: false }), webPod('b', '127.244.0.10')],
        slices: [],
      }).actions,
    )[0]!;
    const existing = {
      ...first,
      metadata: { ...first.metadata, name: 'web-abcde', uid: 's1', resourceVersion: '5' },
    };
    const out = reconcileEndpointSlices({
      service: svc(),
      pods: [webPod('a', '127.244.0.9')],
      slices: [existing],
    });
    assert.equal(out.actions.length, 1);
    const u = out.actions[0]!;
    assert.ok(u.type === 'update');
    const eps = (u.object as EndpointSlice).endpoints;
    assert.deepEqual(
      eps.map((e) => [e.targetRef.name, e.conditions.ready]),
      [['a', true]],
    );
    assert.equal(u.object.metadata.resourceVersion, '5');
  });

  test('at most 100 endpoints per slice', () => {
    const pods = Array.from({ length: 250 }, (_, i) =>
      webPod(`p${String(i).padStart(3, '0')}`, `127.244.${Math.floor(i / 200)}.${(i % 200) + 2}`),
    );
    const slices = createdSlices(reconcileEndpointSlices({ service: svc(), pods, slices: [] }).actions);
    assert.deepEqual(
      slices.map((s) => s.endpoints.length),
      [100, 100, 50],
    );
  });

  test('slices of other services or managers are not touched; stale own slices are deleted', () => {
    const foreign = {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: {
        name: 'x',
        namespace: 'default',
        labels: { 'kubernetes.io/service-name': 'web', 'endpointslice.kubernetes.io/managed-by': 'someone' },
      },
      addressType: 'IPv4' as const,
      endpoints: [],
    };
    const stale = {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: {
        name: 'web-old',
        namespace: 'default',
        labels: {
          'kubernetes.io/service-name': 'web',
          'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
        },
      },
      addressType: 'IPv4' as const,
      endpoints: [],
      ports: [{ name: 'old', protocol: 'TCP', port: 1 }],
    };
    const out = reconcileEndpointSlices({
      service: svc(),
      pods: [webPod('a', '127.244.0.9')],
      slices: [foreign, stale],
    });
    assert.deepEqual(
      out.actions.map((a) => (a.type === 'delete' ? `delete ${a.name}` : a.type)),
      ['create', 'delete web-old'],
    );
  });
});
