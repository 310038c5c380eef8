// LiveBackend over a real kubeconfig: --request-timeout bounds the reachability check (/version), not a fixed 10 s.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConnectionError } from '../../src/errors.js';
import { LiveBackend } from '../../src/ui-state/live-backend.js';
import { ReadOnlyError } from '../../src/transport/read-only.js';

let server: Server;
const sockets = new Set<Socket>();
let kubeconfig: string;
let home: string;

before(async () => {
  // Accepts connections and never answers: a hung API server.
  server = createServer((s) => {
    sockets.add(s);
    s.on('error', () => undefined);
  });
  server.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const port = (server.address() as AddressInfo).port;
  home = mkdtempSync(join(tmpdir(), 'kdeck-live-'));
  kubeconfig = join(home, 'config');
  writeFileSync(kubeconfig, `apiVersion: v1
kind: Config
clusters: [{name: hung, cluster: {server: "http://127.0.0.1:${port}"}}]
users: [{name: u, user: {}}]
contexts: [{name: hung, context: {cluster: hung, user: u}}]
current-context: hung
`);
});
after(async () => {
  for (const s of sockets) s.destroy();
  await new Promise((r) => server.close(r));
});

test('--request-timeout applies to the /version check (a hung server is reported after it, not after 10 s)', async () => {
  const backend = new LiveBackend({ kubeconfig, requestTimeout: '300ms' }, { env: {}, homeDir: home });
  const t0 = Date.now();
  try {
    const outcome = await Promise.race([
      backend.connect('hung').then(() => 'connected', (e: unknown) => e),
      new Promise((r) => setTimeout(() => r('still waiting after 3 s'), 3000)),
    ]);
    assert.ok(outcome instanceof ConnectionError && outcome.step === 'timeout', `outcome: ${String(outcome)}`);
    assert.ok(Date.now() - t0 >= 250, 'it waited for the request timeout');
  } finally {
    await backend.close();
  }
});

test('a read-only context gets a refusing action client and capabilities that offer no change', async () => {
  const backend = new LiveBackend({ kubeconfig }, { env: {}, homeDir: home }, { readOnly: (ctx) => (ctx === 'hung' ? '--readonly' : undefined) });
  try {
    assert.equal(backend.readOnlyReason('hung'), '--readonly');
    const client = backend.actionClient('hung');
    await assert.rejects(client.request({ method: 'DELETE', path: '/api/v1/namespaces/default/pods/x' }), ReadOnlyError);
    assert.equal(backend.capabilities('hung').writable, false);
    assert.equal(backend.capabilities('hung'), backend.capabilities('hung'), 'one capability cache per context');
  } finally {
    await backend.close();
  }
});
