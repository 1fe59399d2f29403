/**
 * The RollingUpdate strategy (k8s: pkg/controller/deployment/rolling.go @95f08499): scale the new RS
 * up within maxSurge; otherwise scale old RSs down within maxUnavailable, unhealthy replicas first.
 */
import type { ReplicaSet } from '../common/types.ts';
import type { SyncContext } from './context.ts';
import { scaleReplicaSetAndRecordEvent } from './context.ts';
import { getAllReplicaSetsAndSyncRevision, newRSNewReplicas } from './new-rs.ts';
import { deploymentComplete, syncRolloutStatus } from './progress.ts';
import { cleanupDeployment } from './sync.ts';
import {
  byCreation,
  isActive,
  maxUnavailable,
  replicasOf,
  rsReplicas,
  sumAvailable,
  sumReplicas,
} from './util.ts';

export function rolloutRolling(ctx: SyncContext): void {
  const got = getAllReplicaSetsAndSyncRevision(ctx, true);
  if (!got?.newRS) return;
  const { newRS, oldRSs } = got;
  const allRSs = [...oldRSs, newRS];

  if (reconcileNewReplicaSet(ctx, allRSs, newRS)) return syncRolloutStatus(ctx, allRSs, newRS);
  if (reconcileOldReplicaSets(ctx, allRSs, oldRSs.filter(isActive), newRS))
    return syncRolloutStatus(ctx, allRSs, newRS);
  if (deploymentComplete(ctx.d, ctx.d.status ?? {})) cleanupDeployment(ctx, oldRSs);
  syncRolloutStatus(ctx, allRSs, newRS);
}

function reconcileNewReplicaSet(ctx: SyncContext, allRSs: ReplicaSet[], newRS: ReplicaSet): boolean {
  const desired = replicasOf(ctx.d);
  if (rsReplicas(newRS) === desired) return false;
  if (rsReplicas(newRS) > desired) return scaleReplicaSetAndRecordEvent(ctx, newRS, desired);
  return scaleReplicaSetAndRecordEvent(ctx, newRS, newRSNewReplicas(ctx, allRSs, newRS));
}

function reconcileOldReplicaSets(
  ctx: SyncContext,
  allRSs: ReplicaSet[],
  oldRSs: ReplicaSet[],
  newRS: ReplicaSet,
): boolean {
  if (sumReplicas(oldRSs) === 0) return false;
  const minAvailable = replicasOf(ctx.d) - maxUnavailable(ctx.d);
  const newRSUnavailable = rsReplicas(newRS) - (newRS.status?.availableReplicas ?? 0);
  const maxScaledDown = sumReplicas(allRSs) - minAvailable - newRSUnavailable;
  if (maxScaledDown <= 0) return false;
  // Unhealthy old replicas go first: they do not count towards availability anyway. Either step
  // refusing to scale "down" to a larger size ends this step of the sync without an error, as
  // upstream's `if err != nil { return false, nil }` does.
  const cleaned = cleanupUnhealthyReplicas(ctx, oldRSs, maxScaledDown);
  if (cleaned === undefined) return false;
  const scaled = scaleDownOldReplicaSetsForRollingUpdate(ctx, [...oldRSs, newRS], oldRSs);
  if (scaled === undefined) return false;
  return cleaned + scaled > 0;
}

/**
 * Upstream's guard `newReplicasCount > *(targetRS.Spec.Replicas)` ("got invalid request to scale
 * down"): an old RS is never scaled up while it is being scaled down. It matters right after our own
 * scale-down: the ReplicaSet's status still counts the pods it is about to delete, so
 * `replicas - availableReplicas` is negative until the ReplicaSet controller catches up.
 */
function isScaleDown(rs: ReplicaSet, newReplicas: number): boolean {
  return newReplicas <= rsReplicas(rs);
}

/** The replicas scaled down, or undefined for upstream's "invalid request to scale down" error. */
function cleanupUnhealthyReplicas(
  ctx: SyncContext,
  oldRSs: ReplicaSet[],
  maxCleanupCount: number,
): number | undefined {
  let total = 0;
  for (const rs of [...oldRSs].sort(byCreation)) {
    if (total >= maxCleanupCount) break;
    const replicas = rsReplicas(rs);
    const available = rs.status?.availableReplicas ?? 0;
    if (replicas === 0 || replicas === available) continue;
    const n = Math.min(maxCleanupCount - total, replicas - available);
    if (!isScaleDown(rs, replicas - n)) return undefined;
    scaleReplicaSetAndRecordEvent(ctx, rs, replicas - n);
    total += n;
  }
  return total;
}

/** The replicas scaled down, or undefined for upstream's "invalid request to scale down" error. */
function scaleDownOldReplicaSetsForRollingUpdate(
  ctx: SyncContext,
  allRSs: ReplicaSet[],
  oldRSs: ReplicaSet[],
): number | undefined {
  const minAvailable = replicasOf(ctx.d) - maxUnavailable(ctx.d);
  const available = sumAvailable(allRSs);
  if (available <= minAvailable) return 0;
  const toScaleDown = available - minAvailable;
  let total = 0;
  for (const rs of [...oldRSs].sort(byCreation)) {
    if (total >= toScaleDown) break;
    const replicas = rsReplicas(rs);
    if (replicas === 0) continue;
    const n = Math.min(replicas, toScaleDown - total);
    if (!isScaleDown(rs, replicas - n)) return undefined;
    scaleReplicaSetAndRecordEvent(ctx, rs, replicas - n);
    total += n;
  }
  return total;
}
