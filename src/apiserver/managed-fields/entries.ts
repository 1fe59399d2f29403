/**
 * metadata.managedFields entries: decoding, the manager identity, sorting and encoding (k8s:
 * staging/src/k8s.io/apimachinery/pkg/util/managedfields/internal/managedfields.go).
 */
import { isRecord } from '../../core/index.ts';
import type { FieldSet } from './field-set.ts';
import { fromFieldsV1, toFieldsV1 } from './fields-v1.ts';

export type Operation = 'Apply' | 'Update';

export interface Entry {
  manager: string;
  operation: Operation;
  apiVersion: string;
  time?: string;
  subresource?: string;
  set: FieldSet;
}

/** BuildManagerIdentifier: no time or fields; appliers without their apiVersion. */
export function identity(e: Pick<Entry, 'manager' | 'operation' | 'apiVersion' | 'subresource'>): string {
  return JSON.stringify([
    e.manager,
    e.operation,
    e.operation === 'Apply' ? '' : e.apiVersion,
    e.subresource ?? '',
  ]);
}

/** Decodes a managedFields list; undefined when any entry is malformed (DecodeManagedFields fails). */
export function decodeEntries(list: unknown): Entry[] | undefined {
  if (!Array.isArray(list)) return undefined;
  const out: Entry[] = [];
  for (const raw of list) {
    if (!isRecord(raw)) return undefined;
    const { manager, operation, apiVersion, time, subresource, fieldsType, fieldsV1 } = raw;
    if (operation !== 'Apply' && operation !== 'Update') return undefined;
    if (fieldsType !== 'FieldsV1' || typeof apiVersion !== 'string') return undefined;
    const set = fromFieldsV1(fieldsV1 ?? {});
    if (!set) return undefined;
    out.push({
      manager: typeof manager === 'string' ? manager : '',
      operation,
      apiVersion,
      ...(typeof time === 'string' ? { time } : {}),
      ...(typeof subresource === 'string' && subresource !== '' ? { subresource } : {}),
      set,
    });
  }
  return out;
}

/** isResetManagedFields: `[]` or `[{}]` sent by a client clears the record. */
export function isReset(list: unknown): boolean {
  if (!Array.isArray(list)) return false;
  if (list.length === 0) return true;
  return list.length === 1 && isRecord(list[0]) && Object.keys(list[0]).length === 0;
}

/** sortEncodedManagedFields: Apply before Update, then oldest first, then by manager name. */
function compareEntries(p: Entry, q: Entry): number {
  if (p.operation !== q.operation) return p.operation < q.operation ? -1 : 1;
  const pt = p.time ?? '';
  const qt = q.time ?? '';
  if (pt !== qt) return pt < qt ? -1 : 1;
  if (p.manager !== q.manager) return p.manager < q.manager ? -1 : 1;
  if (p.apiVersion !== q.apiVersion) return p.apiVersion < q.apiVersion ? -1 : 1;
  return (p.subresource ?? '') < (q.subresource ?? '') ? -1 : 1;
}

export function encodeEntries(entries: readonly Entry[]): Record<string, unknown>[] {
  return [...entries]
    .filter((e) => e.set.size > 0)
    .sort(compareEntries)
    .map((e) => ({
      manager: e.manager,
      operation: e.operation,
      apiVersion: e.apiVersion,
      ...(e.time !== undefined ? { time: e.time } : {}),
      fieldsType: 'FieldsV1',
      fieldsV1: toFieldsV1(e.set),
      ...(e.subresource !== undefined ? { subresource: e.subresource } : {}),
    }));
}

/** metav1.Time on the wire: RFC 3339 to the second. */
export function wireTime(now: Date): string {
  return now.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
