/**
 * At most 10 Update entries: the oldest are merged, per apiVersion, into an `ancient-changes`
 * entry (k8s: staging/src/k8s.io/apimachinery/pkg/util/managedfields/internal/capmanagers.go).
 */
import type { Entry } from './entries.ts';
import { identity } from './entries.ts';
import { union } from './field-set.ts';

export const MAX_UPDATE_MANAGERS = 10;
export const ANCIENT_CHANGES = 'ancient-changes';

export function capUpdateManagers(entries: Entry[], max = MAX_UPDATE_MANAGERS): Entry[] {
  const updaters = entries.filter((e) => e.operation === 'Update' && e.set.size > 0);
  if (updaters.length <= max) return entries;
  const seconds = (e: Entry): number => (e.time ? Date.parse(e.time) : 0);
  updaters.sort((a, b) => seconds(a) - seconds(b) || (identity(a) < identity(b) ? -1 : 1));
  const out = new Map(entries.map((e) => [identity(e), e]));
  const firstOfVersion = new Map<string, Entry>();
  let length = updaters.length;
  for (let i = 0; i < updaters.length && length > max; i++) {
    const e = updaters[i]!;
    const bucket = { manager: ANCIENT_CHANGES, operation: 'Update' as const, apiVersion: e.apiVersion };
    const id = identity(bucket);
    const first = firstOfVersion.get(e.apiVersion);
    if (!first) {
      firstOfVersion.set(e.apiVersion, e);
      continue;
    }
    if (identity(e) === id) continue;
    // Without a bucket yet, the first entry of this version becomes it; later ones merge into it.
    if (!out.has(id)) {
      out.delete(identity(first));
      out.set(id, { ...bucket, set: first.set, ...(first.time ? { time: first.time } : {}) });
    }
    out.delete(identity(e));
    out.set(id, { ...bucket, set: union(out.get(id)!.set, e.set), ...(e.time ? { time: e.time } : {}) });
    length--;
  }
  return [...out.values()];
}
