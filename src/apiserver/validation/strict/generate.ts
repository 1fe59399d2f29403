/**
 * Regenerates field-schemas.json, the known field set of every built-in kind, from the OpenAPI models of
 * @kubernetes/client-node (`getAttributeTypeMap()`): `node --import tsx src/apiserver/validation/strict/generate.ts`.
 * Precomputed because importing the models costs ~0.7 s at every start.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FieldSchemas, TypeTable } from './schemas.ts';

interface Attribute {
  baseName: string;
  type: string;
}
type Models = Record<string, { attributeTypeMap?: Attribute[] } | undefined>;

/** apiVersion/kind → model class. The kinds kubelab serves (kubectl-api.md, issue 3) and a few neighbours. */
export const KIND_MODELS: Record<string, string> = {
  'v1/Pod': 'V1Pod',
  'v1/Service': 'V1Service',
  'v1/Endpoints': 'V1Endpoints',
  'v1/ConfigMap': 'V1ConfigMap',
  'v1/Secret': 'V1Secret',
  'v1/ServiceAccount': 'V1ServiceAccount',
  'v1/Namespace': 'V1Namespace',
  'v1/Node': 'V1Node',
  'v1/Event': 'CoreV1Event',
  'v1/PersistentVolume': 'V1PersistentVolume',
  'v1/PersistentVolumeClaim': 'V1PersistentVolumeClaim',
  'v1/ReplicationController': 'V1ReplicationController',
  'v1/PodTemplate': 'V1PodTemplate',
  'v1/ResourceQuota': 'V1ResourceQuota',
  'v1/LimitRange': 'V1LimitRange',
  'apps/v1/Deployment': 'V1Deployment',
  'apps/v1/ReplicaSet': 'V1ReplicaSet',
  'apps/v1/DaemonSet': 'V1DaemonSet',
  'apps/v1/StatefulSet': 'V1StatefulSet',
  'apps/v1/ControllerRevision': 'V1ControllerRevision',
  'batch/v1/Job': 'V1Job',
  'batch/v1/CronJob': 'V1CronJob',
  'networking.k8s.io/v1/Ingress': 'V1Ingress',
  'networking.k8s.io/v1/IngressClass': 'V1IngressClass',
  'networking.k8s.io/v1/NetworkPolicy': 'V1NetworkPolicy',
  'discovery.k8s.io/v1/EndpointSlice': 'V1EndpointSlice',
  'events.k8s.io/v1/Event': 'EventsV1Event',
  'rbac.authorization.k8s.io/v1/Role': 'V1Role',
  'rbac.authorization.k8s.io/v1/ClusterRole': 'V1ClusterRole',
  'rbac.authorization.k8s.io/v1/RoleBinding': 'V1RoleBinding',
  'rbac.authorization.k8s.io/v1/ClusterRoleBinding': 'V1ClusterRoleBinding',
  'apiextensions.k8s.io/v1/CustomResourceDefinition': 'V1CustomResourceDefinition',
  'admissionregistration.k8s.io/v1/ValidatingWebhookConfiguration': 'V1ValidatingWebhookConfiguration',
  'admissionregistration.k8s.io/v1/MutatingWebhookConfiguration': 'V1MutatingWebhookConfiguration',
  'policy/v1/PodDisruptionBudget': 'V1PodDisruptionBudget',
  'coordination.k8s.io/v1/Lease': 'V1Lease',
  'scheduling.k8s.io/v1/PriorityClass': 'V1PriorityClass',
  'storage.k8s.io/v1/StorageClass': 'V1StorageClass',
  'autoscaling/v2/HorizontalPodAutoscaler': 'V2HorizontalPodAutoscaler',
};

/** Turns a client-node type string into the compact form of schemas.ts, queueing struct types to visit. */
function compact(type: string, models: Models, queue: string[]): string {
  const list = /^Array<(.+)>$/.exec(type);
  const map = /^\{ \[key: string\]: (.+); \}$/.exec(type);
  const inner = list?.[1] ?? map?.[1] ?? type;
  if (!models[inner]?.attributeTypeMap) return '';
  queue.push(inner);
  return (list ? '[]' : map ? '{}' : '') + inner;
}

export function buildSchemas(models: Models): FieldSchemas {
  const types: TypeTable = {};
  const queue = Object.values(KIND_MODELS);
  for (let name = queue.pop(); name !== undefined; name = queue.pop()) {
    if (types[name]) continue;
    const fields: Record<string, string> = {};
    types[name] = fields;
    for (const a of models[name]?.attributeTypeMap ?? []) fields[a.baseName] = compact(a.type, models, queue);
  }
  return { kinds: KIND_MODELS, types };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const models =
    (await import('@kubernetes/client-node/dist/gen/models/ObjectSerializer.js')) as unknown as Models;
  const out = new URL('./field-schemas.json', import.meta.url);
  writeFileSync(out, JSON.stringify(buildSchemas(models)) + '\n');
  console.log(`wrote ${fileURLToPath(out)}`);
}
