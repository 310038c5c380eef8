// Pods: the table with no drill-down yet. Logs, shell, containers and kill land here as their keys.
import { metricsNote, podMetricColumns } from './metric-columns.js';
import { isOneOf, resourceModule } from './resource-table.js';

export const podsView = resourceModule({
  id: 'pods',
  owns: isOneOf('', 'pods'),
  drill: () => ({ kind: 'none', reason: 'no drill-down for pods' }),
  extraColumns: podMetricColumns,
  titleNote: metricsNote,
});
