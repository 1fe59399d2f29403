/**
 * The garbage collector: deletes dependents whose owners (by uid) are all gone, drops references to
 * owners that are gone while others remain, and finishes foreground deletion once no blocking
 * dependent is left (k8s: pkg/controller/garbagecollector/garbagecollector.go, simplified to a uid
 * index over the whole store, fed by one watch).
 */
import type { KubeObject } from '../../core/index.ts';
import type { StoreEvent, StoredObject } from '../../store/types.ts';
import type { ApiContext } from '../context.ts';
import { deleteObject, FOREGROUND } from '../delete.ts';
import { parseKey } from '../keys.ts';
import type { Loop } from '../loops/watch-loop.ts';
import { watchLoop } from '../loops/watch-loop.ts';
import { finalizersOf } from '../strategy.ts';
import { updateObject } from '../update.ts';
import { infoForKey } from './info-for-key.ts';

export function startGarbageCollector(ctx: ApiContext): Loop {
  /** uid → key and latest state. */
  const objects = new Map<string, { key: string; obj: KubeObject }>();
  /** owner uid → dependent uids. */
  const dependents = new Map<string, Set<string>>();

  const index = (key: string, obj: KubeObject): void => {
    const uid = obj.metadata.uid;
    if (!uid) return;
    unindex(obj);
    objects.set(uid, { key, obj });
    for (const ref of obj.metadata.ownerReferences ?? []) {
      if (!dependents.has(ref.uid)) dependents.set(ref.uid, new Set());
      dependents.get(ref.uid)!.add(uid);
    }
  };
  const unindex = (obj: KubeObject): void => {
    const uid = obj.metadata.uid;
    if (!uid) return;
    const prev = objects.get(uid);
    objects.delete(uid);
    for (const ref of prev?.obj.metadata.ownerReferences ?? []) {
      const set = dependents.get(ref.uid);
      set?.delete(uid);
      if (set?.size === 0) dependents.delete(ref.uid);
    }
  };
  const isForegroundDeleting = (obj: KubeObject): boolean =>
    obj.metadata.deletionTimestamp !== undefined && finalizersOf(obj).includes(FOREGROUND);

  const remove = async (key: string, policy: 'Background' | 'Foreground'): Promise<void> => {
    const info = infoForKey(ctx.registry, key);
    const parts = parseKey(key);
    if (!info || !parts) return;
    try {
      await deleteObject(ctx, info, parts.namespace, parts.name, {
        dryRun: false,
        propagationPolicy: policy,
      });
    } catch {
      // gone already, or changed: the next event brings us back
    }
  };

  /** Decides the fate of one dependent. */
  const attend = async (uid: string): Promise<void> => {
    const entry = objects.get(uid);
    if (!entry) return;
    const refs = entry.obj.metadata.ownerReferences ?? [];
    if (refs.length === 0) return;
    const live = refs.filter((r) => objects.has(r.uid));
    const foregroundOwners = live.filter((r) => isForegroundDeleting(objects.get(r.uid)!.obj));
    if (live.length === 0) {
      if (entry.obj.metadata.deletionTimestamp === undefined) await remove(entry.key, 'Background');
      return;
    }
    if (foregroundOwners.length === live.length) {
      if (entry.obj.metadata.deletionTimestamp === undefined) await remove(entry.key, 'Foreground');
      return;
    }
    if (live.length < refs.length) {
      const info = infoForKey(ctx.registry, entry.key);
      const parts = parseKey(entry.key);
      if (!info || !parts) return;
      const keep = new Set(live.map((r) => r.uid));
      await updateObject(
        ctx,
        info,
        parts.namespace,
        parts.name,
        (obj) => {
          obj.metadata.ownerReferences = (obj.metadata.ownerReferences ?? []).filter((r) => keep.has(r.uid));
          return obj;
        },
        { dryRun: false, fieldValidation: 'Ignore' },
      ).catch(() => undefined);
    }
  };

  /** Foreground owner: delete its dependents; drop the finalizer once no blocking one remains. */
  const attendOwner = async (uid: string): Promise<void> => {
    const entry = objects.get(uid);
    if (!entry || !isForegroundDeleting(entry.obj)) return;
    const deps = [...(dependents.get(uid) ?? [])].filter((d) => objects.has(d));
    for (const d of deps) await attend(d);
    const blocking = deps.filter((d) =>
      (objects.get(d)?.obj.metadata.ownerReferences ?? []).some(
        (r) => r.uid === uid && r.blockOwnerDeletion === true,
      ),
    );
    if (blocking.length > 0) return;
    const info = infoForKey(ctx.registry, entry.key);
    const parts = parseKey(entry.key);
    if (!info || !parts) return;
    await updateObject(
      ctx,
      info,
      parts.namespace,
      parts.name,
      (obj) => {
        obj.metadata.finalizers = finalizersOf(obj).filter((f) => f !== FOREGROUND);
        return obj;
      },
      { dryRun: false, fieldValidation: 'Ignore' },
    ).catch(() => undefined);
  };

  const ownersOf = (obj: KubeObject | undefined): string[] =>
    (obj?.metadata.ownerReferences ?? []).map((r) => r.uid);

  return watchLoop(ctx, 'garbage-collector', '/', {
    async sync(items: StoredObject[]): Promise<void> {
      objects.clear();
      dependents.clear();
      for (const it of items) index(it.key, it.object);
      for (const uid of [...objects.keys()]) {
        await attend(uid);
        await attendOwner(uid);
      }
    },
    async event(ev: StoreEvent): Promise<void> {
      const uid = ev.object.metadata.uid;
      if (!uid) return;
      const touchedOwners = new Set([...ownersOf(ev.prev), ...ownersOf(ev.object)]);
      if (ev.type === 'DELETED') {
        unindex(ev.object);
        for (const d of [...(dependents.get(uid) ?? [])]) await attend(d);
      } else {
        index(ev.key, ev.object);
        await attend(uid);
        await attendOwner(uid);
      }
      for (const owner of touchedOwners) await attendOwner(owner);
    },
  });
}
