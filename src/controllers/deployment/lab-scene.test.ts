/**
 * The lab's "add probe to deployment" scene (spec/lab-transcript.md): a Deployment whose readiness
 * probe never passes is scaled from 3 to 1, then fixed with a new template and 3 replicas.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Deployment, Pod } from '../common/types.ts';
import { Sim } from '../testing/sim.ts';
import { deployment, newRS, webDeployment } from './fixtures.test-util.ts';

test('unready pods, scale 3 → 1, then the fix: the conditions and events describe shows', () => {
  const sim = new Sim();
  sim.create('deployments', webDeployment({ replicas: 3 }));
  sim.settle();
  const first = newRS(sim)!.metadata.name!;

  sim.edit<Deployment>('deployments', 'web', (d) => (d.spec.replicas = 1));
  sim.settle();
  const d = deployment(sim);
  const st = d.status!;
  // describe: "Replicas: 1 desired | 1 updated | 1 total | 0 available | 1 unavailable"
  assert.deepEqual(
    [st.updatedReplicas, st.replicas, st.availableReplicas ?? 0, st.unavailableReplicas],
    [1, 1, 0, 1],
  );
  assert.deepEqual(
    st.conditions?.map((c) => [c.type, c.status, c.reason]),
    [
      ['Available', 'False', 'MinimumReplicasUnavailable'],
      ['Progressing', 'True', 'ReplicaSetUpdated'],
    ],
  );
  assert.equal(d.metadata.annotations?.['deployment.kubernetes.io/revision'], '1');
  assert.deepEqual(sim.scalingEvents(), [
    `Scaled up replica set ${first} from 0 to 3`,
    `Scaled down replica set ${first} from 3 to 1`,
  ]);

  // The fix: readiness probe on 8000 (a template change) and replicas back to 3.
  sim.edit<Deployment>('deployments', 'web', (x) => {
    x.spec.replicas = 3;
    x.spec.template.spec.containers[0]!.readinessProbe = { httpGet: { path: '/index.html', port: 8000 } };
  });
  for (let i = 0; i < 10; i++) {
    sim.settle();
    const unready = sim.podsOf(newRS(sim)).filter((p: Pod) => !p.status?.conditions?.length);
    if (!unready.length) break;
    for (const p of unready) sim.markReady(p);
  }
  sim.settle();
  const done = deployment(sim);
  assert.deepEqual(
    done.status?.conditions?.map((c) => [c.type, c.status, c.reason]),
    [
      ['Available', 'True', 'MinimumReplicasAvailable'],
      ['Progressing', 'True', 'NewReplicaSetAvailable'],
    ],
  );
  assert.equal(sim.list<Pod>('pods').length, 3);
  assert.equal(done.metadata.annotations?.['deployment.kubernetes.io/revision'], '2');
});
