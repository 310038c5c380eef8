// metrics.k8s.io/v1beta1 PodMetrics and NodeMetrics, as metrics-server would report them: deterministic
// per container, slowly varying over minutes, proportional to the container's requests; CPU in nanocores
// ("2417683n"), memory in KiB ("12984Ki"). Only running containers have metrics, as with metrics-server.
import type { SimObject } from './types.js';
import { hashString, isoSeconds } from './objects/index.js';
import { parseQuantity } from '../metrics/quantity.js';

const WINDOW = '10.281s';
const SCRAPE_MS = 15_000;

export { parseQuantity };

export const formatCpu = (cores: number): string => `${Math.max(0, Math.round(cores * 1e9))}n`;
export const formatMemory = (bytes: number): string => `${Math.max(0, Math.round(bytes / 1024))}Ki`;

interface Resources {
  requests?: Record<string, string>;
  limits?: Record<string, string>;
}

/** A smooth wave in [0, 1] with a period of some minutes, phase and period set by `seed`. */
function wave(seed: number, now: number): number {
  const period = 180_000 + (seed % 420_000);
  const phase = ((seed >>> 8) % 1000) / 1000;
  return 0.5 + 0.5 * Math.sin(2 * Math.PI * (now / period + phase));
}

/** Usage of one running container at `now` (cores, bytes). */
export function containerUsage(podUid: string, container: { name: string; resources?: Resources }, now: number): { cpu: number; memory: number } {
  const seed = hashString(`${podUid}/${container.name}`);
  const r = container.resources ?? {};
  const cpuReq = parseQuantity(r.requests?.cpu ?? r.limits?.cpu) || 0.05;
  const memReq = parseQuantity(r.requests?.memory ?? r.limits?.memory) || 64 * 1024 * 1024;
  const cpuBase = 0.05 + ((seed % 1000) / 1000) * 0.6; // 5%–65% of the request on average
  const memBase = 0.35 + (((seed >>> 10) % 1000) / 1000) * 0.55; // 35%–90% of the request
  const cpu = cpuReq * cpuBase * (0.6 + 0.8 * wave(seed, now)) + 0.0001;
  const memory = memReq * memBase * (0.95 + 0.1 * wave(seed ^ 0xabcdef, now));
  return { cpu, memory };
}

interface PodShape {
  spec?: { containers?: { name: string; resources?: Resources }[]; nodeName?: string };
  status?: { phase?: string; containerStatuses?: { name: string; state?: { running?: unknown } }[] };
}

/** True when metrics-server would report the pod (running, with a running container). */
export function hasMetrics(pod: SimObject): boolean {
  const p = pod as PodShape;
  return p.status?.phase === 'Running' && !!p.status.containerStatuses?.some((c) => c.state?.running);
}

function scrapeTime(now: number, seed: number): number {
  return Math.floor(now / SCRAPE_MS) * SCRAPE_MS - (seed % 5000);
}

/** PodMetrics of a running pod (containers not running are left out, as metrics-server does). */
export function podMetrics(pod: SimObject, now = Date.now()): SimObject {
  const p = pod as PodShape;
  const uid = pod.metadata.uid ?? pod.metadata.name;
  const seed = hashString(uid);
  const at = scrapeTime(now, seed);
  const running = new Set((p.status?.containerStatuses ?? []).filter((c) => c.state?.running).map((c) => c.name));
  const containers = (p.spec?.containers ?? [])
    .filter((c) => running.has(c.name))
    .map((c) => {
      const u = containerUsage(uid, c, at);
      return { name: c.name, usage: { cpu: formatCpu(u.cpu), memory: formatMemory(u.memory) } };
    });
  const metadata: SimObject['metadata'] = { name: pod.metadata.name, namespace: pod.metadata.namespace, creationTimestamp: isoSeconds(now) };
  if (pod.metadata.labels) metadata.labels = { ...pod.metadata.labels };
  return { kind: 'PodMetrics', apiVersion: 'metrics.k8s.io/v1beta1', metadata, timestamp: isoSeconds(at), window: WINDOW, containers };
}

/** Summed usage of the running pods on a node (cores, bytes). */
function podsUsage(pods: Iterable<SimObject>, now: number): { cpu: number; memory: number } {
  let cpu = 0;
  let memory = 0;
  for (const pod of pods) {
    if (!hasMetrics(pod)) continue;
    const uid = pod.metadata.uid ?? pod.metadata.name;
    const at = scrapeTime(now, hashString(uid));
    for (const c of (pod as PodShape).spec?.containers ?? []) {
      const u = containerUsage(uid, c, at);
      cpu += u.cpu;
      memory += u.memory;
    }
  }
  return { cpu, memory };
}

/**
 * NodeMetrics: the system's own share (kubelet, runtime, OS) plus the usage of `pods` scheduled on it.
 * Pass every pod or only the node's; others are skipped. For many nodes use nodeMetricsList (one pass).
 */
export function nodeMetrics(node: SimObject, pods: SimObject[] = [], now = Date.now()): SimObject {
  const own = pods.filter((p) => (p as PodShape).spec?.nodeName === node.metadata.name);
  return nodeMetricsFrom(node, podsUsage(own, now), now);
}

/** NodeMetrics of many nodes, grouping the pods by node once. */
export function nodeMetricsList(nodes: SimObject[], pods: SimObject[], now = Date.now()): SimObject[] {
  const byNode = new Map<string, SimObject[]>();
  for (const p of pods) {
    const n = (p as PodShape).spec?.nodeName;
    if (!n) continue;
    let list = byNode.get(n);
    if (!list) byNode.set(n, (list = []));
    list.push(p);
  }
  return nodes.map((n) => nodeMetricsFrom(n, podsUsage(byNode.get(n.metadata.name) ?? [], now), now));
}

function nodeMetricsFrom(node: SimObject, usage: { cpu: number; memory: number }, now: number): SimObject {
  const seed = hashString(node.metadata.uid ?? node.metadata.name);
  const at = scrapeTime(now, seed);
  const status = (node.status ?? {}) as { capacity?: Record<string, string>; allocatable?: Record<string, string> };
  const cpuCap = parseQuantity(status.allocatable?.cpu ?? status.capacity?.cpu) || 2;
  const memCap = parseQuantity(status.allocatable?.memory ?? status.capacity?.memory) || 8 * 1024 ** 3;
  const systemCpu = cpuCap * (0.03 + 0.04 * wave(seed, at));
  const systemMem = memCap * (0.08 + 0.02 * wave(seed ^ 0x1234, at));
  const cpu = Math.min(cpuCap, usage.cpu + systemCpu);
  const memory = Math.min(memCap, usage.memory + systemMem);
  const metadata: SimObject['metadata'] = { name: node.metadata.name, creationTimestamp: isoSeconds(now) };
  if (node.metadata.labels) metadata.labels = { ...node.metadata.labels };
  return { kind: 'NodeMetrics', apiVersion: 'metrics.k8s.io/v1beta1', metadata, timestamp: isoSeconds(at), window: '20.036s', usage: { cpu: formatCpu(cpu), memory: formatMemory(memory) } };
}
