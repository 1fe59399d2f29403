/**
 * A list as it was at a past revision (etcd's `Range` with `WithRev`): today's keys with the logged
 * events after that revision undone, newest first. Pure; LogStore feeds it one consistent read.
 */
import type { ListResult, StoreEvent, StoredObject } from './types.ts';

function revisionOf(event: StoreEvent): number {
  // MODIFIED/DELETED carry the previous state, whose resourceVersion is the revision it was written at.
  return Number(event.prev?.metadata.resourceVersion ?? 0);
}

/**
 * `current` is the prefix's list at `current.revision`; `after` holds every logged event under the
 * prefix with a revision in (revision, current.revision], ascending. Returns the list at `revision`.
 */
export function rewindList(current: ListResult, after: StoreEvent[], revision: number): ListResult {
  const byKey = new Map<string, StoredObject>(current.items.map((it) => [it.key, it]));
  for (let i = after.length - 1; i >= 0; i--) {
    const event = after[i] as StoreEvent;
    if (event.revision <= revision || event.revision > current.revision) continue;
    if (event.type === 'ADDED' || !event.prev) {
      byKey.delete(event.key);
      continue;
    }
    const prevRevision = revisionOf(event);
    const createRevision = byKey.get(event.key)?.createRevision ?? prevRevision;
    byKey.set(event.key, {
      key: event.key,
      revision: prevRevision,
      createRevision,
      object: JSON.parse(JSON.stringify(event.prev)) as StoredObject['object'],
    });
  }
  const items = [...byKey.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { items, revision };
}
