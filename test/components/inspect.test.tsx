// The inspect views as a user sees them (ink-testing-library), with the real inspector over an in-process
// simulator: describe, live YAML (managedFields, search, secret decoding), logs (follow, filter, timestamps,
// clear, a restart resumed), containers (Enter on a pod, l on a container).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { render } from 'ink-testing-library';
import { App } from '../../components/App.js';
import { FakeBackend, REFS, ref, row, fakeCatalogue } from '../ui-state/helpers/fakes.js';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { createInspector } from '../../src/inspect/inspector.js';
import { SessionRegistry } from '../../src/sessions/registry.js';
import { plainClient } from '../helpers/plain-client.js';
import type { CatalogueView, InformerKey } from '../../src/ui-state/engine-types.js';

const CONTEXTS = [{ name: 'sim', cluster: 'sim', user: 'admin', namespace: 'team-a', current: true }];
const tick = (ms = 20) => new Promise((r) => setTimeout(r, ms));

async function until(frame: () => string | undefined, pred: (f: string) => boolean, what: string): Promise<string> {
  for (let i = 0; i < 400; i++) {
    const f = frame() ?? '';
    if (pred(f)) return f;
    await tick(15);
  }
  assert.fail(`${what} never appeared; last frame:\n${frame()}`);
}

describe('inspect views (component, simulator behind the inspector)', { concurrency: false }, () => {
  let sim: Simulator;
  let client: ReturnType<typeof plainClient>;
  const registry = new SessionRegistry({ graceMs: 300 });
  const mounted: { unmount(): void }[] = [];

  class SimBackend extends FakeBackend {
    inspector() {
      return createInspector(client, { registry, context: 'sim', bufferLines: 1000 });
    }
    override async catalogue(): Promise<CatalogueView> {
      return fakeCatalogue([...REFS, ref('secrets', 'Secret', '', true, [])]);
    }
  }
  const backend = () => new SimBackend(CONTEXTS, (k: InformerKey) => {
    const items = sim.clusters[0].store.list(k.resource.group ? `${k.resource.resource}.${k.resource.group}` : k.resource.resource, k.namespace);
    return { rows: items.map((o) => ({ ...row(o.metadata.name, { namespace: o.metadata.namespace }), uid: o.metadata.uid ?? o.metadata.name })) };
  });
  function mount(resource = 'pods', height = 30) {
    const r = render(<App backend={backend()} context="sim" namespace="team-a" startResource={resource} version="0.1.0" width={120} height={height} noColor />);
    mounted.push(r);
    return r;
  }
  /** Moves the cursor to the row named `name` (rows are sorted by name in the fake store's order). */
  async function select(r: ReturnType<typeof mount>, name: string) {
    const names = sim.clusters[0].store.list('pods', 'team-a').map((p) => p.metadata.name);
    await until(r.lastFrame, (f) => f.includes(names[0]), 'the pod rows');
    const i = names.indexOf(name);
    for (let k = 0; k < i; k++) {
      r.stdin.write('j');
      await tick(5);
    }
  }

  before(async () => {
    sim = await startSimulator({ controllers: false, pods: 60, seed: 7, logRate: 20 });
    client = plainClient(sim.clusters[0].url);
  });
  after(async () => {
    for (const m of mounted) m.unmount();
    await registry.shutdown();
    await client?.close();
    await sim?.stop();
  });

  test('d: describe of the pod under the cursor, e: its events', async () => {
    const r = mount();
    const pod = sim.clusters[0].store.list('pods', 'team-a').find((p) => p.metadata.name.startsWith('worker-') && (p.status as { phase: string }).phase === 'Running')!;
    await select(r, pod.metadata.name);
    r.stdin.write('d');
    let f = await until(r.lastFrame, (x) => x.includes(`describe pods/${pod.metadata.name}`) && x.includes('Namespace:'), 'describe');
    assert.match(f, /Name:\s+worker-/);
    assert.match(f, /Controlled By:\s+ReplicaSet\/worker-/);
    r.stdin.write('G');
    f = await until(r.lastFrame, (x) => x.includes('Events:'), 'the events at the bottom');
    assert.match(f, /Warning\s+BackOff/);
    r.stdin.write('e');
    await until(r.lastFrame, () => true, 'events view');
    r.unmount();
  });

  test('y: live YAML; m shows managedFields; / searches with n; it follows changes to the object', async () => {
    const r = mount();
    const pod = sim.clusters[0].store.list('pods', 'team-a')[0];
    await select(r, pod.metadata.name);
    r.stdin.write('y');
    let f = await until(r.lastFrame, (x) => x.includes('apiVersion: v1') && x.includes('live · resourceVersion'), 'yaml');
    assert.ok(!f.includes('managedFields'), 'managedFields hidden by default');
    r.stdin.write('/');
    await tick();
    r.stdin.write('restartPolicy');
    await tick();
    r.stdin.write('\r');
    f = await until(r.lastFrame, (x) => /1 match\(es\)/.test(x), 'search count');
    r.stdin.write('n');
    f = await until(r.lastFrame, (x) => x.split('\n')[5]?.includes('restartPolicy') ?? false, 'the match on top');
    // A change to the object shows without a key press (the view watches it).
    const cur = structuredClone(sim.clusters[0].store.get('pods', 'team-a', pod.metadata.name)!);
    cur.metadata.labels = { ...(cur.metadata.labels ?? {}), 'kdeck.test/changed': 'yes' };
    sim.clusters[0].store.update('pods', cur);
    r.stdin.write('g');
    await until(r.lastFrame, (x) => x.includes('kdeck.test/changed: yes'), 'the live change');
    r.stdin.write('m');
    await until(r.lastFrame, (x) => x.includes('<managedFields>'), 'managedFields on');
    r.unmount();
  });

  test('x decodes a secret only when asked', async () => {
    const secret = sim.clusters[0].store.list('secrets', 'search').find((s) => s.metadata.name === 'app-credentials')!;
    const r = render(<App backend={backend()} context="sim" namespace="search" startResource="secrets" version="0.1.0" width={120} height={30} noColor />);
    mounted.push(r);
    await until(r.lastFrame, (x) => x.includes('app-credentials'), 'secret rows');
    r.stdin.write('y');
    const enc = (secret as unknown as { data: Record<string, string> }).data["database-url"];
    const plain = Buffer.from(enc, 'base64').toString();
    let f = await until(r.lastFrame, (x) => x.includes('kind: Secret'), 'secret yaml');
    assert.ok(f.includes(enc) && !f.includes(plain), `base64 until asked:\n${f}`);
    r.stdin.write('x');
    f = await until(r.lastFrame, (x) => x.includes('<decoded>'), 'decoded');
    assert.ok(f.includes(plain), 'decoded value shown');
    assert.match(f, /stringData:/);
    r.unmount();
  });

  test('l: logs follow; / filters; t timestamps; c clears; f pauses', async () => {
    const r = mount('pods', 20);
    const pod = sim.clusters[0].store.list('pods', 'team-a').find((p) => p.metadata.name.startsWith('web-'))!;
    await select(r, pod.metadata.name);
    r.stdin.write('l');
    let f = await until(r.lastFrame, (x) => x.includes('following') && /\d+ lines/.test(x) && x.includes('HTTP/1.1'), 'logs');
    const count = () => Number(/(\d+) lines/.exec(r.lastFrame() ?? '')?.[1] ?? 0);
    const n0 = count();
    await until(r.lastFrame, () => count() > n0, 'new lines while following');
    r.stdin.write('t');
    f = await until(r.lastFrame, (x) => /\n20\d\d-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z /.test(x), 'timestamps');
    r.stdin.write('/');
    await tick();
    r.stdin.write('!GET');
    await tick();
    r.stdin.write('\r');
    f = await until(r.lastFrame, (x) => x.includes('filter !GET') && / of \d+ lines/.test(x), 'filter');
    assert.ok(!/"GET /.test(f.split('\n').slice(5).join('\n')), 'no GET lines shown');
    r.stdin.write('\x1b');
    await until(r.lastFrame, (x) => !x.includes('filter !GET'), 'Esc clears the filter');
    await tick(100); // a key right after Esc would read as Meta-key
    r.stdin.write('f');
    await until(r.lastFrame, (x) => x.includes('paused (f follows)'), 'paused');
    const before = count();
    r.stdin.write('c');
    await until(r.lastFrame, () => count() < before / 2, 'cleared');
    r.unmount();
  });

  test('Enter on a pod: its containers; l on a container: that container\'s logs', async () => {
    const r = mount();
    const pod = sim.clusters[0].store.list('pods', 'team-a').find((p) => (p.spec as { containers: unknown[] }).containers.length === 2)!;
    await select(r, pod.metadata.name);
    r.stdin.write('\r');
    let f = await until(r.lastFrame, (x) => x.includes(`containers po/${pod.metadata.name}`) && x.includes('log-shipper'), 'containers');
    assert.match(f, /NAME\s+IMAGE\s+READY\s+STATE\s+RESTARTS\s+PROBES\s+PORTS\s+CPU R:L\s+MEM R:L/);
    assert.match(f, /api\s+ghcr\.io\/acme\/api:v2\.14\.1\s+true\s+Running\s+0\s+readiness\s+http:8080\/TCP\s+250m:1\s+256Mi:512Mi/);
    r.stdin.write('j');
    await tick();
    r.stdin.write('l');
    f = await until(r.lastFrame, (x) => x.includes('(log-shipper)') && x.includes('following'), 'container logs');
    r.unmount();
  });
});
