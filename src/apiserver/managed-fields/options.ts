/**
 * Who is writing: the `fieldManager` query parameter or, failing that, the User-Agent prefix
 * (k8s: apiserver/pkg/endpoints/handlers/create.go, update.go, patch.go), and the ManagerContext
 * a write through a resource builds from it.
 */
import type { Call } from '../context.ts';
import { q } from '../context.ts';
import type { ResourceInfo } from '../registry/types.ts';
import { hasSubresource } from '../registry/types.ts';
import type { ManagerContext } from './index.ts';
import { managerFromUserAgent } from './user-agent.ts';

export interface FieldManagerOption {
  manager: string;
  /** `status` or `scale` when the write goes through that subresource. */
  subresource?: string;
  /** The write is a server-side apply whose mutation recorded managedFields already. */
  apply?: boolean;
}

export function fieldManagerOf(call: Call, subresource?: string): FieldManagerOption {
  const manager = q(call.query, 'fieldManager') || managerFromUserAgent(call.headers['user-agent']);
  return subresource === undefined ? { manager } : { manager, subresource };
}

export function managerContext(info: ResourceInfo, opt: FieldManagerOption, now: Date): ManagerContext {
  return {
    group: info.group,
    version: info.version,
    kind: info.kind,
    builtIn: info.builtIn,
    statusSubresource: hasSubresource(info, 'status'),
    manager: opt.manager,
    ...(opt.subresource !== undefined ? { subresource: opt.subresource } : {}),
    now,
  };
}
