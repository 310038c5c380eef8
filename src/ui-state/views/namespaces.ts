// Namespaces: Enter lists the namespace's pods and makes it the current namespace (and a favourite), as k9s does.
import { resourceView } from '../views.js';
import { isOneOf, resourceModule } from './resource-table.js';

export const namespacesView = resourceModule({
  id: 'namespaces',
  owns: isOneOf('', 'namespaces'),
  drill: (_ref, row) => ({ kind: 'push', view: resourceView('pods', row.name, { crumb: `pods(${row.name})` }), namespace: row.name }),
});
