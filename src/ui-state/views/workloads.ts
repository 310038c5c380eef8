// Deployments, replica sets, stateful sets, daemon sets and jobs: Enter lists their pods, through the label
// selector the server prints in the (wide) Selector column, else through owner uids (stateful sets).
import { resourceView } from '../views.js';
import type { ResourceRef } from '../engine-types.js';
import { cellOf, resourceModule } from './resource-table.js';
import { FORWARD_KEYS, streamAction } from './streams.js';

const SHORT: Record<string, string> = { deployments: 'deploy', replicasets: 'rs', statefulsets: 'sts', daemonsets: 'ds', jobs: 'job' };

const owns = (ref: ResourceRef) =>
  (ref.group === 'apps' && ['deployments', 'replicasets', 'statefulsets', 'daemonsets'].includes(ref.resource)) || (ref.group === 'batch' && ref.resource === 'jobs');

export const workloadsView = resourceModule({
  id: 'workloads',
  owns,
  keys: FORWARD_KEYS,
  onAction: streamAction,
  drill: (ref, row, columns) => {
    const crumb = `${SHORT[ref.resource] ?? ref.resource}/${row.name}`;
    const selector = cellOf(row, columns, 'Selector');
    if (selector) return { kind: 'push', view: resourceView('pods', row.namespace, { labelSelector: selector, crumb }) };
    return { kind: 'push', view: resourceView('pods', row.namespace, { ownerUid: row.uid, crumb }) };
  },
});
