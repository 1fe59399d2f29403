/**
 * Server-side Table printing (meta.k8s.io/v1 Table) with kube-apiserver's own columns,
 * k8s: pkg/printers/internalversion/printers.go. Pure functions: `now` is passed in.
 * The API server wraps the result into the Table (metadata.resourceVersion) and fills rows[].object.
 */
import type { KindPrinter, PrintInput, PrintedTable } from './types.ts';
import { customResourcePrinter } from './custom-resource.ts';
import { defaultPrinter } from './default.ts';
import { builtInPrinter, isBuiltInGroup } from './registry.ts';

export type {
  CrdPrinterColumn,
  KindPrinter,
  PrintInput,
  PrintedTable,
  TableColumnDefinition,
  TableRow,
  TableRowCondition,
} from './types.ts';
export { humanDuration, shortHumanDuration } from './duration.ts';

/**
 * The printer for a kind: crdColumns given → the CRD's columns (NAME AGE when empty); a kind with a
 * kube-apiserver printer → that; another built-in kind → NAME CREATED AT; any other group is taken
 * for a custom resource whose CRD has no columns → NAME AGE.
 */
export function printerFor(input: Pick<PrintInput, 'gvk' | 'crdColumns'>): KindPrinter {
  if (input.crdColumns !== undefined) return customResourcePrinter(input.crdColumns);
  const printer = builtInPrinter(input.gvk);
  if (printer !== undefined) return printer;
  return isBuiltInGroup(input.gvk.group) ? defaultPrinter : customResourcePrinter([]);
}

export function printTable(input: PrintInput): PrintedTable {
  const printer = printerFor(input);
  return {
    columnDefinitions: printer.columns.map((c) => ({ ...c })),
    rows: input.objects.map((obj) => {
      const conditions = printer.conditions?.(obj);
      return conditions === undefined
        ? { cells: printer.cells(obj, input.now) }
        : { cells: printer.cells(obj, input.now), conditions };
    }),
  };
}
