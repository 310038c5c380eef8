// What the metrics columns say, from metrics.k8s.io usage and the objects' requests, limits and allocatable.
// Pure: the source fetches, this formats. kubectl top's units (m cores, Mi), whole percentages; over 100 is
// shown as it is (a pod above its request is normal, above its limit is being throttled).
import { parseQuantity } from './quantity.js';

export interface Usage {
  /** Cores. */
  cpu: number;
  /** Bytes. */
  memory: number;
}

export interface PodResources {
  cpuRequest?: number;
  cpuLimit?: number;
  memRequest?: number;
  memLimit?: number;
}

export interface MetricColumn {
  name: string;
  /** 0 shown always, 1 only in wide mode (as the server's Table priorities). */
  priority: number;
  description: string;
}

export const POD_METRIC_COLUMNS: MetricColumn[] = [
  { name: 'CPU', priority: 0, description: 'CPU in use (millicores)' },
  { name: 'MEM', priority: 0, description: 'memory in use (MiB)' },
  { name: '%CPU/R', priority: 0, description: 'CPU in use, % of the request' },
  { name: '%CPU/L', priority: 0, description: 'CPU in use, % of the limit' },
  { name: '%MEM/R', priority: 0, description: 'memory in use, % of the request' },
  { name: '%MEM/L', priority: 0, description: 'memory in use, % of the limit' },
  { name: 'CPU/R', priority: 1, description: 'CPU requested' },
  { name: 'CPU/L', priority: 1, description: 'CPU limit' },
  { name: 'MEM/R', priority: 1, description: 'memory requested' },
  { name: 'MEM/L', priority: 1, description: 'memory limit' },
];

export const NODE_METRIC_COLUMNS: MetricColumn[] = [
  { name: 'PODS', priority: 0, description: 'pods scheduled on the node' },
  { name: 'CPU', priority: 0, description: 'CPU in use (millicores)' },
  { name: 'MEM', priority: 0, description: 'memory in use (MiB)' },
  { name: '%CPU', priority: 0, description: 'CPU in use, % of allocatable' },
  { name: '%MEM', priority: 0, description: 'memory in use, % of allocatable' },
  { name: 'CPU/A', priority: 1, description: 'allocatable CPU' },
  { name: 'MEM/A', priority: 1, description: 'allocatable memory' },
];

export const formatCores = (cores: number): string => `${Math.round(cores * 1000)}m`;
export const formatBytes = (bytes: number): string => `${Math.round(bytes / 1024 ** 2)}Mi`;

/** Whole percent of `of`; "n/a" when there is nothing to compare with (no request, no limit). */
export function percent(used: number, of: number | undefined): string {
  if (of === undefined || !(of > 0) || !Number.isFinite(used)) return 'n/a';
  return String(Math.round((used / of) * 100));
}

interface ContainerShape {
  resources?: { requests?: Record<string, unknown>; limits?: Record<string, unknown> };
}

/** Sum of the containers' requests and limits; a figure stays undefined when no container sets it. */
export function podResources(pod: { spec?: { containers?: ContainerShape[] } }): PodResources {
  const out: PodResources = {};
  const add = (k: keyof PodResources, v: unknown) => {
    if (v === undefined) return;
    out[k] = (out[k] ?? 0) + parseQuantity(v);
  };
  for (const c of pod.spec?.containers ?? []) {
    add('cpuRequest', c.resources?.requests?.cpu);
    add('cpuLimit', c.resources?.limits?.cpu);
    add('memRequest', c.resources?.requests?.memory);
    add('memLimit', c.resources?.limits?.memory);
  }
  return out;
}

/** A PodMetrics' containers summed. */
export function podUsage(m: { containers?: { usage?: { cpu?: string; memory?: string } }[] }): Usage {
  let cpu = 0;
  let memory = 0;
  for (const c of m.containers ?? []) {
    cpu += parseQuantity(c.usage?.cpu);
    memory += parseQuantity(c.usage?.memory);
  }
  return { cpu, memory };
}

export function nodeUsage(m: { usage?: { cpu?: string; memory?: string } }): Usage {
  return { cpu: parseQuantity(m.usage?.cpu), memory: parseQuantity(m.usage?.memory) };
}

const opt = (v: number | undefined, f: (n: number) => string) => (v === undefined ? 'n/a' : f(v));

/**
 * The pod's cells in POD_METRIC_COLUMNS order. `usage` undefined: the pod has no metrics (not running yet, or
 * just started), shown as "-"; `unavailable`: the reason the API gives none, in every usage cell.
 */
export function podMetricCells(usage: Usage | undefined, res: PodResources | undefined, unavailable?: string): string[] {
  const r = res ?? {};
  const limits = [opt(r.cpuRequest, formatCores), opt(r.cpuLimit, formatCores), opt(r.memRequest, formatBytes), opt(r.memLimit, formatBytes)];
  if (unavailable !== undefined) return [unavailable, unavailable, unavailable, unavailable, unavailable, unavailable, ...limits];
  if (!usage) return ['-', '-', '-', '-', '-', '-', ...limits];
  return [
    formatCores(usage.cpu),
    formatBytes(usage.memory),
    percent(usage.cpu, r.cpuRequest),
    percent(usage.cpu, r.cpuLimit),
    percent(usage.memory, r.memRequest),
    percent(usage.memory, r.memLimit),
    ...limits,
  ];
}

export interface Allocatable {
  cpu: number;
  memory: number;
}

/** The node's cells in NODE_METRIC_COLUMNS order. */
export function nodeMetricCells(usage: Usage | undefined, alloc: Allocatable | undefined, pods: number | undefined, unavailable?: string): string[] {
  const a = [opt(alloc?.cpu, formatCores), opt(alloc?.memory, formatBytes)];
  const podCount = pods === undefined ? '-' : String(pods);
  if (unavailable !== undefined) return [podCount, unavailable, unavailable, unavailable, unavailable, ...a];
  if (!usage) return [podCount, '-', '-', '-', '-', ...a];
  return [podCount, formatCores(usage.cpu), formatBytes(usage.memory), percent(usage.cpu, alloc?.cpu), percent(usage.memory, alloc?.memory), ...a];
}

/** Allocatable (else capacity) of a Node object. */
export function nodeAllocatable(node: { status?: { allocatable?: Record<string, unknown>; capacity?: Record<string, unknown> } }): Allocatable | undefined {
  const s = node.status;
  const cpu = s?.allocatable?.cpu ?? s?.capacity?.cpu;
  const memory = s?.allocatable?.memory ?? s?.capacity?.memory;
  if (cpu === undefined && memory === undefined) return undefined;
  return { cpu: parseQuantity(cpu), memory: parseQuantity(memory) };
}
