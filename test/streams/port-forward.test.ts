// kdeck's port-forward against the simulator over TLS: a local reader that stops reading holds the pod back
// (TCP flow control through the forward's WebSocket) instead of kdeck taking in the whole response; when it reads
// again, every byte arrives.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { connect, type Socket } from 'node:net';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { containerPorts } from '../../src/simulator/streaming/pod-ports.js';
import { loadConnection } from '../../src/kubeconfig/index.js';
import { createClient } from '../../src/transport/client.js';
import type { KubeClient } from '../../src/transport/types.js';
import { startPortForward } from '../../src/streams/port-forward.js';
import { tempDir } from '../simulator/kubectl-helpers.js';

let sim: Simulator;
let client: KubeClient & { close(): Promise<void> };
const ac = new AbortController();
/** Local connections, destroyed at the end even when an assertion failed (a paused socket would stay open). */
const locals: Socket[] = [];

before(async () => {
  sim = await startSimulator({ tls: true, controllers: false, pods: 20, namespaces: 1, seed: 42 });
  const dir = tempDir('kdeck-pf-');
  sim.writeKubeconfig(join(dir, 'config'));
  client = createClient(loadConnection({ kubeconfig: join(dir, 'config') }, { env: {}, homeDir: dir, cwd: dir }));
});
after(async () => {
  for (const s of locals) s.destroy();
  ac.abort();
  await client?.close();
  await sim?.stop();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('a local reader that stops reading holds the pod back; reading again gets every byte', async () => {
  const pod = sim.clusters[0].store.list('pods').find((p) => (p.status as { phase?: string }).phase === 'Running' && containerPorts(p).length > 0)!;
  const fwd = await startPortForward(client, { namespace: pod.metadata.namespace!, pod: pod.metadata.name, remotePort: containerPorts(pod)[0]!, localAddress: '127.0.0.1', localPort: 0 }, ac.signal);
  const TOTAL = 100_000_000;
  const sock = connect(fwd.port, '127.0.0.1');
  locals.push(sock);
  let received = 0;
  sock.on('data', (b: Buffer) => {
    received += b.length;
    sock.pause();
  });
  const ended = new Promise<void>((r) => sock.once('end', () => r()));
  sock.write(`GET /bytes/${TOTAL} HTTP/1.1\r\nHost: pod\r\nConnection: close\r\n\r\n`);
  // Wait until kdeck stops taking bytes in (unchanged for 600 ms), while the local side reads nothing more.
  let last = -1;
  for (let i = 0; i < 100 && fwd.stats.bytesIn !== last; i++) {
    last = fwd.stats.bytesIn;
    await sleep(600);
  }
  // Kernel socket buffers on both sides and the API server's own buffer hold a few MB each; without flow control
  // kdeck takes in the whole 100 MB.
  assert.ok(fwd.stats.bytesIn < 40_000_000, `kdeck took in ${fwd.stats.bytesIn} bytes of ${TOTAL} while nobody read them`);
  sock.removeAllListeners('data');
  sock.on('data', (b: Buffer) => (received += b.length));
  sock.resume();
  await ended;
  assert.ok(received > TOTAL, `every byte and the headers arrive (${received})`);
  assert.equal(fwd.stats.bytesIn, received);
});
