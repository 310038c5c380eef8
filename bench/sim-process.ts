// The benchmark's API server, in its own process so its CPU never counts against a client.
// Messages from the parent: { rate: N } sets pod changes per second (each stamped with
// sim.kdeck.io/changed-at = Date.now()); { forward: true } answers { forward: ForwardTarget } (a pod to port-forward
// to, and a plain TCP port straight to that pod's in-process responder: the forward bench's floor);
// { target: true } answers { target: { namespace, name } } (a running pod), { touch: { namespace, name, reason } } sets
// that pod's status reason and answers { touched: reason } (event-to-screen), { count: true } answers { count } (pod
// changes made so far); { stop: true } ends it. It answers { url, kubeconfig } once started.
import { mkdtempSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator } from '../src/simulator/index.js';
import { connectPodPort, containerPorts } from '../src/simulator/streaming/pod-ports.js';
import type { SimObject } from '../src/simulator/types.js';

export interface ForwardTarget {
  namespace: string;
  pod: string;
  port: number;
  /** 127.0.0.1:directPort reaches the pod's responder without the API server (the same bytes, no forward). */
  directPort: number;
}

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
let made = 0;
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
  made++;
}

const timer = setInterval(() => {
  if (rate <= 0) return;
  carry += (rate * TICK_MS) / 1000;
  while (carry >= 1) {
    carry -= 1;
    change();
  }
}, TICK_MS);

/** The first running pod (by name) with a TCP container port, and a direct TCP listener to it. */
async function forwardTarget(): Promise<ForwardTarget> {
  const pod = cluster.store.list('pods')
    .filter((p) => (p.status as { phase?: string }).phase === 'Running' && containerPorts(p).length > 0)
    .sort((a, b) => a.metadata.name.localeCompare(b.metadata.name))[0];
  if (!pod) throw new Error('no running pod with a container port');
  const port = containerPorts(pod)[0]!;
  const direct = createServer((sock) => {
    const c = connectPodPort(pod, port);
    if ('error' in c) return void sock.destroy();
    sock.on('error', () => c.socket.destroy());
    c.socket.on('error', () => sock.destroy());
    sock.pipe(c.socket).pipe(sock);
  });
  await new Promise<void>((r) => direct.listen(0, '127.0.0.1', r));
  return { namespace: pod.metadata.namespace!, pod: pod.metadata.name, port, directPort: (direct.address() as AddressInfo).port };
}

type Touch = { namespace: string; name: string; reason: string };
process.on('message', async (m: { rate?: number; stop?: boolean; record?: boolean; dump?: boolean; forward?: boolean; target?: boolean; touch?: Touch; count?: boolean }) => {
  if (m.forward) process.send!({ forward: await forwardTarget() });
  if (m.target) {
    const pod = cluster.store.list('pods').find((p) => (p.status as { phase?: string }).phase === 'Running')!;
    process.send!({ target: { namespace: pod.metadata.namespace, name: pod.metadata.name } });
  }
  if (m.touch) {
    const { namespace, name, reason } = m.touch;
    const p = cluster.store.get('pods', namespace, name) as SimObject | undefined;
    if (p) cluster.store.update('pods', { ...p, status: { ...(p.status as object), reason } } as SimObject);
    process.send!({ touched: reason });
  }
  if (m.count) process.send!({ count: made });
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
