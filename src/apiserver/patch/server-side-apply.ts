/**
 * Server-side apply (`application/apply-patch+yaml`), approximated: a missing object is created
 * from the applied configuration; an existing one gets the configuration merged in with strategic
 * merge semantics (lists with a merge key merge by key, other lists are replaced, fields the
 * configuration leaves out are kept, `null` deletes).
 *
 * Known differences from the real field manager: `managedFields` are not tracked, so a field this
 * manager applied before and now omits is kept rather than removed, no conflict (409) ever arises
 * and `force` changes nothing.
 */
import type { GroupVersionKind, KubeObject } from '../../core/index.ts';
import { apiVersionOf, isRecord } from '../../core/index.ts';
import { schemaFor } from './merge-keys.ts';
import { badRequest } from './patch-errors.ts';
import { strategicMerge } from './strategic-merge.ts';

export interface ApplyInput {
  gvk: GroupVersionKind;
  live: KubeObject | undefined;
  applied: unknown;
  builtIn: boolean;
}

/** The object to store: the caller creates it (201) when `live` is undefined, else updates it. */
export function serverSideApply({ gvk, live, applied, builtIn }: ApplyInput): KubeObject {
  if (!isRecord(applied)) throw badRequest('error decoding YAML: the apply configuration must be an object');
  const config = structuredClone(applied);
  // (k8s: apiserver/pkg/endpoints/handlers/fieldmanager structuredmerge.go Apply)
  const expected = apiVersionOf(gvk);
  if (config.apiVersion !== expected) {
    const specified = typeof config.apiVersion === 'string' ? config.apiVersion : '';
    throw badRequest(
      `Incorrect version specified in apply patch. Specified patch version: ${specified}, expected: ${expected}`,
    );
  }
  // managedFields are the server's record, never taken from a request.
  if (isRecord(config.metadata)) delete config.metadata.managedFields;
  if (live === undefined) {
    return {
      ...config,
      apiVersion: expected,
      kind: gvk.kind,
      metadata: isRecord(config.metadata) ? config.metadata : {},
    };
  }
  // Custom resources get only the ObjectMeta keys (ownerReferences by uid, finalizers as a set),
  // which is also how their lists behave under real server-side apply (atomic unless declared).
  return strategicMerge(
    live,
    config,
    schemaFor(builtIn ? gvk.group : '', builtIn ? gvk.kind : ''),
  ) as KubeObject;
}
