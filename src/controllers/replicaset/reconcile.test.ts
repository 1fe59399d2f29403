/** ReplicaSet reconcile tables: creating and deleting pods, which pods go first, status, adoption. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Action } from '../common/actions.ts';
import type { Pod, ReplicaSet } from '../common/types.ts';
import { BURST_REPLICAS, reconcileReplicaSet } from './reconcile.ts';

const NOW = new Date('2026-01-01T12:00:00Z');
const ago = (s: number) => new Date(NOW.getTime() - s * 1000).toISOString().replace('.000Z', 'Z');

function rs(replicas: number, extra: Partial<ReplicaSet['spec']> = {}): ReplicaSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: 'web-abc', namespace: 'default', uid: 'rs-uid', generation: 2 },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web' }] } },
      ...extra,
    },
  };
}

interface PodOpts {
  node?: string;
  phase?: 'Pending' | 'Running' | 'Succeeded' | 'Failed';
  readySince?: number;
  created?: number;
  restarts?: number;
  owner?: string | null;
  deleting?: boolean;
  labels?: Record<string, string>;
}

function pod(name: string, o: PodOpts = {}): Pod {
  const p: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'default',
      uid: `uid-${name}`,
      labels: o.labels ?? { app: 'web' },
      creationTimestamp: ago(o.created ?? 100),
    },
    spec: { containers: [{ name: 'web' }], nodeName: o.node ?? 'kubelab' },
    status: {
      phase: o.phase ?? 'Running',
      containerStatuses: [{ name: 'web', restartCount: o.restarts ?? 0 }],
      conditions:
        o.readySince !== undefined
          ? [{ type: 'Ready', status: 'True', lastTransitionTime: ago(o.readySince) }]
          : [],
    },
  };
  if (o.owner !== null)
    p.metadata.ownerReferences = [
      {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        name: 'web-abc',
        uid: o.owner ?? 'rs-uid',
        controller: true,
      },
    ];
  if (o.deleting) p.metadata.deletionTimestamp = ago(1);
  return p;
}

const deleted = (actions: Action[]) => actions.flatMap((a) => (a.type === 'delete' ? [a.name] : []));
const creates = (actions: Action[]) => actions.filter((a) => a.type === 'create').length;

describe('ReplicaSet scale down: which pods go first (ActivePodsWithRanks)', () => {
  const rows: { desc: string; pods: Pod[]; replicas: number; want: string[] }[] = [
    {
      desc: 'unscheduled before scheduled',
      pods: [pod('a', { readySince: 50 }), pod('b', { node: '', phase: 'Pending' })],
      replicas: 1,
      want: ['b'],
    },
    {
      desc: 'Pending before Running',
      pods: [pod('a'), pod('b', { phase: 'Pending' })],
      replicas: 1,
      want: ['b'],
    },
    {
      desc: 'not ready before ready',
      pods: [pod('a', { readySince: 50 }), pod('b')],
      replicas: 1,
      want: ['b'],
    },
    {
      desc: 'ready for less time first (different power-of-two buckets)',
      pods: [pod('a', { readySince: 5000 }), pod('b', { readySince: 10 })],
      replicas: 1,
      want: ['b'],
    },
    {
      desc: 'more restarts first',
      pods: [pod('a', { restarts: 0 }), pod('b', { restarts: 3 })],
      replicas: 1,
      want: ['b'],
    },
    {
      desc: 'newer first',
      pods: [pod('a', { created: 5000 }), pod('b', { created: 10 })],
      replicas: 1,
      want: ['b'],
    },
    {
      desc: 'terminating pods are not counted',
      pods: [pod('a', { deleting: true }), pod('b'), pod('c')],
      replicas: 2,
      want: [],
    },
  ];
  for (const r of rows) {
    test(r.desc, () => {
      assert.deepEqual(
        deleted(reconcileReplicaSet({ rs: rs(r.replicas), pods: r.pods, now: NOW }).actions),
        r.want,
      );
    });
  }
});

describe('ReplicaSet reconcile', () => {
  test('creates the missing pods from the template, with generateName and a controller reference', () => {
    const out = reconcileReplicaSet({ rs: rs(3), pods: [pod('a')], now: NOW });
    const created = out.actions.filter((a) => a.type === 'create');
    assert.equal(created.length, 2);
    const first = created[0]!;
    assert.ok(first.type === 'create');
    assert.deepEqual(first.object.metadata, {
      generateName: 'web-abc-',
      namespace: 'default',
      labels: { app: 'web' },
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          name: 'web-abc',
          uid: 'rs-uid',
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    });
    assert.deepEqual(first.onSuccess?.message, 'Created pod: {name}');
  });

  test('at most BurstReplicas (500) creations per sync', () => {
    assert.equal(creates(reconcileReplicaSet({ rs: rs(700), pods: [], now: NOW }).actions), BURST_REPLICAS);
  });

  test('while earlier writes are unobserved (needsSync false) only status is written', () => {
    const out = reconcileReplicaSet({ rs: rs(3), pods: [], now: NOW, needsSync: false });
    assert.deepEqual(
      out.actions.map((a) => a.type),
      ['updateStatus'],
    );
  });

  test('status counts: replicas, fullyLabeled, ready, available (minReadySeconds) and observedGeneration', () => {
    const pods = [
      pod('a', { readySince: 60 }),
      pod('b', { readySince: 5 }),
      pod('c'),
      pod('d', { labels: { app: 'web', extra: 'x' } }),
      pod('e', { phase: 'Succeeded' }),
    ];
    const out = reconcileReplicaSet({ rs: rs(4, { minReadySeconds: 10 }), pods, now: NOW });
    const st = out.actions.find((a) => a.type === 'updateStatus');
    assert.ok(st?.type === 'updateStatus');
    assert.deepEqual(st.object.status, {
      replicas: 4,
      fullyLabeledReplicas: 4,
      readyReplicas: 2,
      availableReplicas: 1,
      observedGeneration: 2,
    });
    assert.equal(out.requeueAfterMs, 5001, 'look again when pod b has been ready for 10 s');
  });

  test('adopts a matching orphan and releases an owned pod that no longer matches', () => {
    const out = reconcileReplicaSet({
      rs: rs(1),
      pods: [pod('orphan', { owner: null }), pod('moved', { labels: { app: 'other' } })],
      now: NOW,
    });
    const patches = out.actions.flatMap((a) => (a.type === 'patch' ? [a.name] : []));
    assert.deepEqual(patches, ['orphan', 'moved']);
    assert.equal(creates(out.actions), 0);
  });

  test('pods of another controller are left alone', () => {
    const out = reconcileReplicaSet({ rs: rs(1), pods: [pod('x', { owner: 'someone-else' })], now: NOW });
    assert.equal(creates(out.actions), 1);
    assert.equal(deleted(out.actions).length, 0);
  });
});
