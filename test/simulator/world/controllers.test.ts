import { describe, test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { CHANGED_AT, RES, seedCluster } from '../../../src/simulator/objects/index.js';
import { startControllers, type Controllers } from '../../../src/simulator/controllers/index.js';
import { printRow } from '../../../src/simulator/printers/index.js';
import { MemoryStore } from '../../../src/simulator/store.js';
import type { SimEvent, SimObject } from '../../../src/simulator/types.js';

let running: Controllers | undefined;
afterEach(() => {
  running?.stop();
  running = undefined;
});

function world(opts: { churn?: number; pods?: number; heartbeatMs?: number } = {}): MemoryStore {
  const store = new MemoryStore({ historySize: 100_000 });
  seedCluster(store, { name: 'ctl', pods: opts.pods ?? 40, namespaces: 2, seed: 9 });
  running = startControllers(store, { churn: opts.churn ?? 0, seed: 9, tickMs: 20, crashRatio: 0, heartbeatMs: opts.heartbeatMs });
  return store;
}

async function waitFor(what: string, cond: () => boolean, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const clone = (o: SimObject): SimObject => structuredClone(o);
const webPods = (store: MemoryStore) => store.list(RES.pods, 'team-a').filter((p) => p.metadata.labels?.app === 'web');
const live = (pods: SimObject[]) => pods.filter((p) => !p.metadata.deletionTimestamp);
const status = (p: SimObject) => printRow(RES.pods, p).cells[2];

function setReplicas(store: MemoryStore, n: number): void {
  const dep = clone(store.get(RES.deployments, 'team-a', 'web')!);
  (dep.spec as { replicas: number }).replicas = n;
  store.update(RES.deployments, dep);
}

describe('controllers', () => {
  test('scaling a deployment up adds pods that go Pending → ContainerCreating → Running; scaling down removes them', async () => {
    const store = world();
    const seen = new Map<string, Set<unknown>>();
    store.subscribe((e: SimEvent) => {
      if (e.resource !== RES.pods || e.object.metadata.labels?.app !== 'web') return;
      const set = seen.get(e.object.metadata.name) ?? new Set();
      set.add(status(e.object));
      seen.set(e.object.metadata.name, set);
    });
    const before = new Set(webPods(store).map((p) => p.metadata.name));
    assert.equal(before.size, 3);
    setReplicas(store, 6);
    await waitFor('6 running web pods', () => live(webPods(store)).filter((p) => status(p) === 'Running').length === 6);
    const fresh = webPods(store).filter((p) => !before.has(p.metadata.name));
    assert.equal(fresh.length, 3);
    for (const p of fresh) {
      assert.match(p.metadata.name, /^web-[a-z0-9]{10}-[a-z0-9]{5}$/);
      assert.equal(p.metadata.generateName, p.metadata.name.slice(0, -5));
      assert.deepEqual([...seen.get(p.metadata.name)!], ['Pending', 'ContainerCreating', 'Running']);
      assert.ok(p.metadata.annotations?.[CHANGED_AT]);
      assert.ok((p.spec as { nodeName?: string }).nodeName);
      assert.match((p.status as { podIP?: string }).podIP ?? '', /^10\.2\d\d\.\d+\.\d+$/);
      assert.ok((p.status as { hostIP?: string }).hostIP);
    }
    await waitFor('deployment status 6/6', () => (store.get(RES.deployments, 'team-a', 'web')!.status as { readyReplicas?: number }).readyReplicas === 6);
    const addresses = () => ((store.get(RES.endpoints, 'team-a', 'web')!.subsets as { addresses?: { ip: string }[] }[] | undefined)?.[0]?.addresses ?? []).map((a) => a.ip).sort();
    const podIPs = () => live(webPods(store)).map((p) => (p.status as { podIP: string }).podIP).sort();
    await waitFor('endpoints list the 6 pods', () => addresses().length === 6 && addresses().join() === podIPs().join());
    setReplicas(store, 1);
    await waitFor('terminating pods', () => webPods(store).some((p) => status(p) === 'Terminating'));
    await waitFor('one web pod left', () => webPods(store).length === 1);
    await waitFor('deployment status 1/1', () => printRow(RES.deployments, store.get(RES.deployments, 'team-a', 'web')!).cells[1] === '1/1');
    await waitFor('endpoints list the 1 pod', () => addresses().length === 1 && addresses().join() === podIPs().join());
    store.remove(RES.services, 'team-a', 'web');
    await waitFor('endpoints removed with their service', () => !store.get(RES.endpoints, 'team-a', 'web'));
  });

  test('rollout restart (template annotation) makes a new replicaset and replaces the pods', async () => {
    const store = world();
    const oldRs = store.list(RES.replicasets, 'team-a').filter((r) => r.metadata.name.startsWith('web-'));
    const oldPods = new Set(webPods(store).map((p) => p.metadata.name));
    const dep = clone(store.get(RES.deployments, 'team-a', 'web')!);
    const template = (dep.spec as { template: { metadata: { annotations?: Record<string, string> } } }).template;
    template.metadata.annotations = { ...(template.metadata.annotations ?? {}), 'kubectl.kubernetes.io/restartedAt': new Date().toISOString() };
    store.update(RES.deployments, dep);
    await waitFor('a new replicaset', () => store.list(RES.replicasets, 'team-a').filter((r) => r.metadata.name.startsWith('web-')).length === oldRs.length + 1);
    const sets = store.list(RES.replicasets, 'team-a').filter((r) => r.metadata.name.startsWith('web-'));
    const fresh = sets.find((r) => !oldRs.some((o) => o.metadata.uid === r.metadata.uid))!;
    // RollingUpdate with 25% surge of 3: the new replicaset starts at one pod, not all three.
    assert.equal((fresh.spec as { replicas: number }).replicas, 1);
    const revisions = oldRs.map((r) => Number(r.metadata.annotations!['deployment.kubernetes.io/revision']));
    assert.equal(fresh.metadata.annotations!['deployment.kubernetes.io/revision'], String(Math.max(...revisions) + 1));
    await waitFor('3 new running pods, old ones gone', () => {
      const pods = webPods(store);
      return pods.length === 3 && pods.every((p) => !oldPods.has(p.metadata.name) && status(p) === 'Running');
    }, 30_000);
    for (const r of oldRs) assert.equal((store.get(RES.replicasets, 'team-a', r.metadata.name)!.spec as { replicas: number }).replicas, 0);
    assert.equal(store.get(RES.deployments, 'team-a', 'web')!.metadata.annotations!['deployment.kubernetes.io/revision'], fresh.metadata.annotations!['deployment.kubernetes.io/revision']);
  });

  test('garbage collection removes dependents of a deleted owner and objects whose owner never existed', async () => {
    const store = world();
    const dep = store.get(RES.deployments, 'team-a', 'web')!;
    const sets = store.list(RES.replicasets, 'team-a').filter((r) => r.metadata.ownerReferences?.[0].uid === dep.metadata.uid);
    assert.ok(sets.length >= 1);
    store.remove(RES.deployments, 'team-a', 'web');
    await waitFor('orphaned pods terminating', () => webPods(store).some((p) => status(p) === 'Terminating'));
    await waitFor('replicasets and pods collected', () => webPods(store).length === 0 && sets.every((r) => !store.get(RES.replicasets, 'team-a', r.metadata.name)));
    store.create(RES.configmaps, {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'orphan', namespace: 'team-a', ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'gone', uid: 'no-such-uid' }] },
      data: {},
    });
    store.create(RES.configmaps, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'free', namespace: 'team-a' }, data: {} });
    await waitFor('orphan removed', () => !store.get(RES.configmaps, 'team-a', 'orphan'));
    assert.ok(store.get(RES.configmaps, 'team-a', 'free'));
    // A deleted pod of a live replicaset is replaced.
    const apiPods = () => store.list(RES.pods, 'team-a').filter((p) => p.metadata.labels?.app === 'api');
    const count = apiPods().length;
    const victim = apiPods()[0].metadata.name;
    store.remove(RES.pods, 'team-a', victim);
    assert.equal(apiPods().length, count - 1);
    await waitFor('replacement pod', () => apiPods().length === count && !apiPods().some((p) => p.metadata.name === victim));
  });

  test('a job runs its pod to completion and reports Complete', async () => {
    const store = world();
    const template = clone(store.list(RES.jobs, 'team-a')[0]).spec as { template: { metadata: { labels: Record<string, string> } } };
    template.template.metadata.labels = {};
    store.create(RES.jobs, {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'once', namespace: 'team-a', uid: 'job-once-uid' },
      spec: { completions: 1, parallelism: 1, template: template.template },
      status: {},
    });
    await waitFor('job complete', () => printRow(RES.jobs, store.get(RES.jobs, 'team-a', 'once')!).cells[1] === 'Complete', 15_000);
    const pods = store.list(RES.pods, 'team-a').filter((p) => p.metadata.ownerReferences?.[0].uid === 'job-once-uid');
    assert.equal(pods.length, 1);
    assert.equal(status(pods[0]), 'Completed');
    assert.equal(printRow(RES.jobs, store.get(RES.jobs, 'team-a', 'once')!).cells[2], '1/1');
  });

  test('churn produces about the requested rate of pod status changes, all stamped', async () => {
    const store = world({ churn: 200, pods: 300 });
    await new Promise((r) => setTimeout(r, 300)); // let start-up reconciles settle
    let changes = 0;
    let unstamped = 0;
    const unsubscribe = store.subscribe((e) => {
      if (e.resource !== RES.pods || e.type !== 'MODIFIED') return;
      changes++;
      if (!e.object.metadata.annotations?.[CHANGED_AT]) unstamped++;
    });
    const started = Date.now();
    await new Promise((r) => setTimeout(r, 2000));
    const seconds = (Date.now() - started) / 1000;
    unsubscribe();
    const rate = changes / seconds;
    assert.ok(rate > 60 && rate < 400, `rate ${rate.toFixed(0)}/s for 200/s asked`);
    assert.equal(unstamped, 0);
    const notReady = store.list(RES.pods).filter((p) => status(p) === 'Running' && printRow(RES.pods, p).cells[1] === '0/1').length;
    assert.ok(notReady < 300 * 0.1, `not ready ${notReady}`);
  });

  test('a statefulset scales up in order with its claims and down from the highest ordinal', async () => {
    const store = world();
    const redis = () => store.list(RES.pods, 'team-a').filter((p) => p.metadata.labels?.app === 'redis' && !p.metadata.deletionTimestamp);
    assert.deepEqual(redis().map((p) => p.metadata.name), ['redis-0']);
    const sts = clone(store.get(RES.statefulsets, 'team-a', 'redis')!);
    (sts.spec as { replicas: number }).replicas = 3;
    store.update(RES.statefulsets, sts);
    await waitFor('redis-0..2 running', () => redis().length === 3 && redis().every((p) => status(p) === 'Running'), 15_000);
    const created = redis().map((p) => [p.metadata.name, Date.parse(p.metadata.creationTimestamp!)] as const).sort();
    assert.ok(created[1][1] <= created[2][1], 'redis-1 before redis-2');
    for (const p of redis()) {
      assert.equal(p.metadata.labels?.['statefulset.kubernetes.io/pod-name'], p.metadata.name);
      assert.ok(store.get(RES.persistentvolumeclaims, 'team-a', `data-${p.metadata.name}`), `claim of ${p.metadata.name}`);
    }
    await waitFor('sts status 3/3', () => printRow(RES.statefulsets, store.get(RES.statefulsets, 'team-a', 'redis')!).cells[1] === '3/3');
    const down = clone(store.get(RES.statefulsets, 'team-a', 'redis')!);
    (down.spec as { replicas: number }).replicas = 1;
    store.update(RES.statefulsets, down);
    await waitFor('back to redis-0', () => store.list(RES.pods, 'team-a').filter((p) => p.metadata.labels?.app === 'redis').map((p) => p.metadata.name).join() === 'redis-0', 15_000);
  });

  test('a daemonset puts a pod on a new node', async () => {
    const store = world();
    const proxies = () => store.list(RES.pods, 'kube-system').filter((p) => p.metadata.labels?.['k8s-app'] === 'kube-proxy');
    const before = proxies().length;
    const node = clone(store.list(RES.nodes)[1]);
    node.metadata = { name: 'ctl-worker9', labels: { ...node.metadata.labels, 'kubernetes.io/hostname': 'ctl-worker9' } };
    store.create(RES.nodes, node);
    await waitFor('kube-proxy on the new node', () => proxies().some((p) => (p.spec as { nodeName?: string }).nodeName === 'ctl-worker9' && status(p) === 'Running'));
    assert.equal(proxies().length, before + 1);
    const onNew = proxies().find((p) => (p.spec as { nodeName?: string }).nodeName === 'ctl-worker9')!;
    assert.equal((onNew.status as { podIP?: string }).podIP, (onNew.status as { hostIP?: string }).hostIP, 'host network');
    await waitFor('ds status', () => printRow(RES.daemonsets, store.get(RES.daemonsets, 'kube-system', 'kube-proxy')!).cells[1] === before + 1);
  });

  test('nodes post heartbeats; events stay bounded', async () => {
    const store = world({ heartbeatMs: 100 });
    const node = store.list(RES.nodes)[1];
    const before = (node.status as { conditions: { lastHeartbeatTime: string }[] }).conditions[3].lastHeartbeatTime;
    await waitFor('a heartbeat', () => {
      const n = store.get(RES.nodes, undefined, node.metadata.name)!;
      return !!n.metadata.annotations?.[CHANGED_AT] && (n.status as { conditions: { lastHeartbeatTime: string }[] }).conditions[3].lastHeartbeatTime !== before;
    }, 5000);
    const eventsBefore = store.count(RES.events);
    setReplicas(store, 60);
    await waitFor('60 web pods running', () => live(webPods(store)).filter((p) => status(p) === 'Running').length === 60);
    assert.ok(store.count(RES.events) <= eventsBefore + 500);
  });
});
