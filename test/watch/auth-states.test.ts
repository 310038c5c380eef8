// Credentials over TLS with the real kubeconfig loader and transport: a token (from a token file) that
// expires shows "unauthenticated", never live, and recovers once the file holds a valid token; a user
// who may not list gets "forbidden" and no retries.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { startSimulator } from '../../src/simulator/index.js';
import type { Simulator } from '../../src/simulator/index.js';
import { loadConnection } from '../../src/kubeconfig/index.js';
import { createClient } from '../../src/transport/index.js';
import type { KubeClient } from '../../src/transport/types.js';
import { ListWatchInformer } from '../../src/watch/informer.js';
import type { ResourceRef } from '../../src/api/catalogue.js';
import { samplePhases, waitConverged } from '../helpers/converge.js';
import { waitFor } from '../helpers/wait.js';
import { churn } from '../helpers/churn.js';

const pods: ResourceRef = { group: '', version: 'v1', resource: 'pods', kind: 'Pod', singular: 'pod', namespaced: true, shortNames: ['po'], verbs: ['list', 'watch'], categories: [] };
const FAST = { backoff: { initialMs: 50, maxMs: 300 }, idleTimeoutMs: 10_000, watchTimeoutSeconds: [20, 30] as [number, number] };

describe('informer credentials states (TLS simulator)', () => {
  let sim: Simulator;
  let dir: string;
  let kubeconfig: string;
  let tokenFile: string;
  const clients: KubeClient[] = [];
  const clientFor = (context: string) => {
    const spec = loadConnection({ kubeconfig, context }, { env: {}, homeDir: dir });
    const c = createClient(spec);
    clients.push(c);
    return c;
  };

  before(async () => {
    sim = await startSimulator({ tls: true, pods: 20, namespaces: 3, controllers: false, seed: 11 });
    dir = mkdtempSync(join(tmpdir(), 'kdeck-engine-auth-'));
    tokenFile = join(dir, 'token');
    const cfg = parse(sim.kubeconfig);
    const cluster = cfg.contexts[0].context.cluster;
    cfg.users.push({ name: 'file-user', user: { tokenFile } });
    cfg.contexts.push({ name: 'file', context: { cluster, user: 'file-user', namespace: 'default' } });
    kubeconfig = join(dir, 'config');
    writeFileSync(kubeconfig, stringify(cfg));
  });
  after(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await sim.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('an expired token: unauthenticated (never live) until the token file is renewed, then converged', async () => {
    const first = sim.issueToken('ops', ['system:masters']);
    writeFileSync(tokenFile, first);
    const client = clientFor('file');
    const oracle = clientFor(sim.clusters[0]!.contextName);
    const inf = new ListWatchInformer(client, { context: 'file', resource: pods }, FAST).start();
    try {
      await waitConverged(inf, oracle, pods);
      sim.clusters[0]!.faults.expireToken(first);
      sim.clusters[0]!.faults.dropWatches();
      const sampler = samplePhases(inf);
      await waitFor(() => inf.state().phase === 'unauthenticated', 5000, 'unauthenticated');
      churn(sim.clusters[0]!, 4);
      await new Promise((r) => setTimeout(r, 500));
      const phases = sampler.stop();
      assert.ok(!phases.slice(1).includes('live'), `phases: ${phases}`);
      const s = inf.state();
      assert.equal(s.phase, 'unauthenticated');
      if (s.phase === 'unauthenticated') assert.ok(!s.error.message.includes(first), 'the token never appears in errors');
      writeFileSync(tokenFile, sim.issueToken('ops', ['system:masters']));
      await waitConverged(inf, oracle, pods);
    } finally {
      await inf.close();
    }
  });

  test('forbidden: a user who may read only team-a gets forbidden for all namespaces, and live in team-a', async () => {
    const client = clientFor(`${sim.clusters[0]!.contextName}-restricted`);
    const all = new ListWatchInformer(client, { context: 'r', resource: pods }, FAST).start();
    const teamA = new ListWatchInformer(client, { context: 'r', resource: pods, namespace: 'team-a' }, FAST).start();
    try {
      await waitFor(() => all.state().phase === 'forbidden', 5000, 'forbidden');
      const s = all.state();
      if (s.phase === 'forbidden') assert.match(s.error.status.message ?? '', /cannot (list|watch) resource "pods"/);
      await waitFor(() => teamA.state().phase === 'live', 5000, 'team-a live');
      assert.equal(all.state().phase, 'forbidden', 'stays forbidden (stopped)');
    } finally {
      await all.close();
      await teamA.close();
    }
  });
});
