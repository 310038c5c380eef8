// :pf keeps counting by itself: a real port-forward (kdeck's client against the simulator over TLS) is carrying
// bytes while the view is open and no key is pressed; its IN/OUT, CONN and AGE columns change on screen.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { request as httpRequest } from 'node:http';
import { render } from 'ink-testing-library';
import { App } from '../../components/App.js';
import { until } from './helpers/frames.js';
import { FakeBackend, row } from '../ui-state/helpers/fakes.js';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { loadConnection } from '../../src/kubeconfig/index.js';
import { createClient } from '../../src/transport/client.js';
import type { KubeClient } from '../../src/transport/types.js';
import { openForward, type ForwardInfo } from '../../src/streams/forwards.js';
import { sessions } from '../../src/sessions/registry.js';
import { containerPorts } from '../../src/simulator/streaming/pod-ports.js';
import { tempDir } from '../simulator/kubectl-helpers.js';

function get(port: number, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      let n = 0;
      res.on('data', (d: Buffer) => (n += d.length));
      res.on('end', () => resolve(n));
    });
    req.on('error', reject);
    req.end();
  });
}

/** The :pf line of the forward on `port`. */
const lineOf = (frame: string, port: number) => frame.split('\n').find((l) => l.includes(`127.0.0.1:${port}`)) ?? '';

describe(':pf redraws by itself', () => {
  let sim: Simulator;
  let client: KubeClient & { close(): Promise<void> };
  let fwd: ForwardInfo;
  const mounted: { unmount(): void }[] = [];

  before(async () => {
    sim = await startSimulator({ tls: true, controllers: false, pods: 20, namespaces: 1, seed: 42 });
    const dir = tempDir('kdeck-pf-view-');
    sim.writeKubeconfig(join(dir, 'config'));
    client = createClient(loadConnection({ kubeconfig: join(dir, 'config') }, { env: {}, homeDir: dir, cwd: dir }));
    const web = sim.clusters[0].store.list('pods').find((p) => (p.status as { phase?: string }).phase === 'Running' && containerPorts(p).includes(80))!;
    fwd = await openForward(sessions, client, 'one', { namespace: web.metadata.namespace!, pod: web.metadata.name, remotePort: 80, localAddress: '127.0.0.1', localPort: 0 });
  });
  after(async () => {
    for (const m of mounted) m.unmount();
    await sessions.shutdown();
    await client?.close();
    await sim?.stop();
  });

  test('bytes, connections and age change on screen while no key is pressed', async () => {
    const backend = new FakeBackend([{ name: 'one', cluster: 'c1', user: 'admin', namespace: 'default', current: true }], () => ({ rows: [row('pod-a')] }));
    const r = render(<App backend={backend} context="one" namespace="default" startResource="pods" version="0.1.0" width={120} height={24} noColor onQuit={() => undefined} />);
    mounted.push(r);
    await until(r.lastFrame, (f) => f.includes('pods(default)'), 'the pods table');
    r.stdin.write(':pf');
    await new Promise((res) => setTimeout(res, 50));
    r.stdin.write('\r');
    const port = Number(fwd.local.split(':').pop());
    const first = await until(r.lastFrame, (f) => /port-forwards\[1\]/.test(f) && lineOf(f, port) !== '', 'the forward in :pf');
    assert.match(lineOf(first, port), /\b0B +0B +0\/0\b/, 'nothing carried yet');
    // Bytes through the forward, no key pressed: the line must show them by itself.
    assert.equal(await get(port, '/bytes/300000').catch((e) => { throw new Error(`${e.message}: ${fwd.stats.lastError}`); }), 300_000);
    const moved = await until(r.lastFrame, (f) => /\b29\d\.\dK\b/.test(lineOf(f, port)) && /\b0\/1\b/.test(lineOf(f, port)), 'IN and CONN updated without a key', 400);
    const age = (f: string) => /\b(\d+)s\s+one\b/.exec(lineOf(f, port))?.[1];
    const ageThen = age(moved);
    assert.ok(ageThen !== undefined, `an age in: ${lineOf(moved, port)}`);
    await until(r.lastFrame, (f) => age(f) !== undefined && age(f) !== ageThen, 'AGE ticking without a key', 400);
  });
});
