// `kdeck doctor` against real HTTPS servers with real kubeconfig files: passes for cert, token, basic and exec users;
// the right diagnosis for wrong CA, invalid token (401), forbidden (403) and refused; -o json shape; exit codes.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { doctorCommand } from '../../src/doctor/command.js';
import type { DoctorReport } from '../../src/doctor/types.js';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { makePki, type TestPki } from '../helpers/pki.js';
import { startTestApiServer, type TestApiServer } from '../helpers/api-server.js';
import { makePlugin } from '../helpers/plugins.js';
import { startConnectProxy, type ConnectProxy } from '../helpers/connect-proxy.js';

let pki: TestPki;
let api: TestApiServer;
let dir: string;
let kubeconfig: string;
let closedPort: number;
let proxy: ConnectProxy;

const b64 = (s: string) => Buffer.from(s).toString('base64');

before(async () => {
  pki = makePki();
  dir = mkdtempSync(join(tmpdir(), 'kdeck-doctor-'));
  api = await startTestApiServer({
    serverCert: pki.server, clientCa: pki.ca.certPem,
    tokens: { 'tok-bob-1234': { username: 'bob', groups: ['dev'] }, 'tok-exec': { username: 'exec-user', groups: ['dev'] } },
    basic: { carol: { password: 'carol-pw-999', username: 'carol', groups: [] } },
    podReaders: { default: ['alice', 'bob', 'carol', 'exec-user'] },
  });
  proxy = await startConnectProxy({ 'kdeck.test': '127.0.0.1' });
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  closedPort = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));

  writeFileSync(join(dir, 'ca.crt'), pki.ca.certPem);
  writeFileSync(join(dir, 'alice.crt'), pki.alice.certPem);
  writeFileSync(join(dir, 'alice.key'), pki.alice.keyPem);
  const plugin = makePlugin({ extra: 'echo "fetching token" >&2' });
  const broken = makePlugin({ extra: 'echo "Error loading SSO Token: Token for sso-session dev does not exist" >&2; exit 255' });
  kubeconfig = join(dir, 'config');
  writeFileSync(kubeconfig, stringify({
    apiVersion: 'v1', kind: 'Config', 'current-context': 'cert',
    clusters: [
      { name: 'good', cluster: { server: api.url, 'certificate-authority': 'ca.crt' } },
      { name: 'wrong-ca', cluster: { server: api.url, 'certificate-authority-data': b64(pki.otherCa.certPem) } },
      { name: 'down', cluster: { server: `https://127.0.0.1:${closedPort}`, 'certificate-authority': 'ca.crt' } },
      { name: 'insecure', cluster: { server: api.url, 'insecure-skip-tls-verify': true } },
      { name: 'behind-proxy', cluster: { server: `https://kdeck.test:${api.port}`, 'certificate-authority': 'ca.crt' } },
    ],
    users: [
      { name: 'alice', user: { 'client-certificate': 'alice.crt', 'client-key': 'alice.key' } },
      { name: 'bob', user: { token: 'tok-bob-1234' } },
      { name: 'carol', user: { username: 'carol', password: 'carol-pw-999' } },
      { name: 'eks', user: { exec: { apiVersion: plugin.exec.apiVersion, command: plugin.command, args: plugin.exec.args, interactiveMode: 'IfAvailable' } } },
      { name: 'stale', user: { token: 'expired-tok-5678' } },
      { name: 'sso-expired', user: { exec: { apiVersion: broken.exec.apiVersion, command: broken.command, args: ['eks', 'get-token'], interactiveMode: 'Never' } } },
      { name: 'no-plugin', user: { exec: { apiVersion: 'client.authentication.k8s.io/v1', command: 'gke-gcloud-auth-plugin-not-here', interactiveMode: 'Never',
        installHint: 'Install gke-gcloud-auth-plugin for use with kubectl by following https://cloud.google.com/kubernetes-engine/docs/how-to/cluster-access-for-kubectl#install_plugin' } } },
    ],
    contexts: [
      { name: 'cert', context: { cluster: 'good', user: 'alice' } },
      { name: 'token', context: { cluster: 'good', user: 'bob' } },
      { name: 'basic', context: { cluster: 'good', user: 'carol' } },
      { name: 'exec', context: { cluster: 'good', user: 'eks' } },
      { name: 'wrong-ca', context: { cluster: 'wrong-ca', user: 'bob' } },
      { name: 'expired', context: { cluster: 'good', user: 'stale' } },
      { name: 'forbidden', context: { cluster: 'good', user: 'bob', namespace: 'kube-system' } },
      { name: 'refused', context: { cluster: 'down', user: 'bob' } },
      { name: 'insecure', context: { cluster: 'insecure', user: 'bob' } },
      { name: 'proxied', context: { cluster: 'behind-proxy', user: 'bob' } },
      { name: 'sso-expired', context: { cluster: 'good', user: 'sso-expired' } },
      { name: 'no-plugin', context: { cluster: 'good', user: 'no-plugin' } },
    ],
  }));
});

after(async () => {
  await api?.stop();
  await proxy?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function doctor(args: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await doctorCommand(['--kubeconfig', kubeconfig, ...args], {
    stdout: (s) => { out += s; },
    stderr: (s) => { err += s; },
    env: { env, homeDir: dir, cwd: dir },
  });
  return { code, out, err };
}

const SECRETS = /tok-bob-1234|carol-pw-999|expired-tok-5678|tok-exec|BEGIN EC PRIVATE KEY|BEGIN PRIVATE KEY/;

describe('doctor passes', () => {
  for (const [context, who, auth] of [
    ['cert', 'alice', /client certificate \(CN=alice, O=dev\) from .*alice\.crt/],
    ['token', 'bob', /bearer token \(redacted\)/],
    ['basic', 'carol', /basic auth as "carol" \(password redacted\)/],
    ['exec', 'exec-user', /exec: get-token eks get-token/],
  ] as const) {
    test(`for a ${context} user`, async () => {
      const { code, out } = await doctor(['--context', context]);
      assert.equal(code, 0, out);
      assert.match(out, auth);
      assert.match(out, new RegExp(`✓ authentication +server v1\\.32\\.4; you are "${who}"`));
      assert.match(out, /✓ tls +server certificate CN=kube-apiserver issued by CN=kdeck-test-ca/);
      assert.match(out, /✓ authorization +may list pods in namespace "default"/);
      assert.match(out, /✓ discovery +Kubernetes v1\.32\.4, 4 API groups/);
      assert.match(out, /All checks passed\./);
      assert.doesNotMatch(out, SECRETS);
    });
  }
});

describe('doctor diagnoses', () => {
  test('x509: certificate signed by unknown authority', async () => {
    const { code, out } = await doctor(['--context', 'wrong-ca']);
    assert.equal(code, 1);
    assert.match(out, /✗ tls +x509: certificate signed by unknown authority/);
    assert.match(out, /cause: .*issued by CN=kdeck-test-ca, which the configured CA \(CN=some-other-ca, from wrong-ca\.certificate-authority-data\) does not vouch for/);
    assert.match(out, /fix: +certificate-authority\(-data\) of cluster "wrong-ca" must be the CA/);
    assert.match(out, /- authentication +skipped: tls failed/);
  });

  test('You must be logged in to the server (401)', async () => {
    const { code, out } = await doctor(['--context', 'expired']);
    assert.equal(code, 1);
    assert.match(out, /✗ authentication +Unauthorized \(401\)/);
    assert.match(out, /cause: You must be logged in to the server \(Unauthorized\): the token of user "stale" is expired/);
    assert.match(out, /fix: +get a fresh token/);
    assert.doesNotMatch(out, SECRETS);
  });

  test('Forbidden: cannot list pods', async () => {
    const { code, out } = await doctor(['--context', 'forbidden']);
    assert.equal(code, 1);
    assert.match(out, /✗ authorization +Forbidden: pods is forbidden: User "bob" cannot list resource "pods" .* namespace "kube-system"/);
    assert.match(out, /fix: +ask a cluster admin for a RoleBinding, e.g. `kubectl create rolebinding bob-view --clusterrole=view --user=bob -n kube-system`/);
  });

  test('-n changes the namespace checked', async () => {
    const { code } = await doctor(['--context', 'forbidden', '-n', 'default']);
    assert.equal(code, 0);
  });

  test('connection refused', async () => {
    const { code, out } = await doctor(['--context', 'refused']);
    assert.equal(code, 1);
    assert.match(out, new RegExp(`✗ tcp +connection refused: nothing accepts connections at 127\\.0\\.0\\.1:${closedPort}`));
    assert.match(out, /fix: +check `server:` of cluster "down"/);
  });

  test('insecure-skip-tls-verify passes but is shown', async () => {
    const { code, out } = await doctor(['--context', 'insecure']);
    assert.equal(code, 0, out);
    assert.match(out, /! tls +server certificate .* NOT verified: insecure-skip-tls-verify is set for cluster "insecure"/);
    assert.doesNotMatch(out, /All checks passed/);
    assert.match(out, /Passed with warnings: tls/);
  });

  test('a failing exec plugin: credentials step shows its stderr, and nothing else runs', async () => {
    const { code, out } = await doctor(['--context', 'sso-expired']);
    assert.equal(code, 1);
    assert.match(out, /✗ credentials +the credential plugin `get-token eks get-token` of user "sso-expired" \(context "sso-expired"\) failed with exit code 255:/);
    assert.match(out, /Error loading SSO Token/);
    assert.match(out, /- authentication +skipped: credentials failed/);
  });

  test('a missing exec plugin: the installHint is the fix', async () => {
    const { code, out } = await doctor(['--context', 'no-plugin']);
    assert.equal(code, 1);
    assert.match(out, /✗ credentials +.*is not installed: "gke-gcloud-auth-plugin-not-here" was not found/);
    assert.match(out, /fix: +Install gke-gcloud-auth-plugin/);
  });

  test('through HTTPS_PROXY: TCP to the proxy, TLS checked through a CONNECT tunnel', async () => {
    const before = proxy.targets.length;
    const { code, out } = await doctor(['--context', 'proxied'], { HTTPS_PROXY: proxy.url });
    assert.equal(code, 0, out);
    assert.match(out, /✓ tls +server certificate CN=kube-apiserver .* through proxy http:\/\/127\.0\.0\.1:\d+/);
    assert.ok(proxy.targets.slice(before).every((t) => t === `kdeck.test:${api.port}`));
    assert.ok(proxy.targets.length - before >= 2);
  });

  test('a dead proxy is named as the cause', async () => {
    const { code, out } = await doctor(['--context', 'proxied'], { HTTPS_PROXY: `http://127.0.0.1:${closedPort}` });
    assert.equal(code, 1);
    assert.match(out, /✗ tcp +cannot reach the proxy/);
    assert.match(out, /fix: +check proxy-url of cluster "behind-proxy" or HTTPS_PROXY\/NO_PROXY/);
  });

  test('a missing context lists the kubeconfig problem', async () => {
    const { code, out } = await doctor(['--context', 'nope']);
    assert.equal(code, 1);
    assert.match(out, /✗ kubeconfig/);
    assert.match(out, /nope/);
  });

  test('bad flags exit 2 with usage', async () => {
    const { code, err } = await doctor(['-o', 'yaml']);
    assert.equal(code, 2);
    assert.match(err, /unknown output format "yaml"/);
  });
});

describe('doctor output', () => {
  test('-o json: one entry per context, every step named, machine-readable', async () => {
    const { code, out } = await doctor(['--all-contexts', '-o', 'json']);
    assert.equal(code, 1);
    const report = JSON.parse(out) as DoctorReport;
    assert.equal(report.ok, false);
    assert.deepEqual(report.contexts.map((c) => c.context).sort(), ['basic', 'cert', 'exec', 'expired', 'forbidden', 'insecure', 'no-plugin', 'proxied', 'refused', 'sso-expired', 'token', 'wrong-ca']);
    const byName = new Map(report.contexts.map((c) => [c.context, c]));
    for (const c of report.contexts) {
      assert.deepEqual(c.steps.map((s) => s.step), ['kubeconfig', 'cluster', 'tcp', 'tls', 'credentials', 'authentication', 'authorization', 'discovery']);
      for (const s of c.steps) assert.ok(['pass', 'warn', 'fail', 'skip'].includes(s.status));
    }
    assert.equal(byName.get('cert')!.ok, true);
    assert.equal(byName.get('wrong-ca')!.steps.find((s) => s.status === 'fail')!.step, 'tls');
    assert.equal(byName.get('expired')!.steps.find((s) => s.status === 'fail')!.step, 'authentication');
    assert.equal(byName.get('forbidden')!.steps.find((s) => s.status === 'fail')!.step, 'authorization');
    assert.equal(byName.get('refused')!.steps.find((s) => s.status === 'fail')!.step, 'tcp');
    assert.doesNotMatch(out, SECRETS);
  });

  test('--all-contexts text: one row per context and details of the failing ones', async () => {
    const { code, out } = await doctor(['--all-contexts']);
    assert.equal(code, 1);
    const lines = out.split('\n');
    assert.match(lines[0], /^CONTEXT +SERVER +AUTH +RESULT$/);
    for (const name of ['basic', 'cert', 'exec', 'token']) assert.ok(lines.some((l) => l.startsWith(name) && l.includes('✓ all checks passed')), name);
    assert.ok(lines.some((l) => l.startsWith('wrong-ca') && l.includes('✗ tls')));
    assert.match(out, /^refused: tcp failed$/m);
  });
});

describe('doctor against the simulator', () => {
  let sim: Simulator | undefined;
  after(async () => {
    await sim?.stop();
  });

  test('admin passes; the restricted user is forbidden outside team-a', async () => {
    sim = await startSimulator({ tls: true, pods: 3, controllers: false });
    const file = join(dir, 'sim.yaml');
    sim.writeKubeconfig(file);
    const ctx = sim.clusters[0].contextName;
    const run = (args: string[]) => {
      let out = '';
      return doctorCommand(['--kubeconfig', file, ...args], { stdout: (s) => { out += s; }, stderr: () => undefined, env: { env: {}, homeDir: dir, cwd: dir } }).then((code) => ({ code, out }));
    };
    const admin = await run([]);
    assert.equal(admin.code, 0, admin.out);
    const restricted = await run(['--context', `${ctx}-restricted`, '-n', 'default']);
    assert.equal(restricted.code, 1);
    assert.match(restricted.out, /✗ authorization +Forbidden/);
    const own = await run(['--context', `${ctx}-restricted`]);
    assert.equal(own.code, 0, own.out);
  });
});
