// Enter on a row: which view it opens. Workloads and services go to their pods through the label selector the
// server prints in their (wide) Selector column; owners without one (statefulsets) go through owner uids.
import type { ResourceRef, Row, TableColumn } from './engine-types.js';
import { resourceView, type ResourceView } from './views.js';

export type Drill = { kind: 'push'; view: ResourceView } | { kind: 'none'; reason: string };

const SHORT: Record<string, string> = {
  deployments: 'deploy', replicasets: 'rs', statefulsets: 'sts', daemonsets: 'ds', jobs: 'job', services: 'svc', nodes: 'node', namespaces: 'ns',
};

function cell(row: Row, columns: TableColumn[], name: string): string | undefined {
  const i = columns.findIndex((c) => c.name === name);
  if (i < 0) return undefined;
  const v = row.cells[i];
  return typeof v === 'string' && v !== '' && v !== '<none>' ? v : undefined;
}

export function drillDown(ref: ResourceRef, row: Row, columns: TableColumn[]): Drill {
  const crumb = `${SHORT[ref.resource] ?? ref.resource}/${row.name}`;
  const core = ref.group === '';
  if (core && ref.resource === 'namespaces') return { kind: 'push', view: resourceView('pods', row.name, { crumb: `pods(${row.name})` }) };
  if (core && ref.resource === 'nodes') {
    return { kind: 'push', view: resourceView('pods', undefined, { fieldSelector: `spec.nodeName=${row.name}`, crumb }) };
  }
  const workload = (ref.group === 'apps' && ['deployments', 'replicasets', 'statefulsets', 'daemonsets'].includes(ref.resource)) || (ref.group === 'batch' && ref.resource === 'jobs');
  if ((core && ref.resource === 'services') || workload) {
    const selector = cell(row, columns, 'Selector');
    if (selector) return { kind: 'push', view: resourceView('pods', row.namespace, { labelSelector: selector, crumb }) };
    if (core) return { kind: 'none', reason: `service ${row.name} has no selector` };
    return { kind: 'push', view: resourceView('pods', row.namespace, { ownerUid: row.uid, crumb }) };
  }
  return { kind: 'none', reason: `no drill-down for ${ref.resource}` };
}
