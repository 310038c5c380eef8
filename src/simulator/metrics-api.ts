// metrics.k8s.io/v1beta1: PodMetrics and NodeMetrics computed from the stored pods and nodes (get and list only).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ClusterRuntime } from './api-server.js';
import type { ResourceRequestInfo } from './request-info.js';
import type { ResourceDef } from './resources.js';
import { notFound } from './status.js';
import { sendJson } from './http.js';
import { buildFilter } from './filters.js';
import { nodeMetrics, nodeMetricsList, podMetrics } from './metrics.js';

export function handleMetrics(rt: ClusterRuntime, req: IncomingMessage, res: ServerResponse, def: ResourceDef, info: ResourceRequestInfo, q: URLSearchParams): void {
  void req;
  const now = Date.now();
  const isPods = def.plural === 'pods';
  if (info.name !== undefined) {
    const obj = rt.store.get(def.plural, info.namespace, info.name);
    if (!obj || (isPods && (obj.status as { phase?: string } | undefined)?.phase !== 'Running')) throw notFound(def.plural, def.group, info.name);
    sendJson(res, 200, isPods ? podMetrics(obj, now) : nodeMetrics(obj, rt.store.list('pods'), now));
    return;
  }
  // Metrics support label selectors only.
  const filter = buildFilter(def, new URLSearchParams(q.get('labelSelector') ? { labelSelector: q.get('labelSelector')! } : {}));
  const objs = rt.store.list(def.plural, info.namespace).filter((o) => filter.matches(o) && (!isPods || (o.status as { phase?: string } | undefined)?.phase === 'Running'));
  const items = isPods ? objs.map((p) => podMetrics(p, now)) : nodeMetricsList(objs, rt.store.list('pods'), now);
  sendJson(res, 200, { kind: isPods ? 'PodMetricsList' : 'NodeMetricsList', apiVersion: 'metrics.k8s.io/v1beta1', metadata: {}, items });
}
