// End to end against the simulator over TLS: kubeconfig from the simulator → loadConnection → transport,
// with an exec plugin whose token the server expires mid-session (401 → one re-run → success).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { loadConnection } from '../../src/kubeconfig/index.js';
import { closeAllClients, getClient } from '../../src/transport/client.js';
import { ApiStatusError } from '../../src/errors.js';
import { isoIn, makePlugin } from '../helpers/plugins.js';

let sim: Simulator;
let dir: string;

before(async () => {
  sim = await startSimulator({ tls: true, pods: 4, controllers: false });
  dir = mkdtempSync(join(tmpdir(), 'kdeck-sim-e2e-'));
});
after(async () => {
  await closeAllClients();
  await sim?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('an exec user: token cached, expired by the server, plugin re-run once, request succeeds', async () => {
  const first = sim.issueToken('eks-admin', ['system:masters']);
  const second = sim.issueToken('eks-admin', ['system:masters']);
  const plugin = makePlugin();
  plugin.answer({ token: first, expirationTimestamp: isoIn(3_600_000) });
  writeFileSync(join(plugin.dir, 'out2.json'), JSON.stringify({ kind: 'ExecCredential', apiVersion: plugin.exec.apiVersion, status: { token: second } }));

  const config = parse(sim.kubeconfig) as { users: { name: string; user: unknown }[]; contexts: { name: string; context: { user: string } }[] };
  config.users.push({ name: 'eks', user: { exec: { apiVersion: plugin.exec.apiVersion, command: plugin.command, args: plugin.exec.args, interactiveMode: 'Never' } } });
  const ctx = sim.clusters[0].contextName;
  config.contexts.push({ name: 'eks-ctx', context: { ...config.contexts.find((c) => c.name === ctx)!.context, user: 'eks' } });
  const file = join(dir, 'config');
  writeFileSync(file, stringify(config));

  const spec = loadConnection({ kubeconfig: file, context: 'eks-ctx' }, { env: {}, homeDir: dir, cwd: dir });
  const client = getClient(spec);
  const list = await client.requestJson<{ items: unknown[] }>({ path: '/api/v1/namespaces/default/pods', query: { limit: 500 } });
  assert.ok(Array.isArray(list.items));
  await client.requestJson({ path: '/api/v1/namespaces' });
  assert.equal(plugin.runs(), 1);

  sim.clusters[0].faults.expireToken(first);
  await client.requestJson({ path: '/api/v1/namespaces' });
  assert.equal(plugin.runs(), 2);
});

test('the restricted token user is forbidden outside team-a, with the Status kept', async () => {
  const spec = loadConnection({ kubeconfig: join(dir, 'config'), context: `${sim.clusters[0].contextName}-restricted`, namespace: 'default' }, { env: {}, homeDir: dir, cwd: dir });
  const err = await getClient(spec).requestJson({ path: '/api/v1/namespaces/default/pods' }).catch((e: unknown) => e);
  assert.ok(err instanceof ApiStatusError, String(err));
  assert.equal(err.code, 403);
  assert.equal(err.reason, 'Forbidden');
  const ok = await getClient(spec).requestJson<{ items: unknown[] }>({ path: '/api/v1/namespaces/team-a/pods' });
  assert.ok(Array.isArray(ok.items));
});
