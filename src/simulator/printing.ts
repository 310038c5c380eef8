// The seam between the Table writer and the printers: columns and cells for a batch of objects of one resource.
// Until the per-kind printers answer for a resource, the API server's default Table is used (Name, Created At).
import type { ResourceDef } from './resources.js';
import type { SimObject } from './types.js';

export interface ColumnDefinition {
  name: string;
  type: string;
  format: string;
  description: string;
  priority: number;
}

export interface PrintedRow {
  cells: unknown[];
  conditions?: { type: string; status: string; reason?: string; message?: string }[];
}

export interface PrintedTable {
  columnDefinitions: ColumnDefinition[];
  rows: PrintedRow[];
}

const NAME_DESCRIPTION = 'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names';
const CREATED_DESCRIPTION = 'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata';

/** AS registry/rest/table.go: the Table of kinds without a printer. */
function defaultTable(objects: SimObject[]): PrintedTable {
  return {
    columnDefinitions: [
      { name: 'Name', type: 'string', format: 'name', description: NAME_DESCRIPTION, priority: 0 },
      { name: 'Created At', type: 'date', format: '', description: CREATED_DESCRIPTION, priority: 0 },
    ],
    rows: objects.map((o) => ({ cells: [o.metadata.name, o.metadata.creationTimestamp ?? null] })),
  };
}

export function printRows(def: ResourceDef, objects: SimObject[], now: number): PrintedTable {
  void now;
  return defaultTable(objects);
}
