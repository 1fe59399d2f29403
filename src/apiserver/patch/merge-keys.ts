/**
 * The strategic-merge "schema-lite": for each built-in kind, which fields carry a patch strategy
 * and merge key. Transcribed from the Go struct tags `patchStrategy:"…" patchMergeKey:"…"` in
 * kubernetes/api core/v1, apps/v1, batch/v1, networking/v1, policy/v1, autoscaling/v2 types.go and
 * apimachinery meta/v1 types.go (ObjectMeta). Fields not listed behave as untagged Go fields:
 * maps merge key by key, lists are replaced whole (e.g. tolerations, ingress rules, subsets).
 */

export interface FieldMeta {
  /** `merge` lists merge by `mergeKey` (or as a set when primitive); `replace` maps are replaced whole. */
  readonly strategy?: 'merge' | 'replace' | 'retainKeys';
  readonly mergeKey?: string;
  /** Schema of the value (a map field) or of each element (a list field). */
  readonly type?: Schema;
}

export interface Schema {
  readonly [field: string]: FieldMeta;
}

const conditions: FieldMeta = { strategy: 'merge', mergeKey: 'type' };

export const objectMetaSchema: Schema = {
  finalizers: { strategy: 'merge' },
  ownerReferences: { strategy: 'merge', mergeKey: 'uid' },
};

// core/v1 Container and EphemeralContainerCommon carry the same four tags.
const containerSchema: Schema = {
  ports: { strategy: 'merge', mergeKey: 'containerPort' },
  env: { strategy: 'merge', mergeKey: 'name' },
  volumeMounts: { strategy: 'merge', mergeKey: 'mountPath' },
  volumeDevices: { strategy: 'merge', mergeKey: 'devicePath' },
};

const podSpecSchema: Schema = {
  // `merge,retainKeys`: kubectl may send $retainKeys inside a volume when its source type changes.
  volumes: { strategy: 'merge', mergeKey: 'name' },
  initContainers: { strategy: 'merge', mergeKey: 'name', type: containerSchema },
  containers: { strategy: 'merge', mergeKey: 'name', type: containerSchema },
  ephemeralContainers: { strategy: 'merge', mergeKey: 'name', type: containerSchema },
  imagePullSecrets: { strategy: 'merge', mergeKey: 'name' },
  hostAliases: { strategy: 'merge', mergeKey: 'ip' },
  topologySpreadConstraints: { strategy: 'merge', mergeKey: 'topologyKey' },
  schedulingGates: { strategy: 'merge', mergeKey: 'name' },
  resourceClaims: { strategy: 'merge', mergeKey: 'name' },
};

const containerStatusSchema: Schema = {
  volumeMounts: { strategy: 'merge', mergeKey: 'mountPath' },
  allocatedResourcesStatus: { strategy: 'merge', mergeKey: 'name' },
};

const podStatusSchema: Schema = {
  conditions,
  hostIPs: { strategy: 'merge', mergeKey: 'ip' },
  podIPs: { strategy: 'merge', mergeKey: 'ip' },
  resourceClaimStatuses: { strategy: 'merge', mergeKey: 'name' },
  // The status lists themselves are untagged (replaced); the tags only matter inside a merged item.
  containerStatuses: { type: containerStatusSchema },
  initContainerStatuses: { type: containerStatusSchema },
  ephemeralContainerStatuses: { type: containerStatusSchema },
};

const podTemplateSpecSchema: Schema = {
  metadata: { type: objectMetaSchema },
  spec: { type: podSpecSchema },
};

const conditionsStatus: Schema = { conditions };

/** Spec + status of the workload kinds whose pod template lives at `spec.template`. */
function workload(spec: Schema = {}): Schema {
  return {
    spec: { type: { template: { type: podTemplateSpecSchema }, ...spec } },
    status: { type: conditionsStatus },
  };
}

const jobSpecSchema: Schema = { template: { type: podTemplateSpecSchema } };

/** Kind schemas keyed by `group/Kind` (`/Pod` for the core group). `metadata` is added to each. */
const kinds: Record<string, Schema> = {
  '/Pod': { spec: { type: podSpecSchema }, status: { type: podStatusSchema } },
  '/PodTemplate': { template: { type: podTemplateSpecSchema } },
  '/ReplicationController': workload(),
  '/Service': {
    spec: { type: { ports: { strategy: 'merge', mergeKey: 'port' } } },
    status: { type: conditionsStatus },
  },
  '/ServiceAccount': { secrets: { strategy: 'merge', mergeKey: 'name' } },
  '/Node': {
    spec: { type: { podCIDRs: { strategy: 'merge' } } },
    status: {
      type: { conditions, addresses: { strategy: 'merge', mergeKey: 'type' } },
    },
  },
  '/Namespace': { status: { type: conditionsStatus } },
  '/PersistentVolumeClaim': { status: { type: conditionsStatus } },
  '/ComponentStatus': { conditions },
  'apps/Deployment': workload({ strategy: { strategy: 'retainKeys' } }),
  'apps/ReplicaSet': workload(),
  'apps/DaemonSet': workload(),
  'apps/StatefulSet': workload(),
  'batch/Job': { spec: { type: jobSpecSchema }, status: { type: conditionsStatus } },
  'batch/CronJob': {
    spec: {
      type: {
        jobTemplate: { type: { metadata: { type: objectMetaSchema }, spec: { type: jobSpecSchema } } },
      },
    },
  },
  'networking.k8s.io/ServiceCIDR': { status: { type: conditionsStatus } },
  'policy/PodDisruptionBudget': {
    spec: { type: { selector: { strategy: 'replace' } } },
    status: { type: conditionsStatus },
  },
  'autoscaling/HorizontalPodAutoscaler': { status: { type: conditionsStatus } },
  'certificates.k8s.io/CertificateSigningRequest': { status: { type: conditionsStatus } },
};

/**
 * The strategic-merge schema of a built-in kind. Kinds without tagged fields (ConfigMap, Secret,
 * Endpoints, EndpointSlice, Ingress, …) still get the ObjectMeta tags; their maps merge and lists
 * are replaced, which is what the untagged Go types do.
 */
export function schemaFor(group: string, kind: string): Schema {
  return { ...kinds[`${group}/${kind}`], metadata: { type: objectMetaSchema } };
}
