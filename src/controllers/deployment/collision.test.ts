/** Hash collisions, adoption and the empty selector (sync.go getNewReplicaSet; deployment_controller.go). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { computeHash } from '../common/hash.ts';
import type { Deployment, ReplicaSet } from '../common/types.ts';
import { Sim } from '../testing/sim.ts';
import { deployment, newRS, webDeployment } from './fixtures.test-util.ts';
import { reconcileDeployment } from './reconcile.ts';

test('a foreign ReplicaSet with the new name bumps status.collisionCount; the next hash is used', () => {
  const sim = new Sim();
  const d = webDeployment({ replicas: 1 });
  const clash = `web-${computeHash(d.spec.template)}`;
  sim.create('replicasets', {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: clash, namespace: 'default', labels: { app: 'other' } },
    spec: {
      replicas: 0,
      selector: { matchLabels: { app: 'other' } },
      template: { metadata: { labels: { app: 'other' } }, spec: { containers: [] } },
    },
  });
  sim.create('deployments', d);
  sim.settle();
  assert.equal(deployment(sim).status?.collisionCount, 1);
  const rs = newRS(sim)!;
  assert.equal(rs.metadata.name, `web-${computeHash(d.spec.template, 1)}`);
  assert.notEqual(rs.metadata.name, clash);
});

test('an orphan ReplicaSet matching the selector is adopted (and becomes the new RS if its template matches)', () => {
  const sim = new Sim();
  const d = webDeployment({ replicas: 1 });
  sim.create('replicasets', {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: 'web-manual', namespace: 'default', labels: { app: 'web' } },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: 'web' } },
      template: structuredClone(d.spec.template),
    },
  });
  sim.create('deployments', d);
  sim.settle();
  const rss = sim.list<ReplicaSet>('replicasets');
  assert.equal(rss.length, 1);
  assert.equal(rss[0]!.metadata.ownerReferences?.[0]?.uid, deployment(sim).metadata.uid);
  const p = deployment(sim).status?.conditions?.find((c) => c.type === 'Progressing');
  assert.match(p?.message ?? '', /"web-manual"/, 'the adopted RS is the new RS');
});

test('an empty selector selects everything: Warning SelectingAll and nothing else', () => {
  const d: Deployment = {
    ...webDeployment({}),
    metadata: { name: 'web', namespace: 'default', uid: 'u', generation: 1 },
  };
  d.spec.selector = {};
  const out = reconcileDeployment({ deployment: d, replicaSets: [], pods: [], now: new Date() });
  assert.deepEqual(
    out.actions.map((a) =>
      a.type === 'event' ? `${a.event.type} ${a.event.reason}: ${a.event.message}` : a.type,
    ),
    [
      'Warning SelectingAll: This deployment is selecting all pods. A non-empty selector is required.',
      'updateStatus',
    ],
  );
});
