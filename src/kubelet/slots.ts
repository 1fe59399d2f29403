/** The kubelet's record of each container of a pod: its instances, waiting reason and log buffers. */
import type { Timer } from '../core/index.ts';
import type { LogBuffer } from './logs.ts';
import type { RuntimeContainer } from './runtime.ts';
import type { InstanceView } from './status.ts';

export interface Instance extends InstanceView {
  image: string;
  handle?: RuntimeContainer;
  logs: LogBuffer;
  /** Set once a stop was requested, so one kill is not issued twice. */
  stopping?: Promise<void>;
}

export interface Slot {
  name: string;
  init: boolean;
  /** The container's spec from the pod. */
  spec: Record<string, unknown>;
  current?: Instance;
  previous?: Instance;
  waiting?: { reason: string; message?: string };
  imageID: string;
  /** A start is in flight (image pull, env, runtime start). */
  starting: boolean;
  /** The last image pull error, for the ImagePullBackOff message. */
  pullError?: string | undefined;
  retry?: Timer;
}

/** The container's image reference from its spec. */
export function imageOf(spec: Record<string, unknown>): string {
  return typeof spec.image === 'string' ? spec.image : '';
}

export function containerKey(podUID: string, name: string): string {
  return `${podUID}/${name}`;
}

/** `name_namespace(uid)` as kubelet's format.Pod prints a pod. */
export function formatPod(meta: { name?: string; namespace?: string; uid?: string }): string {
  return `${meta.name ?? ''}_${meta.namespace ?? ''}(${meta.uid ?? ''})`;
}
