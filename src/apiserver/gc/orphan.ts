/** Orphan propagation: strip the owner's reference from every dependent (k8s: garbagecollector.go orphanDependents). */
import type { KubeObject } from '../../core/index.ts';
import type { ApiContext } from '../context.ts';
import { parseKey } from '../keys.ts';
import { infoForKey } from './info-for-key.ts';
import { updateObject } from '../update.ts';

export async function orphanDependents(ctx: ApiContext, owner: KubeObject): Promise<void> {
  const uid = owner.metadata.uid;
  if (!uid) return;
  const all = await ctx.store.list('/');
  for (const item of all.items) {
    const refs = item.object.metadata.ownerReferences ?? [];
    if (!refs.some((r) => r.uid === uid)) continue;
    const info = infoForKey(ctx.registry, item.key);
    const parts = parseKey(item.key);
    if (!info || !parts) continue;
    try {
      await updateObject(
        ctx,
        info,
        parts.namespace,
        parts.name,
        (obj) => {
          const left = (obj.metadata.ownerReferences ?? []).filter((r) => r.uid !== uid);
          if (left.length === 0) delete obj.metadata.ownerReferences;
          else obj.metadata.ownerReferences = left;
          return obj;
        },
        { dryRun: false, fieldValidation: 'Ignore' },
      );
    } catch {
      // the dependent went away meanwhile
    }
  }
}
