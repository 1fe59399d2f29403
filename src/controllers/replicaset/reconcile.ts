/**
 * The ReplicaSet controller's sync as a pure function (k8s: pkg/controller/replicaset/replica_set.go
 * syncReplicaSet, manageReplicas, claimPods; replica_set_utils.go calculateStatus): claim pods, create
 * or delete pods towards spec.replicas, and report status.
 */
import type { Action, ReconcileOutput } from '../common/actions.ts';
import { adoptPatch, claimDecision, controllerRef, releasePatch } from '../common/owners.ts';
import { isPodActive, isPodAvailable, isPodReady, msUntilAvailable } from '../common/pods.ts';
import { selectorMatches, mapSelectorMatches, isEmptySelector } from '../common/selector.ts';
import type { Pod, ReplicaSet } from '../common/types.ts';
import { podsToDelete } from './pod-ranking.ts';
import { replicaSetStatus, statusChanged } from './status.ts';

/** replica_set.go BurstReplicas: at most this many creations or deletions per sync. */
export const BURST_REPLICAS = 500;

export interface ReplicaSetInput {
  rs: ReplicaSet;
  /** Pods in the ReplicaSet's namespace (the informer's view). */
  pods: Pod[];
  now: Date;
  /**
   * False while earlier creations/deletions are not yet seen in the pod cache (the Go controller's
   * expectations): then only status is reported, so pods are never created twice.
   */
  needsSync?: boolean;
}

/** The pod a ReplicaSet creates from its template (controller_utils.go GetPodFromTemplate). */
export function podFromTemplate(rs: ReplicaSet): Pod {
  const t = rs.spec.template;
  const metadata: Pod['metadata'] = {
    generateName: `${rs.metadata.name}-`,
    namespace: rs.metadata.namespace,
    ownerReferences: [controllerRef(rs)],
  };
  if (t.metadata?.labels) metadata.labels = { ...t.metadata.labels };
  if (t.metadata?.annotations) metadata.annotations = { ...t.metadata.annotations };
  if (Array.isArray(t.metadata?.finalizers)) metadata.finalizers = [...(t.metadata.finalizers as string[])];
  return { apiVersion: 'v1', kind: 'Pod', metadata, spec: structuredClone(t.spec) };
}

export function reconcileReplicaSet(input: ReplicaSetInput): ReconcileOutput {
  const { rs, now } = input;
  const actions: Action[] = [];
  if (isEmptySelector(rs.spec.selector)) return { actions };

  // claimPods over the active pods of the namespace.
  const owned: Pod[] = [];
  for (const pod of input.pods) {
    if (!isPodActive(pod)) continue;
    const decision = claimDecision(pod, rs, selectorMatches(rs.spec.selector, pod.metadata.labels));
    if (decision === 'own') owned.push(pod);
    else if (decision === 'adopt') {
      actions.push({
        type: 'patch',
        resource: 'pods',
        namespace: ns(pod),
        name: name(pod),
        body: adoptPatch(pod, rs),
      });
      owned.push(pod);
    } else if (decision === 'release') {
      actions.push({
        type: 'patch',
        resource: 'pods',
        namespace: ns(pod),
        name: name(pod),
        body: releasePatch(pod, rs),
      });
    }
  }

  const replicas = rs.spec.replicas ?? 1;
  if (input.needsSync !== false && !rs.metadata.deletionTimestamp) {
    const diff = owned.length - replicas;
    if (diff < 0) {
      const n = Math.min(-diff, BURST_REPLICAS);
      for (let i = 0; i < n; i++) {
        actions.push({
          type: 'create',
          resource: 'pods',
          object: podFromTemplate(rs),
          onSuccess: {
            about: rs,
            type: 'Normal',
            reason: 'SuccessfulCreate',
            message: 'Created pod: {name}',
          },
          onFailure: {
            about: rs,
            type: 'Warning',
            reason: 'FailedCreate',
            message: 'Error creating: {error}',
          },
        });
      }
    } else if (diff > 0) {
      for (const pod of podsToDelete(owned, Math.min(diff, BURST_REPLICAS), now)) {
        actions.push({
          type: 'delete',
          resource: 'pods',
          namespace: ns(pod),
          name: name(pod),
          uid: pod.metadata.uid,
          onSuccess: {
            about: rs,
            type: 'Normal',
            reason: 'SuccessfulDelete',
            message: `Deleted pod: ${name(pod)}`,
          },
          onFailure: {
            about: rs,
            type: 'Warning',
            reason: 'FailedDelete',
            message: 'Error deleting: {error}',
          },
        });
      }
    }
  }

  const templateLabels = rs.spec.template.metadata?.labels ?? {};
  const minReady = rs.spec.minReadySeconds ?? 0;
  const status = replicaSetStatus(rs, {
    replicas: owned.length,
    fullyLabeled: owned.filter((p) => mapSelectorMatches(templateLabels, p.metadata.labels)).length,
    ready: owned.filter(isPodReady).length,
    available: owned.filter((p) => isPodAvailable(p, minReady, now)).length,
  });
  if (statusChanged(rs, status)) {
    actions.push({ type: 'updateStatus', resource: 'replicasets', object: { ...rs, status } });
  }

  // Look again when a ready pod has been ready for minReadySeconds (the Go code requeues after
  // minReadySeconds when every replica is ready but not all are available).
  let requeueAfterMs: number | undefined;
  for (const pod of owned) {
    const ms = msUntilAvailable(pod, minReady, now);
    if (ms !== undefined) requeueAfterMs = Math.min(requeueAfterMs ?? ms, ms);
  }
  return requeueAfterMs === undefined ? { actions } : { actions, requeueAfterMs };
}

const ns = (o: Pod) => o.metadata.namespace ?? '';
const name = (o: Pod) => o.metadata.name ?? '';
