// The deployment controller as kubectl rollout sees it: observedGeneration only with the status of that
// generation, rolling updates that surge and drain step by step, revision history and going back to an old
// template. (The replicaset and statefulset observedGeneration checks are here too: same invariant.)
import { describe, test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { RES, seedCluster } from '../../../src/simulator/objects/index.js';
import { startControllers, type Controllers } from '../../../src/simulator/controllers/index.js';
import { MemoryStore } from '../../../src/simulator/store.js';
import type { SimEvent, SimObject } from '../../../src/simulator/types.js';

let running: Controllers | undefined;
afterEach(() => {
  running?.stop();
  running = undefined;
});

function world(): MemoryStore {
  const store = new MemoryStore({ historySize: 100_000 });
  seedCluster(store, { name: 'ctl', pods: 40, namespaces: 2, seed: 9 });
  running = startControllers(store, { churn: 0, seed: 9, tickMs: 20, crashRatio: 0 });
  return store;
}

async function waitFor(what: string, cond: () => boolean, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const clone = (o: SimObject): SimObject => structuredClone(o);
interface DepStatus { observedGeneration?: number; replicas?: number; updatedReplicas?: number; readyReplicas?: number; availableReplicas?: number }
const depStatus = (o: SimObject) => (o.status ?? {}) as DepStatus;
const webSets = (store: MemoryStore) => store.list(RES.replicasets, 'team-a').filter((r) => r.metadata.name.startsWith('web-'));
const webPods = (store: MemoryStore) => store.list(RES.pods, 'team-a').filter((p) => p.metadata.labels?.app === 'web' && !p.metadata.deletionTimestamp);
const revision = (o: SimObject) => o.metadata.annotations?.['deployment.kubernetes.io/revision'];

function edit(store: MemoryStore, resource: string, ns: string, name: string, change: (o: SimObject) => void): void {
  const o = clone(store.get(resource, ns, name)!);
  change(o);
  store.update(resource, o);
}

/** kubectl rollout status's verdict on a deployment (rollout_status.go), or undefined while it waits. */
function rolledOut(dep: SimObject): boolean {
  const s = depStatus(dep);
  const want = (dep.spec as { replicas?: number }).replicas ?? 1;
  if ((dep.metadata.generation ?? 0) > (s.observedGeneration ?? 0)) return false;
  return (s.updatedReplicas ?? 0) >= want && (s.replicas ?? 0) <= (s.updatedReplicas ?? 0) && (s.availableReplicas ?? 0) >= (s.updatedReplicas ?? 0);
}

function changeImage(store: MemoryStore, image: string): void {
  edit(store, RES.deployments, 'team-a', 'web', (d) => {
    const c = (d.spec as { template: { spec: { containers: { image: string }[] } } }).template.spec.containers[0];
    c.image = image;
  });
}

describe('deployment controller', () => {
  test('scale 6 → 3: no status claims the new generation while it still counts 6 replicas', async () => {
    const store = world();
    edit(store, RES.deployments, 'team-a', 'web', (d) => ((d.spec as { replicas: number }).replicas = 6));
    await waitFor('6 available', () => rolledOut(store.get(RES.deployments, 'team-a', 'web')!) && depStatus(store.get(RES.deployments, 'team-a', 'web')!).availableReplicas === 6);
    const seen: DepStatus[] = [];
    const unsubscribe = store.subscribe((e: SimEvent) => {
      if (e.resource === RES.deployments && e.object.metadata.name === 'web' && e.object.metadata.namespace === 'team-a') {
        if (depStatus(e.object).observedGeneration === e.object.metadata.generation) seen.push(depStatus(e.object));
      }
    });
    edit(store, RES.deployments, 'team-a', 'web', (d) => ((d.spec as { replicas: number }).replicas = 3));
    await waitFor('observed at 3', () => rolledOut(store.get(RES.deployments, 'team-a', 'web')!) && depStatus(store.get(RES.deployments, 'team-a', 'web')!).replicas === 3);
    unsubscribe();
    assert.ok(seen.length > 0);
    for (const s of seen) assert.equal(s.replicas, 3, `a status of the new generation said ${JSON.stringify(s)}`);
  });

  test('a template change rolls out step by step within maxSurge/maxUnavailable, keeping history', async () => {
    const store = world();
    edit(store, RES.deployments, 'team-a', 'web', (d) => {
      (d.spec as { replicas: number }).replicas = 4;
      (d.spec as Record<string, unknown>).strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } };
    });
    await waitFor('4 ready', () => rolledOut(store.get(RES.deployments, 'team-a', 'web')!) && depStatus(store.get(RES.deployments, 'team-a', 'web')!).availableReplicas === 4);
    let maxPods = 0;
    let minReady = Infinity;
    const newSetSizes = new Set<number>();
    const before = new Set(webSets(store).map((r) => r.metadata.uid));
    const unsubscribe = store.subscribe((e: SimEvent) => {
      if (e.resource === RES.pods && e.object.metadata.labels?.app === 'web') {
        const pods = webPods(store);
        maxPods = Math.max(maxPods, pods.length);
        minReady = Math.min(minReady, pods.filter((p) => (p.status as { conditions?: { type: string; status: string }[] }).conditions?.some((c) => c.type === 'Ready' && c.status === 'True')).length);
      }
      if (e.resource === RES.replicasets && !before.has(e.object.metadata.uid) && e.object.metadata.name.startsWith('web-')) newSetSizes.add((e.object.spec as { replicas: number }).replicas);
    });
    changeImage(store, 'nginx:1.99');
    await waitFor('rolled out', () => {
      const d = store.get(RES.deployments, 'team-a', 'web')!;
      return rolledOut(d) && depStatus(d).replicas === 4 && webPods(store).length === 4;
    }, 60_000);
    unsubscribe();
    assert.ok(maxPods <= 5, `at most desired + maxSurge pods, saw ${maxPods}`);
    assert.ok(minReady >= 4, `never below desired - maxUnavailable ready, saw ${minReady}`);
    assert.deepEqual([...newSetSizes].sort(), [1, 2, 3, 4], 'the new replicaset grew one at a time');
    const sets = webSets(store);
    const fresh = sets.find((r) => !before.has(r.metadata.uid))!;
    for (const r of sets) if (r !== fresh) assert.equal((r.spec as { replicas: number }).replicas, 0, `${r.metadata.name} drained and kept`);
    assert.equal(revision(store.get(RES.deployments, 'team-a', 'web')!), revision(fresh));
  });

  test('going back to an old template reuses its replicaset under a new revision; history is capped by revisionHistoryLimit', async () => {
    const store = world();
    const original = webSets(store).find((r) => (r.spec as { replicas: number }).replicas > 0)!;
    // One replica keeps each rollout to one surge step.
    edit(store, RES.deployments, 'team-a', 'web', (d) => Object.assign(d.spec as object, { revisionHistoryLimit: 2, replicas: 1 }));
    const images = ['nginx:2', 'nginx:3', 'nginx:4'];
    for (const image of images) {
      changeImage(store, image);
      await waitFor(`${image} rolled out`, () => {
        const d = store.get(RES.deployments, 'team-a', 'web')!;
        return rolledOut(d) && webPods(store).length === 1 && webSets(store).filter((r) => (r.spec as { replicas: number }).replicas > 0).length === 1;
      }, 60_000);
    }
    await waitFor('history capped at 2 old replicasets', () => webSets(store).length === 3);
    assert.equal(store.get(RES.replicasets, 'team-a', original.metadata.name), undefined, 'the oldest revision was pruned');
    const byImage = (image: string) => webSets(store).find((r) => (r.spec as { template: { spec: { containers: { image: string }[] } } }).template.spec.containers[0].image === image);
    const three = byImage('nginx:3')!;
    const revBefore = Number(revision(store.get(RES.deployments, 'team-a', 'web')!));
    changeImage(store, 'nginx:3');
    await waitFor('back on nginx:3', () => {
      const d = store.get(RES.deployments, 'team-a', 'web')!;
      return rolledOut(d) && (store.get(RES.replicasets, 'team-a', three.metadata.name)!.spec as { replicas: number }).replicas === 1 && webPods(store).length === 1;
    }, 60_000);
    const reused = store.get(RES.replicasets, 'team-a', three.metadata.name)!;
    assert.equal(reused.metadata.uid, three.metadata.uid, 'the same replicaset');
    assert.equal(revision(reused), String(revBefore + 1));
    assert.equal(revision(store.get(RES.deployments, 'team-a', 'web')!), String(revBefore + 1));
  });

  test('replicasets and statefulsets: a status of a new generation already counts that generation', async () => {
    const store = world();
    const wrong: string[] = [];
    const unsubscribe = store.subscribe((e: SimEvent) => {
      const o = e.object;
      if (e.resource !== RES.replicasets && e.resource !== RES.statefulsets) return;
      const s = (o.status ?? {}) as Record<string, number | undefined>;
      if (s.observedGeneration !== o.metadata.generation || o.metadata.generation === 1) return;
      const want = (o.spec as { replicas?: number }).replicas;
      if (e.resource === RES.replicasets && s.replicas !== (want || undefined) && (s.replicas ?? 0) !== want) wrong.push(`rs ${o.metadata.name}: ${JSON.stringify(s)}`);
      if (e.resource === RES.statefulsets && o.metadata.name === 'redis' && (s.replicas ?? 0) === 1 && want === 3 && !store.get(RES.pods, 'team-a', 'redis-1')) wrong.push(`sts: ${JSON.stringify(s)}`);
    });
    edit(store, RES.deployments, 'team-a', 'web', (d) => ((d.spec as { replicas: number }).replicas = 5));
    edit(store, RES.statefulsets, 'team-a', 'redis', (s) => ((s.spec as { replicas: number }).replicas = 3));
    await waitFor('5 web pods, redis-2', () => webPods(store).length === 5 && !!store.get(RES.pods, 'team-a', 'redis-2'), 30_000);
    edit(store, RES.deployments, 'team-a', 'web', (d) => ((d.spec as { replicas: number }).replicas = 2));
    await waitFor('2 web pods', () => webPods(store).length === 2);
    unsubscribe();
    assert.deepEqual(wrong, []);
  });
});
