/** Maps an owned object to the work-queue key of its controller of a given kind. */
import type { KubeObject } from '../../core/index.ts';
import { controllerOf } from './owners.ts';

export function ownerKey(object: KubeObject | undefined, kind: string): string | undefined {
  const ref = object && controllerOf(object);
  if (!ref || ref.kind !== kind) return undefined;
  const ns = object.metadata.namespace;
  return ns ? `${ns}/${ref.name}` : ref.name;
}
