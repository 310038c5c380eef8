// Issue 14's watch-engine cases against the simulator: a watch that goes silent (socket open, nothing sent, not
// even bookmarks) is restarted once the server's bookmark interval has clearly passed, with the rows shown stale
// meanwhile; and after a burst of 503s the backoff starts small again, as client-go's resets after a success.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import { startSimulator, type Simulator, type SimulatedCluster } from '../../src/simulator/index.js';
import { ListWatchInformer, silentWatchDeadlineMs } from '../../src/watch/informer.js';
import type { ResourceRef } from '../../src/api/catalogue.js';
import type { KubeClient } from '../../src/transport/types.js';
import { plainClient } from '../helpers/plain-client.js';
import { samplePhases, waitConverged } from '../helpers/converge.js';
import { churn } from '../helpers/churn.js';

const pods: ResourceRef = { group: '', version: 'v1', resource: 'pods', kind: 'Pod', singular: 'pod', namespaced: true, shortNames: ['po'], verbs: ['list', 'watch'], categories: [] };
/** The simulator's bookmark interval, scaled down from kube-apiserver's minute so the test runs in seconds. */
const BOOKMARK_MS = 400;

let sim: Simulator;
let cluster: SimulatedCluster;
let oracle: KubeClient;
before(async () => {
  sim = await startSimulator({ pods: 30, namespaces: 2, controllers: false, seed: 11, bookmarkIntervalMs: BOOKMARK_MS });
  cluster = sim.clusters[0]!;
  oracle = plainClient(cluster.url);
});
after(async () => {
  await oracle.close();
  await sim.stop();
});

describe('silent watch', () => {
  test('with kube-apiserver\'s minute between bookmarks, a dead watch is restarted well within 100 s', () => {
    const defaults = { idleTimeoutMs: 3 * 60_000, bookmarkIntervalMs: 60_000 };
    assert.ok(silentWatchDeadlineMs(defaults, true) + 1000 <= 90_000, `restart after ${silentWatchDeadlineMs(defaults, true)} ms of silence (+ a first backoff under 1 s)`);
    assert.equal(silentWatchDeadlineMs(defaults, false), 3 * 60_000, 'a server never seen sending bookmarks keeps the long idle timeout');
  });

  test('socket open, nothing sent: stale shown, watch restarted, table equal to the server', async () => {
    const client = plainClient(cluster.url);
    // The idle timeout alone (60 s) would be far too late: only the bookmark rhythm can catch this in time.
    const inf = new ListWatchInformer(client, { context: 'sim', resource: pods }, { bookmarkIntervalMs: BOOKMARK_MS, idleTimeoutMs: 60_000, backoff: { initialMs: 50, maxMs: 400 }, watchTimeoutSeconds: [60, 90] }).start();
    try {
      await waitConverged(inf, oracle, pods);
      await delay(BOOKMARK_MS * 2.5); // the server has been seen sending bookmarks
      cluster.faults.silenceWatches();
      const t0 = Date.now();
      const sampler = samplePhases(inf);
      churn(cluster, 6);
      await waitConverged(inf, oracle, pods, 10_000);
      const took = Date.now() - t0;
      const phases = sampler.stop();
      assert.ok(phases.includes('reconnecting'), `stale (reconnecting) was shown meanwhile: ${phases}`);
      // Scaled: 100 s at a 60 s bookmark interval is 100/60 intervals.
      assert.ok(took <= (BOOKMARK_MS * 100) / 60 + 1500, `converged ${took} ms after the silence began`);
    } finally {
      await inf.close();
      await client.close();
    }
  });

  test('the restart says why on screen', async () => {
    const client = plainClient(cluster.url);
    const inf = new ListWatchInformer(client, { context: 'sim', resource: pods }, { bookmarkIntervalMs: BOOKMARK_MS, idleTimeoutMs: 60_000, backoff: { initialMs: 1500, maxMs: 1500, jitter: 0 } }).start();
    try {
      await waitConverged(inf, oracle, pods);
      await delay(BOOKMARK_MS * 2.5);
      cluster.faults.silenceWatches();
      const end = Date.now() + 5000;
      while (Date.now() < end && inf.state().phase !== 'reconnecting') await delay(5);
      const s = inf.state();
      assert.equal(s.phase, 'reconnecting', JSON.stringify(s));
      if (s.phase === 'reconnecting') assert.match(s.lastError?.message ?? '', /no events or bookmarks .* for 0\.5 s \(this server sends a bookmark about every 0\.4 s\): the watch looks dead; restarting it/);
    } finally {
      await inf.close();
      await client.close();
    }
  });
});

describe('backoff after 503s', () => {
  test('a success resets the backoff: a later burst converges within 5 s of its last 503', async () => {
    const client = plainClient(cluster.url);
    const inf = new ListWatchInformer(client, { context: 'sim', resource: pods }, { backoff: { initialMs: 50, maxMs: 30_000, jitter: 0 }, idleTimeoutMs: 60_000, watchTimeoutSeconds: [60, 90] }).start();
    try {
      await waitConverged(inf, oracle, pods);
      // An earlier bad stretch grows the backoff (to 12.8 s)…
      cluster.faults.setErrorRate({ rate: 1, status: 503 });
      cluster.faults.dropWatches();
      await delay(8000);
      cluster.faults.clear();
      await waitConverged(inf, oracle, pods, 20_000);
      await delay(500);
      // …then, once healthy, a short burst after a dropped watch.
      cluster.faults.setErrorRate({ rate: 1, status: 503 });
      cluster.faults.dropWatches();
      churn(cluster, 4);
      await delay(2000);
      cluster.faults.clear();
      const t0 = Date.now();
      await waitConverged(inf, oracle, pods, 20_000);
      const took = Date.now() - t0;
      assert.ok(took <= 5000, `converged ${took} ms after the last 503`);
    } finally {
      cluster.faults.clear();
      await inf.close();
      await client.close();
    }
  });
});
