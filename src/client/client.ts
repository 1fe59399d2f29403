/**
 * The typed client: `client.resource(type)` for any resource, plus ready-made clients for the
 * built-in types components use (`client.pods.list({ namespace, labelSelector })`).
 */
import type { ApiTransport, KubeObject } from '../core/index.ts';
import { createResourceMapper } from './discovery.ts';
import type { ResourceMapper } from './discovery.ts';
import type { ResourceType } from './paths.ts';
import { resourceClient } from './resource-client.ts';
import type { ResourceClient } from './resource-client.ts';

const core = (resource: string, kind: string, namespaced = true): ResourceType => ({
  group: '',
  version: 'v1',
  resource,
  kind,
  namespaced,
});
const apps = (resource: string, kind: string): ResourceType => ({
  group: 'apps',
  version: 'v1',
  resource,
  kind,
  namespaced: true,
});

/** The built-in resource types the lab's components use, by the name the client exposes them under. */
export const BUILTIN_RESOURCES = {
  pods: core('pods', 'Pod'),
  services: core('services', 'Service'),
  endpoints: core('endpoints', 'Endpoints'),
  events: core('events', 'Event'),
  configmaps: core('configmaps', 'ConfigMap'),
  secrets: core('secrets', 'Secret'),
  serviceaccounts: core('serviceaccounts', 'ServiceAccount'),
  nodes: core('nodes', 'Node', false),
  namespaces: core('namespaces', 'Namespace', false),
  deployments: apps('deployments', 'Deployment'),
  replicasets: apps('replicasets', 'ReplicaSet'),
  daemonsets: apps('daemonsets', 'DaemonSet'),
  statefulsets: apps('statefulsets', 'StatefulSet'),
  endpointslices: {
    group: 'discovery.k8s.io',
    version: 'v1',
    resource: 'endpointslices',
    kind: 'EndpointSlice',
    namespaced: true,
  },
  ingresses: {
    group: 'networking.k8s.io',
    version: 'v1',
    resource: 'ingresses',
    kind: 'Ingress',
    namespaced: true,
  },
  ingressclasses: {
    group: 'networking.k8s.io',
    version: 'v1',
    resource: 'ingressclasses',
    kind: 'IngressClass',
    namespaced: false,
  },
} as const satisfies Record<string, ResourceType>;

export type BuiltinResourceName = keyof typeof BUILTIN_RESOURCES;

export type Client = {
  readonly transport: ApiTransport;
  /** A client for any resource type, including custom resources. */
  resource<T extends KubeObject = KubeObject>(type: ResourceType): ResourceClient<T>;
  /** The client for an object's apiVersion/kind, found through discovery (e.g. to apply a manifest). */
  forObject<T extends KubeObject = KubeObject>(
    object: Pick<KubeObject, 'apiVersion' | 'kind'>,
  ): Promise<ResourceClient<T>>;
  readonly mapper: ResourceMapper;
} & { readonly [N in BuiltinResourceName]: ResourceClient };

export function createClient(transport: ApiTransport): Client {
  const builtins = Object.fromEntries(
    Object.entries(BUILTIN_RESOURCES).map(([name, type]) => [name, resourceClient(transport, type)]),
  ) as Record<BuiltinResourceName, ResourceClient>;
  const mapper = createResourceMapper(transport);
  return {
    transport,
    resource: <T extends KubeObject = KubeObject>(type: ResourceType) => resourceClient<T>(transport, type),
    forObject: async <T extends KubeObject = KubeObject>(object: Pick<KubeObject, 'apiVersion' | 'kind'>) =>
      resourceClient<T>(transport, await mapper.resourceFor(object)),
    mapper,
    ...builtins,
  };
}
