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
