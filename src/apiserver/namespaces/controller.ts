/**
 * The namespace controller: for a Terminating namespace, delete every namespaced object in it (pods
 * gracefully), wait until none is left, then remove the namespace.
 */
import type { KubeObject } from '../../core/index.ts';
import type { ApiContext } from '../context.ts';
import { deleteObject } from '../delete.ts';
import { listPrefix, objectKey } from '../keys.ts';
import type { Loop } from '../loops/watch-loop.ts';
import { watchLoop } from '../loops/watch-loop.ts';
import { NAMESPACES } from '../objects.ts';

const RETRY_MS = 500;

export function startNamespaceController(ctx: ApiContext): Loop {
  const pending = new Map<string, { cancel(): void }>();

  const finish = async (name: string): Promise<void> => {
    pending.delete(name);
    const ns = await ctx.store.get(objectKey(NAMESPACES, undefined, name));
    if (!ns || ns.object.metadata.deletionTimestamp === undefined) return;
    let left = 0;
    for (const info of ctx.registry.storages().filter((r) => r.namespaced)) {
      const listed = await ctx.store.list(listPrefix(info, name));
      for (const item of listed.items) {
        left++;
        if (item.object.metadata.deletionTimestamp !== undefined) continue;
        await deleteObject(ctx, info, name, item.object.metadata.name ?? '', {
          dryRun: false,
          propagationPolicy: 'Background',
        }).catch(() => undefined);
      }
    }
    if (left === 0) {
      await ctx.store.delete(ns.key).catch(() => undefined);
      return;
    }
    pending.set(
      name,
      ctx.config.clock.setTimeout(() => void finish(name).catch(() => undefined), RETRY_MS),
    );
  };

  const consider = async (obj: KubeObject): Promise<void> => {
    const name = obj.metadata.name;
    if (name && obj.metadata.deletionTimestamp !== undefined && !pending.has(name)) await finish(name);
  };

  const loop = watchLoop(ctx, 'namespace-controller', listPrefix(NAMESPACES, undefined), {
    async sync(items): Promise<void> {
      for (const it of items) await consider(it.object);
    },
    async event(ev): Promise<void> {
      if (ev.type !== 'DELETED') await consider(ev.object);
    },
  });
  return {
    ...loop,
    stop(): void {
      loop.stop();
      for (const t of pending.values()) t.cancel();
      pending.clear();
    },
  };
}
