/**
 * The Pod table (NAME READY STATUS RESTARTS AGE + IP NODE NOMINATED NODE READINESS GATES), a port of
 * printPod in kubernetes/kubernetes pkg/printers/internalversion/printers.go (v1.32).
 */
import type { KubeObject } from '../../core/index.ts';
import type { KindPrinter, TableRowCondition } from './types.ts';
import { ageCol, col, nameCol } from './columns.ts';
import { humanDuration, parseTimestamp, since } from './duration.ts';
import { arr, get, int, rec, recs, str, type Obj } from './fields.ts';

const columns = [
  nameCol(),
  col('Ready', 'string', 'The aggregate readiness state of this pod for accepting traffic.'),
  col('Status', 'string', 'The aggregate status of the containers in this pod.'),
  col(
    'Restarts',
    'string',
    'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.',
  ),
  ageCol(),
  col('IP', 'string', 'podIP address allocated to the pod. Routable at least within the cluster.', 1),
  col('Node', 'string', 'NodeName indicates in which node this pod is scheduled.', 1),
  col(
    'Nominated Node',
    'string',
    'nominatedNodeName is set only when this pod preempts other pods on the node.',
    1,
  ),
  col(
    'Readiness Gates',
    'string',
    'If specified, all readiness gates will be evaluated for pod readiness.',
    1,
  ),
];

const successConditions: TableRowCondition[] = [
  { type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' },
];
const failedConditions: TableRowCondition[] = [
  { type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' },
];

/** A sidecar: an init container with restartPolicy Always (podutil.IsRestartableInitContainer). */
const isRestartable = (c: Obj | undefined): boolean => c?.restartPolicy === 'Always';

/** lastTerminationState.terminated.finishedAt as epoch ms; -Infinity for Go's zero time. */
function lastFinishedAt(status: Obj): number {
  const t = parseTimestamp(get(status, 'lastState', 'terminated', 'finishedAt'));
  return get(status, 'lastState', 'terminated') !== undefined && t !== undefined && !Number.isNaN(t)
    ? t
    : -Infinity;
}

function conditionStatus(podStatus: Obj, type: string): string | undefined {
  return recs(podStatus.conditions).find((c) => c.type === type)?.status as string | undefined;
}

/** The STATUS cell and the counts, exactly in printPod's order of precedence. */
export function podStatus(pod: KubeObject): {
  ready: number;
  total: number;
  reason: string;
  restarts: number;
  lastRestart: number;
} {
  const spec = rec(pod.spec);
  const status = rec(pod.status);
  let restarts = 0;
  let sidecarRestarts = 0;
  let total = recs(spec.containers).length;
  let ready = 0;
  let lastRestart = -Infinity;
  let lastSidecarRestart = -Infinity;

  const phase = str(status.phase);
  let reason = str(status.reason) !== '' ? str(status.reason) : phase;
  for (const c of recs(status.conditions)) {
    if (c.type === 'PodScheduled' && c.reason === 'SchedulingGated') reason = 'SchedulingGated';
  }

  const initSpecs = recs(spec.initContainers);
  const initByName = new Map(initSpecs.map((c) => [str(c.name), c]));
  total += initSpecs.filter(isRestartable).length;

  let initializing = false;
  const initStatuses = recs(status.initContainerStatuses);
  for (const [i, cs] of initStatuses.entries()) {
    restarts += int(cs.restartCount);
    lastRestart = Math.max(lastRestart, lastFinishedAt(cs));
    const sidecar = isRestartable(initByName.get(str(cs.name)));
    if (sidecar) {
      sidecarRestarts += int(cs.restartCount);
      lastSidecarRestart = Math.max(lastSidecarRestart, lastFinishedAt(cs));
    }
    const terminated = get(cs, 'state', 'terminated');
    const waitingReason = str(get(cs, 'state', 'waiting', 'reason'));
    if (terminated !== undefined && int(get(terminated, 'exitCode')) === 0) continue;
    if (sidecar && cs.started === true) {
      if (cs.ready === true) ready++;
      continue;
    }
    if (terminated !== undefined) {
      // initialization is failed
      const tReason = str(get(terminated, 'reason'));
      const signal = int(get(terminated, 'signal'));
      if (tReason !== '') reason = `Init:${tReason}`;
      else if (signal !== 0) reason = `Init:Signal:${signal}`;
      else reason = `Init:ExitCode:${int(get(terminated, 'exitCode'))}`;
    } else if (waitingReason !== '' && waitingReason !== 'PodInitializing') {
      reason = `Init:${waitingReason}`;
    } else {
      reason = `Init:${i}/${initSpecs.length}`;
    }
    initializing = true;
    break;
  }

  if (!initializing || conditionStatus(status, 'Initialized') === 'True') {
    restarts = sidecarRestarts;
    lastRestart = lastSidecarRestart;
    let hasRunning = false;
    const statuses = recs(status.containerStatuses);
    for (let i = statuses.length - 1; i >= 0; i--) {
      const cs = statuses[i] as Obj;
      restarts += int(cs.restartCount);
      lastRestart = Math.max(lastRestart, lastFinishedAt(cs));
      const waitingReason = str(get(cs, 'state', 'waiting', 'reason'));
      const terminated = get(cs, 'state', 'terminated');
      if (waitingReason !== '') {
        reason = waitingReason;
      } else if (terminated !== undefined && str(get(terminated, 'reason')) !== '') {
        reason = str(get(terminated, 'reason'));
      } else if (terminated !== undefined) {
        const signal = int(get(terminated, 'signal'));
        reason = signal !== 0 ? `Signal:${signal}` : `ExitCode:${int(get(terminated, 'exitCode'))}`;
      } else if (cs.ready === true && get(cs, 'state', 'running') !== undefined) {
        hasRunning = true;
        ready++;
      }
    }
    // change pod status back to "Running" if there is at least one container still reporting as "Running"
    if (reason === 'Completed' && hasRunning) {
      reason = conditionStatus(status, 'Ready') === 'True' ? 'Running' : 'NotReady';
    }
  }

  const deleting = pod.metadata.deletionTimestamp !== undefined && pod.metadata.deletionTimestamp !== null;
  if (deleting && str(status.reason) === 'NodeLost') {
    reason = 'Unknown';
  } else if (deleting && phase !== 'Succeeded' && phase !== 'Failed') {
    reason = 'Terminating';
  }
  return { ready, total, reason, restarts, lastRestart };
}

function readinessGates(pod: KubeObject): string {
  const gates = recs(get(pod, 'spec', 'readinessGates'));
  if (gates.length === 0) return '<none>';
  const conditions = recs(get(pod, 'status', 'conditions'));
  const trueCount = gates.filter(
    (g) => conditions.find((c) => c.type === g.conditionType)?.status === 'True',
  ).length;
  return `${trueCount}/${gates.length}`;
}

/** The pod IP as the internal type sees it: status.podIP is authoritative over podIPs[0]. */
function podIP(pod: KubeObject): string {
  const status = rec(pod.status);
  return str(status.podIP) || str(get(arr(status.podIPs)[0], 'ip')) || '<none>';
}

export const podPrinter: KindPrinter = {
  columns,
  cells(pod, now) {
    const s = podStatus(pod);
    const restarts =
      s.restarts !== 0 && s.lastRestart !== -Infinity
        ? `${s.restarts} (${humanDuration(now.getTime() - s.lastRestart)} ago)`
        : String(s.restarts);
    return [
      pod.metadata.name ?? '',
      `${s.ready}/${s.total}`,
      s.reason,
      restarts,
      since(pod.metadata.creationTimestamp, now),
      podIP(pod),
      str(get(pod, 'spec', 'nodeName')) || '<none>',
      str(get(pod, 'status', 'nominatedNodeName')) || '<none>',
      readinessGates(pod),
    ];
  },
  conditions(pod) {
    const phase = get(pod, 'status', 'phase');
    if (phase === 'Succeeded') return successConditions;
    if (phase === 'Failed') return failedConditions;
    return undefined;
  },
};
