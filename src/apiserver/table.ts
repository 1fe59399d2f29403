/**
 * meta.k8s.io/v1 Table responses: content negotiation for `as=Table`, and wrapping printTable's rows
 * with PartialObjectMetadata (or the full object with includeObject=Object).
 */
import type { KubeObject } from '../core/index.ts';
import { printTable } from './printers/index.ts';
import type { PrintedTable } from './printers/index.ts';
import type { ResourceInfo } from './registry/types.ts';

export const TABLE_CONTENT_TYPE = 'application/json;as=Table;v=v1;g=meta.k8s.io';

/** True when the Accept header asks for a Table before plain JSON. */
export function wantsTable(accept: string | undefined): boolean {
  if (!accept) return false;
  for (const part of accept.split(',')) {
    const p = part.replace(/\s+/g, '');
    if (
      p.includes('as=Table') &&
      p.includes('g=meta.k8s.io') &&
      (p.includes('v=v1;') || p.endsWith('v=v1') || p.includes('v=v1beta1'))
    )
      return true;
    if (p.startsWith('application/json') && !p.includes('as=')) return false;
  }
  return false;
}

export type IncludeObject = 'None' | 'Metadata' | 'Object';

export function includeObjectOf(value: string | undefined): IncludeObject {
  return value === 'None' || value === 'Object' ? value : 'Metadata';
}

function partial(obj: KubeObject): unknown {
  const { managedFields: _mf, ...metadata } = obj.metadata;
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata };
}

export function toTable(
  info: ResourceInfo,
  objects: KubeObject[],
  resourceVersion: string,
  now: Date,
  include: IncludeObject,
): Record<string, unknown> {
  const printed: PrintedTable = printTable({
    gvk: { group: info.group, version: info.version, kind: info.kind },
    objects,
    now,
    ...(info.crd ? { crdColumns: info.crd.printerColumns } : {}),
  });
  const rows = printed.rows.map((row, i) => {
    const obj = objects[i]!;
    return include === 'None'
      ? { cells: row.cells }
      : { cells: row.cells, object: include === 'Object' ? obj : partial(obj) };
  });
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: { resourceVersion },
    columnDefinitions: printed.columnDefinitions,
    rows,
  };
}
