/**
 * Scaling outside a rollout and history cleanup (k8s: pkg/controller/deployment/sync.go scale,
 * cleanupDeployment, isScalingEvent, syncStatusOnly): `kubectl scale` mid-rollout spreads the change
 * over the active ReplicaSets in proportion to their size.
 */
import type { ReplicaSet } from '../common/types.ts';
import type { SyncContext } from './context.ts';
import { scaleReplicaSet, scaleReplicaSetAndRecordEvent } from './context.ts';
import { getAllReplicaSetsAndSyncRevision } from './new-rs.ts';
import { syncDeploymentStatus } from './progress.ts';
import {
  byCreation,
  byRevision,
  DESIRED_REPLICAS,
  isActive,
  isRollingUpdate,
  MAX_REPLICAS,
  maxSurge,
  replicasOf,
  rsReplicas,
  sumReplicas,
} from './util.ts';

/** sync(): scale, clean up history, report status — used when paused or on a scaling event. */
export function syncScaleOnly(ctx: SyncContext): void {
  const got = getAllReplicaSetsAndSyncRevision(ctx, false);
  if (!got) return;
  scale(ctx, got.newRS, got.oldRSs);
  cleanupDeployment(ctx, got.oldRSs);
  syncDeploymentStatus(ctx, got.newRS ? [...got.oldRSs, got.newRS] : got.oldRSs, got.newRS);
}

/** isScalingEvent: an active ReplicaSet (old ones too, even before the new one exists) was sized for other replicas. */
export function isScalingEvent(ctx: SyncContext): boolean {
  const got = getAllReplicaSetsAndSyncRevision(ctx, false);
  if (!got) return false;
  return [...got.oldRSs, ...(got.newRS ? [got.newRS] : [])].filter(isActive).some((rs) => {
    const desired = rs.metadata.annotations?.[DESIRED_REPLICAS];
    return desired !== undefined && Number(desired) !== replicasOf(ctx.d);
  });
}

function findActiveOrLatest(newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): ReplicaSet | undefined {
  if (!newRS && oldRSs.length === 0) return undefined;
  const olds = [...oldRSs].sort(byCreation).reverse();
  const active = [...olds, ...(newRS ? [newRS] : [])].filter(isActive);
  if (active.length === 0) return newRS ?? olds[0];
  return active.length === 1 ? active[0] : undefined;
}

function isSaturated(ctx: SyncContext, rs: ReplicaSet | undefined): boolean {
  if (!rs) return false;
  const desired = replicasOf(ctx.d);
  return (
    rsReplicas(rs) === desired &&
    rs.metadata.annotations?.[DESIRED_REPLICAS] === String(desired) &&
    (rs.status?.availableReplicas ?? 0) === desired
  );
}

function scale(ctx: SyncContext, newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): void {
  const d = ctx.d;
  const desired = replicasOf(d);
  const one = findActiveOrLatest(newRS, oldRSs);
  if (one) {
    if (rsReplicas(one) !== desired) scaleReplicaSetAndRecordEvent(ctx, one, desired);
    return;
  }
  if (isSaturated(ctx, newRS)) {
    for (const old of oldRSs.filter(isActive)) scaleReplicaSetAndRecordEvent(ctx, old, 0);
    return;
  }
  if (!isRollingUpdate(d)) return;
  const all = [...oldRSs, ...(newRS ? [newRS] : [])].filter(isActive);
  const allowed = desired > 0 ? desired + maxSurge(d) : 0;
  const toAdd = allowed - sumReplicas(all);
  // Larger first; equal sizes: newer first when growing, older first when shrinking.
  if (toAdd > 0) all.sort((a, b) => rsReplicas(b) - rsReplicas(a) || byCreation(b, a));
  else if (toAdd < 0) all.sort((a, b) => rsReplicas(b) - rsReplicas(a) || byCreation(a, b));
  let added = 0;
  const size = new Map<ReplicaSet, number>();
  for (const rs of all) {
    if (toAdd !== 0) {
      const p = proportion(ctx, rs, toAdd, added);
      size.set(rs, rsReplicas(rs) + p);
      added += p;
    } else size.set(rs, rsReplicas(rs));
  }
  all.forEach((rs, i) => {
    if (i === 0 && toAdd !== 0) size.set(rs, Math.max(0, size.get(rs)! + toAdd - added));
    scaleReplicaSet(ctx, rs, size.get(rs)!);
  });
}

/** GetReplicaSetProportion / getReplicaSetFraction. */
function proportion(ctx: SyncContext, rs: ReplicaSet, toAdd: number, added: number): number {
  if (rsReplicas(rs) === 0 || toAdd === 0 || toAdd === added) return 0;
  const d = ctx.d;
  let fraction: number;
  if (replicasOf(d) === 0) fraction = -rsReplicas(rs);
  else {
    const max = replicasOf(d) + maxSurge(d);
    let before = Number.parseInt(rs.metadata.annotations?.[MAX_REPLICAS] ?? '', 10);
    if (!Number.isFinite(before) || before === 0) before = d.status?.replicas ?? 0;
    // Go: math.Round; sizes are positive so Math.round agrees.
    fraction = before === 0 ? 0 : Math.round((rsReplicas(rs) * max) / before) - rsReplicas(rs);
  }
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}

/** Delete the oldest fully scaled-down old ReplicaSets beyond revisionHistoryLimit. */
export function cleanupDeployment(ctx: SyncContext, oldRSs: ReplicaSet[]): void {
  const limit = ctx.d.spec.revisionHistoryLimit ?? 10;
  const cleanable = oldRSs.filter((rs) => !rs.metadata.deletionTimestamp && rs.metadata.uid);
  const diff = cleanable.length - limit;
  if (diff <= 0) return;
  for (const rs of cleanable.sort(byRevision).slice(0, diff)) {
    if ((rs.status?.replicas ?? 0) !== 0 || rsReplicas(rs) !== 0) continue;
    if ((rs.metadata.generation ?? 0) > (rs.status?.observedGeneration ?? 0)) continue;
    ctx.actions.push({
      type: 'delete',
      resource: 'replicasets',
      namespace: rs.metadata.namespace ?? '',
      name: rs.metadata.name ?? '',
      uid: rs.metadata.uid,
    });
  }
}
