// Nodes: Enter lists the pods scheduled on the node (field selector spec.nodeName, all namespaces).
import { resourceView } from '../views.js';
import { metricsNote, nodeMetricColumns } from './metric-columns.js';
import { isOneOf, resourceModule } from './resource-table.js';

export const nodesView = resourceModule({
  id: 'nodes',
  owns: isOneOf('', 'nodes'),
  drill: (_ref, row) => ({ kind: 'push', view: resourceView('pods', undefined, { fieldSelector: `spec.nodeName=${row.name}`, crumb: `node/${row.name}` }) }),
  extraColumns: nodeMetricColumns,
  titleNote: metricsNote,
});
