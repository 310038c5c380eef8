// kdeck's own exec, shell and port-forward clients against the simulator over TLS with a client certificate:
// undici's WebSocket on the context's dispatcher and credentials.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { request as httpRequest } from 'node:http';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { loadConnection } from '../../src/kubeconfig/index.js';
import { createClient } from '../../src/transport/client.js';
import type { KubeClient } from '../../src/transport/types.js';
import { startExec } from '../../src/streams/exec.js';
import { openShell } from '../../src/streams/shell.js';
import { openForward, forwardInfo } from '../../src/streams/forwards.js';
import { resolveForwardTarget } from '../../src/streams/targets.js';
import { SessionRegistry } from '../../src/sessions/registry.js';
import type { SimObject } from '../../src/simulator/types.js';
import { containerPorts } from '../../src/simulator/streaming/pod-ports.js';
import { tempDir } from '../simulator/kubectl-helpers.js';

function get(port: number, path = '/'): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve(body));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('exec, shell and port-forward clients', () => {
  let sim: Simulator;
  let client: KubeClient & { close(): Promise<void> };
  let web: SimObject;
  let alpine: SimObject;
  const registry = new SessionRegistry();

  before(async () => {
    sim = await startSimulator({ tls: true, kubernetesMinor: 33, controllers: false, pods: 40, seed: 7 });
    const dir = tempDir('kdeck-streams-client-');
    sim.writeKubeconfig(join(dir, 'config'));
    client = createClient(loadConnection({ kubeconfig: join(dir, 'config') }, { env: {}, homeDir: dir, cwd: dir }));
    const pods = sim.clusters[0].store.list('pods').filter((p) => (p.status as { phase?: string }).phase === 'Running' && (p.spec as { containers: unknown[] }).containers.length === 1);
    web = pods.find((p) => containerPorts(p).includes(80))!;
    alpine = pods.find((p) => /alpine|busybox/.test(JSON.stringify(p.spec)))!;
    assert.ok(web && alpine);
  });
  after(async () => {
    await registry.shutdown();
    await client?.close();
    await sim?.stop();
  });

  test('exec: stdout, stderr and the exit code from the Status', async () => {
    const s = await startExec(client, { namespace: web.metadata.namespace!, pod: web.metadata.name, command: ['sh', '-c', 'echo out; cat /nope; exit 4'], stdin: false, tty: false });
    let out = '';
    let err = '';
    s.onStdout((b) => (out += b));
    s.onStderr((b) => (err += b));
    assert.deepEqual(await s.outcome, { exitCode: 4 });
    assert.equal(s.protocol, 'v5.channel.k8s.io');
    assert.equal(out, 'out\n');
    assert.match(err, /No such file/);
  });

  test('exec: stdin, then its end (v5 close) ends the shell', async () => {
    const s = await startExec(client, { namespace: web.metadata.namespace!, pod: web.metadata.name, command: ['sh'], stdin: true, tty: false });
    let out = '';
    s.onStdout((b) => (out += b));
    s.write('echo one\nhostname\n');
    s.endInput();
    assert.deepEqual(await s.outcome, { exitCode: 0 });
    assert.equal(out, `one\n${web.metadata.name}\n`);
  });

  test('a refused exec is the API server\'s reason, not a bare WebSocket error', async () => {
    await assert.rejects(startExec(client, { namespace: web.metadata.namespace!, pod: web.metadata.name, container: 'nope', command: ['true'], stdin: false, tty: false }), /container nope is not valid/);
    await assert.rejects(startExec(client, { namespace: web.metadata.namespace!, pod: 'no-such-pod', command: ['true'], stdin: false, tty: false }), /not found/);
  });

  test('shell: /bin/bash where it exists, /bin/sh on alpine', async () => {
    const a = await openShell(client, { namespace: web.metadata.namespace!, pod: web.metadata.name }, { columns: 80, rows: 24 });
    assert.equal(a.shell, '/bin/bash');
    a.session.write('exit 2\r');
    assert.deepEqual(await a.session.outcome, { exitCode: 2 });
    const b = await openShell(client, { namespace: alpine.metadata.namespace!, pod: alpine.metadata.name }, { columns: 80, rows: 24 });
    assert.equal(b.shell, '/bin/sh');
    assert.match(Buffer.concat(b.early).toString(), /\/ # /);
    b.session.close();
  });

  test('port-forward: 100 concurrent requests through one forward, every answer right, counted', async () => {
    const target = await resolveForwardTarget(client, 'pods', web.metadata.namespace!, web.metadata.name);
    assert.deepEqual(target.ports.map((p) => p.port), [80]);
    const fwd = await openForward(registry, client, 'sim', { namespace: web.metadata.namespace!, pod: web.metadata.name, remotePort: 80, localAddress: '127.0.0.1', localPort: 0 });
    const port = Number(fwd.local.split(':').pop());
    const bodies = await Promise.all(Array.from({ length: 100 }, () => get(port)));
    assert.deepEqual(bodies, Array.from({ length: 100 }, () => `${web.metadata.name}\n`));
    const big = await get(port, '/bytes/3000000');
    assert.equal(big.length, 3_000_000);
    const stats = forwardInfo(fwd.id)!.stats;
    assert.equal(stats.total, 101);
    assert.ok(stats.bytesIn > 3_000_000 && stats.bytesOut > 100 * 20, JSON.stringify(stats));
    assert.equal(registry.list('port-forward').length, 1);
    await registry.close(fwd.id);
    assert.equal(registry.list('port-forward').length, 0);
  });

  test('port-forward to a service picks a ready pod; deleting the pod ends the forward with a message', async () => {
    const svc = sim.clusters[0].store.list('services').find((s) => {
      const sel = (s.spec as { selector?: Record<string, string> }).selector;
      return sel && sel.app === (web.metadata.labels ?? {}).app && s.metadata.namespace === web.metadata.namespace;
    });
    assert.ok(svc, 'a service selects the web pods');
    const target = await resolveForwardTarget(client, 'services', svc.metadata.namespace!, svc.metadata.name);
    assert.ok(target.ports.length > 0);
    const fwd = await openForward(registry, client, 'sim', { namespace: svc.metadata.namespace!, pod: target.pod, remotePort: target.ports[0].port, localAddress: '127.0.0.1', localPort: 0 });
    const port = Number(fwd.local.split(':').pop());
    assert.equal(await get(port), `${target.pod}\n`);
    const ended = new Promise<string>((resolve) => registry.subscribe((_l, end) => end && resolve(`${end.how}: ${String((end.error as Error)?.message)}`)));
    await client.request({ method: 'DELETE', path: `/api/v1/namespaces/${svc.metadata.namespace}/pods/${target.pod}`, query: { gracePeriodSeconds: 0 } });
    assert.match(await ended, /^failed: port-forward .* ended: pod .* (was deleted|is terminating|no longer exists)/);
  });
});
