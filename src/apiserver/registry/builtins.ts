/**
 * The built-in resources kubelab serves, with the discovery attributes kube-apiserver 1.32 gives them
 * (shortNames, categories, verbs, subresources), as `kubectl api-resources` prints them.
 */
import { ALL_VERBS } from './types.ts';
import type { ResourceInfo, SubresourceInfo, Verb } from './types.ts';
import { eventFromStorage, eventToStorage } from './event-conversion.ts';

interface Options {
  short?: string[];
  all?: boolean;
  cluster?: boolean;
  sub?: string[];
  verbs?: Verb[];
  generation?: boolean;
  storage?: { group: string; resource: string };
  singular?: string;
}

const SUB_VERBS: Record<string, string[]> = {
  status: ['get', 'patch', 'update'],
  scale: ['get', 'patch', 'update'],
  log: ['get'],
  exec: ['create', 'get'],
  attach: ['create', 'get'],
  portforward: ['create', 'get'],
  proxy: ['create', 'delete', 'get', 'patch', 'update'],
  binding: ['create'],
  eviction: ['create'],
  ephemeralcontainers: ['get', 'patch', 'update'],
  resize: ['get', 'patch', 'update'],
  finalize: ['update'],
  token: ['create'],
  approval: ['get', 'patch', 'update'],
};

function sub(group: string, version: string, kind: string, name: string): SubresourceInfo {
  const k =
    name === 'scale'
      ? { group: 'autoscaling', version: 'v1', kind: 'Scale' }
      : name === 'eviction'
        ? { group: 'policy', version: 'v1', kind: 'Eviction' }
        : name === 'binding'
          ? { group: '', version: 'v1', kind: 'Binding' }
          : name === 'token'
            ? { group: 'authentication.k8s.io', version: 'v1', kind: 'TokenRequest' }
            : ['log', 'exec', 'attach', 'portforward', 'proxy'].includes(name)
              ? {
                  group: '',
                  version: 'v1',
                  kind: name === 'log' ? 'Pod' : `Pod${name[0]!.toUpperCase()}${name.slice(1)}Options`,
                }
              : { group, version, kind };
  return { name, kind: k, verbs: SUB_VERBS[name] ?? ['get'] };
}

function r(gv: string, resource: string, kind: string, o: Options = {}): ResourceInfo {
  const [group, version] = gv.includes('/') ? (gv.split('/') as [string, string]) : ['', gv];
  return {
    group,
    version,
    resource,
    kind,
    listKind: `${kind}List`,
    singular: o.singular ?? kind.toLowerCase(),
    namespaced: !o.cluster,
    verbs: o.verbs ?? ALL_VERBS,
    shortNames: o.short ?? [],
    categories: o.all ? ['all'] : [],
    subresources: (o.sub ?? []).map((s) => sub(group, version, kind, s)),
    builtIn: true,
    generation: o.generation ?? false,
    storage: o.storage ?? { group, resource },
  };
}

/** kube-apiserver's create-only review resources (k8s: pkg/registry/authorization, pkg/registry/authentication). */
const REVIEWS: ResourceInfo[] = [
  r('authentication.k8s.io/v1', 'selfsubjectreviews', 'SelfSubjectReview', {
    cluster: true,
    verbs: ['create'],
  }),
  r('authentication.k8s.io/v1', 'tokenreviews', 'TokenReview', { cluster: true, verbs: ['create'] }),
  r('authorization.k8s.io/v1', 'localsubjectaccessreviews', 'LocalSubjectAccessReview', {
    verbs: ['create'],
  }),
  r('authorization.k8s.io/v1', 'selfsubjectaccessreviews', 'SelfSubjectAccessReview', {
    cluster: true,
    verbs: ['create'],
  }),
  r('authorization.k8s.io/v1', 'selfsubjectrulesreviews', 'SelfSubjectRulesReview', {
    cluster: true,
    verbs: ['create'],
  }),
  r('authorization.k8s.io/v1', 'subjectaccessreviews', 'SubjectAccessReview', {
    cluster: true,
    verbs: ['create'],
  }),
].map((info) => ({ ...info, review: true }));

const NS_VERBS: Verb[] = ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'];

/** Ordered as kube-apiserver orders its groups in discovery. */
export const BUILTIN_RESOURCES: ResourceInfo[] = [
  r('v1', 'configmaps', 'ConfigMap', { short: ['cm'] }),
  r('v1', 'endpoints', 'Endpoints', { short: ['ep'], singular: 'endpoints' }),
  r('v1', 'events', 'Event', { short: ['ev'] }),
  r('v1', 'limitranges', 'LimitRange', { short: ['limits'] }),
  r('v1', 'namespaces', 'Namespace', {
    short: ['ns'],
    cluster: true,
    sub: ['finalize', 'status'],
    verbs: NS_VERBS,
  }),
  r('v1', 'nodes', 'Node', { short: ['no'], cluster: true, sub: ['proxy', 'status'] }),
  r('v1', 'persistentvolumeclaims', 'PersistentVolumeClaim', { short: ['pvc'], sub: ['status'] }),
  r('v1', 'persistentvolumes', 'PersistentVolume', { short: ['pv'], cluster: true, sub: ['status'] }),
  r('v1', 'pods', 'Pod', {
    short: ['po'],
    all: true,
    sub: [
      'attach',
      'binding',
      'ephemeralcontainers',
      'eviction',
      'exec',
      'log',
      'portforward',
      'proxy',
      'resize',
      'status',
    ],
  }),
  r('v1', 'podtemplates', 'PodTemplate'),
  r('v1', 'replicationcontrollers', 'ReplicationController', {
    short: ['rc'],
    all: true,
    sub: ['scale', 'status'],
    generation: true,
  }),
  r('v1', 'resourcequotas', 'ResourceQuota', { short: ['quota'], sub: ['status'] }),
  r('v1', 'secrets', 'Secret'),
  r('v1', 'serviceaccounts', 'ServiceAccount', { short: ['sa'], sub: ['token'] }),
  r('v1', 'services', 'Service', { short: ['svc'], all: true, sub: ['proxy', 'status'] }),
  r('apps/v1', 'controllerrevisions', 'ControllerRevision'),
  r('apps/v1', 'daemonsets', 'DaemonSet', { short: ['ds'], all: true, sub: ['status'], generation: true }),
  r('apps/v1', 'deployments', 'Deployment', {
    short: ['deploy'],
    all: true,
    sub: ['scale', 'status'],
    generation: true,
  }),
  r('apps/v1', 'replicasets', 'ReplicaSet', {
    short: ['rs'],
    all: true,
    sub: ['scale', 'status'],
    generation: true,
  }),
  r('apps/v1', 'statefulsets', 'StatefulSet', {
    short: ['sts'],
    all: true,
    sub: ['scale', 'status'],
    generation: true,
  }),
  {
    ...r('events.k8s.io/v1', 'events', 'Event', {
      short: ['ev'],
      storage: { group: '', resource: 'events' },
    }),
    fromStorage: eventFromStorage,
    toStorage: eventToStorage,
  },
  ...REVIEWS,
  r('autoscaling/v2', 'horizontalpodautoscalers', 'HorizontalPodAutoscaler', {
    short: ['hpa'],
    all: true,
    sub: ['status'],
    generation: true,
  }),
  r('batch/v1', 'cronjobs', 'CronJob', { short: ['cj'], all: true, sub: ['status'], generation: true }),
  r('batch/v1', 'jobs', 'Job', { all: true, sub: ['status'], generation: true }),
  r('certificates.k8s.io/v1', 'certificatesigningrequests', 'CertificateSigningRequest', {
    short: ['csr'],
    cluster: true,
    sub: ['approval', 'status'],
  }),
  r('networking.k8s.io/v1', 'ingressclasses', 'IngressClass', { cluster: true }),
  r('networking.k8s.io/v1', 'ingresses', 'Ingress', { short: ['ing'], sub: ['status'], generation: true }),
  r('networking.k8s.io/v1', 'networkpolicies', 'NetworkPolicy', { short: ['netpol'], generation: true }),
  r('policy/v1', 'poddisruptionbudgets', 'PodDisruptionBudget', {
    short: ['pdb'],
    sub: ['status'],
    generation: true,
  }),
  r('rbac.authorization.k8s.io/v1', 'clusterrolebindings', 'ClusterRoleBinding', { cluster: true }),
  r('rbac.authorization.k8s.io/v1', 'clusterroles', 'ClusterRole', { cluster: true }),
  r('rbac.authorization.k8s.io/v1', 'rolebindings', 'RoleBinding'),
  r('rbac.authorization.k8s.io/v1', 'roles', 'Role'),
  r('storage.k8s.io/v1', 'csidrivers', 'CSIDriver', { cluster: true }),
  r('storage.k8s.io/v1', 'csinodes', 'CSINode', { cluster: true }),
  r('storage.k8s.io/v1', 'csistoragecapacities', 'CSIStorageCapacity'),
  r('storage.k8s.io/v1', 'storageclasses', 'StorageClass', { short: ['sc'], cluster: true }),
  r('storage.k8s.io/v1', 'volumeattachments', 'VolumeAttachment', { cluster: true, sub: ['status'] }),
  r('admissionregistration.k8s.io/v1', 'mutatingwebhookconfigurations', 'MutatingWebhookConfiguration', {
    cluster: true,
    generation: true,
  }),
  r('admissionregistration.k8s.io/v1', 'validatingadmissionpolicies', 'ValidatingAdmissionPolicy', {
    cluster: true,
    sub: ['status'],
    generation: true,
  }),
  r(
    'admissionregistration.k8s.io/v1',
    'validatingadmissionpolicybindings',
    'ValidatingAdmissionPolicyBinding',
    {
      cluster: true,
      generation: true,
    },
  ),
  r('admissionregistration.k8s.io/v1', 'validatingwebhookconfigurations', 'ValidatingWebhookConfiguration', {
    cluster: true,
    generation: true,
  }),
  r('apiextensions.k8s.io/v1', 'customresourcedefinitions', 'CustomResourceDefinition', {
    short: ['crd', 'crds'],
    cluster: true,
    sub: ['status'],
    generation: true,
  }),
  r('scheduling.k8s.io/v1', 'priorityclasses', 'PriorityClass', { short: ['pc'], cluster: true }),
  r('coordination.k8s.io/v1', 'leases', 'Lease'),
  r('node.k8s.io/v1', 'runtimeclasses', 'RuntimeClass', { cluster: true }),
  r('discovery.k8s.io/v1', 'endpointslices', 'EndpointSlice'),
];
