/** Which Services a pod change concerns: those in its namespace whose selector matches it (before or after). */
import type { Informer } from '../../client/index.ts';
import { objectKey } from '../../client/index.ts';
import { mapSelectorMatches } from './selector.ts';
import type { Pod, Service } from './types.ts';

export function servicesForPod(services: Informer<Service>, ...pods: (Pod | undefined)[]): string[] {
  const keys = new Set<string>();
  for (const pod of pods) {
    if (!pod) continue;
    for (const svc of services.list()) {
      if (svc.metadata.namespace !== pod.metadata.namespace || !svc.spec.selector) continue;
      if (mapSelectorMatches(svc.spec.selector, pod.metadata.labels)) keys.add(objectKey(svc));
    }
  }
  return [...keys];
}
