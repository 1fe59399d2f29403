/**
 * Story tests for the rest of a Deployment's life: Recreate, minReadySeconds, the progress deadline,
 * pause/resume, restart, revision history, scaling mid-rollout, and the conditions kubectl shows.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Deployment, Pod, ReplicaSet } from '../common/types.ts';
import { reconcileDeployment } from './reconcile.ts';
import {
  changeImage,
  counts,
  deployment,
  newRS,
  oneNewPodReady,
  oldRSs,
  rsNames,
  runningWeb,
  webDeployment,
} from './fixtures.test-util.ts';
import { Sim } from '../testing/sim.ts';

const cond = (d: Deployment, type: string) => d.status?.conditions?.find((c) => c.type === type);

describe('Deployment lifecycle', () => {
  test('first rollout: Available False MinimumReplicasUnavailable until pods are Ready, then True; revision 1', () => {
    const sim = new Sim();
    sim.create('deployments', webDeployment({ replicas: 3 }));
    sim.settle();
    const d = deployment(sim);
    const rs = newRS(sim)!;
    assert.match(rs.metadata.name!, /^web-[bcdfghjklmnpqrstvwxz2456789]{1,10}$/);
    assert.equal(rs.spec.template.metadata?.labels?.['pod-template-hash'], rs.metadata.name!.slice(4));
    assert.equal(rs.spec.selector.matchLabels?.['pod-template-hash'], rs.metadata.name!.slice(4));
    assert.deepEqual(rs.metadata.annotations, {
      'deployment.kubernetes.io/desired-replicas': '3',
      'deployment.kubernetes.io/max-replicas': '4',
      'deployment.kubernetes.io/revision': '1',
    });
    assert.equal(d.metadata.annotations?.['deployment.kubernetes.io/revision'], '1');
    assert.deepEqual(
      [cond(d, 'Available')?.status, cond(d, 'Available')?.reason, cond(d, 'Available')?.message],
      ['False', 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.'],
    );
    assert.equal(cond(d, 'Progressing')?.reason, 'ReplicaSetUpdated');
    assert.equal(cond(d, 'Progressing')?.message, `ReplicaSet "${rs.metadata.name}" is progressing.`);
    assert.deepEqual(sim.scalingEvents(), [`Scaled up replica set ${rs.metadata.name} from 0 to 3`]);
    const pods = sim.list<Pod>('pods');
    assert.equal(pods.length, 3);
    for (const p of pods) {
      assert.match(p.metadata.name!, new RegExp(`^${rs.metadata.name}-[bcdfghjklmnpqrstvwxz2456789]{5}$`));
      assert.deepEqual(p.metadata.ownerReferences, [
        {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          name: rs.metadata.name,
          uid: rs.metadata.uid,
          controller: true,
          blockOwnerDeletion: true,
        },
      ]);
    }
    assert.deepEqual(
      sim.events.filter((e) => e.reason === 'SuccessfulCreate').map((e) => e.message),
      pods.map((p) => `Created pod: ${p.metadata.name}`),
    );

    for (const p of pods) sim.markReady(p);
    sim.settle();
    const done = deployment(sim);
    assert.deepEqual(
      [cond(done, 'Available')?.status, cond(done, 'Available')?.reason, cond(done, 'Available')?.message],
      ['True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.'],
    );
    assert.equal(cond(done, 'Progressing')?.reason, 'NewReplicaSetAvailable');
    // describe lists Available before Progressing, as the conditions end up ordered.
    assert.deepEqual(
      done.status?.conditions?.map((c) => c.type),
      ['Available', 'Progressing'],
    );
  });

  test('Recreate: old RS to 0, new RS only after the old pods have terminated, Available False meanwhile', () => {
    const sim = runningWeb(webDeployment({ replicas: 3, strategy: { type: 'Recreate' } }));
    sim.gracefulPodDeletion = true;
    changeImage(sim, 'kubelab/web:2');
    sim.settle();
    const oldName = oldRSs(sim)[0]!.metadata.name;
    assert.equal(newRS(sim), undefined, 'no new RS while old pods are terminating');
    assert.equal(sim.list<Pod>('pods').filter((p) => p.metadata.deletionTimestamp).length, 3);
    assert.equal(cond(deployment(sim), 'Available')?.status, 'False');

    sim.finishTermination();
    sim.settle();
    const n = rsNames(sim);
    assert.deepEqual(counts(sim), { old: 0, new: 3, ready: 0 });
    assert.deepEqual(sim.scalingEvents().slice(1), [
      `Scaled down replica set ${oldName} from 3 to 0`,
      `Scaled up replica set ${n.new} from 0 to 3`,
    ]);
    for (const p of sim.podsOf(newRS(sim))) sim.markReady(p);
    sim.settle();
    assert.equal(cond(deployment(sim), 'Available')?.status, 'True');
    assert.equal(cond(deployment(sim), 'Progressing')?.reason, 'NewReplicaSetAvailable');
  });

  test('minReadySeconds: a Ready pod counts as available only after it has been Ready that long', () => {
    const d = webDeployment({ replicas: 1, minReadySeconds: 10 });
    const sim = new Sim();
    sim.create('deployments', d);
    sim.settle();
    sim.markReady(sim.list<Pod>('pods')[0]!);
    sim.settle();
    let st = deployment(sim).status!;
    assert.deepEqual([st.readyReplicas, st.availableReplicas ?? 0], [1, 0]);
    sim.clock.advance(10_000);
    sim.settle();
    st = deployment(sim).status!;
    assert.deepEqual([st.readyReplicas, st.availableReplicas ?? 0], [1, 0], 'exactly 10 s is not enough');
    sim.clock.advance(1000);
    sim.settle();
    st = deployment(sim).status!;
    assert.deepEqual([st.readyReplicas, st.availableReplicas], [1, 1]);
  });

  test('progress deadline: no progress for progressDeadlineSeconds → Progressing False ProgressDeadlineExceeded', () => {
    const sim = runningWeb(webDeployment({ replicas: 3, progressDeadlineSeconds: 60 }));
    changeImage(sim, 'kubelab/web:broken');
    sim.settle();
    const name = newRS(sim)!.metadata.name;
    const out = reconcileDeployment({
      deployment: deployment(sim),
      replicaSets: sim.list('replicasets'),
      pods: sim.list('pods'),
      now: sim.clock.now(),
    });
    assert.equal(out.requeueAfterMs, 61_000, 'requeued for the deadline (+1 s)');
    sim.clock.advance(59_500);
    const near = reconcileDeployment({
      deployment: deployment(sim),
      replicaSets: sim.list('replicasets'),
      pods: sim.list('pods'),
      now: sim.clock.now(),
    });
    assert.deepEqual(
      [near.actions.length, near.requeueAfterMs, near.requeueRateLimited],
      [0, undefined, true],
      'half a second before the deadline: nothing to write, re-checked through the rate limiter, not at once',
    );
    sim.clock.advance(500);
    sim.settle();
    assert.equal(cond(deployment(sim), 'Progressing')?.status, 'True', 'deadline is exclusive');
    sim.clock.advance(1000);
    sim.settle();
    const p = cond(deployment(sim), 'Progressing')!;
    assert.deepEqual(
      [p.status, p.reason, p.message],
      ['False', 'ProgressDeadlineExceeded', `ReplicaSet "${name}" has timed out progressing.`],
    );
    // Progress afterwards clears it.
    oneNewPodReady(sim);
    sim.settle();
    assert.equal(cond(deployment(sim), 'Progressing')?.reason, 'ReplicaSetUpdated');
  });

  test('pause stops the rollout (Progressing Unknown DeploymentPaused); resume continues it', () => {
    const sim = runningWeb(webDeployment({ replicas: 3 }));
    sim.edit<Deployment>('deployments', 'web', (d) => (d.spec.paused = true));
    sim.settle();
    let p = cond(deployment(sim), 'Progressing')!;
    assert.deepEqual(
      [p.status, p.reason, p.message],
      ['Unknown', 'DeploymentPaused', 'Deployment is paused'],
    );
    changeImage(sim, 'kubelab/web:2');
    sim.settle();
    assert.equal(sim.list('replicasets').length, 1, 'no new RS while paused');
    assert.equal(deployment(sim).status?.observedGeneration, deployment(sim).metadata.generation);

    sim.edit<Deployment>('deployments', 'web', (d) => (d.spec.paused = false));
    sim.settle();
    p = cond(deployment(sim), 'Progressing')!;
    assert.equal(sim.list('replicasets').length, 2);
    // NewReplicaSetCreated, then ReplicaSetUpdated once the new RS reports its pod.
    assert.deepEqual([p.status, p.reason], ['True', 'ReplicaSetUpdated']);
    assert.equal(p.message, `ReplicaSet "${newRS(sim)!.metadata.name}" is progressing.`);
    assert.deepEqual(counts(sim), { old: 3, new: 1, ready: 3 });
  });

  test('rollout restart (restartedAt annotation) is an ordinary rollout to a new RS, revision 2', () => {
    const sim = runningWeb(webDeployment({ replicas: 1 }));
    sim.edit<Deployment>('deployments', 'web', (d) => {
      d.spec.template.metadata!.annotations = { 'kubectl.kubernetes.io/restartedAt': '2026-01-01T00:00:00Z' };
    });
    sim.settle();
    assert.equal(sim.list('replicasets').length, 2);
    assert.equal(newRS(sim)!.metadata.annotations?.['deployment.kubernetes.io/revision'], '2');
    assert.equal(deployment(sim).metadata.annotations?.['deployment.kubernetes.io/revision'], '2');
  });

  test('undo (kubectl copies the old template back): the old RS becomes new again with revision 3 and history "1"', () => {
    const sim = runningWeb(webDeployment({ replicas: 1 }));
    const first = newRS(sim)!.metadata.name;
    changeImage(sim, 'kubelab/web:2');
    sim.settle();
    oneNewPodReady(sim);
    sim.settle();
    changeImage(sim, 'kubelab/web:1');
    sim.settle();
    const rs = newRS(sim)!;
    assert.equal(rs.metadata.name, first);
    assert.equal(rs.metadata.annotations?.['deployment.kubernetes.io/revision'], '3');
    assert.equal(rs.metadata.annotations?.['deployment.kubernetes.io/revision-history'], '1');
    assert.equal(sim.list('replicasets').length, 2, 'no third RS');
  });

  test('revisionHistoryLimit: old RSs scaled to 0 beyond the limit are deleted, oldest revision first', () => {
    const sim = runningWeb(webDeployment({ replicas: 1, revisionHistoryLimit: 1 }));
    for (const image of ['kubelab/web:2', 'kubelab/web:3', 'kubelab/web:4']) {
      changeImage(sim, image);
      sim.settle();
      oneNewPodReady(sim);
      sim.settle();
    }
    const revs = sim
      .list<ReplicaSet>('replicasets')
      .map((rs) => rs.metadata.annotations?.['deployment.kubernetes.io/revision'])
      .sort();
    assert.deepEqual(revs, ['3', '4']);
  });

  test('kubectl scale mid-rollout spreads the new size proportionally (sync.go scale)', () => {
    // replicas 10, surge 3 (25%), unavailable 2 (25%): a broken new RS stalls at 5 while the old has 8.
    const sim = runningWeb(webDeployment({ replicas: 10 }));
    changeImage(sim, 'kubelab/web:broken');
    sim.settle();
    assert.deepEqual(counts(sim), { old: 8, new: 5, ready: 8 });
    sim.edit<Deployment>('deployments', 'web', (d) => (d.spec.replicas = 15));
    sim.settle();
    // allowed 15+4=19, toAdd 19-13=6; old: round(8*19/13)-8 = 4, new: round(5*19/13)-5 = 2.
    assert.equal(oldRSs(sim)[0]!.spec.replicas, 12);
    assert.equal(newRS(sim)!.spec.replicas, 7);
    assert.deepEqual(newRS(sim)!.metadata.annotations?.['deployment.kubernetes.io/max-replicas'], '19');
  });
});
