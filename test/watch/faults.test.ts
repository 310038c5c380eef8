// The informer against the simulator and its faults: after each one the store converges to exactly
// what a fresh list returns (uids and resourceVersions, no ghosts, no duplicates), and while the
// fault lasts the state is reconnecting or stale, never live.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import { startSimulator } from '../../src/simulator/index.js';
import type { Simulator, SimulatedCluster } from '../../src/simulator/index.js';
import { ListWatchInformer } from '../../src/watch/informer.js';
import type { InformerOptions } from '../../src/watch/informer.js';
import type { ResourceRef } from '../../src/api/catalogue.js';
import type { KubeClient, KubeRequest } from '../../src/transport/types.js';
import { openStream } from '../../src/transport/stream.js';
import { plainClient } from '../helpers/plain-client.js';
import { samplePhases, waitConverged } from '../helpers/converge.js';
import { waitFor } from '../helpers/wait.js';
import { churn } from '../helpers/churn.js';

const pods: ResourceRef = { group: '', version: 'v1', resource: 'pods', kind: 'Pod', singular: 'pod', namespaced: true, shortNames: ['po'], verbs: ['list', 'watch'], categories: [] };
const FAST: InformerOptions = { backoff: { initialMs: 50, maxMs: 400 }, idleTimeoutMs: 10_000, watchTimeoutSeconds: [20, 30], pageSize: 7 };

/** A client that records each request as "list" or "watch" with its answer. */
function recordingClient(url: string): KubeClient & { log: string[] } {
  const inner = plainClient(url);
  const log: string[] = [];
  const client: KubeClient & { log: string[] } = {
    spec: inner.spec,
    log,
    async request(req: KubeRequest) {
      const kind = req.query?.sendInitialEvents ? 'watchlist' : req.query?.watch ? 'watch' : req.query?.resourceVersion === '0' ? 'list-rv0' : 'list';
      try {
        const res = await inner.request(req);
        log.push(`${kind} ${res.status}`);
        return res;
      } catch (err) {
        log.push(`${kind} error`);
        throw err;
      }
    },
    requestJson: (req) => inner.requestJson(req),
    stream: (req) => openStream(client, req),
    close: () => inner.close(),
  };
  return client;
}

describe('informer under faults (simulator)', () => {
  let sim: Simulator;
  let cluster: SimulatedCluster;
  let oracle: KubeClient;
  before(async () => {
    sim = await startSimulator({ pods: 40, namespaces: 3, controllers: false, seed: 7 });
    cluster = sim.clusters[0]!;
    oracle = plainClient(cluster.url);
  });
  after(async () => {
    await oracle.close();
    await sim.stop();
  });

  async function withInformer(fn: (inf: ListWatchInformer, client: ReturnType<typeof recordingClient>) => Promise<void>, opts: InformerOptions = FAST): Promise<void> {
    cluster.faults.clear();
    const client = recordingClient(cluster.url);
    const inf = new ListWatchInformer(client, { context: 'sim', resource: pods }, opts).start();
    try {
      await waitConverged(inf, oracle, pods);
      await fn(inf, client);
    } finally {
      cluster.faults.clear();
      await inf.close();
      await client.close();
    }
  }

  test('first sync: paged list, then live with exactly the server rows; changes follow', async () => {
    await withInformer(async (inf, client) => {
      assert.equal(client.log[0], 'list-rv0 200', 'the first list is served from the cache (resourceVersion=0), as client-go does');
      assert.equal(inf.store.columns[0]?.name, 'Name', 'Table columns');
      churn(cluster, 6);
      await waitConverged(inf, oracle, pods);
    }, { ...FAST, watchList: false });
  });

  test('streamed list (sendInitialEvents) or its fallback reaches the same rows', async () => {
    await withInformer(async (inf) => {
      churn(cluster, 4);
      await waitConverged(inf, oracle, pods);
    }, { ...FAST, watchList: true });
  });

  test('a watch the server ends at its timeoutSeconds is normal: watched again from the last RV, live throughout', async () => {
    await withInformer(async (inf, client) => {
      const watches = () => client.log.filter((l) => l === 'watch 200').length;
      const before = watches();
      cluster.faults.setLatency(150); // each re-watch takes a while: a state flip meanwhile would be sampled
      const sampler = samplePhases(inf);
      await waitFor(() => watches() >= before + 2, 8000, 'two watches ended by the server timeout and re-opened');
      cluster.faults.setLatency(0);
      churn(cluster, 3);
      await waitConverged(inf, oracle, pods);
      const phases = sampler.stop();
      assert.deepEqual(phases, ['live'], `phases across timed-out watches: ${phases}`);
      assert.ok(!client.log.slice(1).some((l) => l.startsWith('list')), `no relist: ${client.log}`);
    }, { ...FAST, watchList: false, watchTimeoutSeconds: [1, 1] });
  });

  test('dropped watches, once and repeatedly, with changes in between', async () => {
    await withInformer(async (inf, client) => {
      const watches = () => client.log.filter((l) => l === 'watch 200').length;
      const before = watches();
      churn(cluster, 4);
      cluster.faults.dropWatches();
      churn(cluster, 4);
      await waitConverged(inf, oracle, pods);
      cluster.faults.dropWatchesEvery(0.2);
      for (let i = 0; i < 6; i++) {
        churn(cluster, 3);
        await delay(100);
      }
      cluster.faults.dropWatchesEvery(0);
      await waitConverged(inf, oracle, pods);
      assert.ok(watches() > before + 2, `watched again after each drop: ${client.log.slice(-20)}`);
    });
  });

  test('API server restart with objects deleted while down: reconnecting meanwhile, never live', async () => {
    await withInformer(async (inf) => {
      const restarting = cluster.faults.restart(1200);
      await waitFor(() => inf.state().phase !== 'live', 2000, 'the informer noticing the restart');
      const sampler = samplePhases(inf);
      const victims = cluster.store.list('pods').slice(0, 5);
      for (const v of victims) cluster.store.remove('pods', v.metadata.namespace, v.metadata.name);
      churn(cluster, 4);
      await restarting;
      const phases = sampler.stop();
      assert.ok(!phases.includes('live'), `phases while down: ${phases}`);
      assert.ok(phases.includes('reconnecting'), `phases while down: ${phases}`);
      const s = inf.state();
      if (s.phase === 'reconnecting') assert.ok(s.attempt >= 1 && s.lastError, 'attempt and last error shown');
      await waitConverged(inf, oracle, pods);
      for (const v of victims) assert.equal(inf.store.get(v.metadata.uid!), undefined, 'no ghost of a pod deleted while down');
    });
  });

  test('compaction: the resumed watch gets 410, the informer relists and replaces by diff', async () => {
    await withInformer(async (inf, client) => {
      const lists = () => client.log.filter((l) => l.startsWith('list') || l.startsWith('watchlist')).length;
      const listsBefore = lists();
      const rowsBefore = inf.store.size;
      const sizes: number[] = [];
      const unsub = inf.subscribe(() => sizes.push(inf.store.size));
      const restarting = cluster.faults.restart(600);
      await waitFor(() => inf.state().phase !== 'live', 2000, 'the informer noticing the restart');
      churn(cluster, 6);
      cluster.faults.compact();
      await restarting;
      await waitConverged(inf, oracle, pods);
      unsub();
      assert.ok(lists() > listsBefore, `relisted after 410: ${client.log.slice(-12)}`);
      const relists = client.log.slice(-20).filter((l) => l === 'list 200').length;
      assert.ok(relists >= 2, `the relist after 410 is consistent and paged (limit 7): ${client.log.slice(-20)}`);
      assert.ok(sizes.every((n) => n >= rowsBefore - 6), `no empty flash during the relist: sizes ${sizes}`);
    });
  });

  test('a burst of 503s: bounded retries, reconnecting with the error, then converged', async () => {
    await withInformer(async (inf, client) => {
      cluster.faults.setErrorRate({ rate: 1, status: 503 });
      cluster.faults.dropWatches();
      const n0 = client.log.length;
      const sampler = samplePhases(inf);
      churn(cluster, 5);
      await delay(1200);
      const phases = sampler.stop();
      const during = client.log.length - n0;
      const s = inf.state();
      cluster.faults.clear();
      assert.ok(!phases.slice(1).includes('live') && phases.includes('reconnecting'), `phases: ${phases}`);
      assert.equal(s.phase, 'reconnecting');
      if (s.phase === 'reconnecting') assert.equal((s.lastError as { code?: number } | undefined)?.code, 503);
      assert.ok(during >= 2 && during <= 12, `requests during 1.2 s of 503s with 50→400 ms backoff: ${during}`);
      await waitConverged(inf, oracle, pods);
    });
  });

  test('429 with Retry-After: the informer waits as told', async () => {
    await withInformer(async (inf, client) => {
      cluster.faults.setErrorRate({ rate: 1, status: 429, retryAfterSeconds: 1 });
      cluster.faults.dropWatches();
      const n0 = client.log.length;
      churn(cluster, 5);
      await delay(1500);
      const during = client.log.length - n0;
      const s = inf.state();
      cluster.faults.clear();
      assert.equal(s.phase, 'reconnecting');
      if (s.phase === 'reconnecting') assert.equal((s.lastError as { code?: number } | undefined)?.code, 429);
      assert.ok(during >= 1 && during <= 3, `Retry-After: 1 honoured (${during} requests in 1.5 s)`);
      await waitConverged(inf, oracle, pods);
    });
  });

  test('a silent watch (no events nor bookmarks) is restarted by the idle watchdog', async () => {
    await withInformer(async (inf, client) => {
      const watches = () => client.log.filter((l) => l === 'watch 200').length;
      const before = watches();
      await waitFor(() => watches() > before, 5000, 'a new watch after the idle timeout');
      churn(cluster, 2);
      await waitConverged(inf, oracle, pods);
    }, { ...FAST, idleTimeoutMs: 400 });
  });
});
