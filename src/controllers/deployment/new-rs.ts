/**
 * getNewReplicaSet (k8s: pkg/controller/deployment/sync.go): find the ReplicaSet whose template is the
 * Deployment's and sync its revision annotations, or create it named `<deployment>-<pod-template-hash>`.
 */
import { computeHash } from '../common/hash.ts';
import { controllerRef } from '../common/owners.ts';
import type { ReplicaSet } from '../common/types.ts';
import { newCondition, getCondition, setCondition, REASON } from './conditions.ts';
import type { SyncContext } from './context.ts';
import { setDeploymentRevision, updateStatusAction } from './context.ts';
import {
  equalIgnoreHash,
  findNewReplicaSet,
  hasProgressDeadline,
  maxRevision,
  POD_TEMPLATE_HASH,
  replicasOf,
  rsReplicas,
  setNewReplicaSetAnnotations,
  sumReplicas,
  isRollingUpdate,
} from './util.ts';
import { scaledValue } from '../common/intstr.ts';

export interface ReplicaSets {
  newRS: ReplicaSet | undefined;
  oldRSs: ReplicaSet[];
}

/** NewRSNewReplicas: how big the new RS may be now. */
export function newRSNewReplicas(ctx: SyncContext, allRSs: ReplicaSet[], newRS: ReplicaSet): number {
  const d = ctx.d;
  const desired = replicasOf(d);
  if (!isRollingUpdate(d)) return desired;
  // The raw maxSurge, not ResolveFenceposts: 0 surge stays 0 here.
  const surge = scaledValue(d.spec.strategy?.rollingUpdate?.maxSurge ?? '25%', desired, true);
  const current = sumReplicas(allRSs);
  const maxTotal = desired + surge;
  if (current >= maxTotal) return rsReplicas(newRS);
  return rsReplicas(newRS) + Math.min(maxTotal - current, desired - rsReplicas(newRS));
}

/**
 * Returns the new and old ReplicaSets, or undefined when the sync must stop here (a hash collision
 * was recorded, or the new RS's annotations were just rewritten — Go returns that write's result
 * and carries on, which our working copy does too).
 */
export function getAllReplicaSetsAndSyncRevision(
  ctx: SyncContext,
  createIfNotExisted: boolean,
): ReplicaSets | undefined {
  const d = ctx.d;
  const existing = findNewReplicaSet(d, ctx.rsList);
  const oldRSs = ctx.rsList.filter((rs) => rs !== existing);
  const newRevision = maxRevision(oldRSs) + 1;

  if (existing) {
    const annotationsUpdated = setNewReplicaSetAnnotations(d, existing, newRevision, true);
    const minReady = d.spec.minReadySeconds ?? 0;
    if (annotationsUpdated || (existing.spec.minReadySeconds ?? 0) !== minReady) {
      existing.spec.minReadySeconds = minReady;
      ctx.actions.push({ type: 'update', resource: 'replicasets', object: structuredClone(existing) });
      return { newRS: existing, oldRSs };
    }
    // Go writes the revision annotation and the condition in one UpdateStatus; our status
    // subresource keeps only status, so the annotation goes in its own patch.
    setDeploymentRevision(ctx, existing.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? '');
    if (hasProgressDeadline(d) && !getCondition(d.status, 'Progressing')) {
      const msg = `Found new replica set "${existing.metadata.name}"`;
      setCondition((d.status ??= {}), newCondition('Progressing', 'True', REASON.foundNewRS, msg, ctx.now));
      updateStatusAction(ctx);
    }
    return { newRS: existing, oldRSs };
  }
  if (!createIfNotExisted) return { newRS: undefined, oldRSs };

  const hash = computeHash(d.spec.template, d.status?.collisionCount);
  const template = structuredClone(d.spec.template);
  template.metadata = {
    ...(template.metadata ?? {}),
    labels: { ...(template.metadata?.labels ?? {}), [POD_TEMPLATE_HASH]: hash },
  };
  const selector = structuredClone(d.spec.selector);
  selector.matchLabels = { ...(selector.matchLabels ?? {}), [POD_TEMPLATE_HASH]: hash };
  const name = `${d.metadata.name}-${hash}`;
  const newRS: ReplicaSet = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name,
      namespace: d.metadata.namespace,
      labels: { ...template.metadata.labels },
      ownerReferences: [controllerRef(d)],
    },
    spec: { replicas: 0, minReadySeconds: d.spec.minReadySeconds ?? 0, selector, template },
  };

  // A same-named RS that is not ours, or not our template, is a hash collision: bump
  // status.collisionCount and try again with a different hash on the next sync.
  const clash = ctx.allNamespaceRSs?.find((rs) => rs.metadata.name === name);
  if (
    clash &&
    !(
      clash.metadata.ownerReferences?.some((r) => r.controller && r.uid === d.metadata.uid) &&
      equalIgnoreHash(d.spec.template, clash.spec.template)
    )
  ) {
    (d.status ??= {}).collisionCount = (d.status.collisionCount ?? 0) + 1;
    updateStatusAction(ctx);
    return undefined;
  }

  const count = newRSNewReplicas(ctx, [...oldRSs, newRS], newRS);
  newRS.spec.replicas = count;
  setNewReplicaSetAnnotations(d, newRS, newRevision, false);
  const create: SyncContext['actions'][number] = {
    type: 'create',
    resource: 'replicasets',
    object: structuredClone(newRS),
    onFailure: {
      about: d,
      type: 'Warning',
      reason: REASON.failedRSCreate,
      message: `Failed to create new replica set "${name}": {error}`,
    },
  };
  if (count > 0) {
    create.onSuccess = {
      about: d,
      type: 'Normal',
      reason: 'ScalingReplicaSet',
      message: `Scaled up replica set ${name} from 0 to ${count}`,
    };
  }
  ctx.actions.push(create);
  ctx.rsList.push(newRS);
  ctx.createdRS = name;
  // The RS exists from now on in this sync; it has no status yet.
  newRS.metadata.creationTimestamp = ctx.now.toISOString();

  setDeploymentRevision(ctx, String(newRevision));
  if (hasProgressDeadline(d)) {
    const msg = `Created new replica set "${name}"`;
    setCondition((d.status ??= {}), newCondition('Progressing', 'True', REASON.newReplicaSet, msg, ctx.now));
    updateStatusAction(ctx);
  }
  return { newRS, oldRSs };
}
