/** DaemonSet reconcile on kubelab's one node: placement, taints, rolling update, status. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Action } from '../common/actions.ts';
import type { Pod } from '../common/types.ts';
import type { Node } from './nodes.ts';
import { nodeShouldRunDaemonPod } from './nodes.ts';
import type { DaemonSet } from './reconcile.ts';
import { reconcileDaemonSet, REVISION_HASH_LABEL } from './reconcile.ts';
import { computeHash } from '../common/hash.ts';

const NOW = new Date('2026-01-01T12:00:00Z');

function ds(extra: Partial<DaemonSet['spec']['template']['spec']> = {}): DaemonSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'proxy', namespace: 'kube-system', uid: 'ds-uid', generation: 1 },
    spec: {
      selector: { matchLabels: { app: 'proxy' } },
      template: {
        metadata: { labels: { app: 'proxy' } },
        spec: { containers: [{ name: 'proxy' }], ...extra },
      },
    },
  };
}

const node = (o: Partial<Node> & { labels?: Record<string, string> } = {}): Node => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name: 'kubelab', labels: { 'kubernetes.io/hostname': 'kubelab', ...o.labels } },
  spec: o.spec ?? {},
});

function daemonPod(d: DaemonSet, o: { hash?: string; ready?: boolean; name?: string } = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: o.name ?? 'proxy-abcde',
      namespace: 'kube-system',
      uid: `uid-${o.name ?? 'proxy-abcde'}`,
      creationTimestamp: '2026-01-01T11:00:00Z',
      labels: { app: 'proxy', [REVISION_HASH_LABEL]: o.hash ?? computeHash(d.spec.template) },
      ownerReferences: [
        { apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'proxy', uid: 'ds-uid', controller: true },
      ],
    },
    spec: { containers: [{ name: 'proxy' }], nodeName: 'kubelab' },
    status: {
      phase: 'Running',
      conditions:
        o.ready === false
          ? []
          : [{ type: 'Ready', status: 'True', lastTransitionTime: '2026-01-01T11:00:00Z' }],
    },
  };
}

const kinds = (actions: Action[]) => actions.map((a) => a.type);

describe('DaemonSet placement (NodeShouldRunDaemonPod)', () => {
  const rows: {
    desc: string;
    spec: Partial<DaemonSet['spec']['template']['spec']>;
    node: Node;
    want: [boolean, boolean];
  }[] = [
    { desc: 'plain node', spec: {}, node: node(), want: [true, true] },
    {
      desc: 'nodeSelector not matching',
      spec: { nodeSelector: { disk: 'ssd' } },
      node: node(),
      want: [false, false],
    },
    {
      desc: 'nodeSelector matching',
      spec: { nodeSelector: { disk: 'ssd' } },
      node: node({ labels: { disk: 'ssd' } }),
      want: [true, true],
    },
    {
      desc: 'control-plane NoSchedule taint not tolerated: no new pod, existing may stay',
      spec: {},
      node: node({
        spec: { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] },
      }),
      want: [false, true],
    },
    {
      desc: 'tolerated taint',
      spec: {
        tolerations: [
          { key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' },
        ],
      },
      node: node({
        spec: { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] },
      }),
      want: [true, true],
    },
    {
      desc: 'unschedulable node is tolerated by daemon pods',
      spec: {},
      node: node({
        spec: {
          unschedulable: true,
          taints: [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }],
        },
      }),
      want: [true, true],
    },
  ];
  for (const r of rows) {
    test(r.desc, () => {
      const got = nodeShouldRunDaemonPod(ds(r.spec).spec.template.spec, r.node);
      assert.deepEqual([got.shouldRun, got.shouldContinueRunning], r.want);
    });
  }
});

describe('DaemonSet reconcile', () => {
  test('creates one pod pinned to the node by affinity, with the revision hash label and daemon tolerations', () => {
    const d = ds();
    const out = reconcileDaemonSet({ ds: d, nodes: [node()], pods: [], now: NOW });
    const create = out.actions.find((a) => a.type === 'create');
    assert.ok(create?.type === 'create');
    const pod = create.object as Pod;
    assert.equal(pod.metadata.generateName, 'proxy-');
    assert.equal(pod.metadata.labels?.[REVISION_HASH_LABEL], computeHash(d.spec.template));
    assert.deepEqual(pod.spec.affinity, {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [
            { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['kubelab'] }] },
          ],
        },
      },
    });
    assert.equal((pod.spec.tolerations as unknown[]).length, 6);
    const st = out.actions.find((a) => a.type === 'updateStatus');
    assert.ok(st?.type === 'updateStatus');
    assert.deepEqual(st.object.status, {
      currentNumberScheduled: 0,
      numberMisscheduled: 0,
      desiredNumberScheduled: 1,
      numberReady: 0,
      observedGeneration: 1,
      numberUnavailable: 1,
    });
  });

  test('a running up-to-date ready pod: status all 1, nothing else', () => {
    const d = ds();
    const out = reconcileDaemonSet({ ds: d, nodes: [node()], pods: [daemonPod(d)], now: NOW });
    assert.deepEqual(kinds(out.actions), ['updateStatus']);
    const st = out.actions[0];
    assert.ok(st?.type === 'updateStatus');
    assert.deepEqual(st.object.status, {
      currentNumberScheduled: 1,
      numberMisscheduled: 0,
      desiredNumberScheduled: 1,
      numberReady: 1,
      observedGeneration: 1,
      updatedNumberScheduled: 1,
      numberAvailable: 1,
    });
  });

  test('rolling update: an old available pod is deleted (maxUnavailable 1); the next sync creates the new one', () => {
    const d = ds();
    const out = reconcileDaemonSet({
      ds: d,
      nodes: [node()],
      pods: [daemonPod(d, { hash: 'old' })],
      now: NOW,
    });
    assert.deepEqual(
      out.actions.filter((a) => a.type === 'delete').map((a) => a.type === 'delete' && a.name),
      ['proxy-abcde'],
    );
  });

  test('a pod on a node it no longer fits is deleted and counted as misscheduled', () => {
    const d = ds({ nodeSelector: { disk: 'ssd' } });
    const out = reconcileDaemonSet({ ds: d, nodes: [node()], pods: [daemonPod(d)], now: NOW });
    assert.deepEqual(kinds(out.actions), ['delete', 'updateStatus']);
    const st = out.actions[1];
    assert.ok(st?.type === 'updateStatus');
    assert.equal((st.object as DaemonSet).status?.numberMisscheduled, 1);
  });

  test('two pods on the node: the newer one goes', () => {
    const d = ds();
    const older = daemonPod(d, { name: 'proxy-old' });
    const newer = daemonPod(d, { name: 'proxy-new' });
    newer.metadata.creationTimestamp = '2026-01-01T11:30:00Z';
    const out = reconcileDaemonSet({ ds: d, nodes: [node()], pods: [newer, older], now: NOW });
    assert.deepEqual(
      out.actions.flatMap((a) => (a.type === 'delete' ? [a.name] : [])),
      ['proxy-new'],
    );
  });
});
