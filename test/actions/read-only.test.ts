// Read-only mode against every action: each mutating call is refused in the request layer, so the transport never
// sends it (counted under the read-only wrapper) and the simulator's store does not change (its resourceVersion
// stays where it was).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { deleteResource, killPod } from '../../src/actions/delete.js';
import { restart, rollback, scale } from '../../src/actions/workloads.js';
import { setSuspended, trigger } from '../../src/actions/cronjobs.js';
import { drain, setCordoned } from '../../src/actions/nodes.js';
import { editObject } from '../../src/actions/edit.js';
import { readOnlyClient } from '../../src/transport/read-only.js';
import type { KubeClient, KubeRequest } from '../../src/transport/types.js';
import type { ResourceRef } from '../../src/api/catalogue.js';
import { startWorld, type World } from './helpers/twin-worlds.js';
import type { MemoryStore } from '../../src/simulator/store.js';

const ref = (group: string, resource: string, kind: string, namespaced = true): ResourceRef => ({ group, version: 'v1', resource, kind, singular: kind.toLowerCase(), namespaced, shortNames: [], verbs: [], categories: [] });
const NS = 'team-a';

let world: World;
before(async () => {
  world = await startWorld();
});
after(() => world?.close());

test('with read-only on, no action sends a mutating request and the server does not change', async () => {
  const sent: KubeRequest[] = [];
  const raw = world.client();
  // Counts what reaches the transport: everything that would leave the process.
  const counted: KubeClient = {
    spec: raw.spec,
    request: (req) => (sent.push(req), raw.request(req)),
    requestJson: (req) => (sent.push(req), raw.requestJson(req)),
    stream: (req) => (sent.push(req), raw.stream(req)),
    close: () => raw.close(),
  };
  const client = readOnlyClient(counted, '--readonly');
  const store = world.sim.clusters[0].store as MemoryStore;
  const rvBefore = store.currentRv();
  const pod = store.list('pods', NS).find((p) => p.metadata.name.startsWith('web-'))!.metadata.name;
  const results = {
    delete: await deleteResource(client, { ref: ref('apps', 'deployments', 'Deployment'), namespace: NS, name: 'web' }),
    kill: await killPod(client, { ref: ref('', 'pods', 'Pod'), namespace: NS, name: pod }),
    scale: await scale(client, { ref: ref('apps', 'deployments', 'Deployment'), namespace: NS, name: 'web' }, 9),
    restart: await restart(client, { ref: ref('apps', 'deployments', 'Deployment'), namespace: NS, name: 'web' }),
    rollback: await (async () => {
      // The deployment must differ from the replica set for a rollback to be attempted at all.
      const d = store.get('deployments.apps', NS, 'worker')!;
      store.update('deployments.apps', { ...d, spec: { ...(d.spec as object), template: { ...(d.spec as any).template, metadata: { labels: { app: 'worker' }, annotations: { x: 'y' } } } } });
      return rollback(client, { ref: ref('apps', 'replicasets', 'ReplicaSet'), namespace: NS, name: 'worker-8p5zzn9v94' });
    })(),
    trigger: await trigger(client, { ref: ref('batch', 'cronjobs', 'CronJob'), namespace: NS, name: 'report' }),
    suspend: await setSuspended(client, { ref: ref('batch', 'cronjobs', 'CronJob'), namespace: NS, name: 'report' }, true),
    edit: await editObject(client, { ref: ref('apps', 'statefulsets', 'StatefulSet'), namespace: NS, name: 'redis' }, async (text) => text.replace(/replicas: 1/, 'replicas: 4')),
    cordon: await setCordoned(client, 'kdeck-sim-worker', true),
    drain: await drain(client, 'kdeck-sim-worker', { ignoreDaemonSets: true, deleteEmptyDirData: true, force: true, timeoutMs: 5000 }),
  };
  const rvAfterSetup = rvBefore + 1; // the one store.update above, made directly
  for (const [action, r] of Object.entries(results)) {
    assert.equal(r.ok, false, `${action}: ${r.message}`);
    assert.match(r.message, /^read-only: (POST|PUT|PATCH|DELETE) \/ap.* was not sent \(--readonly\)$/, action);
  }
  assert.deepEqual(sent.filter((r) => (r.method ?? 'GET') !== 'GET'), [], 'no mutating request reached the transport');
  assert.ok(sent.length >= 5, 'the reads the actions start with did go out');
  assert.equal(store.currentRv(), rvAfterSetup, 'the server stored nothing');
});
