/**
 * Tables for custom resources from their CRD's additionalPrinterColumns, ported from
 * k8s.io/apiextensions-apiserver pkg/registry/customresource/tableconvertor/tableconvertor.go
 * (Name, then the columns; cellForJSONValue) and the default Age column apiserver.go adds
 * (serveDefaultColumnsIfEmpty) when a version defines none.
 */
import type { KubeObject } from '../../core/index.ts';
import type { CrdPrinterColumn, KindPrinter, TableColumnDefinition } from './types.ts';
import { col, CREATION_DOC, nameCol } from './columns.ts';
import { humanDuration, parseTimestamp } from './duration.ts';
import { printResult } from './go-format.ts';
import { findResults, parseJsonPath, type JsonPath } from './jsonpath.ts';

/** The column apiextensions-apiserver serves when a version has no additionalPrinterColumns. */
export const DEFAULT_CRD_COLUMNS: CrdPrinterColumn[] = [
  { name: 'Age', type: 'date', description: CREATION_DOC, jsonPath: '.metadata.creationTimestamp' },
];

/** cellForJSONValue: typed cells for non-string columns; null when the value does not fit the type. */
export function cellForJsonValue(type: string, value: unknown, now: Date): unknown {
  if (value === null || value === undefined) return null;
  switch (type) {
    case 'integer':
      return typeof value === 'number' ? Math.trunc(value) : null;
    case 'number':
      return typeof value === 'number' ? value : null;
    case 'boolean':
      return typeof value === 'boolean' ? value : null;
    case 'string':
      return typeof value === 'string' ? value : null;
    case 'date': {
      if (typeof value !== 'string') return null;
      // metav1.Time.UnmarshalQueryParameter: '' and "null" are the zero time.
      const t = value === 'null' ? undefined : parseTimestamp(value);
      if (t !== undefined && Number.isNaN(t)) return '<invalid>';
      return t === undefined ? '<unknown>' : humanDuration(now.getTime() - t);
    }
    default:
      return null;
  }
}

function cell(path: JsonPath, type: string, obj: KubeObject, now: Date): unknown {
  let results: unknown[];
  try {
    results = findResults(path, obj);
  } catch {
    return null;
  }
  // As only simple JSON paths are supported, the first result is the value.
  if (results.length === 0) return null;
  const value = results[0];
  if (type === 'string') return printResult(value) ?? null;
  return cellForJsonValue(type, value, now);
}

/**
 * A printer for one served CRD version. Like tableconvertor.New, a column whose jsonPath does not
 * parse ends the column list there (the apiserver logs it and serves the columns before it).
 */
export function customResourcePrinter(crdColumns: CrdPrinterColumn[]): KindPrinter {
  const source = crdColumns.length === 0 ? DEFAULT_CRD_COLUMNS : crdColumns;
  const columns: TableColumnDefinition[] = [nameCol()];
  const paths: { path: JsonPath; type: string }[] = [];
  for (const c of source) {
    let path: JsonPath;
    try {
      path = parseJsonPath(c.jsonPath);
    } catch {
      break;
    }
    const description =
      c.description || `Custom resource definition column (in JSONPath format): ${c.jsonPath}`;
    columns.push(col(c.name, c.type, description, c.priority ?? 0, c.format ?? ''));
    paths.push({ path, type: c.type });
  }
  return {
    columns,
    cells: (obj, now) => [obj.metadata.name ?? '', ...paths.map((p) => cell(p.path, p.type, obj, now))],
  };
}
