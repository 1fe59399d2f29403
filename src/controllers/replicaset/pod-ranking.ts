/**
 * Which pods a ReplicaSet deletes first when it scales down (k8s: pkg/controller/controller_utils.go
 * ActivePodsWithRanks.Less with LogarithmicScaleDown, the default since 1.22; replica_set.go
 * getPodsToDelete). With one node every pod has the same "doubled up" rank, so that step is moot.
 */
import { isPodReady, podCondition } from '../common/pods.ts';
import type { Pod } from '../common/types.ts';

const PHASE_ORDINAL: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

function deletionCost(pod: Pod): number {
  const v = Number(pod.metadata.annotations?.['controller.kubernetes.io/pod-deletion-cost'] ?? 0);
  return Number.isFinite(v) ? v : 0;
}

function readyTime(pod: Pod): number | undefined {
  const t = podCondition(pod, 'Ready')?.lastTransitionTime;
  return t ? Date.parse(t) : undefined;
}

function maxRestarts(pod: Pod): number {
  return Math.max(0, ...(pod.status?.containerStatuses ?? []).map((c) => c.restartCount ?? 0));
}

/** floor(log2(now - t in ns)), -1 for t in the future (logarithmicRankDiff). */
function logRank(t: number, now: number): number {
  const d = (now - t) * 1e6;
  return d > 0 ? Math.floor(Math.log2(d)) : -1;
}

/** Negative when `a` should be deleted before `b`. */
function compare(a: Pod, b: Pod, now: number): number {
  const na = a.spec.nodeName ?? '';
  const nb = b.spec.nodeName ?? '';
  if (na !== nb && (!na || !nb)) return !na ? -1 : 1;
  const pa = PHASE_ORDINAL[a.status?.phase ?? ''] ?? 0;
  const pb = PHASE_ORDINAL[b.status?.phase ?? ''] ?? 0;
  if (pa !== pb) return pa - pb;
  const ra = isPodReady(a);
  const rb = isPodReady(b);
  if (ra !== rb) return ra ? 1 : -1;
  const ca = deletionCost(a);
  const cb = deletionCost(b);
  if (ca !== cb) return ca - cb;
  const byUid = () => ((a.metadata.uid ?? '') < (b.metadata.uid ?? '') ? -1 : 1);
  // Ready for a shorter time first; times in the same power-of-two bucket tie, broken by UID.
  if (ra && rb) {
    const ta = readyTime(a);
    const tb = readyTime(b);
    if (ta !== tb) {
      if (ta === undefined || tb === undefined) return ta === undefined ? -1 : 1;
      const diff = logRank(ta, now) - logRank(tb, now);
      return diff === 0 ? byUid() : diff;
    }
  }
  const rsa = maxRestarts(a);
  const rsb = maxRestarts(b);
  if (rsa !== rsb) return rsb - rsa;
  const ta = Date.parse(a.metadata.creationTimestamp ?? '') || 0;
  const tb = Date.parse(b.metadata.creationTimestamp ?? '') || 0;
  if (ta !== tb) {
    if (!ta || !tb) return !ta ? -1 : 1;
    const diff = logRank(ta, now) - logRank(tb, now);
    return diff === 0 ? byUid() : diff;
  }
  return 0;
}

/** The `count` pods to delete, most expendable first. */
export function podsToDelete(pods: Pod[], count: number, now: Date): Pod[] {
  if (count >= pods.length) return [...pods];
  return [...pods].sort((a, b) => compare(a, b, now.getTime())).slice(0, count);
}
