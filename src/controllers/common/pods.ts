/**
 * Pod predicates the controllers share (k8s: pkg/api/v1/pod/util.go IsPodReady/IsPodAvailable,
 * pkg/controller/controller_utils.go IsPodActive/FilterActivePods).
 */
import type { Condition, Pod } from './types.ts';

export function podCondition(pod: Pod, type: string): Condition | undefined {
  return pod.status?.conditions?.find((c) => c.type === type);
}

export function isPodReady(pod: Pod): boolean {
  return podCondition(pod, 'Ready')?.status === 'True';
}

/**
 * Ready for at least minReadySeconds: `lastTransitionTime + minReadySeconds` strictly before now
 * (podutil.IsPodAvailable); with minReadySeconds 0 a ready pod is available at once.
 */
export function isPodAvailable(pod: Pod, minReadySeconds: number, now: Date): boolean {
  if (!isPodReady(pod)) return false;
  if (!minReadySeconds) return true;
  const since = podCondition(pod, 'Ready')?.lastTransitionTime;
  if (!since) return false;
  return Date.parse(since) + minReadySeconds * 1000 < now.getTime();
}

/** Milliseconds until a ready pod becomes available, or undefined if it is not ready or already available. */
export function msUntilAvailable(pod: Pod, minReadySeconds: number, now: Date): number | undefined {
  if (!minReadySeconds || !isPodReady(pod) || isPodAvailable(pod, minReadySeconds, now)) return undefined;
  const since = podCondition(pod, 'Ready')?.lastTransitionTime;
  if (!since) return undefined;
  // +1 ms because availability needs "strictly before now".
  return Math.max(0, Date.parse(since) + minReadySeconds * 1000 + 1 - now.getTime());
}

export function isPodTerminal(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase === 'Succeeded' || phase === 'Failed';
}

/** Not terminal and not being deleted (controller.IsPodActive). */
export function isPodActive(pod: Pod): boolean {
  return !isPodTerminal(pod) && !pod.metadata.deletionTimestamp;
}

export function podIP(pod: Pod): string | undefined {
  return pod.status?.podIP || pod.status?.podIPs?.[0]?.ip || undefined;
}
