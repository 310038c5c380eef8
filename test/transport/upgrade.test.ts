// upgrade() against the simulator over TLS: a WebSocket whose handshake is refused with 401 because the exec
// plugin's cached token was expired by the server re-runs the plugin once and opens with the new token, as every
// other request does (client.ts); a token that stays rejected is the server's 401, not a bare WebSocket error.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { loadConnection } from '../../src/kubeconfig/index.js';
import { createClient } from '../../src/transport/client.js';
import { upgrade } from '../../src/transport/upgrade.js';
import { EXEC_PROTOCOLS, STDOUT, decodeFrame } from '../../src/protocol/channels.js';
import { ApiStatusError } from '../../src/errors.js';
import { isoIn, makePlugin, type PluginFixture } from '../helpers/plugins.js';

let sim: Simulator;
let dir: string;
const clients: { close(): Promise<void> }[] = [];

before(async () => {
  sim = await startSimulator({ tls: true, pods: 20, namespaces: 1, controllers: false, seed: 42 });
  dir = mkdtempSync(join(tmpdir(), 'kdeck-upgrade-'));
});
after(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await sim?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** A kubeconfig whose context authenticates with `plugin`, and a client on it. */
function clientWith(plugin: PluginFixture, name: string) {
  const config = parse(sim.kubeconfig) as { users: { name: string; user: unknown }[]; contexts: { name: string; context: { user: string } }[] };
  config.users.push({ name, user: { exec: { apiVersion: plugin.exec.apiVersion, command: plugin.command, args: plugin.exec.args, interactiveMode: 'Never' } } });
  const ctx = sim.clusters[0].contextName;
  config.contexts.push({ name: `${name}-ctx`, context: { ...config.contexts.find((c) => c.name === ctx)!.context, user: name } });
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, stringify(config));
  const client = createClient(loadConnection({ kubeconfig: file, context: `${name}-ctx` }, { env: {}, homeDir: dir, cwd: dir }));
  clients.push(client);
  return client;
}

function runningPod(): { namespace: string; name: string } {
  const p = sim.clusters[0].store.list('pods').find((x) => (x.status as { phase?: string }).phase === 'Running' && (x.spec as { containers: unknown[] }).containers.length === 1)!;
  return { namespace: p.metadata.namespace!, name: p.metadata.name };
}

/** `echo hi` over an exec WebSocket; resolves with its stdout. */
async function echo(client: ReturnType<typeof createClient>): Promise<string> {
  const pod = runningPod();
  const ws = await upgrade(client, {
    path: `/api/v1/namespaces/${pod.namespace}/pods/${pod.name}/exec`,
    query: { command: ['echo', 'hi'], stdout: true, stderr: true },
    protocols: EXEC_PROTOCOLS, what: `exec in ${pod.name}`,
  });
  let out = '';
  ws.onMessage((m) => {
    const f = decodeFrame(m);
    if (f?.channel === STDOUT) out += f.data.toString();
  });
  await ws.closed;
  return out;
}

test('a handshake refused with 401 (the cached exec token expired) re-runs the plugin once and opens', async () => {
  const first = sim.issueToken('eks-admin', ['system:masters']);
  const second = sim.issueToken('eks-admin', ['system:masters']);
  const plugin = makePlugin();
  plugin.answer({ token: first, expirationTimestamp: isoIn(3_600_000) });
  writeFileSync(join(plugin.dir, 'out2.json'), JSON.stringify({ kind: 'ExecCredential', apiVersion: plugin.exec.apiVersion, status: { token: second } }));
  const client = clientWith(plugin, 'eks');
  assert.equal(await echo(client), 'hi\n');
  assert.equal(plugin.runs(), 1, 'the token is cached');

  sim.clusters[0].faults.expireToken(first);
  assert.equal(await echo(client), 'hi\n');
  assert.equal(plugin.runs(), 2, 'the plugin ran once more after the 401');
});

test('a token the server keeps rejecting is its 401, after one re-run', async () => {
  const plugin = makePlugin();
  plugin.answer({ token: 'never-issued' });
  const client = clientWith(plugin, 'bad');
  const err = await echo(client).catch((e: unknown) => e);
  assert.ok(err instanceof ApiStatusError, String(err));
  assert.equal(err.code, 401);
  assert.equal(plugin.runs(), 2, 'one re-run, no loop');
});
