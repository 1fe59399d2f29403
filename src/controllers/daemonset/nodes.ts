/**
 * Whether a DaemonSet pod belongs on a node (k8s: pkg/controller/daemon/daemon_controller.go
 * NodeShouldRunDaemonPod, predicates; util/daemonset_util.go AddOrUpdateDaemonPodTolerations,
 * ReplaceDaemonSetPodNodeNameNodeAffinity).
 */
import type { KubeObject } from '../../core/index.ts';
import type { PodSpec } from '../common/types.ts';

export interface Taint {
  key: string;
  value?: string;
  effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
}

export interface Toleration {
  key?: string;
  operator?: 'Exists' | 'Equal';
  value?: string;
  effect?: string;
}

export interface Node extends KubeObject {
  spec?: { taints?: Taint[]; unschedulable?: boolean };
}

interface NodeSelectorRequirement {
  key: string;
  operator: string;
  values?: string[];
}

interface NodeSelectorTerm {
  matchExpressions?: NodeSelectorRequirement[];
  matchFields?: NodeSelectorRequirement[];
}

/** The tolerations every daemon pod gets, so it survives node conditions that evict other pods. */
export function daemonTolerations(spec: PodSpec): Toleration[] {
  const add: Toleration[] = [
    { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
    { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
    { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
  ];
  if (spec.hostNetwork === true)
    add.push({ key: 'node.kubernetes.io/network-unavailable', operator: 'Exists', effect: 'NoSchedule' });
  const have = (spec.tolerations as Toleration[] | undefined) ?? [];
  const out = [...have];
  for (const t of add) if (!have.some((h) => h.key === t.key && h.effect === t.effect)) out.push(t);
  return out;
}

/** Required node affinity pinned to one node by name (matchFields metadata.name In [node]). */
export function pinToNode(affinity: unknown, nodeName: string): Record<string, unknown> {
  const a = (affinity && typeof affinity === 'object' ? structuredClone(affinity) : {}) as Record<
    string,
    unknown
  >;
  const nodeAffinity = (a.nodeAffinity ?? {}) as Record<string, unknown>;
  nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution = {
    nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [nodeName] }] }],
  };
  a.nodeAffinity = nodeAffinity;
  return a;
}

function tolerates(tolerations: Toleration[], taint: Taint): boolean {
  return tolerations.some((t) => {
    if (t.effect && t.effect !== taint.effect) return false;
    if (t.operator === 'Exists') return !t.key || t.key === taint.key;
    return t.key === taint.key && (t.value ?? '') === (taint.value ?? '');
  });
}

function requirementMatches(r: NodeSelectorRequirement, value: string | undefined): boolean {
  const vals = r.values ?? [];
  switch (r.operator) {
    case 'In':
      return value !== undefined && vals.includes(value);
    case 'NotIn':
      return value === undefined || !vals.includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
    case 'Gt':
      return value !== undefined && Number(value) > Number(vals[0]);
    case 'Lt':
      return value !== undefined && Number(value) < Number(vals[0]);
    default:
      return false;
  }
}

function affinityMatches(spec: PodSpec, node: Node): boolean {
  const na = (
    spec.affinity as
      | {
          nodeAffinity?: {
            requiredDuringSchedulingIgnoredDuringExecution?: { nodeSelectorTerms?: NodeSelectorTerm[] };
          };
        }
      | undefined
  )?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (!na?.nodeSelectorTerms?.length) return true;
  const labels = node.metadata.labels ?? {};
  // Terms are ORed; requirements within a term are ANDed.
  return na.nodeSelectorTerms.some(
    (term) =>
      (term.matchExpressions ?? []).every((r) => requirementMatches(r, labels[r.key])) &&
      (term.matchFields ?? []).every((r) =>
        requirementMatches(r, r.key === 'metadata.name' ? node.metadata.name : undefined),
      ),
  );
}

/** shouldRun: a new pod may be placed; shouldContinueRunning: an existing pod may stay. */
export function nodeShouldRunDaemonPod(
  spec: PodSpec,
  node: Node,
): { shouldRun: boolean; shouldContinueRunning: boolean } {
  const labels = node.metadata.labels ?? {};
  const selector = (spec.nodeSelector as Record<string, string> | undefined) ?? {};
  const fits = Object.entries(selector).every(([k, v]) => labels[k] === v) && affinityMatches(spec, node);
  if (!fits) return { shouldRun: false, shouldContinueRunning: false };
  const tolerations = daemonTolerations(spec);
  const taints = node.spec?.taints ?? [];
  const noExecute = taints.filter((t) => t.effect === 'NoExecute').every((t) => tolerates(tolerations, t));
  const noSchedule = taints.filter((t) => t.effect === 'NoSchedule').every((t) => tolerates(tolerations, t));
  return { shouldRun: noExecute && noSchedule, shouldContinueRunning: noExecute };
}
