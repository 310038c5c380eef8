// Metrics for the view on screen: pod metrics of the visible namespace while a pods view shows, node metrics and
// per-node pod counts (from the shared pods informer, not a poll) while a nodes view shows. The source polls
// metrics.k8s.io every 15 s only while subscribed and keeps the last answer per context and namespace.
import { useEffect, useMemo, useReducer, useRef } from 'react';
import type { NodeMetricsSnapshot, PodMetricsSnapshot } from '../metrics/source.js';
import type { PodResources, Usage } from '../metrics/figures.js';
import type { DashboardBackend } from './backend.js';
import type { ResourceRef, Row, RowStoreView } from './engine-types.js';
import { useInformer } from './hooks.js';

export interface MetricsData {
  podMetrics?: PodMetricsSnapshot;
  nodeMetrics?: NodeMetricsSnapshot;
  /** Node name → pods scheduled on it (not finished). */
  podsPerNode?: Map<string, number>;
}

const isCore = (ref: ResourceRef | undefined, name: string) => ref?.group === '' && ref.resource === name;

/**
 * Above this many rows an all-namespaces pods view takes its metrics per namespace on screen: the whole cluster's
 * would be 18 MB of metrics every 15 s and 177 MB of pod specs (for requests and limits) at 50,000 pods, parsed on the
 * thread that paints. Rows off screen cost nothing; their figures come when they are scrolled to.
 */
export const LARGE_VIEW_ROWS = 5_000;
/** Namespaces on screen fetched at once (rows sorted by namespace show one or two). */
const MAX_SCREEN_NAMESPACES = 8;

/** The metrics feeds a pods view subscribes: its namespace, all namespaces, or (a large all-namespaces view) those on screen. */
export function podMetricScopes(namespace: string | undefined, size: number, synced: boolean, onScreen: readonly Row[]): (string | undefined)[] {
  if (namespace !== undefined) return [namespace];
  if (!synced) return []; // how large the view is is not known yet: wait rather than start a whole-cluster fetch
  if (size <= LARGE_VIEW_ROWS) return [undefined];
  const seen: string[] = [];
  for (const r of onScreen) if (r.namespace !== undefined && !seen.includes(r.namespace) && seen.length < MAX_SCREEN_NAMESPACES) seen.push(r.namespace);
  return seen.sort();
}

/** One snapshot from several feeds (namespaces on screen): their figures together, the first trouble as the state. */
export function mergePodSnapshots(snaps: PodMetricsSnapshot[]): PodMetricsSnapshot {
  if (snaps.length === 1) return snaps[0]!;
  const usage = new Map<string, Usage>();
  const resources = new Map<string, PodResources>();
  for (const s of snaps) {
    for (const [k, v] of s.usage) usage.set(k, v);
    for (const [k, v] of s.resources) resources.set(k, v);
  }
  const state = snaps.find((s) => s.state.status === 'unavailable')?.state ?? snaps.find((s) => s.state.status === 'loading')?.state ?? snaps[0]?.state ?? { status: 'loading' as const };
  return { state, usage, resources };
}

/**
 * `onScreen`: the rows of the last frame. A large all-namespaces view fetches metrics for their namespaces, and pod
 * specs (requests and limits) are re-listed only when a row on screen has none yet, not whenever any row is new.
 */
export function useMetrics(backend: DashboardBackend, context: string, ref: ResourceRef | undefined, podsRef: ResourceRef | undefined, namespace: string | undefined, store: RowStoreView | undefined, connected: boolean, synced = true, onScreen: () => readonly Row[] = () => []): MetricsData {
  const source = connected ? backend.metrics?.(context) : undefined;
  const pods = isCore(ref, 'pods');
  const nodes = isCore(ref, 'nodes');
  // What the columns show lives in refs: a view coming back (a flip back) reads the source's last answers while it
  // renders, so its first frame has the figures, and the same answers delivered on subscribing render nothing more.
  const podM = useRef<{ id: string; scopes: string; parts: PodMetricsSnapshot[]; s: PodMetricsSnapshot } | undefined>(undefined);
  const nodeM = useRef<{ id: string; s: NodeMetricsSnapshot } | undefined>(undefined);
  const [, rerender] = useReducer((x: number) => x + 1, 0);
  const screenRef = useRef(onScreen);
  screenRef.current = onScreen;
  const podId = `${context}/${namespace ?? ''}`;
  const scopes = pods && source ? podMetricScopes(namespace, store?.size ?? 0, synced, onScreen()) : [];
  const scopesKey = scopes.map((s) => s ?? '\0all').join(',');
  if (source?.peekPods && scopes.length > 0 && (podM.current?.id !== podId || podM.current.scopes !== scopesKey)) {
    const parts = scopes.map((ns) => source.peekPods!(ns));
    if (parts.every((p) => p !== undefined)) podM.current = { id: podId, scopes: scopesKey, parts, s: mergePodSnapshots(parts) };
  }
  if (nodes && source?.peekNodes && nodeM.current?.id !== context) {
    const s = source.peekNodes();
    if (s) nodeM.current = { id: context, s };
  }
  useEffect(() => {
    if (!source || scopes.length === 0) return;
    const snaps = new Map<string, PodMetricsSnapshot>();
    const offs = scopes.map((ns) => {
      let current: PodMetricsSnapshot | undefined;
      // Re-list pod specs only when rows on screen (of this feed's namespace) have requests and limits unknown.
      const wantsSpecs = () => {
        const known = current?.resources;
        return !!known && screenRef.current().some((r) => (ns === undefined || r.namespace === ns) && !known.has(r.uid));
      };
      return source.pods(ns, (s) => {
        current = s;
        snaps.set(ns ?? '', s);
        if (snaps.size !== scopes.length) return;
        const parts = scopes.map((n) => snaps.get(n ?? '')!);
        const shown = podM.current;
        if (shown?.id === podId && shown.scopes === scopesKey && parts.every((p, i) => p === shown.parts[i])) return; // painted already
        podM.current = { id: podId, scopes: scopesKey, parts, s: mergePodSnapshots(parts) };
        rerender();
      }, wantsSpecs);
    });
    return () => offs.forEach((off) => off());
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [source, podId, scopesKey]);
  // A large all-namespaces view reads its namespaces from the last frame, and this render's frame is made after it reads
  // (use-dashboard.ts): when that frame shows other namespaces (its first rows after the sync, a scroll), render again
  // now so that they subscribe, not at the next key, event or clock tick. The next render reads this frame: no loop.
  useEffect(() => {
    if (!source || !pods || namespace !== undefined || !synced) return;
    const painted = podMetricScopes(namespace, store?.size ?? 0, synced, screenRef.current()).map((s) => s ?? '\0all').join(',');
    if (painted !== scopesKey) rerender();
  });
  useEffect(() => {
    if (!source || !nodes) return;
    return source.nodes((s) => {
      if (nodeM.current?.id === context && nodeM.current.s === s) return; // painted already
      nodeM.current = { id: context, s };
      rerender();
    });
  }, [source, nodes, context]);
  // Pod counts per node: the all-namespaces pods informer (shared with a pods -A view), counted from its Node column.
  const podsKey = nodes && connected && podsRef ? { context, resource: podsRef } : undefined;
  const podsHandle = useInformer(backend, podsKey);
  const ps = podsHandle.informer?.store;
  const counting = nodes && !!ps && podsHandle.state?.phase !== 'syncing';
  // Counted once per pods notification, not on every render (keys, the clock).
  const podsPerNode = useMemo(() => (counting && ps ? countPodsPerNode(ps) : undefined), [counting, ps, podsHandle.version]);
  return {
    podMetrics: pods && podM.current?.id === podId ? podM.current.s : undefined,
    nodeMetrics: nodes && nodeM.current?.id === context ? nodeM.current.s : undefined,
    podsPerNode,
  };
}

/** Node name → pods scheduled on it and not finished, from the pods' Node and Status columns. */
function countPodsPerNode(ps: RowStoreView): Map<string, number> {
  const out = new Map<string, number>();
  const nodeAt = ps.columns.findIndex((c) => c.name === 'Node');
  const statusAt = ps.columns.findIndex((c) => c.name === 'Status');
  const all = ps.view({});
  for (const r of all.rows(0, all.length)) {
    const node = nodeAt >= 0 ? r.cells[nodeAt] : undefined;
    const status = statusAt >= 0 ? String(r.cells[statusAt]) : '';
    if (typeof node !== 'string' || !node || node === '<none>' || status === 'Completed' || status === 'Succeeded' || status === 'Failed') continue;
    out.set(node, (out.get(node) ?? 0) + 1);
  }
  return out;
}
