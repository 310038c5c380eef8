// printPod: the pod row exactly as kube-apiserver computes it (status reason, ready count, restarts).
import type { SimObject } from '../types.js';
import { since } from './duration.js';

export interface TableRowCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

export interface TableRow {
  cells: unknown[];
  conditions?: TableRowCondition[];
}

interface ContainerState {
  waiting?: { reason?: string };
  running?: { startedAt?: string };
  terminated?: { exitCode?: number; signal?: number; reason?: string; finishedAt?: string };
}

interface ContainerStatus {
  name: string;
  ready?: boolean;
  started?: boolean;
  restartCount?: number;
  state?: ContainerState;
  lastState?: ContainerState;
}

interface PodLike {
  metadata: SimObject['metadata'];
  spec?: {
    containers?: { name: string }[];
    initContainers?: { name: string; restartPolicy?: string }[];
    nodeName?: string;
    readinessGates?: { conditionType: string }[];
  };
  status?: {
    phase?: string;
    reason?: string;
    nominatedNodeName?: string;
    podIP?: string;
    podIPs?: { ip: string }[];
    conditions?: { type: string; status: string; reason?: string }[];
    initContainerStatuses?: ContainerStatus[];
    containerStatuses?: ContainerStatus[];
  };
}

const SUCCEEDED: TableRowCondition[] = [{ type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' }];
const FAILED: TableRowCondition[] = [{ type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' }];

function finishedAt(cs: ContainerStatus): number {
  const t = cs.lastState?.terminated?.finishedAt;
  const ms = t ? Date.parse(t) : NaN;
  return Number.isNaN(ms) ? 0 : ms;
}

/** Ready, Status, Restarts and the restart time of a pod, as printPod derives them. */
export function podSummary(pod: SimObject): { ready: string; reason: string; restarts: number; lastRestart: number } {
  const p = pod as PodLike;
  const spec = p.spec ?? {};
  const status = p.status ?? {};
  let restarts = 0;
  let restartableInitRestarts = 0;
  let totalContainers = spec.containers?.length ?? 0;
  let readyContainers = 0;
  let lastRestart = 0;
  let lastRestartableInitRestart = 0;
  const phase = status.phase ?? '';
  let reason = status.reason || phase;
  for (const c of status.conditions ?? []) if (c.type === 'PodScheduled' && c.reason === 'SchedulingGated') reason = 'SchedulingGated';

  const restartable = new Set<string>();
  for (const ic of spec.initContainers ?? []) {
    if (ic.restartPolicy === 'Always') {
      restartable.add(ic.name);
      totalContainers++;
    }
  }
  const initStatuses = status.initContainerStatuses ?? [];
  const initCount = spec.initContainers?.length ?? 0;
  let initializing = false;
  for (let i = 0; i < initStatuses.length; i++) {
    const c = initStatuses[i];
    restarts += c.restartCount ?? 0;
    if (c.lastState?.terminated) lastRestart = Math.max(lastRestart, finishedAt(c));
    const isRestartable = restartable.has(c.name);
    if (isRestartable) {
      restartableInitRestarts += c.restartCount ?? 0;
      if (c.lastState?.terminated) lastRestartableInitRestart = Math.max(lastRestartableInitRestart, finishedAt(c));
    }
    const term = c.state?.terminated;
    if (term && (term.exitCode ?? 0) === 0) continue;
    if (isRestartable && c.started) {
      if (c.ready) readyContainers++;
      continue;
    }
    if (term) {
      if (!term.reason) reason = term.signal ? `Init:Signal:${term.signal}` : `Init:ExitCode:${term.exitCode ?? 0}`;
      else reason = `Init:${term.reason}`;
    } else if (c.state?.waiting?.reason && c.state.waiting.reason !== 'PodInitializing') {
      reason = `Init:${c.state.waiting.reason}`;
    } else {
      reason = `Init:${i}/${initCount}`;
    }
    initializing = true;
    break;
  }

  const initializedTrue = (status.conditions ?? []).some((c) => c.type === 'Initialized' && c.status === 'True');
  if (!initializing || initializedTrue) {
    restarts = restartableInitRestarts;
    lastRestart = lastRestartableInitRestart;
    let hasRunning = false;
    const statuses = status.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const c = statuses[i];
      restarts += c.restartCount ?? 0;
      if (c.lastState?.terminated) lastRestart = Math.max(lastRestart, finishedAt(c));
      const st = c.state ?? {};
      if (st.waiting?.reason) reason = st.waiting.reason;
      else if (st.terminated?.reason) reason = st.terminated.reason;
      else if (st.terminated) reason = st.terminated.signal ? `Signal:${st.terminated.signal}` : `ExitCode:${st.terminated.exitCode ?? 0}`;
      else if (c.ready && st.running) {
        hasRunning = true;
        readyContainers++;
      }
    }
    if (reason === 'Completed' && hasRunning) {
      const podReady = (status.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
      reason = podReady ? 'Running' : 'NotReady';
    }
  }

  const deleting = !!p.metadata.deletionTimestamp;
  if (deleting && status.reason === 'NodeLost') reason = 'Unknown';
  else if (deleting && phase !== 'Succeeded' && phase !== 'Failed') reason = 'Terminating';

  return { ready: `${readyContainers}/${totalContainers}`, reason, restarts, lastRestart };
}

export function printPod(pod: SimObject, now: number): TableRow {
  const p = pod as PodLike;
  const { ready, reason, restarts, lastRestart } = podSummary(pod);
  const restartsText = restarts !== 0 && lastRestart !== 0 ? `${restarts} (${since(new Date(lastRestart).toISOString(), now)} ago)` : String(restarts);
  const status = p.status ?? {};
  const podIP = status.podIPs?.[0]?.ip || '<none>';
  let gates = '<none>';
  const readinessGates = p.spec?.readinessGates ?? [];
  if (readinessGates.length) {
    let ok = 0;
    for (const g of readinessGates) {
      const c = (status.conditions ?? []).find((x) => x.type === g.conditionType);
      if (c?.status === 'True') ok++;
    }
    gates = `${ok}/${readinessGates.length}`;
  }
  const row: TableRow = {
    cells: [
      pod.metadata.name,
      ready,
      reason,
      restartsText,
      since(pod.metadata.creationTimestamp, now),
      podIP,
      p.spec?.nodeName || '<none>',
      status.nominatedNodeName || '<none>',
      gates,
    ],
  };
  if (status.phase === 'Succeeded') row.conditions = SUCCEEDED;
  else if (status.phase === 'Failed') row.conditions = FAILED;
  return row;
}
