// The metrics columns against the simulator's metrics.k8s.io, with the percentages worked out here by hand from
// the raw PodMetrics/NodeMetrics and the pods' requests; and the API missing or forbidden as a state.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startSimulator } from '../../src/simulator/index.js';
import { plainClient } from '../helpers/plain-client.js';
import { FORBIDDEN, MetricsSource, NOT_SERVED } from '../../src/metrics/source.js';
import type { NodeMetricsSnapshot, PodMetricsSnapshot } from '../../src/metrics/source.js';
import { nodeMetricCells, percent, podMetricCells, podResources } from '../../src/metrics/figures.js';
import { parseQuantity } from '../../src/metrics/quantity.js';

function next<T extends { state: { status: string } }>(subscribe: (l: (s: T) => void) => () => void): Promise<T> {
  return new Promise((resolve) => {
    const off = subscribe((s) => {
      if (s.state.status === 'loading') return;
      queueMicrotask(() => off());
      resolve(s);
    });
  });
}

test('percentages by hand: over 100, no request, no metrics yet', () => {
  // 250m used of a 100m request and a 500m limit; 96Mi of a 64Mi request, no memory limit.
  const res = podResources({ spec: { containers: [{ resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '500m' } } }] } });
  assert.deepEqual(podMetricCells({ cpu: 0.25, memory: 96 * 1024 ** 2 }, res), ['250m', '96Mi', '250', '50', '150', 'n/a', '100m', '500m', '64Mi', 'n/a']);
  // two containers sum; a container without requests adds nothing
  const two = podResources({ spec: { containers: [{ resources: { requests: { cpu: '0.2' } } }, { resources: { requests: { cpu: '300m' } } }, {}] } });
  assert.equal(two.cpuRequest, 0.5);
  assert.deepEqual(podMetricCells(undefined, two).slice(0, 6), ['-', '-', '-', '-', '-', '-']);
  assert.deepEqual(podMetricCells(undefined, two, 'n/a').slice(0, 3), ['n/a', 'n/a', 'n/a']);
  assert.equal(percent(3, 2), '150');
  assert.equal(percent(1, 0), 'n/a');
  // a node at 1.5 of 4 cores and 6 of 16 GiB, 12 pods
  assert.deepEqual(nodeMetricCells({ cpu: 1.5, memory: 6 * 1024 ** 3 }, { cpu: 4, memory: 16 * 1024 ** 3 }, 12), ['12', '1500m', '6144Mi', '38', '38', '4000m', '16384Mi']);
  assert.ok(Math.abs(parseQuantity('2417683n') - 0.002417683) < 1e-15);
  assert.equal(parseQuantity('1.5e3'), 1500);
});

test('pods and nodes against the simulator: figures match the raw API, percentages computed by hand', async () => {
  const sim = await startSimulator({ pods: 40, namespaces: 2, controllers: false, seed: 5 });
  const client = plainClient(sim.clusters[0].url);
  const source = new MetricsSource(client, 60_000);
  try {
    const namespaces = (await client.requestJson<{ items: { metadata: { name: string } }[] }>({ path: '/api/v1/namespaces' })).items.map((n) => n.metadata.name);
    const ns = namespaces.find((n) => n !== 'kube-system' && n !== 'default' && !n.startsWith('kube-')) ?? 'default';
    const snap = await next<PodMetricsSnapshot>((l) => source.pods(ns, l));
    assert.equal(snap.state.status, 'ok');
    const raw = await client.requestJson<{ items: { metadata: { name: string; namespace: string }; containers: { usage: { cpu: string; memory: string } }[] }[] }>({ path: `/apis/metrics.k8s.io/v1beta1/namespaces/${ns}/pods` });
    const pods = await client.requestJson<{ items: { metadata: { uid: string; name: string }; spec: { containers: { resources?: { requests?: Record<string, string>; limits?: Record<string, string> } }[] } }[] }>({ path: `/api/v1/namespaces/${ns}/pods` });
    assert.ok(raw.items.length > 0, 'running pods have metrics');
    assert.equal(snap.usage.size, raw.items.length, 'only the visible namespace is fetched');
    let checked = 0;
    for (const m of raw.items) {
      const pod = pods.items.find((p) => p.metadata.name === m.metadata.name)!;
      // by hand: nanocores and KiB summed over containers, requests summed over containers
      const cpuNano = m.containers.reduce((a, c) => a + Number(c.usage.cpu.replace(/n$/, '')), 0);
      const memKi = m.containers.reduce((a, c) => a + Number(c.usage.memory.replace(/Ki$/, '')), 0);
      const milli = (q: string) => (q.endsWith('m') ? Number(q.slice(0, -1)) : Number(q) * 1000);
      const mib = (q: string) => (q.endsWith('Mi') ? Number(q.slice(0, -2)) : q.endsWith('Gi') ? Number(q.slice(0, -2)) * 1024 : NaN);
      const reqs = pod.spec.containers.map((c) => c.resources?.requests?.cpu).filter((x): x is string => !!x);
      const memLims = pod.spec.containers.map((c) => c.resources?.limits?.memory).filter((x): x is string => !!x);
      const usage = snap.usage.get(`${ns}/${m.metadata.name}`);
      // the scrape may have ticked between the two reads; compare against the raw answer only when it did not
      if (!usage || Math.abs(usage.cpu * 1e9 - cpuNano) > 1) continue;
      const cells = podMetricCells(usage, snap.resources.get(pod.metadata.uid));
      assert.equal(cells[0], `${Math.round(cpuNano / 1e6)}m`);
      assert.equal(cells[1], `${Math.round(memKi / 1024)}Mi`);
      if (reqs.length) assert.equal(cells[2], String(Math.round((cpuNano / 1e6 / reqs.reduce((a, q) => a + milli(q), 0)) * 100)), `${m.metadata.name} %CPU/R`);
      else assert.equal(cells[2], 'n/a');
      if (memLims.length) assert.equal(cells[5], String(Math.round((memKi / 1024 / memLims.reduce((a, q) => a + mib(q), 0)) * 100)), `${m.metadata.name} %MEM/L`);
      checked++;
    }
    assert.ok(checked >= Math.min(3, raw.items.length), `checked ${checked} pods`);

    const nodes = await next<NodeMetricsSnapshot>((l) => source.nodes(l));
    assert.equal(nodes.state.status, 'ok');
    const rawNodes = await client.requestJson<{ items: { metadata: { name: string }; usage: { cpu: string; memory: string } }[] }>({ path: '/apis/metrics.k8s.io/v1beta1/nodes' });
    const nodeObjs = await client.requestJson<{ items: { metadata: { name: string }; status: { allocatable: { cpu: string; memory: string } } }[] }>({ path: '/api/v1/nodes' });
    for (const n of rawNodes.items) {
      const u = nodes.usage.get(n.metadata.name)!;
      if (Math.abs(u.cpu * 1e9 - Number(n.usage.cpu.replace(/n$/, ''))) > 1) continue;
      const alloc = nodeObjs.items.find((o) => o.metadata.name === n.metadata.name)!.status.allocatable;
      const allocMilli = alloc.cpu.endsWith('m') ? Number(alloc.cpu.slice(0, -1)) : Number(alloc.cpu) * 1000;
      const cells = nodeMetricCells(u, nodes.allocatable.get(n.metadata.name), 7);
      assert.equal(cells[0], '7');
      assert.equal(cells[3], String(Math.round((Number(n.usage.cpu.replace(/n$/, '')) / 1e6 / allocMilli) * 100)), `${n.metadata.name} %CPU`);
    }
    // cached per context: a new subscriber gets the last answer at once, without waiting for a fetch
    let first: PodMetricsSnapshot | undefined;
    const off = source.pods(ns, (s) => (first ??= s));
    off();
    assert.equal(first?.state.status, 'ok');
  } finally {
    source.close();
    await client.close();
    await sim.stop();
  }
});

test('metrics API not served or forbidden: a state saying why, not an error', async () => {
  const srv = createServer((req, res) => {
    const forbidden = req.url!.includes('forbidden');
    if (req.url!.startsWith('/apis/metrics.k8s.io/')) {
      const code = forbidden || req.headers['x-who'] === 'jane' ? 403 : 404;
      res.writeHead(code, { 'content-type': 'application/json' }).end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', code, reason: code === 403 ? 'Forbidden' : 'NotFound', message: code === 403 ? 'pods.metrics.k8s.io is forbidden' : 'the server could not find the requested resource' }));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ kind: 'List', items: [] }));
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const client = plainClient(`http://127.0.0.1:${(srv.address() as AddressInfo).port}`);
  const source = new MetricsSource(client, 60_000);
  try {
    const missing = await next<PodMetricsSnapshot>((l) => source.pods('team-a', l));
    assert.deepEqual(missing.state, { status: 'unavailable', reason: NOT_SERVED });
    const denied = await next<PodMetricsSnapshot>((l) => source.pods('forbidden', l));
    assert.deepEqual(denied.state, { status: 'unavailable', reason: FORBIDDEN });
    const nodes = await next<NodeMetricsSnapshot>((l) => source.nodes(l));
    assert.equal(nodes.state.status, 'unavailable');
  } finally {
    source.close();
    await client.close();
    await new Promise((r) => srv.close(r));
  }
});

test('a feed coming back within the interval shows its last answer at once and asks again only when it is due', async () => {
  const sim = await startSimulator({ pods: 40, namespaces: 2, controllers: false, seed: 5 });
  const plain = plainClient(sim.clusters[0].url);
  const asked: string[] = [];
  // The real client, with each request it is given recorded.
  const client = Object.assign(Object.create(plain) as typeof plain, {
    requestJson: (o: Parameters<typeof plain.requestJson>[0]) => {
      asked.push(o.path);
      return plain.requestJson(o);
    },
  });
  const fresh = new MetricsSource(client, 60_000);
  const short = new MetricsSource(client, 20);
  try {
    const ns = 'default';
    assert.equal(fresh.peekPods(ns), undefined, 'nothing answered yet');
    const snap = await next<PodMetricsSnapshot>((l) => fresh.pods(ns, l));
    assert.equal(fresh.peekPods(ns), snap, 'the last answer, for a first frame to paint');
    assert.equal(fresh.peekPods('kube-system'), undefined, 'another namespace was never asked');
    const before = asked.length;
    let got: PodMetricsSnapshot | undefined;
    const off = fresh.pods(ns, (s) => (got ??= s));
    assert.equal(got, snap, 'given the last answer on subscribing');
    assert.deepEqual(asked.slice(before), [], 'not asked again: the answer is younger than the interval');
    off();
    // Rows on screen whose requests and limits are unknown make it due: asked at once, pod specs included.
    const offDue = fresh.pods(ns, () => {}, () => true);
    assert.deepEqual(asked.slice(before), [`/apis/metrics.k8s.io/v1beta1/namespaces/${ns}/pods`, `/api/v1/namespaces/${ns}/pods`]);
    offDue();
    // Older than the interval: asked at once on coming back, as a first subscription is.
    await next<PodMetricsSnapshot>((l) => short.pods(ns, l));
    await new Promise((r) => setTimeout(r, 40));
    const later = asked.length;
    const offShort = short.pods(ns, () => {});
    assert.deepEqual(asked.slice(later), [`/apis/metrics.k8s.io/v1beta1/namespaces/${ns}/pods`]);
    offShort();
    const nodes = await next<NodeMetricsSnapshot>((l) => fresh.nodes(l));
    assert.equal(fresh.peekNodes(), nodes);
    const n = asked.length;
    fresh.nodes(() => {})();
    assert.deepEqual(asked.slice(n), [], 'nodes alike');
  } finally {
    fresh.close();
    short.close();
    await plain.close();
    await sim.stop();
  }
});
