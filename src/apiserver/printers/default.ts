/**
 * The table for built-in kinds without a printer (Role, ClusterRole, CustomResourceDefinition, ...):
 * NAME CREATED AT, as k8s.io/apiserver pkg/registry/rest/table.go (defaultTableConvertor) prints them.
 */
import type { KindPrinter } from './types.ts';
import { col, CREATION_DOC, nameCol } from './columns.ts';
import { parseTimestamp } from './duration.ts';

/** creationTimestamp.UTC().Format(time.RFC3339): whole seconds, `Z`; Go's zero time when unset. */
export function rfc3339(value: unknown): string {
  const t = parseTimestamp(value);
  const ms = t === undefined || Number.isNaN(t) ? Date.parse('0001-01-01T00:00:00Z') : t;
  return new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
}

export const defaultPrinter: KindPrinter = {
  columns: [nameCol(), col('Created At', 'date', CREATION_DOC)],
  cells: (obj) => [obj.metadata.name ?? '', rfc3339(obj.metadata.creationTimestamp)],
};
