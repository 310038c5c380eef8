// Pods: the table; Enter opens the pod's containers. d/y/l/p are the shared resource keys (resource-table.ts).
import { metricsNote, podMetricColumns } from './metric-columns.js';
import { isOneOf, resourceModule } from './resource-table.js';
import { inspectView } from '../views.js';
import { FORWARD_KEYS, SHELL_KEYS, streamAction } from './streams.js';
import { rowUnderCursor } from './cursor-row.js';

export const podsView = resourceModule({
  id: 'pods',
  owns: isOneOf('', 'pods'),
  drill: () => ({ kind: 'none', reason: 'no drill-down for pods' }),
  extraColumns: podMetricColumns,
  titleNote: metricsNote,
  keys: [...SHELL_KEYS, ...FORWARD_KEYS],
  // Enter on a pod: its containers (image, ready, state, restarts, probes, ports, requests/limits), with l/p.
  onAction(action, ctx) {
    if (streamAction(action, ctx)) return true;
    if (action !== 'enter') return false;
    const r = rowUnderCursor(ctx);
    if (r) ctx.dispatch({ type: 'push', view: inspectView('containers', 'pods', r.namespace, r.name) });
    return true;
  },
});
