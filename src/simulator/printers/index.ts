// Server-side Table printing: the columns and cells kube-apiserver prints for each resource. The server wraps
// the result as a meta.k8s.io/v1 Table and adds each row's `object`.
import type { SimObject } from '../types.js';
import { COLUMNS, DEFAULT_COLUMNS, type TableColumnDefinition } from './columns.js';
import { customColumns, printCustom } from './custom.js';
import * as kinds from './kinds.js';
import { printPod, type TableRow } from './pod.js';

export type { TableColumnDefinition } from './columns.js';
export type { TableRow, TableRowCondition } from './pod.js';
export { humanDuration, since } from './duration.js';
export { podSummary } from './pod.js';
export { readJsonPath, crdPrinterColumns } from './custom.js';

export interface PrintOptions {
  /** The CustomResourceDefinition, when printing its custom resources. */
  crd?: SimObject;
  /** The clock ages are computed against (ms); defaults to Date.now(). */
  now?: number;
}

type RowPrinter = (obj: SimObject, now: number) => TableRow;

/** Printers by plural; the group part of a resource key ("deployments.apps") is ignored. */
const PRINTERS: Record<string, RowPrinter> = {
  pods: printPod,
  deployments: kinds.printDeployment,
  replicasets: kinds.printReplicaSet,
  statefulsets: kinds.printStatefulSet,
  daemonsets: kinds.printDaemonSet,
  jobs: kinds.printJob,
  cronjobs: kinds.printCronJob,
  services: kinds.printService,
  endpoints: kinds.printEndpoints,
  nodes: kinds.printNode,
  events: kinds.printEvent,
  namespaces: kinds.printNamespace,
  secrets: kinds.printSecret,
  configmaps: kinds.printConfigMap,
  serviceaccounts: kinds.printServiceAccount,
  persistentvolumes: kinds.printPersistentVolume,
  persistentvolumeclaims: kinds.printPersistentVolumeClaim,
  ingresses: kinds.printIngress,
  poddisruptionbudgets: kinds.printPodDisruptionBudget,
};

/** Built-in groups whose resources the printers above serve (a CRD could reuse a plural elsewhere). */
const BUILTIN_GROUPS = new Set(['', 'apps', 'batch', 'networking.k8s.io', 'events.k8s.io', 'extensions', 'policy']);

function split(resourceKey: string): { plural: string; group: string } {
  const dot = resourceKey.indexOf('.');
  return dot < 0 ? { plural: resourceKey, group: '' } : { plural: resourceKey.slice(0, dot), group: resourceKey.slice(dot + 1) };
}

function printerFor(resourceKey: string, opts: PrintOptions): RowPrinter | undefined {
  if (opts.crd) return (o, now) => printCustom(o, opts.crd, now);
  const { plural, group } = split(resourceKey);
  return BUILTIN_GROUPS.has(group) ? PRINTERS[plural] : undefined;
}

function defaultRow(o: SimObject): TableRow {
  return { cells: [o.metadata.name, o.metadata.creationTimestamp ?? null] };
}

/** The column definitions of a resource's Table. */
export function columnsFor(resourceKey: string, opts: PrintOptions = {}): TableColumnDefinition[] {
  if (opts.crd) return customColumns(opts.crd);
  const { plural, group } = split(resourceKey);
  return (BUILTIN_GROUPS.has(group) && COLUMNS[plural]) || DEFAULT_COLUMNS;
}

/** One row (for a single GET or a watch event). */
export function printRow(resourceKey: string, obj: SimObject, opts: PrintOptions = {}): TableRow {
  const printer = printerFor(resourceKey, opts);
  return printer ? printer(obj, opts.now ?? Date.now()) : defaultRow(obj);
}

/** Columns and rows for `objects` of one resource. */
export function printTable(resourceKey: string, objects: SimObject[], opts: PrintOptions = {}): { columnDefinitions: TableColumnDefinition[]; rows: TableRow[] } {
  const now = opts.now ?? Date.now();
  const printer = printerFor(resourceKey, opts);
  const rows = new Array<TableRow>(objects.length);
  for (let i = 0; i < objects.length; i++) rows[i] = printer ? printer(objects[i], now) : defaultRow(objects[i]);
  return { columnDefinitions: columnsFor(resourceKey, opts), rows };
}
