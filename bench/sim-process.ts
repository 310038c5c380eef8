// The benchmark's API server, in its own process so its CPU never counts against a client.
// Messages from the parent: { rate: N } sets pod changes per second (each stamped with
// sim.kdeck.io/changed-at = Date.now()); { stop: true } ends it. It answers { url, kubeconfig }.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator } from '../src/simulator/index.js';
import type { SimObject } from '../src/simulator/types.js';

const pods = Number(process.argv[2] ?? 1000);
const namespaces = Number(process.argv[3] ?? 50);
/** 0: the simulator's default (one node per 100 pods, at most 1,000). */
const nodes = Number(process.argv[4] ?? 0);

const sim = await startSimulator({ pods, namespaces, ...(nodes ? { nodes } : {}), controllers: false, seed: 42, watchHistory: 200_000 });
const cluster = sim.clusters[0]!;
const dir = mkdtempSync(join(tmpdir(), 'kdeck-bench-'));
const kubeconfig = join(dir, 'config');
sim.writeKubeconfig(kubeconfig);

const keys = cluster.store.list('pods').map((p) => [p.metadata.namespace, p.metadata.name] as const);
let rate = 0;
let carry = 0;
let next = 0;
const TICK_MS = 10;

/** When measuring kubectl (whose output carries no annotation): pod name → when it was changed. */
let recording: Map<string, number[]> | undefined;

/** One change: a label flip and a fresh changed-at stamp (what clients measure latency from). */
function change(): void {
  const [ns, name] = keys[next++ % keys.length]!;
  const p = cluster.store.get('pods', ns, name) as SimObject | undefined;
  if (!p) return;
  const now = Date.now();
  if (recording) {
    const times = recording.get(name) ?? [];
    times.push(now);
    recording.set(name, times);
  }
  const annotations = { ...(p.metadata.annotations ?? {}), 'sim.kdeck.io/changed-at': String(now) };
  const labels = { ...(p.metadata.labels ?? {}), 'bench-tick': String(next & 1) };
  cluster.store.update('pods', { ...p, metadata: { ...p.metadata, annotations, labels } });
}

const timer = setInterval(() => {
  if (rate <= 0) return;
  carry += (rate * TICK_MS) / 1000;
  while (carry >= 1) {
    carry -= 1;
    change();
  }
}, TICK_MS);

process.on('message', async (m: { rate?: number; stop?: boolean; record?: boolean; dump?: boolean }) => {
  if (m.record) recording = new Map();
  if (m.dump) {
    process.send!({ changes: [...(recording ?? new Map())] });
    recording = undefined;
  }
  if (typeof m.rate === 'number') {
    rate = m.rate;
    carry = 0;
    process.send!({ rateSet: rate });
  }
  if (m.stop) {
    clearInterval(timer);
    await sim.stop();
    process.exit(0);
  }
});
process.send!({ url: cluster.url, kubeconfig, pods: keys.length });
