/**
 * Deployment status and the Available/Progressing conditions (k8s: pkg/controller/deployment/
 * progress.go @c91999ae syncRolloutStatus, requeueStuckDeployment; sync.go calculateStatus,
 * syncDeploymentStatus; deployment_util.go DeploymentComplete, DeploymentProgressing, DeploymentTimedOut).
 */
import { deepEqual } from '../common/equality.ts';
import type { Deployment, DeploymentStatus, ReplicaSet } from '../common/types.ts';
import { getCondition, newCondition, REASON, removeCondition, setCondition } from './conditions.ts';
import type { SyncContext } from './context.ts';
import { updateStatusAction } from './context.ts';
import {
  hasProgressDeadline,
  maxUnavailable,
  replicasOf,
  sumActual,
  sumAvailable,
  sumReady,
  sumReplicas,
} from './util.ts';

const n = (v: number | undefined) => v ?? 0;

export function deploymentComplete(d: Deployment, s: DeploymentStatus): boolean {
  const r = replicasOf(d);
  return (
    n(s.updatedReplicas) === r &&
    n(s.replicas) === r &&
    n(s.availableReplicas) === r &&
    n(s.observedGeneration) >= n(d.metadata.generation)
  );
}

function deploymentProgressing(d: Deployment, s: DeploymentStatus): boolean {
  const old = d.status ?? {};
  return (
    n(s.updatedReplicas) > n(old.updatedReplicas) ||
    n(s.replicas) - n(s.updatedReplicas) < n(old.replicas) - n(old.updatedReplicas) ||
    n(s.readyReplicas) > n(old.readyReplicas) ||
    n(s.availableReplicas) > n(old.availableReplicas)
  );
}

function deploymentTimedOut(d: Deployment, s: DeploymentStatus, now: Date): boolean {
  if (!hasProgressDeadline(d)) return false;
  const c = getCondition(s, 'Progressing');
  if (!c) return false;
  if (c.reason === REASON.newRSAvailable) return false;
  if (c.reason === REASON.timedOut) return true;
  const from = Date.parse(c.lastUpdateTime ?? '');
  return from + (d.spec.progressDeadlineSeconds ?? 600) * 1000 < now.getTime();
}

/** calculateStatus: counts from the ReplicaSets, plus the Available condition. */
export function calculateStatus(
  ctx: SyncContext,
  allRSs: ReplicaSet[],
  newRS: ReplicaSet | undefined,
): DeploymentStatus {
  const d = ctx.d;
  const available = sumAvailable(allRSs);
  const unavailable = Math.max(0, sumReplicas(allRSs) - available);
  // apps/v1 DeploymentStatus marshals its counts with omitempty.
  const status: DeploymentStatus = {};
  const put = (k: keyof DeploymentStatus, v: number | undefined) => {
    if (v) (status as Record<string, unknown>)[k] = v;
  };
  put('observedGeneration', d.metadata.generation);
  put('replicas', sumActual(allRSs));
  put('updatedReplicas', newRS ? sumActual([newRS]) : 0);
  put('readyReplicas', sumReady(allRSs));
  put('availableReplicas', available);
  put('unavailableReplicas', unavailable);
  if (d.status?.collisionCount !== undefined) status.collisionCount = d.status.collisionCount;
  status.conditions = (d.status?.conditions ?? []).map((c) => ({ ...c }));
  if (available >= replicasOf(d) - maxUnavailable(d)) {
    setCondition(
      status,
      newCondition(
        'Available',
        'True',
        REASON.minimumReplicasAvailable,
        'Deployment has minimum availability.',
        ctx.now,
      ),
    );
  } else {
    setCondition(
      status,
      newCondition(
        'Available',
        'False',
        REASON.minimumReplicasUnavailable,
        'Deployment does not have minimum availability.',
        ctx.now,
      ),
    );
  }
  return status;
}

function statusEqual(a: DeploymentStatus | undefined, b: DeploymentStatus): boolean {
  const norm = (s: DeploymentStatus | undefined) => ({
    observedGeneration: n(s?.observedGeneration),
    replicas: n(s?.replicas),
    updatedReplicas: n(s?.updatedReplicas),
    readyReplicas: n(s?.readyReplicas),
    availableReplicas: n(s?.availableReplicas),
    unavailableReplicas: n(s?.unavailableReplicas),
    collisionCount: s?.collisionCount,
    conditions: s?.conditions ?? [],
  });
  return deepEqual(norm(a), norm(b));
}

function write(ctx: SyncContext, status: DeploymentStatus): void {
  if (statusEqual(ctx.d.status, status)) return;
  ctx.d.status = status;
  updateStatusAction(ctx);
}

/** syncDeploymentStatus: status without progress estimation (paused deployments, scaling events). */
export function syncDeploymentStatus(
  ctx: SyncContext,
  allRSs: ReplicaSet[],
  newRS: ReplicaSet | undefined,
): void {
  write(ctx, calculateStatus(ctx, allRSs, newRS));
}

/** syncRolloutStatus: status plus the Progressing condition and the deadline check. */
export function syncRolloutStatus(
  ctx: SyncContext,
  allRSs: ReplicaSet[],
  newRS: ReplicaSet | undefined,
): void {
  const d = ctx.d;
  const status = calculateStatus(ctx, allRSs, newRS);
  if (!hasProgressDeadline(d)) removeCondition(status, 'Progressing');
  const current = getCondition(d.status, 'Progressing');
  const isComplete =
    n(status.replicas) === n(status.updatedReplicas) && current?.reason === REASON.newRSAvailable;
  if (hasProgressDeadline(d) && !isComplete) {
    const subject = newRS ? `ReplicaSet "${newRS.metadata.name}"` : `Deployment "${d.metadata.name}"`;
    if (deploymentComplete(d, status)) {
      setCondition(
        status,
        newCondition(
          'Progressing',
          'True',
          REASON.newRSAvailable,
          `${subject} has successfully progressed.`,
          ctx.now,
        ),
      );
    } else if (deploymentProgressing(d, status)) {
      const c = newCondition(
        'Progressing',
        'True',
        REASON.replicaSetUpdated,
        `${subject} is progressing.`,
        ctx.now,
      );
      // Progress refreshes lastUpdateTime even when the reason stays the same.
      if (current) {
        if (current.status === 'True') c.lastTransitionTime = current.lastTransitionTime;
        removeCondition(status, 'Progressing');
      }
      setCondition(status, c);
    } else if (deploymentTimedOut(d, status, ctx.now)) {
      setCondition(
        status,
        newCondition(
          'Progressing',
          'False',
          REASON.timedOut,
          `${subject} has timed out progressing.`,
          ctx.now,
        ),
      );
    }
  }
  // ReplicaFailure is copied from the new (or any) RS that reports one.
  const failure = [newRS, ...allRSs]
    .map((rs) => rs?.status?.conditions?.find((c) => c.type === 'ReplicaFailure' && c.status === 'True'))
    .find((c) => c);
  if (failure) {
    setCondition(status, {
      type: 'ReplicaFailure',
      status: failure.status,
      lastUpdateTime: failure.lastTransitionTime,
      lastTransitionTime: failure.lastTransitionTime,
      reason: failure.reason,
      message: failure.message,
    });
  } else removeCondition(status, 'ReplicaFailure');

  if (statusEqual(d.status, status)) {
    requeueStuckDeployment(ctx, status);
    return;
  }
  write(ctx, status);
}

/** requeueStuckDeployment: look again when the progress deadline would pass. */
function requeueStuckDeployment(ctx: SyncContext, status: DeploymentStatus): void {
  const d = ctx.d;
  const current = getCondition(d.status, 'Progressing');
  if (!hasProgressDeadline(d) || !current) return;
  if (deploymentComplete(d, status) || current.reason === REASON.timedOut) return;
  const after =
    Date.parse(current.lastUpdateTime ?? '') +
    (d.spec.progressDeadlineSeconds ?? 600) * 1000 -
    ctx.now.getTime();
  // Within a second of the deadline upstream re-checks through the rate limiter (5 ms, then 10 qps
  // overall), never at once: an immediate requeue of a sync that writes nothing would spin
  // (pkg/controller/deployment/progress.go requeueStuckDeployment: dc.enqueueRateLimited).
  if (after < 1000) ctx.requeueRateLimited = true;
  // "Add a second to avoid milliseconds skew in AddAfter."
  else ctx.requeueAfterMs = after + 1000;
}
