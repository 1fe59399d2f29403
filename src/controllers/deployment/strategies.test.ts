/**
 * Story tests for the lab's "Strategy" section: replicas 3, a template change, and the pod counts
 * (old RS pods, new RS pods, Ready pods) after every step as Kubernetes' rolling.go gives them, with
 * the ScalingReplicaSet events in 1.32's format. The test plays the kubelet: one new pod turns Ready
 * per step.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { IntOrString } from '../common/types.ts';
import {
  changeImage,
  counts,
  deployment,
  oneNewPodReady,
  rolling,
  rsNames,
  runningWeb,
  webDeployment,
} from './fixtures.test-util.ts';

interface Story {
  desc: string;
  maxSurge: IntOrString;
  maxUnavailable: IntOrString;
  /** Counts right after the template change has settled, then after each new pod turns Ready. */
  steps: { old: number; new: number; ready: number }[];
  /** ScalingReplicaSet messages, with OLD/NEW for the ReplicaSet names. */
  events: string[];
}

const stories: Story[] = [
  {
    desc: 'default 25%/25%: surge 1, unavailable 0 — one new pod at a time',
    maxSurge: '25%',
    maxUnavailable: '25%',
    steps: [
      { old: 3, new: 1, ready: 3 },
      { old: 2, new: 2, ready: 3 },
      { old: 1, new: 3, ready: 3 },
      { old: 0, new: 3, ready: 3 },
    ],
    events: [
      'Scaled up replica set NEW from 0 to 1',
      'Scaled down replica set OLD from 3 to 2',
      'Scaled up replica set NEW from 1 to 2',
      'Scaled down replica set OLD from 2 to 1',
      'Scaled up replica set NEW from 2 to 3',
      'Scaled down replica set OLD from 1 to 0',
    ],
  },
  {
    desc: '0/0 (rejected by validation): the controller resolves unavailable to 1',
    maxSurge: 0,
    maxUnavailable: 0,
    steps: [
      { old: 2, new: 1, ready: 2 },
      { old: 1, new: 2, ready: 2 },
      { old: 0, new: 3, ready: 2 },
      { old: 0, new: 3, ready: 3 },
    ],
    events: [
      'Scaled down replica set OLD from 3 to 2',
      'Scaled up replica set NEW from 0 to 1',
      'Scaled down replica set OLD from 2 to 1',
      'Scaled up replica set NEW from 1 to 2',
      'Scaled down replica set OLD from 1 to 0',
      'Scaled up replica set NEW from 2 to 3',
    ],
  },
  {
    desc: '100%/100%: everything at once — all old pods go while all new pods start',
    maxSurge: '100%',
    maxUnavailable: '100%',
    steps: [
      { old: 0, new: 3, ready: 0 },
      { old: 0, new: 3, ready: 1 },
      { old: 0, new: 3, ready: 2 },
      { old: 0, new: 3, ready: 3 },
    ],
    events: ['Scaled up replica set NEW from 0 to 3', 'Scaled down replica set OLD from 3 to 0'],
  },
  {
    desc: '100% surge, 0 unavailable: blue/green — 3 new pods beside 3 old, old ones leave as new ones are ready',
    maxSurge: '100%',
    maxUnavailable: 0,
    steps: [
      { old: 3, new: 3, ready: 3 },
      { old: 2, new: 3, ready: 3 },
      { old: 1, new: 3, ready: 3 },
      { old: 0, new: 3, ready: 3 },
    ],
    events: [
      'Scaled up replica set NEW from 0 to 3',
      'Scaled down replica set OLD from 3 to 2',
      'Scaled down replica set OLD from 2 to 1',
      'Scaled down replica set OLD from 1 to 0',
    ],
  },
  {
    desc: '0 surge, 100% unavailable: like Recreate — the old RS goes to 0 first, then the new one to 3',
    maxSurge: 0,
    maxUnavailable: '100%',
    steps: [
      { old: 0, new: 3, ready: 0 },
      { old: 0, new: 3, ready: 1 },
      { old: 0, new: 3, ready: 2 },
      { old: 0, new: 3, ready: 3 },
    ],
    events: ['Scaled down replica set OLD from 3 to 0', 'Scaled up replica set NEW from 0 to 3'],
  },
];

describe('rolling update strategies (replicas 3, template change)', () => {
  for (const s of stories) {
    test(s.desc, () => {
      const sim = runningWeb(webDeployment({ replicas: 3, strategy: rolling(s.maxSurge, s.maxUnavailable) }));
      assert.deepEqual(counts(sim), { old: 0, new: 3, ready: 3 }, 'initial rollout');
      const firstEvents = sim.scalingEvents().length;

      changeImage(sim, 'kubelab/web:2');
      sim.settle();
      const names = rsNames(sim);
      assert.deepEqual(counts(sim), s.steps[0], 'after the template change');
      for (let i = 1; i < s.steps.length; i++) {
        oneNewPodReady(sim);
        sim.settle();
        assert.deepEqual(counts(sim), s.steps[i], `after ${i} new pod(s) turned Ready`);
      }

      const want = s.events.map((e) => e.replace('OLD', names.old).replace('NEW', names.new));
      assert.deepEqual(sim.scalingEvents().slice(firstEvents), want);
      const st = deployment(sim).status!;
      assert.deepEqual(
        [st.replicas, st.updatedReplicas, st.readyReplicas, st.availableReplicas, st.observedGeneration],
        [3, 3, 3, 3, 2],
      );
      const progressing = st.conditions?.find((c) => c.type === 'Progressing');
      assert.equal(progressing?.reason, 'NewReplicaSetAvailable');
      assert.equal(progressing?.message, `ReplicaSet "${names.new}" has successfully progressed.`);
    });
  }
});
