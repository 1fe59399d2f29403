/** The shapes of server-side printing: meta.k8s.io/v1 Table columns and rows, and one kind's printer. */
import type { GroupVersionKind, KubeObject } from '../../core/index.ts';

export interface TableColumnDefinition {
  name: string;
  type: string;
  format: string;
  description: string;
  priority: number;
}

/** metav1.TableRowCondition; pods that finished carry `Completed` (kubectl's --show-all used it). */
export interface TableRowCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

export interface TableRow {
  cells: unknown[];
  /** Set only when the kind's printer sets them (Succeeded/Failed pods). */
  conditions?: TableRowCondition[];
  /** Filled in by the API server (PartialObjectMetadata or the full object). */
  object?: unknown;
}

/** A CRD's additionalPrinterColumns entry (apiextensions.k8s.io/v1). */
export interface CrdPrinterColumn {
  name: string;
  type: string;
  format?: string;
  description?: string;
  priority?: number;
  jsonPath: string;
}

export interface PrintInput {
  gvk: GroupVersionKind;
  objects: KubeObject[];
  now: Date;
  /**
   * For custom resources: the served version's additionalPrinterColumns ([] when it has none,
   * which prints NAME AGE). Leave undefined for built-in kinds.
   */
  crdColumns?: CrdPrinterColumn[];
}

export interface PrintedTable {
  columnDefinitions: TableColumnDefinition[];
  /** One row per object, in order; `object` is left for the caller. */
  rows: TableRow[];
}

/** One kind's printer: its columns (always the wide set, as the apiserver sends) and a row function. */
export interface KindPrinter {
  columns: TableColumnDefinition[];
  cells(obj: KubeObject, now: Date): unknown[];
  conditions?(obj: KubeObject): TableRowCondition[] | undefined;
}
