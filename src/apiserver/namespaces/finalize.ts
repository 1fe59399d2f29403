/** PUT namespaces/<name>/finalize: the only way to change spec.finalizers (k8s: pkg/registry/core/namespace/storage FinalizeREST). */
import { errors, isRecord } from '../../core/index.ts';
import type { KubeObject } from '../../core/index.ts';
import type { ApiContext } from '../context.ts';
import { objectKey } from '../keys.ts';
import { mapStoreError, NAMESPACES } from '../objects.ts';

export async function finalizeNamespace(
  ctx: ApiContext,
  name: string,
  body: Record<string, unknown>,
): Promise<KubeObject> {
  const cur = await ctx.store.get(objectKey(NAMESPACES, undefined, name));
  if (!cur) throw errors.notFound('namespaces', '', name);
  const spec = isRecord(body.spec) ? body.spec : {};
  const finalizers = Array.isArray(spec.finalizers)
    ? spec.finalizers.filter((f) => typeof f === 'string')
    : [];
  const next: KubeObject = { ...structuredClone(cur.object), spec: { finalizers } };
  try {
    return (await ctx.store.update(cur.key, next, cur.revision)).object;
  } catch (err) {
    throw mapStoreError(NAMESPACES, name, err);
  }
}
