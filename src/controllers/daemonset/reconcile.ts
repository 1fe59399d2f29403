/**
 * The DaemonSet controller's sync as a pure function (k8s: pkg/controller/daemon/daemon_controller.go
 * manage/podsShouldBeOnNode/updateDaemonSetStatus; update.go rollingUpdate with maxSurge 0): one pod
 * per eligible node, old pods replaced within maxUnavailable, and the status `kubectl get ds` shows.
 */
import type { KubeObject } from '../../core/index.ts';
import type { Action, ReconcileOutput } from '../common/actions.ts';
import { computeHash } from '../common/hash.ts';
import { scaledValue } from '../common/intstr.ts';
import { adoptPatch, claimDecision, controllerRef } from '../common/owners.ts';
import { isPodAvailable, isPodReady, msUntilAvailable } from '../common/pods.ts';
import { isEmptySelector, selectorMatches } from '../common/selector.ts';
import type { IntOrString, Pod, PodTemplate } from '../common/types.ts';
import type { LabelSelector } from '../common/selector.ts';
import { daemonTolerations, nodeShouldRunDaemonPod, pinToNode } from './nodes.ts';
import type { Node } from './nodes.ts';

export const REVISION_HASH_LABEL = 'controller-revision-hash';

export interface DaemonSet extends KubeObject {
  spec: {
    selector: LabelSelector;
    template: PodTemplate;
    minReadySeconds?: number;
    updateStrategy?: {
      type?: 'RollingUpdate' | 'OnDelete';
      rollingUpdate?: { maxUnavailable?: IntOrString; maxSurge?: IntOrString };
    };
  };
  status?: Record<string, number | undefined>;
}

export interface DaemonSetInput {
  ds: DaemonSet;
  nodes: Node[];
  /** Pods in the DaemonSet's namespace. */
  pods: Pod[];
  now: Date;
  needsSync?: boolean;
}

/** The node a daemon pod is for: spec.nodeName, or the node its affinity pins it to. */
function targetNode(pod: Pod): string | undefined {
  if (pod.spec.nodeName) return pod.spec.nodeName;
  const terms = (
    pod.spec.affinity as
      | {
          nodeAffinity?: {
            requiredDuringSchedulingIgnoredDuringExecution?: {
              nodeSelectorTerms?: { matchFields?: { key: string; values?: string[] }[] }[];
            };
          };
        }
      | undefined
  )?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  return terms?.[0]?.matchFields?.find((f) => f.key === 'metadata.name')?.values?.[0];
}

export function daemonPod(ds: DaemonSet, nodeName: string, hash: string): Pod {
  const t = ds.spec.template;
  const spec = structuredClone(t.spec);
  spec.affinity = pinToNode(spec.affinity, nodeName);
  spec.tolerations = daemonTolerations(spec);
  const metadata: Pod['metadata'] = {
    generateName: `${ds.metadata.name}-`,
    namespace: ds.metadata.namespace,
    labels: { ...(t.metadata?.labels ?? {}), [REVISION_HASH_LABEL]: hash },
    ownerReferences: [controllerRef(ds)],
  };
  if (t.metadata?.annotations) metadata.annotations = { ...t.metadata.annotations };
  return { apiVersion: 'v1', kind: 'Pod', metadata, spec };
}

const created = (p: Pod) => Date.parse(p.metadata.creationTimestamp ?? '') || 0;

export function reconcileDaemonSet(input: DaemonSetInput): ReconcileOutput {
  const { ds, now } = input;
  const actions: Action[] = [];
  if (isEmptySelector(ds.spec.selector)) return { actions };
  const hash = computeHash(ds.spec.template, ds.status?.collisionCount);
  const minReady = ds.spec.minReadySeconds ?? 0;

  const byNode = new Map<string, Pod[]>();
  for (const pod of input.pods) {
    const d = claimDecision(pod, ds, selectorMatches(ds.spec.selector, pod.metadata.labels));
    if (d === 'adopt') {
      actions.push({
        type: 'patch',
        resource: 'pods',
        namespace: pod.metadata.namespace ?? '',
        name: pod.metadata.name ?? '',
        body: adoptPatch(pod, ds),
      });
    } else if (d !== 'own') continue;
    const node = targetNode(pod);
    if (!node) continue;
    const list = byNode.get(node) ?? [];
    list.push(pod);
    byNode.set(node, list);
  }

  const del = (pod: Pod): Action => ({
    type: 'delete',
    resource: 'pods',
    namespace: pod.metadata.namespace ?? '',
    name: pod.metadata.name ?? '',
    uid: pod.metadata.uid,
    onSuccess: {
      about: ds,
      type: 'Normal',
      reason: 'SuccessfulDelete',
      message: `Deleted pod: ${pod.metadata.name}`,
    },
    onFailure: { about: ds, type: 'Warning', reason: 'FailedDelete', message: 'Error deleting: {error}' },
  });
  const sync = input.needsSync !== false && !ds.metadata.deletionTimestamp;
  const deleting = new Set<string>();

  // manage(): podsShouldBeOnNode for every node.
  for (const node of input.nodes) {
    const name = node.metadata.name ?? '';
    const pods = byNode.get(name) ?? [];
    const { shouldRun, shouldContinueRunning } = nodeShouldRunDaemonPod(ds.spec.template.spec, node);
    if (!sync) continue;
    if (shouldRun && pods.length === 0) {
      actions.push({
        type: 'create',
        resource: 'pods',
        object: daemonPod(ds, name, hash),
        onSuccess: { about: ds, type: 'Normal', reason: 'SuccessfulCreate', message: 'Created pod: {name}' },
        onFailure: { about: ds, type: 'Warning', reason: 'FailedCreate', message: 'Error creating: {error}' },
      });
    } else if (shouldContinueRunning) {
      const running: Pod[] = [];
      for (const pod of pods) {
        if (pod.metadata.deletionTimestamp) continue;
        const phase = pod.status?.phase;
        if (phase === 'Failed' || phase === 'Succeeded') {
          if (phase === 'Failed') {
            actions.push({
              type: 'event',
              event: {
                about: ds,
                type: 'Warning',
                reason: 'FailedDaemonPod',
                message: `Found failed daemon pod ${pod.metadata.namespace}/${pod.metadata.name} on node ${name}, will try to kill it`,
              },
            });
          }
          actions.push(del(pod));
          deleting.add(pod.metadata.name ?? '');
        } else running.push(pod);
      }
      // More than one running pod on a node: keep the oldest.
      for (const extra of running.sort((a, b) => created(a) - created(b)).slice(1)) {
        actions.push(del(extra));
        deleting.add(extra.metadata.name ?? '');
      }
    } else {
      for (const pod of pods) {
        if (pod.metadata.deletionTimestamp) continue;
        actions.push(del(pod));
        deleting.add(pod.metadata.name ?? '');
      }
    }
  }

  // rollingUpdate() with maxSurge 0: replace old pods while at most maxUnavailable are unavailable.
  if (sync && (ds.spec.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate') {
    const eligible = input.nodes.filter((n) => nodeShouldRunDaemonPod(ds.spec.template.spec, n).shouldRun);
    const maxUnavailable = scaledValue(
      ds.spec.updateStrategy?.rollingUpdate?.maxUnavailable ?? 1,
      eligible.length,
      true,
    );
    let unavailable = 0;
    const replace: Pod[] = [];
    const candidates: Pod[] = [];
    for (const node of eligible) {
      const pods = (byNode.get(node.metadata.name ?? '') ?? []).filter(
        (p) => !p.metadata.deletionTimestamp && !deleting.has(p.metadata.name ?? ''),
      );
      const fresh = pods.find((p) => p.metadata.labels?.[REVISION_HASH_LABEL] === hash);
      const old = pods.find((p) => p.metadata.labels?.[REVISION_HASH_LABEL] !== hash);
      if ((!old && !fresh) || (old && fresh)) unavailable++;
      else if (fresh) {
        if (!isPodAvailable(fresh, minReady, now)) unavailable++;
      } else if (old) {
        if (!isPodAvailable(old, minReady, now)) replace.push(old);
        else if (unavailable < maxUnavailable) candidates.push(old);
      }
    }
    const room = Math.min(Math.max(0, maxUnavailable - unavailable), candidates.length);
    for (const pod of [...replace, ...candidates.slice(0, room)]) actions.push(del(pod));
  }

  // updateDaemonSetStatus
  let desired = 0;
  let current = 0;
  let misscheduled = 0;
  let ready = 0;
  let available = 0;
  let updated = 0;
  let requeueAfterMs: number | undefined;
  for (const node of input.nodes) {
    const { shouldRun } = nodeShouldRunDaemonPod(ds.spec.template.spec, node);
    const pods = byNode.get(node.metadata.name ?? '') ?? [];
    if (!shouldRun) {
      if (pods.length) misscheduled++;
      continue;
    }
    desired++;
    if (!pods.length) continue;
    current++;
    const pod = [...pods].sort((a, b) => created(a) - created(b))[0]!;
    if (isPodReady(pod)) {
      ready++;
      if (isPodAvailable(pod, minReady, now)) available++;
      const ms = msUntilAvailable(pod, minReady, now);
      if (ms !== undefined) requeueAfterMs = Math.min(requeueAfterMs ?? ms, ms);
    }
    if (pod.metadata.labels?.[REVISION_HASH_LABEL] === hash) updated++;
  }
  const status: Record<string, number> = {
    currentNumberScheduled: current,
    numberMisscheduled: misscheduled,
    desiredNumberScheduled: desired,
    numberReady: ready,
  };
  if (ds.metadata.generation) status.observedGeneration = ds.metadata.generation;
  if (updated) status.updatedNumberScheduled = updated;
  if (available) status.numberAvailable = available;
  if (desired - available) status.numberUnavailable = desired - available;
  if (ds.status?.collisionCount !== undefined) status.collisionCount = ds.status.collisionCount;
  const same = Object.keys({ ...status, ...(ds.status ?? {}) }).every(
    (k) => (status[k] ?? 0) === (ds.status?.[k] ?? 0),
  );
  if (!same) actions.push({ type: 'updateStatus', resource: 'daemonsets', object: { ...ds, status } });
  return requeueAfterMs === undefined ? { actions } : { actions, requeueAfterMs };
}
