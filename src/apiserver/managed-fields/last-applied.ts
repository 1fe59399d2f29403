/**
 * The client-side to server-side apply upgrade: when the manager `kubectl` applies and conflicts
 * only on fields its client-side apply annotation still describes (same value live), the apply is
 * forced (k8s: staging/src/k8s.io/apimachinery/pkg/util/managedfields/internal/lastappliedmanager.go
 * allowedConflictsFromLastApplied).
 */
import type { KubeObject } from '../../core/index.ts';
import { isRecord } from '../../core/index.ts';
import { compare, difference, toFieldSet } from './field-set.ts';
import type { FieldSet } from './field-set.ts';
import type { TypeNode } from './type-schema.ts';

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** Fields of the last-applied configuration whose live value still matches it; undefined if none. */
export function allowedFromLastApplied(
  live: Record<string, unknown>,
  liveObj: KubeObject,
  apiVersion: string,
  t: TypeNode,
  strip: (o: KubeObject) => Record<string, unknown>,
): FieldSet | undefined {
  const text = liveObj.metadata.annotations?.[LAST_APPLIED];
  if (typeof text !== 'string' || text === '') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(parsed) || parsed.apiVersion !== apiVersion) return undefined;
  const last = strip(parsed as KubeObject);
  const c = compare(last, live, t);
  return difference(difference(difference(toFieldSet(last, t), c.modified), c.added), c.removed);
}

/** JSON with object keys sorted, as Go encodes a map[string]interface{}. */
function goJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(goJson).join(',')}]`;
  if (isRecord(v)) {
    const keys = Object.keys(v)
      .filter((k) => v[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${goJson(v[k])}`).join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

/**
 * lastappliedupdater.go: a server-side apply by `kubectl` on an object that has the client-side
 * annotation rewrites it to the applied configuration (without the annotation itself), so a later
 * client-side apply diffs against what was last applied.
 */
export function syncLastApplied(result: KubeObject, live: KubeObject, config: Record<string, unknown>): void {
  if (typeof live.metadata.annotations?.[LAST_APPLIED] !== 'string') return;
  const copy = structuredClone(config);
  if (isRecord(copy.metadata) && isRecord(copy.metadata.annotations))
    delete copy.metadata.annotations[LAST_APPLIED];
  result.metadata.annotations = { ...result.metadata.annotations, [LAST_APPLIED]: `${goJson(copy)}\n` };
}
