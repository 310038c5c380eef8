// Services: Enter lists the pods their selector picks.
import { resourceView } from '../views.js';
import { cellOf, isOneOf, resourceModule } from './resource-table.js';

export const servicesView = resourceModule({
  id: 'services',
  owns: isOneOf('', 'services'),
  drill: (_ref, row, columns) => {
    const selector = cellOf(row, columns, 'Selector');
    if (!selector) return { kind: 'none', reason: `service ${row.name} has no selector` };
    return { kind: 'push', view: resourceView('pods', row.namespace, { labelSelector: selector, crumb: `svc/${row.name}` }) };
  },
});
