/** Shared test fixtures: the lab's `web` Deployment and helpers to drive a rollout in the Sim. */
import type { IntOrString, Deployment, Pod, ReplicaSet } from '../common/types.ts';
import { Sim } from '../testing/sim.ts';
import { findNewReplicaSet } from './util.ts';

export function webDeployment(opts: {
  replicas?: number;
  strategy?: Deployment['spec']['strategy'];
  minReadySeconds?: number;
  progressDeadlineSeconds?: number;
  revisionHistoryLimit?: number;
}): Deployment {
  const spec: Deployment['spec'] = {
    replicas: opts.replicas ?? 3,
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: { containers: [{ name: 'web', image: 'kubelab/web:1', ports: [{ containerPort: 8000 }] }] },
    },
    strategy: opts.strategy ?? {
      type: 'RollingUpdate',
      rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' },
    },
    revisionHistoryLimit: opts.revisionHistoryLimit ?? 10,
    progressDeadlineSeconds: opts.progressDeadlineSeconds ?? 600,
  };
  if (opts.minReadySeconds !== undefined) spec.minReadySeconds = opts.minReadySeconds;
  return { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default' }, spec };
}

export function rolling(maxSurge: IntOrString, maxUnavailable: IntOrString): Deployment['spec']['strategy'] {
  return { type: 'RollingUpdate', rollingUpdate: { maxSurge, maxUnavailable } };
}

/** A Sim with `web` rolled out and all its pods Ready. */
export function runningWeb(d: Deployment): Sim {
  const sim = new Sim();
  sim.create('deployments', d);
  sim.settle();
  for (const p of sim.list<Pod>('pods')) sim.markReady(p);
  sim.settle();
  return sim;
}

export function deployment(sim: Sim): Deployment {
  return sim.get<Deployment>('deployments', 'web')!;
}

export function newRS(sim: Sim): ReplicaSet | undefined {
  return findNewReplicaSet(deployment(sim), sim.list<ReplicaSet>('replicasets'));
}

export function oldRSs(sim: Sim): ReplicaSet[] {
  const n = newRS(sim);
  return sim.list<ReplicaSet>('replicasets').filter((rs) => rs !== n);
}

/** Pod counts a user would see: pods of old RSs, pods of the new RS, Ready pods (not terminating). */
export function counts(sim: Sim): { old: number; new: number; ready: number } {
  const live = sim.list<Pod>('pods').filter((p) => !p.metadata.deletionTimestamp);
  const n = newRS(sim);
  const ofNew = live.filter((p) => p.metadata.ownerReferences?.some((r) => r.uid === n?.metadata.uid));
  return {
    old: live.length - ofNew.length,
    new: ofNew.length,
    ready: live.filter((p) => p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'))
      .length,
  };
}

/** The kubelet makes one (not yet ready) pod of the new RS Ready. */
export function oneNewPodReady(sim: Sim): void {
  const pod = sim.podsOf(newRS(sim)).find((p) => !p.status?.conditions?.some((c) => c.type === 'Ready'));
  if (!pod) throw new Error('no unready new pod');
  sim.markReady(pod);
}

/** A template change, as `kubectl set image` or editing the manifest does. */
export function changeImage(sim: Sim, image: string): void {
  sim.edit<Deployment>('deployments', 'web', (d) => {
    d.spec.template.spec.containers[0]!.image = image;
  });
}

/** The names of the RSs, for event texts: [old, new]. */
export function rsNames(sim: Sim): { old: string; new: string } {
  return { old: oldRSs(sim)[0]?.metadata.name ?? '', new: newRS(sim)?.metadata.name ?? '' };
}
