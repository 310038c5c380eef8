// The data of :pulses: informers for pods, deployments and events of the namespace and for nodes (shared with
// the tables, so a warm informer answers at once), and node metrics every 15 s into a 10-minute history that
// outlives the view, per context.
import { useEffect, useMemo, useState } from 'react';
import { countDeployments, countNodes, countPods, UsageHistory, warningsPerMinute } from '../pulses/summary.js';
import type { Health } from '../store/health.js';
import type { DashboardBackend } from './backend.js';
import type { CatalogueView, InformerKey } from './engine-types.js';
import { useInformer } from './hooks.js';

export interface PulseData {
  pods?: Record<Health, number>;
  deployments?: { ready: number; notReady: number };
  nodes?: { ready: number; notReady: number };
  warnings?: number[];
  cpu: number[];
  mem: number[];
  /** Why CPU/MEM are missing, when they are. */
  metricsNote?: string;
}

const histories = new WeakMap<DashboardBackend, Map<string, UsageHistory>>();

function historyOf(backend: DashboardBackend, context: string): UsageHistory {
  let m = histories.get(backend);
  if (!m) histories.set(backend, (m = new Map()));
  let h = m.get(context);
  if (!h) m.set(context, (h = new UsageHistory()));
  return h;
}

export function usePulses(backend: DashboardBackend, context: string, namespace: string | undefined, catalogue: CatalogueView | undefined, active: boolean, now: number): PulseData | undefined {
  const key = (name: string, namespaced: boolean): InformerKey | undefined => {
    const ref = active ? catalogue?.resolve(name) : undefined;
    return ref ? { context, resource: ref, namespace: namespaced ? namespace : undefined } : undefined;
  };
  const pods = useInformer(backend, key('pods', true));
  const deploys = useInformer(backend, key('deployments.apps', true));
  const nodes = useInformer(backend, key('nodes', false));
  const events = useInformer(backend, key('events', true));
  const [note, setNote] = useState<{ context: string; text?: string; version: number }>({ context, version: 0 });
  const source = active ? backend.metrics?.(context) : undefined;
  useEffect(() => {
    if (!source) return;
    const history = historyOf(backend, context);
    let version = 0;
    return source.nodes((s) => {
      if (s.state.status === 'ok') {
        let cpu = 0, mem = 0, cpuA = 0, memA = 0;
        for (const [name, u] of s.usage) {
          const a = s.allocatable.get(name);
          if (!a) continue;
          cpu += u.cpu;
          mem += u.memory;
          cpuA += a.cpu;
          memA += a.memory;
        }
        if (cpuA > 0 && memA > 0) history.push(s.state.at, cpu / cpuA, mem / memA);
      }
      setNote({ context, text: s.state.status === 'unavailable' ? s.state.reason : undefined, version: ++version });
    });
  }, [source, backend, context]);
  const all = (h: typeof pods) => {
    const st = h.informer?.store;
    if (!st || h.state?.phase === 'syncing') return undefined;
    const v = st.view({});
    return { rows: v.rows(0, v.length), columns: st.columns };
  };
  const podsData = useMemo(() => all(pods), [pods.informer, pods.version]);
  const deploysData = useMemo(() => all(deploys), [deploys.informer, deploys.version]);
  const nodesData = useMemo(() => all(nodes), [nodes.informer, nodes.version]);
  const eventsData = useMemo(() => all(events), [events.informer, events.version]);
  if (!active) return undefined;
  const series = historyOf(backend, context).series(now);
  return {
    pods: podsData && countPods(podsData.rows, podsData.columns),
    deployments: deploysData && countDeployments(deploysData.rows, deploysData.columns),
    nodes: nodesData && countNodes(nodesData.rows, nodesData.columns),
    warnings: eventsData && warningsPerMinute(eventsData.rows, eventsData.columns, now),
    cpu: series.cpu,
    mem: series.mem,
    metricsNote: note.context === context ? note.text : undefined,
  };
}
