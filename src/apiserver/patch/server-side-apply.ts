/**
 * Server-side apply (`application/apply-patch+yaml`): a missing object is created from the applied
 * configuration; an existing one gets the configuration merged in with strategic merge semantics
 * (lists with a merge key merge by key, other lists are replaced, fields the configuration leaves
 * out are kept, `null` deletes). With a ManagerContext the field manager then records ownership in
 * metadata.managedFields, removes fields this manager applied before and now omits (unless another
 * manager owns them) and answers 409 for changed fields other managers own unless `force`
 * (../managed-fields, after k8s apiserver/pkg/endpoints/handlers/fieldmanager and
 * sigs.k8s.io/structured-merge-diff merge/update.go). The merge itself stays strategic merge.
 */
import type { GroupVersionKind, KubeObject } from '../../core/index.ts';
import { apiVersionOf, isRecord } from '../../core/index.ts';
import { schemaFor } from './merge-keys.ts';
import { badRequest } from './patch-errors.ts';
import { strategicMerge } from './strategic-merge.ts';
import { recordApply } from '../managed-fields/index.ts';
import type { ManagerContext } from '../managed-fields/index.ts';

export interface ApplyInput {
  gvk: GroupVersionKind;
  live: KubeObject | undefined;
  applied: unknown;
  builtIn: boolean;
  /** The field manager's view of the write; without it no managedFields are recorded. */
  manager?: ManagerContext;
  force?: boolean;
}

/** The object to store: the caller creates it (201) when `live` is undefined, else updates it. */
export function serverSideApply(input: ApplyInput): KubeObject {
  const merged = mergeApplied(input);
  if (!input.manager) return merged;
  const config = structuredClone(input.applied) as Record<string, unknown>;
  if (isRecord(config.metadata)) delete config.metadata.managedFields;
  return recordApply({ live: input.live, merged, config, force: input.force === true }, input.manager);
}

function mergeApplied({ gvk, live, applied, builtIn }: ApplyInput): KubeObject {
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
