/**
 * Namespace deletion: DELETE marks the namespace Terminating (immortal ones are refused, as the
 * NamespaceLifecycle admission plugin does); the namespace controller then deletes everything in it
 * and finally the namespace (k8s: pkg/controller/namespace/deletion/namespaced_resources_deleter.go).
 */
import { ApiError } from '../../core/index.ts';
import type { KubeObject } from '../../core/index.ts';
import type { ApiContext } from '../context.ts';
import { objectKey } from '../keys.ts';
import { mapStoreError, NAMESPACES } from '../objects.ts';

/** k8s: staging/src/k8s.io/apiserver/pkg/admission/plugin/namespace/lifecycle/admission.go */
export const IMMORTAL_NAMESPACES = new Set(['default', 'kube-system', 'kube-public']);

export async function startNamespaceDeletion(
  ctx: ApiContext,
  ns: KubeObject,
  dryRun: boolean,
): Promise<KubeObject> {
  const name = ns.metadata.name ?? '';
  if (IMMORTAL_NAMESPACES.has(name)) {
    throw new ApiError('FORBIDDEN', `namespaces "${name}" is forbidden: this namespace may not be deleted`, {
      name,
      kind: 'namespaces',
    });
  }
  if (ns.metadata.deletionTimestamp !== undefined) return ns;
  const next: KubeObject = structuredClone(ns);
  next.metadata.deletionTimestamp = ctx.config.clock
    .now()
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z');
  next.metadata.deletionGracePeriodSeconds = 0;
  next.status = { phase: 'Terminating' };
  if (dryRun) return next;
  try {
    const stored = await ctx.store.update(
      objectKey(NAMESPACES, undefined, name),
      next,
      Number(ns.metadata.resourceVersion),
    );
    return stored.object;
  } catch (err) {
    throw mapStoreError(NAMESPACES, name, err);
  }
}
