// Fallbacks the simulator cannot provoke: a server that silently ignores sendInitialEvents, one that
// refuses it with 422, and one that serves plain objects instead of Tables.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { ListWatchInformer } from '../../src/watch/informer.js';
import type { InformerState } from '../../src/watch/informer.js';
import type { ResourceRef } from '../../src/api/catalogue.js';
import { startTinyServer } from './helpers/tiny-apiserver.js';
import { plainClient } from '../helpers/plain-client.js';
import { waitFor } from '../helpers/wait.js';

const pods: ResourceRef = { group: '', version: 'v1', resource: 'pods', kind: 'Pod', singular: 'pod', namespaced: true, shortNames: ['po'], verbs: ['list', 'watch'], categories: [] };

describe('informer fallbacks', () => {
  test('a streamed list without its end bookmark falls back to a paged list within the timeout', async () => {
    const server = await startTinyServer({ tables: true, watchList: 'ignore' });
    const client = plainClient(server.url);
    for (let i = 0; i < 7; i++) server.set(`p${i}`, 'Running');
    const phases: InformerState['phase'][] = [];
    const inf = new ListWatchInformer(client, { context: 't', resource: pods }, { watchList: true, watchListTimeoutMs: 300, pageSize: 3 });
    inf.subscribe(() => phases.push(inf.state().phase));
    try {
      inf.start();
      await waitFor(() => inf.state().phase === 'live', 5000, 'live after fallback');
      assert.equal(inf.store.size, 7);
      assert.ok(server.requests.some((r) => r.includes('sendInitialEvents=true')), 'tried a streamed list first');
      assert.ok(server.requests.some((r) => r.includes('limit=3') && r.includes('continue=6')), 'then paged');
      assert.ok(!phases.slice(0, -1).includes('live'), `never live before the fallback list: ${phases}`);
      server.set('p1', 'Failed');
      server.remove('p2');
      await waitFor(() => inf.store.size === 6 && inf.store.view({}).rows(0, 6).some((r) => r.cells[1] === 'Failed'), 5000, 'watch events applied');
    } finally {
      await inf.close();
      await client.close();
      await server.stop();
    }
  });

  test('422 to sendInitialEvents: paged list at once; plain objects get Name/Age columns', async () => {
    const server = await startTinyServer({ tables: false, watchList: 'reject' });
    const client = plainClient(server.url);
    server.set('a', 'Running');
    server.set('b', 'Pending');
    const inf = new ListWatchInformer(client, { context: 't', resource: pods }, { watchList: true });
    try {
      inf.start();
      await waitFor(() => inf.state().phase === 'live', 5000, 'live');
      assert.deepEqual(inf.store.columns.map((c) => c.name), ['Name', 'Age']);
      assert.deepEqual(inf.store.view({}).rows(0, 9).map((r) => [r.name, r.namespace, r.uid]), [['a', 'default', 'uid-a'], ['b', 'default', 'uid-b']]);
      server.set('c', 'Running');
      await waitFor(() => inf.store.size === 3, 5000, 'ADDED applied');
      assert.equal(inf.store.get('uid-c')?.cells[0], 'c');
    } finally {
      await inf.close();
      await client.close();
      await server.stop();
    }
  });
});

describe('informer notifications', () => {
  test('a burst of events is coalesced: at most one notification per interval, carrying every change', async () => {
    const server = await startTinyServer({ tables: true, watchList: 'reject' });
    const client = plainClient(server.url);
    server.set('seed', 'Running');
    const inf = new ListWatchInformer(client, { context: 't', resource: pods }, { notifyIntervalMs: 50 });
    let notes = 0;
    const sum = { added: 0, updated: 0, removed: 0 };
    try {
      inf.start();
      await waitFor(() => inf.state().phase === 'live', 5000, 'live');
      await new Promise((r) => setTimeout(r, 100));
      inf.subscribe((c) => {
        notes++;
        sum.added += c.added;
        sum.updated += c.updated;
        sum.removed += c.removed;
      });
      const t0 = Date.now();
      for (let round = 0; round < 5; round++) {
        for (let i = 0; i < 400; i++) server.set(`p${i}`, round % 2 ? 'Pending' : 'Running');
        await new Promise((r) => setTimeout(r, 20));
      }
      for (let i = 0; i < 100; i++) server.remove(`p${i}`);
      await waitFor(() => inf.store.size === 301 && sum.removed === 100, 10_000, 'all events applied and notified');
      const elapsed = Date.now() - t0;
      assert.deepEqual(sum, { added: 400, updated: 1600, removed: 100 });
      assert.ok(notes <= elapsed / 50 + 2, `${notes} notifications in ${elapsed} ms at a 50 ms interval`);
      assert.ok(notes < 2100 / 10, 'far fewer notifications than events');
    } finally {
      await inf.close();
      await client.close();
      await server.stop();
    }
  });

  test('a change of phase is notified at once, not after the rest of the interval; rows keep the limit', async () => {
    const server = await startTinyServer({ tables: true, watchList: 'reject' });
    const client = plainClient(server.url);
    for (let i = 0; i < 5; i++) server.set(`p${i}`, 'Running');
    const inf = new ListWatchInformer(client, { context: 't', resource: pods }, { notifyIntervalMs: 60_000 });
    const seen: InformerState['phase'][] = [];
    inf.subscribe(() => seen.push(inf.state().phase));
    try {
      inf.start();
      // The list's rows are notified first (the first notification has no interval to wait for), then the watch
      // goes up: that transition would otherwise wait a minute for the interval.
      await waitFor(() => seen.includes('live'), 10_000, 'the live phase notified');
      const notified = seen.length;
      server.set('late', 'Running');
      await waitFor(() => inf.store.size === 6, 5000, 'the watch event applied');
      await new Promise((r) => setTimeout(r, 200));
      assert.equal(seen.length, notified, 'a row change waits for the interval');
    } finally {
      await inf.close();
      await client.close();
      await server.stop();
    }
  });
});
