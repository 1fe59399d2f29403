/**
 * Story test: the Deployment controller syncs again after its own scale-down of an old ReplicaSet,
 * before the ReplicaSet controller has caught up, so the old RS says spec.replicas 2 while its status
 * still counts 3 available pods. Kubernetes (rolling.go cleanupUnhealthyReplicas: "got invalid
 * request to scale down") leaves it alone; the old RS is never scaled back up during a rollout.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Sim } from '../testing/sim.ts';
import {
  changeImage,
  counts,
  newRS,
  oldRSs,
  rolling,
  rsNames,
  runningWeb,
  webDeployment,
} from './fixtures.test-util.ts';

test('100% surge / 0 unavailable: an old RS whose status lags its scale-down is not scaled back up', () => {
  const sim = runningWeb(webDeployment({ replicas: 3, strategy: rolling('100%', 0) }));
  const firstEvents = sim.scalingEvents().length;
  changeImage(sim, 'kubelab/web:2');
  sim.settle();
  const names = rsNames(sim);
  assert.deepEqual(counts(sim), { old: 3, new: 3, ready: 3 }, 'the new RS surged to 3 beside the old 3');

  // The kubelet makes one new pod Ready; the RS controller reports it; the Deployment controller
  // scales the old RS down by one. The RS controller has not synced the old RS since.
  const [first, ...rest] = sim.podsOf(newRS(sim));
  sim.markReady(first!);
  sim.syncReplicaSet(names.new);
  sim.syncDeployments();
  const old = () => oldRSs(sim)[0]!;
  assert.deepEqual([old().spec.replicas, old().status?.availableReplicas], [2, 3], 'status lags spec');

  // The other two new pods turn Ready and the new RS reports all three available, while the old RS
  // still reports the 3 available pods it is about to lose to its scale-down.
  for (const p of rest) sim.markReady(p);
  sim.syncReplicaSet(names.new);
  assert.equal(newRS(sim)!.status?.availableReplicas, 3);
  sim.syncDeployments();
  // Before the fix: "Scaled up … from 2 to 3" (2 - (2 - 3) unhealthy replicas) then "… from 3 to 0".
  assert.deepEqual(sim.scalingEvents().slice(firstEvents), [
    `Scaled up replica set ${names.new} from 0 to 3`,
    `Scaled down replica set ${names.old} from 3 to 2`,
  ]);
  assert.equal(old().spec.replicas, 2, 'no write from the lagging view');

  // Once the RS controller has deleted the pod and reported it, the old RS goes the rest of the way.
  sim.settle();
  assert.deepEqual(counts(sim), { old: 0, new: 3, ready: 3 });
  assert.deepEqual(sim.scalingEvents().slice(firstEvents), [
    `Scaled up replica set ${names.new} from 0 to 3`,
    `Scaled down replica set ${names.old} from 3 to 2`,
    `Scaled down replica set ${names.old} from 2 to 0`,
  ]);
});

test('no old ReplicaSet is ever scaled up while a rollout with unchanged replicas runs', () => {
  // Every interleaving of 7 steps of "one new pod turns Ready", "the RS controller syncs the new / the
  // old RS" and "the Deployment controller syncs", from the blue/green start (old 3, new 3, none Ready).
  const base = runningWeb(webDeployment({ replicas: 3, strategy: rolling('100%', 0) }));
  changeImage(base, 'kubelab/web:2');
  base.settle();
  const names = rsNames(base);
  const from = base.scalingEvents().length;
  const steps = ['ready', 'rsNew', 'rsOld', 'deploy'] as const;
  let runs = 0; // states visited
  const walk = (sim: Sim, path: string[], depth: number): void => {
    const ups = sim
      .scalingEvents()
      .slice(from)
      .filter((m) => m.startsWith(`Scaled up replica set ${names.old}`));
    assert.deepEqual(ups, [], `steps ${path.join(', ')}`);
    runs++;
    if (depth === 0) return;
    for (const step of steps) {
      const next = sim.fork();
      if (step === 'ready') {
        const unready = next
          .podsOf(newRS(next))
          .find((p) => !p.status?.conditions?.some((c) => c.type === 'Ready'));
        if (!unready) continue;
        next.markReady(unready);
      } else if (step === 'rsNew') next.syncReplicaSet(names.new);
      else if (step === 'rsOld') next.syncReplicaSet(names.old);
      else next.syncDeployments();
      if (next.revision === sim.revision) continue; // nothing happened: not a new interleaving
      walk(next, [...path, step], depth - 1);
    }
  };
  walk(base, [], 7);
  assert.ok(runs > 100, `${runs} states`);
});
