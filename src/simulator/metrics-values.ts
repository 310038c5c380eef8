// Usage figures for metrics.k8s.io, derived from each container's requests and a slow deterministic wobble.
// (Stands in until the objects engineer's metrics.ts is wired in.)
import type { SimObject } from './types.js';

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

function milli(q: string | undefined, fallback: number): number {
  if (!q) return fallback;
  if (q.endsWith('m')) return Number(q.slice(0, -1));
  return Number(q) * 1000;
}

const UNITS: Record<string, number> = { Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, K: 1e3, M: 1e6, G: 1e9 };
function bytes(q: string | undefined, fallback: number): number {
  if (!q) return fallback;
  const m = /^(\d+(?:\.\d+)?)([KMG]i?)?$/.exec(q);
  if (!m) return fallback;
  return Number(m[1]) * (m[2] ? UNITS[m[2]] : 1);
}

function wobble(seed: string, now: number): number {
  const h = hash(seed);
  return 0.35 + 0.3 * (0.5 + 0.5 * Math.sin(now / 60_000 + (h % 1000)));
}

interface Container {
  name: string;
  resources?: { requests?: { cpu?: string; memory?: string } };
}

export function podMetricsOf(pod: SimObject, now: number): object {
  const containers = ((pod.spec as { containers?: Container[] } | undefined)?.containers ?? []).map((c) => {
    const w = wobble(`${pod.metadata.uid}/${c.name}`, now);
    const cpuNano = Math.round(milli(c.resources?.requests?.cpu, 100) * w * 1e6);
    const memKi = Math.round((bytes(c.resources?.requests?.memory, 128 * 1024 ** 2) * w) / 1024);
    return { name: c.name, usage: { cpu: `${cpuNano}n`, memory: `${memKi}Ki` } };
  });
  return {
    metadata: { name: pod.metadata.name, namespace: pod.metadata.namespace, creationTimestamp: new Date(now).toISOString().replace(/\.\d+Z$/, 'Z'), labels: pod.metadata.labels ?? {} },
    timestamp: new Date(now - 5000).toISOString().replace(/\.\d+Z$/, 'Z'),
    window: '10.281s',
    containers,
  };
}

export function nodeMetricsOf(node: SimObject, pods: SimObject[], now: number): object {
  let cpu = 150;
  let mem = 900 * 1024 ** 2;
  for (const p of pods) {
    if ((p.spec as { nodeName?: string } | undefined)?.nodeName !== node.metadata.name) continue;
    for (const c of (p.spec as { containers?: Container[] }).containers ?? []) {
      const w = wobble(`${p.metadata.uid}/${c.name}`, now);
      cpu += milli(c.resources?.requests?.cpu, 100) * w;
      mem += bytes(c.resources?.requests?.memory, 128 * 1024 ** 2) * w;
    }
  }
  return {
    metadata: { name: node.metadata.name, creationTimestamp: new Date(now).toISOString().replace(/\.\d+Z$/, 'Z'), labels: node.metadata.labels ?? {} },
    timestamp: new Date(now - 5000).toISOString().replace(/\.\d+Z$/, 'Z'),
    window: '20.022s',
    usage: { cpu: `${Math.round(cpu * 1e6)}n`, memory: `${Math.round(mem / 1024)}Ki` },
  };
}
