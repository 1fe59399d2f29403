/**
 * The working state of one Deployment sync. Go's controller mutates the Deployment and the
 * ReplicaSets it gets back from each write; here the same mutations happen on private copies while
 * the intended writes are collected as actions, so later steps of the sync see earlier ones.
 */
import type { Action } from '../common/actions.ts';
import type { Deployment, Pod, ReplicaSet } from '../common/types.ts';
import {
  maxSurge,
  replicasAnnotationsNeedUpdate,
  replicasOf,
  rsReplicas,
  setReplicasAnnotations,
} from './util.ts';

export interface SyncContext {
  d: Deployment;
  /** The ReplicaSets this Deployment owns (after adoption), as working copies. */
  rsList: ReplicaSet[];
  /** Every ReplicaSet of the namespace, to detect pod-template-hash name collisions. */
  allNamespaceRSs?: ReplicaSet[];
  /** Pods owned by those ReplicaSets (for Recreate's "old pods running"). */
  pods: Pod[];
  now: Date;
  actions: Action[];
  requeueAfterMs?: number;
  /** Look again soon, through the queue's rate limiter (upstream's enqueueRateLimited). */
  requeueRateLimited?: boolean;
  /** Name of the collision-free RS the sync created, if any. */
  createdRS?: string;
}

/** scaleReplicaSet: write replicas and the replicas annotations; the event only when the size moved. */
export function scaleReplicaSet(ctx: SyncContext, rs: ReplicaSet, newScale: number): boolean {
  const d = ctx.d;
  const oldScale = rsReplicas(rs);
  const sizeNeedsUpdate = oldScale !== newScale;
  const desired = replicasOf(d);
  const max = desired + maxSurge(d);
  if (!sizeNeedsUpdate && !replicasAnnotationsNeedUpdate(rs, desired, max)) return false;
  rs.spec.replicas = newScale;
  setReplicasAnnotations(rs, desired, max);
  const action: Action = { type: 'update', resource: 'replicasets', object: structuredClone(rs) };
  if (sizeNeedsUpdate) {
    // k8s 1.31+ (PR #125118) sync.go scaleReplicaSet: "Scaled %s replica set %s from %d to %d".
    const op = oldScale < newScale ? 'up' : 'down';
    action.onSuccess = {
      about: d,
      type: 'Normal',
      reason: 'ScalingReplicaSet',
      message: `Scaled ${op} replica set ${rs.metadata.name} from ${oldScale} to ${newScale}`,
    };
  }
  ctx.actions.push(action);
  return sizeNeedsUpdate;
}

/** scaleReplicaSetAndRecordEvent: no write at all when the size is already right. */
export function scaleReplicaSetAndRecordEvent(ctx: SyncContext, rs: ReplicaSet, newScale: number): boolean {
  if (rsReplicas(rs) === newScale) return false;
  return scaleReplicaSet(ctx, rs, newScale);
}

export function updateStatusAction(ctx: SyncContext): void {
  ctx.actions.push({ type: 'updateStatus', resource: 'deployments', object: structuredClone(ctx.d) });
}

/** SetDeploymentRevision; the revision annotation is written on the main resource (our status subresource keeps only status). */
export function setDeploymentRevision(ctx: SyncContext, revision: string): boolean {
  const a = (ctx.d.metadata.annotations ??= {});
  if (a['deployment.kubernetes.io/revision'] === revision) return false;
  a['deployment.kubernetes.io/revision'] = revision;
  ctx.actions.push({
    type: 'patch',
    resource: 'deployments',
    namespace: ctx.d.metadata.namespace ?? '',
    name: ctx.d.metadata.name ?? '',
    body: { metadata: { annotations: { 'deployment.kubernetes.io/revision': revision } } },
  });
  return true;
}
