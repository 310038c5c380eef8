import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import { InformerRegistry } from '../../src/watch/registry.js';
import type { ResourceRef } from '../../src/api/catalogue.js';
import type { KubeClient, KubeRequest, KubeResponse } from '../../src/transport/types.js';
import { getObject } from '../../src/api/requests.js';
import { openStream } from '../../src/transport/stream.js';
import { Readable } from 'node:stream';

const pods: ResourceRef = { group: '', version: 'v1', resource: 'pods', kind: 'Pod', singular: 'pod', namespaced: true, shortNames: ['po'], verbs: ['list', 'watch'], categories: [] };
const deploys: ResourceRef = { ...pods, group: 'apps', resource: 'deployments', kind: 'Deployment', singular: 'deployment' };

/** A client whose requests hang until aborted: enough to watch the registry's bookkeeping. */
function hangingClient(name: string, log: string[]): KubeClient {
  const client: KubeClient = {
    spec: { server: `http://${name}` } as KubeClient['spec'],
    request(req: KubeRequest): Promise<KubeResponse> {
      return new Promise((_, reject) => req.signal?.addEventListener('abort', () => reject(Object.assign(new Error('aborted'), { name: 'AbortError' }))));
    },
    requestJson: () => Promise.reject(new Error('unused')),
    stream: (req) => openStream(client, req),
    async close() {
      log.push(`close ${name}`);
    },
  };
  return client;
}

describe('InformerRegistry', () => {
  test('same key gives the same informer; ref-counted; released informers stay warm', async () => {
    const log: string[] = [];
    const reg = new InformerRegistry({ clientFor: (c) => hangingClient(c, log), closeClients: true, warmContexts: 2, warmMs: 60_000 });
    try {
      const a = reg.acquire({ context: 'c1', resource: pods });
      const b = reg.acquire({ context: 'c1', resource: pods });
      const c = reg.acquire({ context: 'c1', resource: pods, namespace: 'x' });
      const d = reg.acquire({ context: 'c1', resource: deploys });
      assert.equal(a.informer, b.informer);
      assert.notEqual(a.informer, c.informer);
      assert.notEqual(a.informer, d.informer);
      assert.equal(a.informer.state().phase, 'syncing');
      a.release();
      a.release(); // twice is harmless
      b.release();
      const again = reg.acquire({ context: 'c1', resource: pods });
      assert.equal(again.informer, a.informer, 'a released informer is reused while warm');
      assert.equal(reg.openInformers().length, 3);
      assert.deepEqual(log, []);
    } finally {
      await reg.close();
    }
    assert.deepEqual(log, ['close c1']);
  });

  test('peek shows an open (held or warm) informer without acquiring it; nothing for a key never opened', async () => {
    const log: string[] = [];
    const reg = new InformerRegistry({ clientFor: (c) => hangingClient(c, log), closeClients: true, warmContexts: 2, warmMs: 60_000 });
    try {
      assert.equal(reg.peek({ context: 'c1', resource: pods }), undefined);
      assert.deepEqual(reg.openContexts(), [], 'peeking opens no context');
      const a = reg.acquire({ context: 'c1', resource: pods });
      a.release();
      assert.equal(reg.peek({ context: 'c1', resource: pods }), a.informer, 'warm after release');
      assert.equal(reg.peek({ context: 'c1', resource: pods, namespace: 'x' }), undefined);
      assert.equal(reg.openInformers().length, 1, 'peeking opens no informer');
    } finally {
      await reg.close();
    }
  });

  test('a stopped (failed) informer is replaced when its view is acquired again', async () => {
    const failing: KubeClient = {
      spec: { server: 'http://x', userName: 'u', credential: { kind: 'none' }, tls: { insecureSkipTLSVerify: false } } as unknown as KubeClient['spec'],
      request: async () => ({ status: 404, headers: {}, body: Readable.from([Buffer.from('404 page not found')]) as never }),
      requestJson: () => Promise.reject(new Error('unused')),
      stream: (req) => openStream(failing, req),
      close: async () => {},
    };
    const reg = new InformerRegistry({ clientFor: () => failing });
    try {
      const h = reg.acquire({ context: 'c', resource: pods });
      await delay(100);
      assert.equal(h.informer.state().phase, 'failed');
      const again = reg.acquire({ context: 'c', resource: pods });
      assert.equal(again.informer, h.informer, 'still held: the same one');
      h.release();
      again.release();
      const fresh = reg.acquire({ context: 'c', resource: pods });
      assert.notEqual(fresh.informer, h.informer);
      fresh.release();
    } finally {
      await reg.close();
    }
  });

  test('shared clients (closeClients false, the default) are left open, their requests aborted', async () => {
    const log: string[] = [];
    const reg = new InformerRegistry({ clientFor: (c) => hangingClient(c, log) });
    const h = reg.acquire({ context: 'c1', resource: pods });
    h.release();
    await reg.close();
    assert.deepEqual(log, []);
    assert.throws(() => reg.acquire({ context: 'c1', resource: pods }), /closed/);
  });

  test('contexts beyond the warm count are closed, least recently used first; held ones never', async () => {
    const log: string[] = [];
    const reg = new InformerRegistry({ clientFor: (c) => hangingClient(c, log), closeClients: true, warmContexts: 2, warmMs: 60_000 });
    try {
      const held = reg.acquire({ context: 'held', resource: pods });
      for (const ctx of ['c1', 'c2', 'c3']) reg.acquire({ context: ctx, resource: pods }).release();
      await delay(10);
      // 'held' is in use and stays; of the idle ones the two most recent stay warm; c1 goes.
      assert.deepEqual(reg.openContexts().sort(), ['c2', 'c3', 'held']);
      assert.deepEqual(log, ['close c1']);
      const fresh = reg.acquire({ context: 'c1', resource: pods });
      assert.notEqual(fresh.informer, undefined);
      assert.equal(reg.openContexts().includes('c1'), true);
      held.release();
    } finally {
      await reg.close();
    }
  });

  test('warm contexts and released informers expire after warmMs', async () => {
    const log: string[] = [];
    const reg = new InformerRegistry({ clientFor: (c) => hangingClient(c, log), closeClients: true, warmContexts: 3, warmMs: 150 });
    try {
      const keep = reg.acquire({ context: 'c1', resource: pods });
      reg.acquire({ context: 'c1', resource: deploys }).release();
      reg.acquire({ context: 'c2', resource: pods }).release();
      assert.equal(reg.openInformers().length, 3);
      await delay(400);
      assert.deepEqual(reg.openContexts(), ['c1']);
      assert.deepEqual(reg.openInformers().map((k) => k.resource.resource), ['pods']);
      assert.deepEqual(log, ['close c2']);
      keep.release();
    } finally {
      await reg.close();
    }
  });
});

describe('InformerRegistry against the simulator', () => {
  test('discovery is cached per context; a re-acquired view paints from the warm cache at once', async () => {
    const { startSimulator } = await import('../../src/simulator/index.js');
    const { plainClient } = await import('../helpers/plain-client.js');
    const { waitFor } = await import('../helpers/wait.js');
    const sim = await startSimulator({ clusters: 2, pods: 30, namespaces: 2, controllers: false, seed: 3 });
    const clients: KubeClient[] = [];
    const reg = new InformerRegistry({
      clientFor: (ctx) => {
        const c = plainClient(sim.clusters.find((x) => x.contextName === ctx)!.url);
        clients.push(c);
        return c;
      },
      warmContexts: 2,
      closeClients: true,
    });
    try {
      const [a, b] = sim.clusters.map((c) => c.contextName) as [string, string];
      const cat = await reg.catalogue(a);
      assert.equal(reg.catalogue(a), reg.catalogue(a));
      const podsRef = cat.resolve('po')!;
      assert.equal(podsRef.resource, 'pods');
      const h1 = reg.acquire({ context: a, resource: podsRef });
      await waitFor(() => h1.informer.state().phase === 'live', 10_000, 'live');
      const size = h1.informer.store.size;
      assert.ok(size > 0);
      h1.release();
      // Flip to the other context and back: both stay warm (warmContexts 2).
      const h2 = reg.acquire({ context: b, resource: (await reg.catalogue(b)).resolve('pods')! });
      h2.release();
      const again = reg.acquire({ context: a, resource: podsRef });
      assert.equal(again.informer, h1.informer);
      assert.equal(again.informer.state().phase, 'live');
      assert.equal(again.informer.store.size, size, 'rows are there at once');
      // A namespace and a label selector are server-side: only matching rows arrive.
      const some = again.informer.store.view({}).rows(0, 1)[0]!;
      const [labelKey, labelValue] = Object.entries(some.labels)[0]!;
      const scoped = reg.acquire({ context: a, resource: podsRef, namespace: some.namespace, labelSelector: `${labelKey}=${labelValue}` });
      await waitFor(() => scoped.informer.state().phase === 'live', 10_000, 'scoped live');
      const rows = scoped.informer.store.view({}).rows(0, 1000);
      assert.ok(rows.length >= 1 && rows.length <= size);
      assert.ok(rows.every((r) => r.namespace === some.namespace && r.labels[labelKey] === labelValue));
      scoped.release();
      // Full objects on demand.
      const obj = (await getObject(clients[0]!, podsRef, some.namespace, some.name)) as { kind: string; metadata: { uid: string }; spec?: unknown };
      assert.equal(obj.kind, 'Pod');
      assert.equal(obj.metadata.uid, some.uid);
      assert.ok(obj.spec, 'the whole object, spec included');
      again.release();
    } finally {
      await reg.close();
      await sim.stop();
    }
  });
});
