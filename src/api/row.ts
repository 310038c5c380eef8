// What the wire decoder produces and the store keeps: one object as a table row, and the table's columns.
// Defined here (not in the store) so decoding a response does not depend on the cache that holds it.

/** A server Table's column definition (meta.k8s.io/v1 TableColumnDefinition). */
export interface TableColumn {
  name: string;
  type: string;
  format: string;
  description: string;
  priority: number;
}

/** One object: its identity, printed cells and the metadata the dashboard filters and drills by. */
export interface Row {
  uid: string;
  namespace?: string;
  name: string;
  cells: unknown[];
  labels: Record<string, string>;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  /** metadata.ownerReferences[].uid: the store indexes rows by these for drill-down views. */
  ownerUids: string[];
  resourceVersion: string;
  /** When the row's cells were received (ms since the epoch): relative times printed in them tick from here. */
  receivedAt?: number;
}
