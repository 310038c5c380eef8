// Exec credential plugins as real scripts: v1/v1beta1, caching by expirationTimestamp, one run for many waiters,
// a failing plugin (stderr captured and redacted), a missing command with installHint, KUBERNETES_EXEC_INFO,
// interactive modes, and a 401 followed by a re-run.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CredentialError } from '../../src/errors.js';
import { ExecCredentialCache } from '../../src/auth/exec-cache.js';
import { setTerminalOwnedByApp } from '../../src/auth/terminal.js';
import { describeAuth } from '../../src/auth/describe.js';
import { createClient } from '../../src/transport/client.js';
import { makePki, type TestPki } from '../helpers/pki.js';
import { startTestApiServer, type TestApiServer } from '../helpers/api-server.js';
import { makeSpec } from '../helpers/spec.js';
import { isoIn, makePlugin } from '../helpers/plugins.js';

let pki: TestPki;
let api: TestApiServer;

before(async () => {
  pki = makePki();
  api = await startTestApiServer({ serverCert: pki.server, clientCa: pki.ca.certPem, tokens: { 'tok-exec': { username: 'exec-user', groups: ['dev'] } } });
});
after(async () => {
  await api?.stop();
});

const execSpec = (plugin: ReturnType<typeof makePlugin>, extra: Parameters<typeof makeSpec>[1] = {}) =>
  makeSpec(api.url, { tls: { caPem: pki.ca.certPem }, credential: { kind: 'exec', exec: plugin.exec }, userName: 'eks-user', ...extra });

describe('exec plugin results', () => {
  test('v1 token is sent; cached until expirationTimestamp', async () => {
    const plugin = makePlugin();
    const client = createClient(execSpec(plugin));
    try {
      for (let i = 0; i < 3; i++) assert.equal((await client.requestJson<{ user: string }>({ path: '/whoami' })).user, 'exec-user');
      assert.equal(plugin.runs(), 1);
      assert.equal(describeAuth(client.spec), 'exec: get-token eks get-token --cluster-name demo');
    } finally {
      await client.close();
    }
  });

  test('v1beta1 works too, and exec env is added to the parent environment', async () => {
    const plugin = makePlugin({ apiVersion: 'client.authentication.k8s.io/v1beta1', env: { AWS_PROFILE: 'prod' } });
    const cache = new ExecCredentialCache();
    const result = await cache.get(execSpec(plugin));
    assert.equal(result.token, 'tok-exec');
    const env = readFileSync(join(plugin.dir, 'env.txt'), 'utf8');
    assert.match(env, /^AWS_PROFILE=prod$/m);
    assert.match(env, /^PATH=/m);
    assert.equal(plugin.execInfo().apiVersion, 'client.authentication.k8s.io/v1beta1');
  });

  test('an expired (or about to expire) credential is re-run; no expiry means cached until a 401', async () => {
    const plugin = makePlugin();
    plugin.answer({ token: 'tok-exec', expirationTimestamp: isoIn(1_000) });
    const cache = new ExecCredentialCache();
    const spec = execSpec(plugin);
    await cache.get(spec);
    await cache.get(spec);
    assert.equal(plugin.runs(), 2);
    plugin.answer({ token: 'tok-exec' });
    await cache.get(spec);
    await cache.get(spec);
    await cache.get(spec);
    assert.equal(plugin.runs(), 3);
  });

  test('a client certificate from the plugin is used for TLS', async () => {
    const plugin = makePlugin();
    plugin.answer({ clientCertificateData: pki.alice.certPem, clientKeyData: pki.alice.keyPem, expirationTimestamp: isoIn(3_600_000) });
    const client = createClient(execSpec(plugin));
    try {
      assert.deepEqual(await client.requestJson({ path: '/whoami' }), { user: 'alice', groups: ['dev'] });
    } finally {
      await client.close();
    }
  });

  test('ten parallel requests wait for one run', async () => {
    const plugin = makePlugin({ extra: 'sleep 0.3' });
    const client = createClient(execSpec(plugin));
    try {
      const answers = await Promise.all(Array.from({ length: 10 }, () => client.requestJson<{ user: string }>({ path: '/whoami' })));
      assert.ok(answers.every((a) => a.user === 'exec-user'));
      assert.equal(plugin.runs(), 1);
    } finally {
      await client.close();
    }
  });

  test('the credential is shared across contexts that use the same user on the same cluster', async () => {
    const plugin = makePlugin();
    const cache = new ExecCredentialCache();
    await cache.get(execSpec(plugin, { contextName: 'prod', cacheKey: 'k-prod' }));
    await cache.get(execSpec(plugin, { contextName: 'prod-admin-view', cacheKey: 'k-other', namespace: 'kube-system' }));
    assert.equal(plugin.runs(), 1);
    await cache.get(execSpec(plugin, { server: 'https://other-cluster:6443' }));
    assert.equal(plugin.runs(), 2);
  });

  test('a 401 invalidates the credential and re-runs the plugin once', async () => {
    const plugin = makePlugin();
    plugin.answer({ token: 'tok-revoked', expirationTimestamp: isoIn(3_600_000) });
    writeFileSync(join(plugin.dir, 'out2.json'), JSON.stringify({ kind: 'ExecCredential', apiVersion: plugin.exec.apiVersion, status: { token: 'tok-exec' } }));
    const client = createClient(execSpec(plugin));
    const before = api.seen.length;
    try {
      assert.equal((await client.requestJson<{ user: string }>({ path: '/whoami' })).user, 'exec-user');
      assert.equal(plugin.runs(), 2);
      assert.deepEqual(api.seen.slice(before).map((r) => r.user), ['(rejected)', 'exec-user']);
    } finally {
      await client.close();
    }
  });
});

describe('KUBERNETES_EXEC_INFO', () => {
  test('with provideClusterInfo: server, CA data, tls-server-name, proxy-url, config; interactive false without a terminal', async () => {
    const plugin = makePlugin({ provideClusterInfo: true });
    const exec = { ...plugin.exec, clusterConfig: { region: 'eu-west-1' } };
    const spec = makeSpec(api.url, {
      tls: { caPem: pki.ca.certPem, serverName: 'api.internal' }, proxyUrl: 'http://proxy:3128',
      credential: { kind: 'exec', exec },
    });
    await new ExecCredentialCache().get(spec);
    const info = plugin.execInfo();
    assert.equal(info.kind, 'ExecCredential');
    assert.equal(info.apiVersion, 'client.authentication.k8s.io/v1');
    assert.equal(info.spec.interactive, false);
    const cluster = info.spec.cluster!;
    assert.equal(cluster.server, api.url);
    assert.equal(Buffer.from(String(cluster['certificate-authority-data']), 'base64').toString(), pki.ca.certPem);
    assert.equal(cluster['tls-server-name'], 'api.internal');
    assert.equal(cluster['proxy-url'], 'http://proxy:3128');
    assert.deepEqual(cluster.config, { region: 'eu-west-1' });
  });

  test('without provideClusterInfo there is no cluster', async () => {
    const plugin = makePlugin();
    await new ExecCredentialCache().get(execSpec(plugin));
    assert.deepEqual(plugin.execInfo().spec, { interactive: false });
  });
});

describe('exec plugin failures', () => {
  test('a failing plugin: CredentialError naming user and command, with its stderr redacted; nothing reaches our stderr', () => {
    const plugin = makePlugin({ extra: 'echo "fetching credentials for eu-west-1" >&2; echo "Error: SSO session expired; old token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJib2IifQ.c2lnbmF0dXJl" >&2; exit 3' });
    const spec = execSpec(plugin);
    // run in a child process, so we can see that its stderr stays empty
    const script = `
      import { ExecCredentialCache } from ${JSON.stringify(fileURLToPath(new URL('../../src/auth/exec-cache.ts', import.meta.url)))};
      const spec = JSON.parse(process.env.SPEC);
      try { await new ExecCredentialCache().get(spec); process.stdout.write('no error'); }
      catch (e) { process.stdout.write(JSON.stringify({ name: e.name, user: e.user, message: e.message, hint: e.hint })); }`;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { env: { ...process.env, SPEC: JSON.stringify(spec) }, encoding: 'utf8' });
    assert.equal(r.stderr, '');
    const err = JSON.parse(r.stdout) as { name: string; user: string; message: string; hint: string };
    assert.equal(err.name, 'CredentialError');
    assert.equal(err.user, 'eks-user');
    assert.match(err.message, /`get-token eks get-token --cluster-name demo` of user "eks-user"/);
    assert.match(err.message, /exit code 3/);
    assert.match(err.message, /SSO session expired/);
    assert.doesNotMatch(err.message, /eyJhbGci/);
  });

  test('a failure is remembered briefly: a burst of requests causes one run', async () => {
    const plugin = makePlugin({ extra: 'echo "token expired" >&2; exit 1' });
    const cache = new ExecCredentialCache(600_000); // a long memory, so a slow machine cannot outlast it
    const spec = execSpec(plugin);
    const errors = await Promise.all([cache.get(spec), cache.get(spec)].map((p) => p.catch((e: unknown) => e)));
    const later = await cache.get(spec).catch((e: unknown) => e);
    assert.ok(errors.every((e) => e instanceof CredentialError) && later instanceof CredentialError);
    assert.equal(plugin.runs(), 1);
  });

  test('a missing command shows the installHint', async () => {
    const plugin = makePlugin({ installHint: 'Install aws-cli: https://aws.amazon.com/cli/' });
    const spec = execSpec(plugin);
    const exec = { ...plugin.exec, command: 'kdeck-no-such-plugin-aws' };
    const err = await new ExecCredentialCache().get({ ...spec, credential: { kind: 'exec', exec } }).catch((e: unknown) => e);
    assert.ok(err instanceof CredentialError, String(err));
    assert.match(err.message, /is not installed: "kdeck-no-such-plugin-aws" was not found on your PATH/);
    assert.equal(err.hint, 'Install aws-cli: https://aws.amazon.com/cli/');
  });

  test('bad JSON, wrong apiVersion, no token: clear problems, no secrets', async () => {
    const cache = new ExecCredentialCache();
    const bad = makePlugin({ extra: 'echo "token=hunter2hunter2 not json"; exit 0' });
    const e1 = await cache.get(execSpec(bad)).catch((e: unknown) => e);
    assert.ok(e1 instanceof CredentialError);
    assert.match(e1.message, /not JSON/);
    assert.doesNotMatch(e1.message, /hunter2/);

    const wrong = makePlugin();
    wrong.answer({ token: 'secret-tok' }, 'client.authentication.k8s.io/v1beta1');
    const e2 = await cache.get(execSpec(wrong)).catch((e: unknown) => e);
    assert.match((e2 as Error).message, /apiVersion "client.authentication.k8s.io\/v1beta1" but the kubeconfig asks for client.authentication.k8s.io\/v1/);
    assert.doesNotMatch((e2 as Error).message, /secret-tok/);

    const empty = makePlugin();
    empty.answer({ expirationTimestamp: isoIn(1000) });
    const e3 = await cache.get(execSpec(empty)).catch((e: unknown) => e);
    assert.match((e3 as Error).message, /neither a token nor a client certificate/);
  });

  test('a hanging plugin times out', async () => {
    const plugin = makePlugin({ extra: 'echo "waiting for browser login" >&2; sleep 10' });
    const err = await new ExecCredentialCache().get(execSpec(plugin), { timeoutMs: 300 }).catch((e: unknown) => e);
    assert.ok(err instanceof CredentialError);
    assert.match(err.message, /did not finish within/);
    assert.match(err.message, /waiting for browser login/);
  });

  test('interactiveMode Always while the app is full screen: told to run kdeck doctor first, plugin not run', async () => {
    const plugin = makePlugin({ interactiveMode: 'Always' });
    setTerminalOwnedByApp(true);
    try {
      const err = await new ExecCredentialCache().get(execSpec(plugin, { contextName: 'prod' })).catch((e: unknown) => e);
      assert.ok(err instanceof CredentialError);
      assert.match(err.hint ?? '', /kdeck doctor --context prod/);
      assert.equal(plugin.runs(), 0);
    } finally {
      setTerminalOwnedByApp(false);
    }
    // without a terminal on stdin (as in this test run) Always cannot work either
    const err2 = await new ExecCredentialCache().get(execSpec(plugin), { allowTerminal: true }).catch((e: unknown) => e);
    assert.match((err2 as Error).message, /standard input is not a terminal/);
    // Never runs without a terminal, with interactive: false
    const never = makePlugin({ interactiveMode: 'Never' });
    await new ExecCredentialCache().get(execSpec(never), { allowTerminal: true });
    assert.equal(never.execInfo().spec.interactive, false);
  });
});
