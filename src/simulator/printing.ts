// The seam between the Table writer and the printers (printers/, owned by the objects engineer): columns and
// cells for a batch of objects of one resource. Custom resources are printed from their CRD's columns.
import { storageKey, type ResourceDef } from './resources.js';
import type { SimObject } from './types.js';
import { printTable, type TableColumnDefinition, type TableRow } from './printers/index.js';

export type ColumnDefinition = TableColumnDefinition;
export type PrintedRow = TableRow;

export interface PrintedTable {
  columnDefinitions: ColumnDefinition[];
  rows: PrintedRow[];
}

/** The CRD object of a custom resource, looked up by the caller's store (set once per cluster). */
export type CrdLookup = (def: ResourceDef) => SimObject | undefined;

export function printRows(def: ResourceDef, objects: SimObject[], now: number, crdOf?: CrdLookup): PrintedTable {
  const crd = def.custom ? crdOf?.(def) : undefined;
  return printTable(storageKey(def.group, def.plural), objects, { now, ...(crd ? { crd } : {}) });
}
