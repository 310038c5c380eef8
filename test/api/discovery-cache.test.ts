// The discovery disk cache: unit checks of the file store, then against the simulator over real HTTPS with a real
// kubeconfig in a temp dir, counting the discovery requests the simulator served: a hit sends none, an expired
// file or a name the cache does not know rediscovers, a 404 for a listed resource drops the file and rediscovers.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { DISCOVERY_TTL_MS, diskDiscoveryStore, serverDirName } from '../../src/api/discovery-cache.js';
import type { ResourceRef } from '../../src/api/catalogue.js';
import { LiveBackend } from '../../src/ui-state/live-backend.js';
import { closeAllClients } from '../../src/transport/index.js';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';

const pods: ResourceRef = { group: '', version: 'v1', resource: 'pods', kind: 'Pod', singular: 'pod', namespaced: true, shortNames: ['po'], verbs: ['list', 'watch'], categories: [] };

describe('diskDiscoveryStore', () => {
  test('kubectl-style directory names: host_port (and path), other characters as _', () => {
    assert.equal(serverDirName('https://127.0.0.1:6443'), '127.0.0.1_6443');
    assert.equal(serverDirName('https://k8s.example.com/prefix/'), 'k8s.example.com_prefix_');
    assert.equal(serverDirName('https://[::1]:443'), '___1__443');
  });

  test('saves and loads per server; expires after the TTL; another URL of the same directory is a miss', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kdeck-disc-'));
    try {
      let now = 1_000_000;
      const store = diskDiscoveryStore(dir, { now: () => now });
      assert.equal(store.load('https://a:1'), undefined, 'nothing cached yet');
      store.save('https://a:1', [pods]);
      assert.deepEqual(store.load('https://a:1'), [pods]);
      const file = join(dir, 'a_1', 'resources.json');
      assert.equal(statSync(file).mode & 0o777, 0o600, 'the file is private');
      assert.equal(store.load('http://a:1'), undefined, 'http://a:1 shares the directory name but is another server');
      now += DISCOVERY_TTL_MS - 1;
      assert.deepEqual(store.load('https://a:1'), [pods], 'still fresh just before 6 h');
      now += 1;
      assert.equal(store.load('https://a:1'), undefined, 'expired at 6 h, as kubectl');
      store.invalidate('https://a:1');
      assert.equal(existsSync(file), false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a damaged file is a miss; an unwritable cache dir fails silently', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kdeck-disc-'));
    try {
      const store = diskDiscoveryStore(dir);
      store.save('https://a:1', [pods]);
      writeFileSync(join(dir, 'a_1', 'resources.json'), '{"format":1,"server":"https://a:1","fetchedAt":');
      assert.equal(store.load('https://a:1'), undefined);
      writeFileSync(join(dir, 'a_1', 'resources.json'), JSON.stringify({ format: 1, server: 'https://a:1', fetchedAt: Date.now(), refs: [{ resource: 1 }] }));
      assert.equal(store.load('https://a:1'), undefined, 'refs of the wrong shape');
      const file = join(dir, 'not-a-dir');
      writeFileSync(file, 'x');
      const blocked = diskDiscoveryStore(join(file, 'discovery'));
      assert.doesNotThrow(() => blocked.save('https://a:1', [pods]));
      assert.equal(blocked.load('https://a:1'), undefined);
      assert.doesNotThrow(() => blocked.invalidate('https://a:1'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('discovery cache against the simulator', () => {
  let sim: Simulator;
  let dir: string;
  let kubeconfig: string;
  before(async () => {
    sim = await startSimulator({ clusters: 1, tls: true, pods: 20, controllers: false, seed: 3 });
    dir = mkdtempSync(join(tmpdir(), 'kdeck-disc-sim-'));
    kubeconfig = join(dir, 'kubeconfig.yaml');
    sim.writeKubeconfig(kubeconfig);
  });
  after(async () => {
    await closeAllClients();
    await sim.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const context = () => sim.clusters[0].contextName;
  const cacheFile = () => join(dir, 'cache', 'kdeck', 'discovery', serverDirName(sim.clusters[0].url), 'resources.json');
  /** Discovery requests the simulator has served so far: /api, /apis and their group/version documents. */
  const discoveries = () => sim.clusters[0].requests().filter((r) => /^\/api(s)?(\/[^/]+){0,2}$/.test(r.path) && !/^\/api\/v1\/./.test(r.path)).length;
  /** A new kdeck run: its own backend (registry, catalogue) over the same cache directory. */
  const run = () => new LiveBackend({ kubeconfig }, { env: { XDG_CACHE_HOME: join(dir, 'cache') }, homeDir: dir, cwd: dir });

  test('the first run discovers and saves; the next run answers from the file without a discovery request', async () => {
    const first = run();
    const before1 = discoveries();
    assert.ok((await first.catalogue(context())).resolve('pods'));
    assert.ok(discoveries() > before1, 'the first run asked the server');
    await first.close();
    assert.ok(existsSync(cacheFile()), `the cache file is written: ${cacheFile()}`);

    const second = run();
    const before2 = discoveries();
    const cat = await second.catalogue(context());
    assert.equal(cat.resolve('deploy')?.resource, 'deployments');
    assert.equal(discoveries(), before2, 'a fresh cache sends no discovery request');
    await second.close();
  });

  test('an expired file (older than 6 h) is rediscovered and rewritten', async () => {
    const c = JSON.parse(readFileSync(cacheFile(), 'utf8')) as { fetchedAt: number };
    writeFileSync(cacheFile(), JSON.stringify({ ...c, fetchedAt: Date.now() - DISCOVERY_TTL_MS - 1000 }));
    const b = run();
    const before = discoveries();
    await b.catalogue(context());
    assert.ok(discoveries() > before, 'expired: asked the server');
    assert.ok((JSON.parse(readFileSync(cacheFile(), 'utf8')) as { fetchedAt: number }).fetchedAt > Date.now() - 60_000, 'rewritten now');
    await b.close();
  });

  test('a name the cache does not know (a CRD installed since) rediscovers once, then resolves', async () => {
    const b = run();
    const cat = await b.catalogue(context());
    sim.clusters[0].store.create('customresourcedefinitions.apiextensions.k8s.io', {
      apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'gadgets.demo.kdeck.io' },
      spec: { group: 'demo.kdeck.io', scope: 'Namespaced', names: { plural: 'gadgets', singular: 'gadget', kind: 'Gadget', shortNames: ['gdg'] }, versions: [{ name: 'v1', served: true, storage: true }] },
    });
    const before = discoveries();
    assert.equal(cat.resolve('gadgets'), undefined, 'the cached list does not have it yet');
    // The miss started a rediscovery into the same catalogue object the views hold.
    for (let i = 0; i < 100 && !cat.resolve('gdg'); i++) await delay(20);
    assert.equal(cat.resolve('gdg')?.group, 'demo.kdeck.io');
    assert.ok(discoveries() > before, 'the miss asked the server');
    const after1 = discoveries();
    assert.equal(cat.resolve('no-such-thing'), undefined);
    await delay(100);
    assert.equal(discoveries(), after1, 'once fresh from the server, a miss is a real miss: no more requests');
    assert.ok(readFileSync(cacheFile(), 'utf8').includes('"gadgets"'), 'the file has the new resource');
    // The start-up check's path: catalogue({ fresh: true }) on a cached catalogue asks the server and says so.
    await b.close();
  });

  test('a 404 for a resource the cache lists drops the file and rediscovers', async () => {
    const c = JSON.parse(readFileSync(cacheFile(), 'utf8')) as { refs: ResourceRef[] };
    const ghost: ResourceRef = { ...pods, resource: 'ghosts', kind: 'Ghost', singular: 'ghost', shortNames: ['gh'] };
    writeFileSync(cacheFile(), JSON.stringify({ ...c, refs: [...c.refs, ghost] }));
    const b = run();
    const cat = await b.catalogue(context());
    const ref = cat.resolve('ghosts');
    assert.ok(ref, 'the doctored cache lists ghosts');
    const before = discoveries();
    const lease = b.acquire({ context: context(), resource: ref, namespace: 'default' });
    try {
      for (let i = 0; i < 150 && (lease.informer.state().phase !== 'failed' || cat.resolve('ghosts')); i++) await delay(20);
      assert.equal(lease.informer.state().phase, 'failed', 'the list got a 404');
      assert.equal(cat.resolve('ghosts'), undefined, 'rediscovered: ghosts are gone');
      assert.ok(discoveries() > before);
      for (let i = 0; i < 50 && readFileSync(cacheFile(), 'utf8').includes('"ghosts"'); i++) await delay(20);
      assert.ok(!readFileSync(cacheFile(), 'utf8').includes('"ghosts"'), 'the file was rewritten without them');
    } finally {
      lease.release();
      await b.close();
    }
  });
});
