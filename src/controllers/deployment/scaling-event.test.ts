/**
 * Story test: one edit that changes both replicas and the template (k8s: sync.go isScalingEvent looks
 * at the active old ReplicaSets even before the new one exists), so the old RS is first resized to
 * the new replica count, then the rollout starts from there.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Deployment } from '../common/types.ts';
import { rolling, rsNames, runningWeb, webDeployment } from './fixtures.test-util.ts';

test('replicas 3→5 and a new image in one edit: the old RS scales to 5 first, then the new RS surges', () => {
  const sim = runningWeb(webDeployment({ replicas: 3, strategy: rolling('25%', '25%') }));
  const from = sim.scalingEvents().length;
  sim.edit<Deployment>('deployments', 'web', (d) => {
    d.spec.replicas = 5;
    d.spec.template.spec.containers[0]!.image = 'kubelab/web:2';
  });
  sim.settle();
  const names = rsNames(sim);
  // Replicas 5, 25%/25%: surge 2, unavailable 1. Σ 5 + 2 allows the new RS 2 replicas; one of the
  // old RS's 2 unready new pods goes (cleanupUnhealthyReplicas), which lets the new RS grow by one.
  assert.deepEqual(sim.scalingEvents().slice(from), [
    `Scaled up replica set ${names.old} from 3 to 5`,
    `Scaled up replica set ${names.new} from 0 to 2`,
    `Scaled down replica set ${names.old} from 5 to 4`,
    `Scaled up replica set ${names.new} from 2 to 3`,
  ]);
});
