/**
 * What every active namespace gets, as kube-controller-manager's serviceaccounts-controller and
 * root-ca-cert-publisher do: the `default` ServiceAccount and, with a CA, the kube-root-ca.crt ConfigMap.
 * Re-created when deleted.
 */
import { isRecord } from '../../core/index.ts';
import type { KubeObject } from '../../core/index.ts';
import { ensure } from '../bootstrap/bootstrap.ts';
import { rootCAConfigMap } from '../bootstrap/objects.ts';
import type { ApiContext } from '../context.ts';
import { objectKey } from '../keys.ts';
import type { Loop } from '../loops/watch-loop.ts';
import { watchLoop } from '../loops/watch-loop.ts';
import { NAMESPACES } from '../objects.ts';

function active(ns: KubeObject | undefined): boolean {
  if (!ns || ns.metadata.deletionTimestamp !== undefined) return false;
  return !(isRecord(ns.status) && ns.status.phase === 'Terminating');
}

export function startNamespaceDefaults(ctx: ApiContext): Loop {
  const fill = async (namespace: string): Promise<void> => {
    const ns = await ctx.store.get(objectKey(NAMESPACES, undefined, namespace));
    if (!active(ns?.object)) return;
    await ensure(ctx, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace } });
    if (ctx.config.caCert !== undefined) await ensure(ctx, rootCAConfigMap(namespace, ctx.config.caCert));
  };
  const safe = (namespace: string): Promise<void> => fill(namespace).catch(() => undefined);
  // One loop over namespaces; deletions of the defaults are seen through a second, narrow prefix each.
  return watchLoop(ctx, 'namespace-defaults', '/core/', {
    async sync(items): Promise<void> {
      for (const it of items)
        if (it.key.startsWith('/core/namespaces/')) await safe(it.object.metadata.name ?? '');
    },
    async event(ev): Promise<void> {
      const m = ev.object.metadata;
      if (ev.key.startsWith('/core/namespaces/') && ev.type === 'ADDED') await safe(m.name ?? '');
      else if (ev.type === 'DELETED' && m.namespace) {
        const isSA = ev.key.startsWith('/core/serviceaccounts/') && m.name === 'default';
        const isCA = ev.key.startsWith('/core/configmaps/') && m.name === 'kube-root-ca.crt';
        if (isSA || isCA) await safe(m.namespace);
      }
    },
  });
}
