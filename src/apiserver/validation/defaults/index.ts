/** Defaulting by kind: what kube-apiserver sets on decode and in each kind's REST strategy. */
import { errors } from '../../../core/index.ts';
import type { KubeObject } from '../../../core/index.ts';
import type { Allocators, Operation } from '../types.ts';
import type { Rec } from '../util.ts';
import { rec } from '../util.ts';
import {
  defaultCRD,
  defaultEndpointSlice,
  defaultEndpoints,
  defaultIngress,
  defaultNamespace,
  defaultSecret,
} from './misc.ts';
import { defaultPod, defaultPodTemplate } from './pod.ts';
import { allocateService, defaultServiceFields, patchAllocatedValues } from './service.ts';
import { dropTypeDependentFields } from './service-type-change.ts';
import {
  defaultCronJob,
  defaultDaemonSet,
  defaultDeployment,
  defaultJob,
  defaultReplicaSet,
  defaultStatefulSet,
} from './workloads.ts';

type Defaulter = (obj: Rec, creating: boolean) => void;

const BY_KIND: Record<string, Defaulter> = {
  'v1/Pod': defaultPod,
  'v1/PodTemplate': (o) => defaultPodTemplate(rec(o.template)),
  'v1/ReplicationController': (o) => {
    const spec = rec(o.spec);
    if (spec.replicas === undefined) spec.replicas = 1;
    if (spec.template) defaultPodTemplate(rec(spec.template));
  },
  'v1/Namespace': defaultNamespace,
  'v1/Secret': defaultSecret,
  'v1/Endpoints': defaultEndpoints,
  'discovery.k8s.io/v1/EndpointSlice': defaultEndpointSlice,
  'apps/v1/Deployment': defaultDeployment,
  'apps/v1/ReplicaSet': defaultReplicaSet,
  'apps/v1/DaemonSet': defaultDaemonSet,
  'apps/v1/StatefulSet': defaultStatefulSet,
  'batch/v1/Job': defaultJob,
  'batch/v1/CronJob': defaultCronJob,
  'networking.k8s.io/v1/Ingress': defaultIngress,
  'apiextensions.k8s.io/v1/CustomResourceDefinition': defaultCRD,
};

export function applyKindDefaults(
  obj: KubeObject,
  op: Operation,
  old: KubeObject | undefined,
  allocators?: Allocators,
): void {
  const key = `${obj.apiVersion}/${obj.kind}`;
  if (key === 'v1/Service') {
    defaultServiceFields(obj);
    if (op === 'UPDATE' && old) {
      dropTypeDependentFields(obj, old);
      patchAllocatedValues(obj, old);
    }
    if (!allocators) return;
    const errs = allocateService(obj, op === 'UPDATE' ? old : undefined, allocators);
    if (errs.length) throw errors.invalid('Service', '', String(obj.metadata.name ?? ''), errs);
    return;
  }
  BY_KIND[key]?.(obj, op === 'CREATE');
}
