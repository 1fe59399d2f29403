/** Finds the resource (its storage version) a store key belongs to. */
import { parseKey } from '../keys.ts';
import type { Registry } from '../registry/registry.ts';
import type { ResourceInfo } from '../registry/types.ts';

export function infoForKey(registry: Registry, key: string): ResourceInfo | undefined {
  const parts = parseKey(key);
  if (!parts) return undefined;
  return registry
    .storages()
    .find((r) => r.storage.group === parts.group && r.storage.resource === parts.resource);
}
