// Metrics for the view on screen: pod metrics of the visible namespace while a pods view shows, node metrics and
// per-node pod counts (from the shared pods informer, not a poll) while a nodes view shows. The source polls
// metrics.k8s.io every 15 s only while subscribed and keeps the last answer per context and namespace.
import { useEffect, useRef, useState } from 'react';
import type { NodeMetricsSnapshot, PodMetricsSnapshot } from '../metrics/source.js';
import type { DashboardBackend } from './backend.js';
import type { ResourceRef, RowStoreView } from './engine-types.js';
import { useInformer } from './hooks.js';

export interface MetricsData {
  podMetrics?: PodMetricsSnapshot;
  nodeMetrics?: NodeMetricsSnapshot;
  /** Node name → pods scheduled on it (not finished). */
  podsPerNode?: Map<string, number>;
}

const isCore = (ref: ResourceRef | undefined, name: string) => ref?.group === '' && ref.resource === name;

export function useMetrics(backend: DashboardBackend, context: string, ref: ResourceRef | undefined, podsRef: ResourceRef | undefined, namespace: string | undefined, store: RowStoreView | undefined, connected: boolean): MetricsData {
  const source = connected ? backend.metrics?.(context) : undefined;
  const pods = isCore(ref, 'pods');
  const nodes = isCore(ref, 'nodes');
  const [podM, setPodM] = useState<{ id: string; s: PodMetricsSnapshot }>();
  const [nodeM, setNodeM] = useState<{ id: string; s: NodeMetricsSnapshot }>();
  const storeRef = useRef(store);
  storeRef.current = store;
  const podId = `${context}/${namespace ?? ''}`;
  useEffect(() => {
    if (!source || !pods) return;
    // Re-list pod specs only when rows appear whose requests and limits are unknown.
    const wantsSpecs = () => {
      const st = storeRef.current as (RowStoreView & { view: RowStoreView['view'] }) | undefined;
      const known = current?.resources;
      if (!st || !known) return false;
      const all = st.view({});
      for (const r of all.rows(0, all.length)) if (!known.has(r.uid)) return true;
      return false;
    };
    let current: PodMetricsSnapshot | undefined;
    return source.pods(namespace, (s) => {
      current = s;
      setPodM({ id: podId, s });
    }, wantsSpecs);
  }, [source, pods, podId]);
  useEffect(() => {
    if (!source || !nodes) return;
    return source.nodes((s) => setNodeM({ id: context, s }));
  }, [source, nodes, context]);
  // Pod counts per node: the all-namespaces pods informer (shared with a pods -A view), counted from its Node column.
  const podsKey = nodes && connected && podsRef ? { context, resource: podsRef } : undefined;
  const podsHandle = useInformer(backend, podsKey);
  let podsPerNode: Map<string, number> | undefined;
  const ps = podsHandle.informer?.store;
  if (nodes && ps && podsHandle.state?.phase !== 'syncing') {
    podsPerNode = new Map();
    const nodeAt = ps.columns.findIndex((c) => c.name === 'Node');
    const statusAt = ps.columns.findIndex((c) => c.name === 'Status');
    const all = ps.view({});
    for (const r of all.rows(0, all.length)) {
      const node = nodeAt >= 0 ? r.cells[nodeAt] : undefined;
      const status = statusAt >= 0 ? String(r.cells[statusAt]) : '';
      if (typeof node !== 'string' || !node || node === '<none>' || status === 'Completed' || status === 'Succeeded' || status === 'Failed') continue;
      podsPerNode.set(node, (podsPerNode.get(node) ?? 0) + 1);
    }
  }
  return {
    podMetrics: pods && podM?.id === podId ? podM.s : undefined,
    nodeMetrics: nodes && nodeM?.id === context ? nodeM.s : undefined,
    podsPerNode,
  };
}
