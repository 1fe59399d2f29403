/**
 * The 409 an apply meets on fields other managers own, with upstream's message and causes (k8s:
 * staging/src/k8s.io/apimachinery/pkg/util/managedfields/internal/conflict.go NewConflictError,
 * apimachinery/pkg/api/errors NewApplyConflict). kubectl adds its own help text after the message.
 */
import { ApiError } from '../../core/index.ts';
import type { Entry } from './entries.ts';
import type { FieldSet } from './field-set.ts';
import { pathText } from './fields-v1.ts';

export interface Conflicts {
  entry: Entry;
  paths: FieldSet;
}

/** printManager: `"name"`, `with subresource "scale"`, and `using apps/v1` for Update managers. */
export function printManager(e: Entry): string {
  let s = JSON.stringify(e.manager);
  if (e.subresource) s += ` with subresource ${JSON.stringify(e.subresource)}`;
  // The identifier a conflict carries never includes the time (BuildManagerIdentifier).
  if (e.operation === 'Update') s += ` using ${e.apiVersion}`;
  return s;
}

export function conflictError(conflicts: readonly Conflicts[]): ApiError {
  const flat = conflicts.flatMap(({ entry, paths }) =>
    [...paths].sort().map((p) => ({ manager: printManager(entry), path: pathText(p) })),
  );
  let message: string;
  if (flat.length === 1) {
    message = `Apply failed with 1 conflict: conflict with ${flat[0]!.manager}: ${flat[0]!.path}`;
  } else {
    const byManager = new Map<string, string[]>();
    for (const { manager, path } of flat) byManager.set(manager, [...(byManager.get(manager) ?? []), path]);
    const lines: string[] = [];
    for (const manager of [...byManager.keys()].sort()) {
      lines.push(`conflicts with ${manager}:`);
      for (const path of byManager.get(manager)!) lines.push(`- ${path}`);
    }
    message = `Apply failed with ${flat.length} conflicts: ${lines.join('\n')}`;
  }
  return new ApiError('CONFLICT', message, {
    causes: flat.map(({ manager, path }) => ({
      reason: 'FieldManagerConflict',
      message: `conflict with ${manager}`,
      field: path,
    })),
  });
}
