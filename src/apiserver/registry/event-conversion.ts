/**
 * core/v1 Event ↔ events.k8s.io/v1 Event: one storage (core/v1), two views, field for field as
 * k8s: pkg/apis/events/v1/conversion.go maps them.
 */
import type { KubeObject } from '../../core/index.ts';

/** [core/v1 field, events.k8s.io/v1 field] */
const RENAMES: [string, string][] = [
  ['involvedObject', 'regarding'],
  ['message', 'note'],
  ['reportingComponent', 'reportingController'],
  ['source', 'deprecatedSource'],
  ['firstTimestamp', 'deprecatedFirstTimestamp'],
  ['lastTimestamp', 'deprecatedLastTimestamp'],
  ['count', 'deprecatedCount'],
];

function rename(obj: KubeObject, from: 0 | 1, apiVersion: string): KubeObject {
  const out: KubeObject = { ...obj, apiVersion };
  for (const pair of RENAMES) {
    const src = pair[from];
    const dst = pair[1 - from]!;
    delete out[src];
    if (obj[src] !== undefined) out[dst] = obj[src];
  }
  return out;
}

export function eventFromStorage(obj: KubeObject): KubeObject {
  return rename(obj, 0, 'events.k8s.io/v1');
}

export function eventToStorage(obj: KubeObject): KubeObject {
  return rename(obj, 1, 'v1');
}
