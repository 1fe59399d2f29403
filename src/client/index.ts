/**
 * The API client every component uses (architecture.md: components import only core and client):
 * transports (HTTP(S), kubeconfig), the typed resource client, informers, the work queue and the
 * event recorder.
 */
export { httpTransport } from './http-transport.ts';
export type { HttpTransport, HttpTransportConfig } from './http-transport.ts';
export { loadKubeconfig, transportFromKubeconfig } from './kubeconfig.ts';
export type { KubeconfigSelection } from './kubeconfig.ts';
export { ClientConfigError, apiErrorFromResponse, errorCodeFor, isStatus } from './errors.ts';
export { groupVersionPath, resourcePath } from './paths.ts';
export type { PathTarget, ResourceType } from './paths.ts';
export { PATCH_CONTENT_TYPE, resourceClient } from './resource-client.ts';
export type {
  DeleteOptions,
  KubeList,
  ListMeta,
  ListOptions,
  PatchOptions,
  PatchType,
  ResourceClient,
  WatchOptions,
  WriteOptions,
} from './resource-client.ts';
export { BUILTIN_RESOURCES, createClient } from './client.ts';
export type { BuiltinResourceName, Client } from './client.ts';
export { createResourceMapper } from './discovery.ts';
export type { ResourceMapper } from './discovery.ts';
export { isConflict, retryOnConflict } from './retry.ts';
export type { RetryOptions } from './retry.ts';
export { objectKey, splitKey } from './keys.ts';
export { Backoff } from './backoff.ts';
export type { BackoffConfig } from './backoff.ts';
export { createInformer } from './informer.ts';
export type { Informer, InformerConfig, InformerHandlers } from './informer.ts';
export { createInformerFactory } from './informer-factory.ts';
export type { InformerFactory, InformerFactoryConfig, InformerSelection } from './informer-factory.ts';
export { createWorkQueue } from './work-queue.ts';
export type { QueueKey, WorkQueue, WorkQueueConfig } from './work-queue.ts';
export type { RateLimiterConfig } from './rate-limiter.ts';
export { runWorkers } from './workers.ts';
export type { ReconcileResult, WorkerOptions } from './workers.ts';
export { createEventRecorder } from './event-recorder.ts';
export type { EventRecorder, EventRecorderConfig } from './event-recorder.ts';
export { objectReference } from './event-types.ts';
export type { CoreEvent, EventType, ObjectReference } from './event-types.ts';
