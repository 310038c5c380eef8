// Services: Enter lists the pods their selector picks.
import { resourceView } from '../views.js';
import { cellOf, isOneOf, resourceModule } from './resource-table.js';
import { FORWARD_KEYS, streamAction } from './streams.js';

export const servicesView = resourceModule({
  id: 'services',
  owns: isOneOf('', 'services'),
  keys: FORWARD_KEYS,
  onAction: streamAction,
  drill: (_ref, row, columns) => {
    const selector = cellOf(row, columns, 'Selector');
    if (!selector) return { kind: 'none', reason: `service ${row.name} has no selector` };
    return { kind: 'push', view: resourceView('pods', row.namespace, { labelSelector: selector, crumb: `svc/${row.name}` }) };
  },
});
