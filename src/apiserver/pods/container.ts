/** Which container a logs/exec request means, and the errors kube gives when it cannot be served. */
import { ApiError, errors, isRecord } from '../../core/index.ts';
import type { KubeObject } from '../../core/index.ts';

function names(pod: KubeObject, field: string): string[] {
  const spec = isRecord(pod.spec) ? pod.spec : {};
  const list = spec[field];
  return Array.isArray(list) ? list.filter(isRecord).map((c) => String(c.name)) : [];
}

/** The requested container, or the pod's default (annotation, then the first). */
export function pickContainer(pod: KubeObject, requested: string | undefined): string {
  const name = pod.metadata.name ?? '';
  const all = [
    ...names(pod, 'containers'),
    ...names(pod, 'initContainers'),
    ...names(pod, 'ephemeralContainers'),
  ];
  if (requested) {
    if (!all.includes(requested))
      throw errors.badRequest(`container ${requested} is not valid for pod ${name}`);
    return requested;
  }
  const dflt = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'];
  if (dflt && all.includes(dflt)) return dflt;
  const main = names(pod, 'containers');
  if (main.length === 1) return main[0]!;
  throw errors.badRequest(
    `a container name must be specified for pod ${name}, choose one of: [${main.join(' ')}]`,
  );
}

type State = { waiting?: { reason?: string }; running?: unknown; terminated?: unknown };

function stateOf(pod: KubeObject, container: string): State | undefined {
  const status = isRecord(pod.status) ? pod.status : {};
  for (const field of ['containerStatuses', 'initContainerStatuses', 'ephemeralContainerStatuses']) {
    const list = status[field];
    if (!Array.isArray(list)) continue;
    const found = list.filter(isRecord).find((c) => c.name === container);
    if (found) return isRecord(found.state) ? found.state : {};
  }
  return undefined;
}

/** Without a kubelet hook: kube's "waiting to start" text while it waits, else a clear 503. */
export function noKubelet(pod: KubeObject, container: string, what: string): ApiError {
  const state = stateOf(pod, container);
  if (state?.running === undefined && state?.terminated === undefined) {
    const reason = state?.waiting?.reason ?? 'ContainerCreating';
    return errors.badRequest(
      `container "${container}" in pod "${pod.metadata.name ?? ''}" is waiting to start: ${reason}`,
    );
  }
  return new ApiError(
    'UNAVAILABLE',
    `kubelab has no kubelet yet: ${what} for container "${container}" in pod "${pod.metadata.name ?? ''}" is not available`,
  );
}
