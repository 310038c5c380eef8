// The metrics columns of the pods and nodes views (k9s's CPU, MEM, %CPU/R …), from the view's metrics snapshot.
import { NODE_METRIC_COLUMNS, nodeMetricCells, POD_METRIC_COLUMNS, podMetricCells } from '../../metrics/figures.js';
import type { MetricsState } from '../../metrics/source.js';
import type { ExtraColumns } from '../table-model.js';
import type { ViewContext } from './types.js';

const reason = (s: MetricsState | undefined) => (s?.status === 'unavailable' ? s.reason : undefined);

export function podMetricColumns(ctx: ViewContext): ExtraColumns | undefined {
  if (!ctx.backend.metrics) return undefined; // a backend without metrics.k8s.io at all (test fakes)
  const m = ctx.data.podMetrics;
  const unavailable = reason(m?.state) ? 'n/a' : undefined;
  return {
    columns: POD_METRIC_COLUMNS,
    before: 'Age',
    cells: (row) => (m ? podMetricCells(m.usage.get(`${row.namespace ?? ''}/${row.name}`), m.resources.get(row.uid), unavailable) : podMetricCells(undefined, undefined, '…')),
  };
}

export function nodeMetricColumns(ctx: ViewContext): ExtraColumns | undefined {
  if (!ctx.backend.metrics) return undefined;
  const m = ctx.data.nodeMetrics;
  const unavailable = reason(m?.state) ? 'n/a' : undefined;
  const pods = ctx.data.podsPerNode;
  return {
    columns: NODE_METRIC_COLUMNS,
    before: 'Age',
    cells: (row) => nodeMetricCells(m ? m.usage.get(row.name) : undefined, m?.allocatable.get(row.name), pods ? (pods.get(row.name) ?? 0) : undefined, m ? unavailable : '…'),
  };
}

/** Why the metrics columns are empty, said once after the title ("metrics n/a: metrics API not served"). */
export function metricsNote(ctx: ViewContext): string | undefined {
  const r = reason(ctx.data.podMetrics?.state ?? ctx.data.nodeMetrics?.state);
  if (!r) return undefined;
  return r.startsWith('n/a') ? `metrics ${r}` : `metrics n/a: ${r}`;
}
