// events.k8s.io/v1 shares the core events' storage (event-versions.ts): the same events, names and
// resourceVersions in both versions, its field labels, its watch, and writes through either version.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { WatchReader, call } from './http-helpers.js';

describe('events.k8s.io/v1 and core events: one store', { concurrency: true }, () => {
  let sim: Simulator;
  let base: string;
  before(async () => {
    sim = await startSimulator({ controllers: false, pods: 40, seed: 8 });
    base = sim.clusters[0].url;
  });
  after(async () => {
    await sim?.stop();
  });

  test('a list in either version has the same events and resourceVersions, each in its own shape', async () => {
    const core = (await call(`${base}/api/v1/namespaces/team-a/events`)).json();
    const v1 = (await call(`${base}/apis/events.k8s.io/v1/namespaces/team-a/events`)).json();
    assert.ok(core.items.length > 0);
    assert.equal(v1.kind, 'EventList');
    assert.equal(v1.apiVersion, 'events.k8s.io/v1');
    assert.deepEqual(v1.items.map((e: any) => [e.metadata.name, e.metadata.resourceVersion]), core.items.map((e: any) => [e.metadata.name, e.metadata.resourceVersion]));
    const [c, e] = [core.items[0], v1.items[0]];
    assert.deepEqual(e.regarding, c.involvedObject);
    assert.equal(e.note, c.message);
    assert.equal(e.reason, c.reason);
    assert.equal(e.deprecatedCount, c.count);
    assert.deepEqual(e.deprecatedSource, c.source);
    assert.equal(e.involvedObject, undefined);
    const one = (await call(`${base}/apis/events.k8s.io/v1/namespaces/team-a/events/${c.metadata.name}`)).json();
    assert.equal(one.apiVersion, 'events.k8s.io/v1');
    assert.equal(one.note, c.message);
  });

  test('field selectors by events.k8s.io names (regarding.name)', async () => {
    const core = (await call(`${base}/api/v1/namespaces/team-a/events`)).json();
    const target = core.items[0].involvedObject.name;
    const want = core.items.filter((e: any) => e.involvedObject.name === target).length;
    const r = await call(`${base}/apis/events.k8s.io/v1/namespaces/team-a/events?fieldSelector=regarding.name%3D${target}`);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json().items.length, want);
  });

  test('an event created through events.k8s.io is a core event too, and watchers of both versions see it', async () => {
    const rv = (await call(`${base}/api/v1/namespaces/team-a/events?limit=1`)).json().metadata.resourceVersion;
    const coreWatch = new WatchReader(`${base}/api/v1/namespaces/team-a/events?watch=true&resourceVersion=${rv}`);
    const v1Watch = new WatchReader(`${base}/apis/events.k8s.io/v1/namespaces/team-a/events?watch=true&resourceVersion=${rv}`);
    try {
      await Promise.all([coreWatch.ready, v1Watch.ready]);
      const body = {
        apiVersion: 'events.k8s.io/v1', kind: 'Event', metadata: { name: 'from-v1' },
        eventTime: '2026-01-01T00:00:00.000000Z', reportingController: 'example.com/ctl', reportingInstance: 'ctl-1',
        action: 'Testing', reason: 'Tested', note: 'written through events.k8s.io', type: 'Normal',
        regarding: { kind: 'Pod', namespace: 'team-a', name: 'somepod' },
      };
      const created = await call(`${base}/apis/events.k8s.io/v1/namespaces/team-a/events`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
      assert.equal(created.status, 201, created.text);
      assert.equal(created.json().note, 'written through events.k8s.io');
      const stored = sim.clusters[0].store.get('events', 'team-a', 'from-v1')!;
      assert.equal(stored.message, 'written through events.k8s.io');
      assert.equal(stored.reportingComponent, 'example.com/ctl');
      assert.deepEqual(stored.involvedObject, body.regarding);
      const [a, b] = await Promise.all([coreWatch.next(), v1Watch.next()]);
      assert.equal(a!.object.message, 'written through events.k8s.io');
      assert.equal(a!.object.apiVersion, 'v1');
      assert.equal(b!.object.note, 'written through events.k8s.io');
      assert.equal(b!.object.apiVersion, 'events.k8s.io/v1');
      assert.equal(a!.object.metadata.resourceVersion, b!.object.metadata.resourceVersion);
    } finally {
      coreWatch.close();
      v1Watch.close();
    }
  });
});
