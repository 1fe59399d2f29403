/**
 * The Recreate strategy (k8s: pkg/controller/deployment/recreate.go): scale every old RS to 0, wait
 * until no old pod is left running, then create the new RS at full size.
 */
import { isPodTerminal } from '../common/pods.ts';
import type { ReplicaSet } from '../common/types.ts';
import type { SyncContext } from './context.ts';
import { scaleReplicaSetAndRecordEvent } from './context.ts';
import { getAllReplicaSetsAndSyncRevision } from './new-rs.ts';
import { deploymentComplete, syncRolloutStatus } from './progress.ts';
import { cleanupDeployment } from './sync.ts';
import { isActive, replicasOf, sumActual } from './util.ts';

export function rolloutRecreate(ctx: SyncContext): void {
  // Do not create the new RS yet, so that nothing scales up before the old pods are gone.
  let got = getAllReplicaSetsAndSyncRevision(ctx, false);
  if (!got) return;
  let { newRS, oldRSs } = got;
  let allRSs = newRS ? [...oldRSs, newRS] : oldRSs;

  let scaledDown = false;
  for (const rs of oldRSs.filter(isActive)) if (scaleReplicaSetAndRecordEvent(ctx, rs, 0)) scaledDown = true;
  if (scaledDown) return syncRolloutStatus(ctx, allRSs, newRS);
  if (oldPodsRunning(ctx, newRS, oldRSs)) return syncRolloutStatus(ctx, allRSs, newRS);

  if (!newRS) {
    got = getAllReplicaSetsAndSyncRevision(ctx, true);
    if (!got?.newRS) return;
    newRS = got.newRS;
    oldRSs = got.oldRSs;
    allRSs = [...oldRSs, newRS];
  }
  // scaleUpNewReplicaSetForRecreate
  scaleReplicaSetAndRecordEvent(ctx, newRS, replicasOf(ctx.d));
  if (deploymentComplete(ctx.d, ctx.d.status ?? {})) cleanupDeployment(ctx, oldRSs);
  syncRolloutStatus(ctx, allRSs, newRS);
}

/** oldPodsRunning: old RSs still report pods, or a non-terminal pod of an old RS remains. */
function oldPodsRunning(ctx: SyncContext, newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): boolean {
  if (sumActual(oldRSs) > 0) return true;
  const oldUids = new Set(oldRSs.map((rs) => rs.metadata.uid));
  return ctx.pods.some((pod) => {
    const owner = pod.metadata.ownerReferences?.find((r) => r.controller)?.uid;
    if (!owner || owner === newRS?.metadata.uid || !oldUids.has(owner)) return false;
    return !isPodTerminal(pod);
  });
}
