import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { RES, seedCluster } from '../../../src/simulator/objects/index.js';
import { printTable } from '../../../src/simulator/printers/index.js';
import { MemoryStore } from '../../../src/simulator/store.js';
import type { SimObject } from '../../../src/simulator/types.js';

const NOW = Date.parse('2026-11-23T04:00:00Z');

function seeded(pods: number, namespaces: number, seed = 42): MemoryStore {
  const store = new MemoryStore();
  seedCluster(store, { name: 'kind-demo', pods, namespaces, seed }, { now: NOW });
  return store;
}

const statuses = (store: MemoryStore) => printTable(RES.pods, store.list(RES.pods), { now: NOW }).rows.map((r) => String(r.cells[2]));

describe('seedCluster', () => {
  test('honours the pod count exactly, small and large', () => {
    for (const [pods, ns] of [[12, 1], [20, 2], [137, 3], [1000, 6], [5000, 25]] as const) {
      const store = seeded(pods, ns);
      assert.equal(store.count(RES.pods), pods, `pods=${pods}`);
    }
  });

  test('takes a node count, and schedules pods only on those nodes', () => {
    const store = new MemoryStore();
    seedCluster(store, { name: 'big', pods: 2000, namespaces: 40, nodes: 50, seed: 1 }, { now: NOW });
    const nodes = new Set(store.list(RES.nodes).map((n) => n.metadata.name));
    assert.equal(nodes.size, 50);
    assert.equal(store.count(RES.pods), 2000);
    for (const p of store.list(RES.pods)) {
      const node = (p.spec as { nodeName?: string }).nodeName;
      if (node) assert.ok(nodes.has(node), node);
    }
  });

  test('thousands of nodes: a kube-proxy pod on each (generated names that collide get another), valid pod IPs', () => {
    const store = new MemoryStore();
    // 3,300 nodes: past the 3,072 /24 blocks of 10.244-10.255, and enough same-prefix names to collide for seed 42.
    seedCluster(store, { name: 'big', pods: 11_500, namespaces: 30, nodes: 3300, seed: 42 }, { now: NOW });
    const proxies = store.list(RES.pods, 'kube-system').filter((p) => p.metadata.name.startsWith('kube-proxy-'));
    assert.equal(proxies.length, 3300);
    assert.equal(new Set(proxies.map((p) => (p.spec as { nodeName: string }).nodeName)).size, 3300);
    const ips = store.list(RES.pods).map((p) => (p.status as { podIP?: string }).podIP).filter((ip): ip is string => !!ip);
    for (const ip of ips) assert.match(ip, /^10\.(25[0-5]|2[0-4]\d|1\d\d|\d\d?)\.(25[0-5]|2[0-4]\d|1\d\d|\d\d?)\.(25[0-5]|2[0-4]\d|1\d\d|\d\d?)$/, ip);
  });

  test('is deterministic for a seed and differs for another seed', () => {
    const names = (s: MemoryStore) => s.list(RES.pods).map((p) => `${p.metadata.namespace}/${p.metadata.name}/${p.metadata.uid}`);
    assert.deepEqual(names(seeded(300, 4, 7)), names(seeded(300, 4, 7)));
    assert.notDeepEqual(names(seeded(300, 4, 7)), names(seeded(300, 4, 8)));
  });

  test('has the namespaces, nodes, kinds and the CRD a demo needs', () => {
    const store = seeded(400, 5);
    const ns = store.list(RES.namespaces).map((n) => n.metadata.name);
    for (const want of ['default', 'kube-system', 'kube-public', 'team-a', 'shop', 'payments']) assert.ok(ns.includes(want), want);
    assert.ok(store.count(RES.nodes) >= 3);
    for (const r of Object.values(RES)) assert.ok(store.count(r) > 0, `no ${r}`);
    const crd = store.get(RES.crds, undefined, 'crontabs.stable.example.com')!;
    const spec = crd.spec as { names: { shortNames: string[] }; versions: { additionalPrinterColumns: { priority?: number }[] }[] };
    assert.deepEqual(spec.names.shortNames, ['ct']);
    assert.ok(spec.versions[0].additionalPrinterColumns.some((c) => c.priority === 1));
  });

  test('team-a runs deployment web (app=web) with pods; the cluster shows trouble and completed work', () => {
    for (const pods of [20, 400]) {
      const store = seeded(pods, 3);
      const web = store.get(RES.deployments, 'team-a', 'web');
      assert.ok(web, `web at pods=${pods}`);
      assert.deepEqual(web!.metadata.labels, { app: 'web' });
      const webPods = store.list(RES.pods, 'team-a').filter((p) => p.metadata.labels?.app === 'web');
      assert.equal(webPods.length, (web!.spec as { replicas: number }).replicas);
      const st = statuses(store);
      assert.ok(st.includes('CrashLoopBackOff'), `crash loop at ${pods}`);
      assert.ok(st.includes('Pending'), `pending at ${pods}`);
      assert.ok(st.includes('Completed'), `completed at ${pods}`);
      assert.ok(st.filter((s) => s === 'Running').length > pods / 2);
    }
  });

  test('owner references form deployment → replicaset → pod chains with matching uids and labels', () => {
    const store = seeded(500, 4);
    const byUid = new Map<string, SimObject>();
    for (const r of store.resources()) for (const o of store.list(r)) byUid.set(o.metadata.uid!, o);
    let owned = 0;
    for (const pod of store.list(RES.pods)) {
      for (const ref of pod.metadata.ownerReferences ?? []) {
        const owner = byUid.get(ref.uid);
        assert.ok(owner, `owner of ${pod.metadata.name}`);
        assert.equal(owner!.kind, ref.kind);
        assert.equal(owner!.metadata.name, ref.name);
        if (ref.kind === 'ReplicaSet') {
          owned++;
          const sel = (owner!.spec as { selector: { matchLabels: Record<string, string> } }).selector.matchLabels;
          for (const [k, v] of Object.entries(sel)) assert.equal(pod.metadata.labels?.[k], v);
          const dep = byUid.get(owner!.metadata.ownerReferences![0].uid)!;
          assert.equal(dep.kind, 'Deployment');
          assert.ok(pod.metadata.name.startsWith(`${dep.metadata.name}-`));
        }
      }
    }
    assert.ok(owned > 300);
  });

  test('pods are shaped like real ones and weigh 2-4 KB as JSON', () => {
    const store = seeded(1000, 6);
    const pods = store.list(RES.pods);
    const sizes = pods.map((p) => JSON.stringify(p).length).sort((a, b) => a - b);
    const median = sizes[sizes.length >> 1];
    assert.ok(median >= 2048 && median <= 4096, `median ${median}`);
    assert.ok(sizes[Math.floor(sizes.length * 0.9)] <= 4200, `p90 ${sizes[Math.floor(sizes.length * 0.9)]}`);
    assert.ok(sizes[0] >= 1800 && sizes[sizes.length - 1] <= 5200, `range ${sizes[0]}..${sizes[sizes.length - 1]}`);
    const running = pods.find((p) => (p.status as { phase: string }).phase === 'Running' && p.metadata.labels?.app === 'web')!;
    const spec = running.spec as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    const status = running.status as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    const c = spec.containers[0];
    for (const k of ['image', 'ports', 'resources', 'env', 'volumeMounts', 'livenessProbe', 'readinessProbe']) assert.ok(c[k], `container.${k}`);
    for (const k of ['conditions', 'containerStatuses', 'hostIP', 'podIP', 'podIPs', 'qosClass', 'startTime']) assert.ok(status[k], `status.${k}`);
    assert.match(running.metadata.uid!, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(status.qosClass, 'Burstable');
  });

  // The 50,000-pod figure is measured by test/simulator/world/bench-world.ts (kept out of the suite's time).
  test('seeds 10,000 pods on 100 nodes', () => {
    const store = new MemoryStore();
    const summary = seedCluster(store, { name: 'big', pods: 10_000, namespaces: 12, seed: 1 });
    assert.equal(summary.pods, 10_000);
    assert.equal(store.count(RES.pods), 10_000);
    assert.equal(store.count(RES.nodes), 100);
  });
});
