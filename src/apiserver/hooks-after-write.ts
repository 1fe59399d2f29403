/** Side effects of a successful write that the server itself owns: CRDs start (or stop) being served. */
import type { KubeObject } from '../core/index.ts';
import type { ApiContext } from './context.ts';
import type { ResourceInfo } from './registry/types.ts';

export function isCrdResource(info: ResourceInfo): boolean {
  return (
    info.builtIn && info.group === 'apiextensions.k8s.io' && info.resource === 'customresourcedefinitions'
  );
}

export function afterWrite(
  ctx: ApiContext,
  info: ResourceInfo,
  obj: KubeObject | undefined,
  deletedName: string | undefined,
): void {
  if (!isCrdResource(info)) return;
  if (obj) ctx.registry.setCrd(obj);
  if (deletedName !== undefined) ctx.registry.removeCrd(deletedName);
}
