/**
 * Which printer serves which kind: the handlers kube-apiserver registers in AddHandlers
 * (kubernetes/kubernetes pkg/printers/internalversion/printers.go), keyed by group and kind, since the
 * printers work on the internal type and so serve every version of a kind alike.
 */
import type { GroupVersionKind } from '../../core/index.ts';
import type { KindPrinter } from './types.ts';
import {
  controllerRevisionPrinter,
  daemonSetPrinter,
  deploymentPrinter,
  replicaSetPrinter,
  statefulSetPrinter,
} from './apps.ts';
import { cronJobPrinter, jobPrinter } from './batch.ts';
import {
  leasePrinter,
  podDisruptionBudgetPrinter,
  priorityClassPrinter,
  webhookConfigurationPrinter,
} from './cluster-kinds.ts';
import {
  configMapPrinter,
  namespacePrinter,
  nodePrinter,
  secretPrinter,
  serviceAccountPrinter,
} from './core.ts';
import { coreEventPrinter, eventsV1Printer } from './events.ts';
import { ingressClassPrinter, ingressPrinter, networkPolicyPrinter } from './networking.ts';
import { podPrinter } from './pod.ts';
import { clusterRoleBindingPrinter, roleBindingPrinter } from './rbac.ts';
import { endpointSlicePrinter, endpointsPrinter, servicePrinter } from './service.ts';

const printers = new Map<string, KindPrinter>([
  ['/Pod', podPrinter],
  ['/Service', servicePrinter],
  ['/Endpoints', endpointsPrinter],
  ['/Namespace', namespacePrinter],
  ['/Node', nodePrinter],
  ['/ConfigMap', configMapPrinter],
  ['/Secret', secretPrinter],
  ['/ServiceAccount', serviceAccountPrinter],
  ['/Event', coreEventPrinter],
  ['events.k8s.io/Event', eventsV1Printer],
  ['apps/Deployment', deploymentPrinter],
  ['apps/ReplicaSet', replicaSetPrinter],
  ['apps/DaemonSet', daemonSetPrinter],
  ['apps/StatefulSet', statefulSetPrinter],
  ['apps/ControllerRevision', controllerRevisionPrinter],
  ['batch/Job', jobPrinter],
  ['batch/CronJob', cronJobPrinter],
  ['discovery.k8s.io/EndpointSlice', endpointSlicePrinter],
  ['networking.k8s.io/Ingress', ingressPrinter],
  ['networking.k8s.io/IngressClass', ingressClassPrinter],
  ['networking.k8s.io/NetworkPolicy', networkPolicyPrinter],
  ['rbac.authorization.k8s.io/RoleBinding', roleBindingPrinter],
  ['rbac.authorization.k8s.io/ClusterRoleBinding', clusterRoleBindingPrinter],
  ['admissionregistration.k8s.io/ValidatingWebhookConfiguration', webhookConfigurationPrinter],
  ['admissionregistration.k8s.io/MutatingWebhookConfiguration', webhookConfigurationPrinter],
  ['coordination.k8s.io/Lease', leasePrinter],
  ['scheduling.k8s.io/PriorityClass', priorityClassPrinter],
  ['policy/PodDisruptionBudget', podDisruptionBudgetPrinter],
]);

/** The printer kube-apiserver registers for this kind, if any. */
export function builtInPrinter(gvk: GroupVersionKind): KindPrinter | undefined {
  return printers.get(`${gvk.group}/${gvk.kind}`);
}

export { isBuiltInGroup } from '../../core/index.ts';
