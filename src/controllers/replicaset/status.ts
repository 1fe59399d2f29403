/** ReplicaSet status as the controller reports it (k8s: pkg/controller/replicaset/replica_set_utils.go). */
import { deepEqual } from '../common/equality.ts';
import type { ReplicaSet } from '../common/types.ts';

export interface ReplicaCounts {
  replicas: number;
  fullyLabeled: number;
  ready: number;
  available: number;
}

export function replicaSetStatus(rs: ReplicaSet, counts: ReplicaCounts): NonNullable<ReplicaSet['status']> {
  // Go marshals these with omitempty (apps/v1 ReplicaSetStatus); `replicas` is always present.
  const status: NonNullable<ReplicaSet['status']> = { replicas: counts.replicas };
  if (counts.fullyLabeled) status.fullyLabeledReplicas = counts.fullyLabeled;
  if (counts.ready) status.readyReplicas = counts.ready;
  if (counts.available) status.availableReplicas = counts.available;
  if (rs.metadata.generation) status.observedGeneration = rs.metadata.generation;
  if (rs.status?.conditions?.length) status.conditions = rs.status.conditions;
  return status;
}

/** Only write when something moved (updateReplicaSetStatus's early return). Zero counts are omitted on the wire. */
export function statusChanged(rs: ReplicaSet, next: NonNullable<ReplicaSet['status']>): boolean {
  const norm = (s: ReplicaSet['status']) => ({
    replicas: s?.replicas ?? 0,
    fullyLabeledReplicas: s?.fullyLabeledReplicas ?? 0,
    readyReplicas: s?.readyReplicas ?? 0,
    availableReplicas: s?.availableReplicas ?? 0,
    observedGeneration: s?.observedGeneration ?? 0,
    conditions: s?.conditions ?? [],
  });
  return !deepEqual(norm(rs.status), norm(next));
}
