/**
 * The Deployment controller's sync as a pure function (k8s: pkg/controller/deployment/
 * deployment_controller.go syncDeployment): claim ReplicaSets, then pause/scale/rollout by strategy.
 * `kubectl rollout undo` needs nothing here: kubectl 1.32 copies the old ReplicaSet's template into
 * the Deployment itself (kubectl polymorphichelpers/rollback.go), which is an ordinary rollout.
 */
import type { ReconcileOutput } from '../common/actions.ts';
import { eventAction } from '../common/actions.ts';
import { adoptPatch, claimDecision, releasePatch } from '../common/owners.ts';
import { isEmptySelector, selectorMatches } from '../common/selector.ts';
import type { Deployment, Pod, ReplicaSet } from '../common/types.ts';
import { getCondition, newCondition, REASON, setCondition } from './conditions.ts';
import type { SyncContext } from './context.ts';
import { updateStatusAction } from './context.ts';
import { getAllReplicaSetsAndSyncRevision } from './new-rs.ts';
import { syncDeploymentStatus } from './progress.ts';
import { rolloutRecreate } from './recreate.ts';
import { rolloutRolling } from './rolling.ts';
import { isScalingEvent, syncScaleOnly } from './sync.ts';
import { hasProgressDeadline, isRollingUpdate } from './util.ts';

export interface DeploymentInput {
  deployment: Deployment;
  /** ReplicaSets in the Deployment's namespace. */
  replicaSets: ReplicaSet[];
  /** Pods in the Deployment's namespace. */
  pods: Pod[];
  now: Date;
}

export function reconcileDeployment(input: DeploymentInput): ReconcileOutput {
  const d = structuredClone(input.deployment);
  const ctx: SyncContext = {
    d,
    rsList: [],
    allNamespaceRSs: input.replicaSets,
    pods: [],
    now: input.now,
    actions: [],
  };

  if (isEmptySelector(d.spec.selector)) {
    ctx.actions.push(
      eventAction(
        input.deployment,
        'Warning',
        'SelectingAll',
        'This deployment is selecting all pods. A non-empty selector is required.',
      ),
    );
    if ((d.status?.observedGeneration ?? 0) < (d.metadata.generation ?? 0)) {
      (d.status ??= {}).observedGeneration = d.metadata.generation;
      updateStatusAction(ctx);
    }
    return out(ctx);
  }

  // getReplicaSetsForDeployment: claim ReplicaSets through the ControllerRefManager.
  for (const rs of input.replicaSets) {
    const decision = claimDecision(rs, d, selectorMatches(d.spec.selector, rs.metadata.labels));
    const meta = {
      resource: 'replicasets' as const,
      namespace: rs.metadata.namespace ?? '',
      name: rs.metadata.name ?? '',
    };
    if (decision === 'own') ctx.rsList.push(structuredClone(rs));
    else if (decision === 'adopt') {
      ctx.actions.push({ type: 'patch', ...meta, body: adoptPatch(rs, d) });
      ctx.rsList.push(structuredClone(rs));
    } else if (decision === 'release')
      ctx.actions.push({ type: 'patch', ...meta, body: releasePatch(rs, d) });
  }
  const uids = new Set(ctx.rsList.map((rs) => rs.metadata.uid));
  ctx.pods = input.pods.filter((p) => {
    const owner = p.metadata.ownerReferences?.find((r) => r.controller)?.uid;
    return !!owner && uids.has(owner) && selectorMatches(d.spec.selector, p.metadata.labels);
  });

  if (d.metadata.deletionTimestamp) {
    const got = getAllReplicaSetsAndSyncRevision(ctx, false);
    if (got) syncDeploymentStatus(ctx, got.newRS ? [...got.oldRSs, got.newRS] : got.oldRSs, got.newRS);
    return out(ctx);
  }

  checkPausedConditions(ctx);
  if (d.spec.paused) {
    syncScaleOnly(ctx);
    return out(ctx);
  }
  if (isScalingEvent(ctx)) {
    syncScaleOnly(ctx);
    return out(ctx);
  }
  if (isRollingUpdate(d)) rolloutRolling(ctx);
  else rolloutRecreate(ctx);
  return out(ctx);
}

/** checkPausedConditions: Progressing Unknown DeploymentPaused/DeploymentResumed, unless timed out. */
function checkPausedConditions(ctx: SyncContext): void {
  const d = ctx.d;
  if (!hasProgressDeadline(d)) return;
  const cond = getCondition(d.status, 'Progressing');
  if (cond?.reason === REASON.timedOut) return;
  const pausedCondExists = cond?.reason === REASON.pausedDeploy;
  if (d.spec.paused && !pausedCondExists) {
    setCondition(
      (d.status ??= {}),
      newCondition('Progressing', 'Unknown', REASON.pausedDeploy, 'Deployment is paused', ctx.now),
    );
  } else if (!d.spec.paused && pausedCondExists) {
    setCondition(
      (d.status ??= {}),
      newCondition('Progressing', 'Unknown', REASON.resumedDeploy, 'Deployment is resumed', ctx.now),
    );
  } else return;
  updateStatusAction(ctx);
}

function out(ctx: SyncContext): ReconcileOutput {
  return {
    actions: ctx.actions,
    ...(ctx.requeueAfterMs === undefined ? {} : { requeueAfterMs: ctx.requeueAfterMs }),
    ...(ctx.requeueRateLimited ? { requeueRateLimited: true } : {}),
  };
}
