// Compares kdeck's kubeconfig resolution with real kubectl on every corpus case (see corpus.ts):
// what kubectl reads (`config view --minify --flatten -o json`) and what it sends (`get configmaps`
// against a recording server). In-cluster cases are checked against their stated expectations.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, isAbsolute, join, normalize } from 'node:path';
import { KubeconfigError } from '../../src/errors.js';
import { loadConnection } from '../../src/kubeconfig/index.js';
import type { ConnectionSpec, LoadEnvironment } from '../../src/kubeconfig/types.js';
import { createCertificateAuthority, issueCertificate } from '../../src/simulator/certs.js';
import type { KeyPair } from '../../src/simulator/certs.js';
import { corpus, inClusterCases } from './corpus.js';
import type { CorpusCase } from './corpus.js';
import { RecordingServer } from './recording-server.js';

// kubectl from PATH (here /usr/bin/kubectl). Its absence fails the suite: it is the oracle, never optional.
const KUBECTL = process.env.KDECK_TEST_KUBECTL ?? 'kubectl';
const PLUGIN = `#!/bin/sh
# Behaves like a credential plugin: prints an ExecCredential whose token names the path it was run as.
printf '{"apiVersion":"%s","kind":"ExecCredential","status":{"token":"exec:%s"}}\\n' "\${1:-client.authentication.k8s.io/v1}" "$0"
`;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}
interface CaseRun {
  dir: string;
  kdeck: { spec?: ConnectionSpec; error?: unknown };
  view?: Run;
  fullView?: Run;
  probe?: Run;
}

let root = '';
let ca: KeyPair;
let client: KeyPair;
const server = new RecordingServer();
const runs = new Map<string, CaseRun>();

function kubectl(args: string[], cwd: string, env: Record<string, string | undefined>): Promise<Run> {
  return new Promise((done) => {
    // A generous limit: the only purpose is that a hung kubectl cannot hang the suite.
    const child = execFile(KUBECTL, args, { cwd, env, timeout: 120_000 }, (err, stdout, stderr) => {
      const e = err as { code?: unknown; signal?: string; killed?: boolean } | null;
      const code = e ? (typeof e.code === 'number' ? e.code : 1) : 0;
      const killed = e?.killed ? ` (kubectl killed by ${e.signal} after the time limit)` : '';
      done({ code, stdout: String(stdout), stderr: String(stderr) + killed });
    });
    child.stdin?.end(); // kubectl prompts for a username when no credential is configured: answer EOF
  });
}

/** Runs tasks with at most `limit` at a time (kubectl processes on two cores). */
async function pool<T>(tasks: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < tasks.length) {
        const i = next++;
        results[i] = await tasks[i]();
      }
    }),
  );
  return results;
}

function template(text: string, id: string): string {
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  if (text === '@ca') return ca.certPem;
  if (text === '@cert') return client.certPem;
  if (text === '@key') return client.keyPem;
  return text
    .replaceAll('{{HTTPS}}', `${server.httpsUrl}/${id}`)
    .replaceAll('{{HTTP}}', `${server.httpUrl}/${id}`)
    .replaceAll('{{DEAD}}', 'https://127.0.0.1:1')
    .replaceAll('{{CA_B64}}', b64(ca.certPem))
    .replaceAll('{{CERT_B64}}', b64(client.certPem))
    .replaceAll('{{KEY_B64}}', b64(client.keyPem));
}

function writeCase(c: CorpusCase): string {
  const dir = join(root, c.id);
  const files: Record<string, string> = { 'ca.crt': '@ca', 'client.crt': '@cert', 'client.key': '@key', ...c.files };
  for (const [rel, content] of Object.entries(files)) {
    const path = join(dir, rel);
    mkdirSync(dirname(path), { recursive: true });
    if (content.startsWith('@symlink:')) symlinkSync(content.slice('@symlink:'.length), path);
    else writeFileSync(path, template(content, c.id));
  }
  mkdirSync(join(dir, 'bin'), { recursive: true });
  writeFileSync(join(dir, 'bin/plugin.sh'), PLUGIN);
  chmodSync(join(dir, 'bin/plugin.sh'), 0o755);
  return dir;
}

function kubectlGlobals(c: CorpusCase, dir: string): string[] {
  const o = c.overrides ?? {};
  return [
    '--cache-dir', join(dir, '.kcache'),
    ...(o.kubeconfig ? ['--kubeconfig', o.kubeconfig] : []),
    ...(o.context ? ['--context', o.context] : []),
    ...(o.cluster ? ['--cluster', o.cluster] : []),
    ...(o.user ? ['--user', o.user] : []),
    ...(o.namespace ? ['-n', o.namespace] : []),
    ...(o.as ? ['--as', o.as] : []),
    ...(o.asGroups ?? []).flatMap((g) => ['--as-group', g]),
  ];
}

async function runCase(c: CorpusCase): Promise<void> {
  const dir = writeCase(c);
  const kubeconfigEnv = c.kubeconfigEnv ? { KUBECONFIG: c.kubeconfigEnv.join(delimiter) } : {};
  const env: LoadEnvironment = { env: { ...kubeconfigEnv }, homeDir: dir, cwd: dir, serviceAccountDir: join(dir, 'no-sa') };
  const run: CaseRun = { dir, kdeck: {} };
  try {
    run.kdeck.spec = loadConnection(c.overrides ?? {}, env);
  } catch (error) {
    run.kdeck.error = error;
  }
  const kenv = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, ...kubeconfigEnv };
  const globals = kubectlGlobals(c, dir);
  const o = c.overrides ?? {};
  const jobs: Promise<void>[] = [];
  if (!c.refuse || c.refuse.kubectl === 'view') {
    const viewGlobals = ['--cache-dir', join(dir, '.kcache'), ...(o.kubeconfig ? ['--kubeconfig', o.kubeconfig] : []), ...(o.context ? ['--context', o.context] : [])];
    jobs.push(kubectl([...viewGlobals, 'config', 'view', '--minify', '--flatten', '-o', 'json'], dir, kenv).then((r) => void (run.view = r)));
    if (o.cluster || o.user) jobs.push(kubectl([...viewGlobals, 'config', 'view', '--flatten', '-o', 'json'], dir, kenv).then((r) => void (run.fullView = r)));
  }
  if (!c.noProbe && (!c.refuse || c.refuse.kubectl === 'request')) {
    jobs.push(kubectl([...globals, '--request-timeout', '20s', 'get', 'configmaps'], dir, kenv).then((r) => void (run.probe = r)));
  }
  await Promise.all(jobs);
  runs.set(c.id, run);
}

// --- what kubectl read ---------------------------------------------------------------------------

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const decode = (b64: string | undefined) => (b64 === undefined ? undefined : Buffer.from(b64, 'base64').toString('utf8'));
const named = (list: Json[] | null | undefined, name: string) => (list ?? []).find((e) => e.name === name);

/** A path kubectl shows as written must be what kdeck resolved (relative: against some kubeconfig directory). */
function assertSamePath(ours: string, kubectlRaw: string, what: string): void {
  if (isAbsolute(kubectlRaw)) assert.equal(ours, kubectlRaw, what);
  else assert.ok(isAbsolute(ours) && ours.endsWith('/' + normalize(kubectlRaw).replace(/^(\.\.\/)+/, '')), `${what}: ${ours} vs ${kubectlRaw}`);
}

function compareWithView(c: CorpusCase, run: CaseRun, spec: ConnectionSpec): void {
  assert.equal(run.view!.code, 0, `kubectl config view failed: ${run.view!.stderr}`);
  const mini: Json = JSON.parse(run.view!.stdout);
  const full: Json = run.fullView ? JSON.parse(run.fullView.stdout) : mini;
  const o = c.overrides ?? {};
  const context = mini.contexts[0];
  assert.equal(spec.contextName, mini['current-context'], 'context name');
  const clusterName = o.cluster ?? context.context.cluster;
  const userName = o.user ?? context.context.user ?? '';
  assert.equal(spec.clusterName, clusterName, 'cluster name');
  assert.equal(spec.userName, userName, 'user name');
  const cluster: Json = named(full.clusters, clusterName)!.cluster;
  const user: Json = named(full.users, userName)?.user ?? {};
  assert.equal(spec.server, String(cluster.server).replace(/\/+$/, ''), 'server');
  assert.equal(spec.namespace, o.namespace ?? context.context.namespace ?? 'default', 'namespace');
  assert.equal(spec.proxyUrl, cluster['proxy-url'], 'proxy-url');
  assert.equal(spec.disableCompression, !!cluster['disable-compression'], 'disable-compression');
  if (!spec.server.startsWith('https://')) {
    // kubectl's view still lists the user's credentials; over http clientcmd sends none (the probe checks).
    assert.deepEqual(spec.credential, { kind: 'none' });
    assert.equal(spec.tls.clientCertificate, undefined);
    return;
  }
  assert.equal(spec.tls.caPem, decode(cluster['certificate-authority-data']), 'CA contents');
  assert.equal(spec.tls.insecureSkipTLSVerify, !!cluster['insecure-skip-tls-verify'], 'insecure-skip-tls-verify');
  assert.equal(spec.tls.serverName, cluster['tls-server-name'], 'tls-server-name');
  assert.equal(spec.tls.clientCertificate?.certPem, decode(user['client-certificate-data']), 'client certificate');
  assert.equal(spec.tls.clientCertificate?.keyPem, decode(user['client-key-data']), 'client key');
  const cred = spec.credential;
  if (user.tokenFile) {
    assert.equal(cred.kind, 'tokenFile');
    if (cred.kind === 'tokenFile') {
      assertSamePath(cred.path, user.tokenFile, 'tokenFile');
      assert.equal(cred.fallbackToken, user.token);
    }
  } else if (user.token) {
    assert.deepEqual(cred, { kind: 'token', token: user.token });
  } else if (user.username) {
    assert.deepEqual(cred, { kind: 'basic', username: user.username ?? '', password: user.password ?? '' });
  } else if (user.exec && !user['client-certificate-data']) {
    assert.equal(cred.kind, 'exec');
    if (cred.kind === 'exec') {
      const e = user.exec;
      if (e.command.includes('/')) assertSamePath(cred.exec.command, e.command, 'exec command');
      else assert.equal(cred.exec.command, e.command);
      assert.equal(cred.exec.apiVersion, e.apiVersion);
      assert.deepEqual(cred.exec.args, e.args ?? []);
      assert.deepEqual(cred.exec.env, e.env ?? []);
      assert.equal(cred.exec.installHint, e.installHint);
      assert.equal(cred.exec.provideClusterInfo, !!e.provideClusterInfo);
      assert.equal(cred.exec.interactiveMode, e.interactiveMode);
    }
  } else if (user['auth-provider']) {
    assert.deepEqual(cred, { kind: 'oidc', idToken: user['auth-provider'].config['id-token'] });
  } else {
    assert.deepEqual(cred, { kind: 'none' });
  }
}

// --- what kubectl sent ---------------------------------------------------------------------------

function expectedAuthorization(spec: ConnectionSpec): string | undefined {
  const c = spec.credential;
  switch (c.kind) {
    case 'none':
      return undefined;
    case 'token':
      return `Bearer ${c.token}`;
    case 'tokenFile':
      return `Bearer ${readFileSync(c.path, 'utf8').trim()}`;
    case 'basic':
      return `Basic ${Buffer.from(`${c.username}:${c.password}`).toString('base64')}`;
    case 'oidc':
      return `Bearer ${c.idToken}`;
    case 'exec':
      return `Bearer exec:${c.exec.command}`; // the test plugin's token names the path it was run as
  }
}

function compareWithProbe(c: CorpusCase, run: CaseRun, spec: ConnectionSpec): void {
  assert.equal(run.probe!.code, 0, `kubectl get configmaps failed: ${run.probe!.stderr}`);
  const url = new URL(spec.server);
  const prefix = url.pathname.split('/')[1];
  const listPath = `${url.pathname}/api/v1/namespaces/${spec.namespace}/configmaps`;
  const sent = server.recorded(prefix).find((r) => r.path === listPath);
  assert.ok(sent, `kubectl did not request ${listPath}; it sent ${server.recorded(prefix).map((r) => r.path).join(', ')}`);
  assert.equal(sent.authorization, expectedAuthorization(spec), 'Authorization header');
  assert.equal(sent.impersonateUser, spec.impersonate?.user, 'Impersonate-User');
  assert.deepEqual(sent.impersonateGroups, spec.impersonate?.groups ?? [], 'Impersonate-Group');
  if (url.protocol === 'https:') {
    const host = url.hostname;
    const ip = /^[\d.]+$/.test(host) || host.startsWith('[');
    assert.equal(sent.serverName, spec.tls.serverName ?? (ip ? undefined : host), 'SNI');
    const cert = spec.tls.clientCertificate;
    assert.equal(sent.clientCertFingerprint, cert ? new X509Certificate(cert.certPem).fingerprint256 : undefined, 'client certificate');
  } else {
    assert.equal(spec.tls.clientCertificate, undefined);
  }
}

function assertNoSecret(err: unknown): void {
  const e = err as KubeconfigError;
  for (const text of [e.message, e.hint ?? '']) assert.ok(!/s3cr3t/.test(text), `a secret leaked into: ${text}`);
}

describe('kubeconfig corpus against kubectl', () => {
  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'kdeck-corpus-'));
    ca = createCertificateAuthority('corpus-ca');
    client = issueCertificate(ca, { commonName: 'corpus-client', usage: 'client' });
    const serving = issueCertificate(ca, { commonName: 'corpus-server', dnsNames: ['localhost', 'sni.kdeck.test'], ipAddresses: ['127.0.0.1'], usage: 'server' });
    await server.start({ ...serving, caPem: ca.certPem });
    await pool(corpus.map((c) => () => runCase(c)), 6);
  });
  after(async () => {
    await server.stop();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  test('kubectl is installed (it is the oracle: missing means failure, not skip)', async () => {
    const r = await kubectl(['version', '--client', '-o', 'json'], root, { PATH: process.env.PATH, HOME: root });
    assert.equal(r.code, 0, `kubectl could not run (${r.stderr.trim()}): install kubectl to run these tests`);
    assert.match(r.stdout, /clientVersion/);
  });

  test('the corpus has at least 30 cases with distinct ids', () => {
    assert.ok(corpus.length >= 30, `only ${corpus.length} cases`);
    assert.equal(new Set(corpus.map((c) => c.id)).size, corpus.length);
  });

  for (const c of corpus) {
    test(`${c.id}: ${c.title}`, () => {
      const run = runs.get(c.id)!;
      if (c.refuse) {
        assert.ok(run.kdeck.error instanceof KubeconfigError, `kdeck accepted it: ${JSON.stringify(run.kdeck.spec?.server)} / ${String(run.kdeck.error)}`);
        assert.match(run.kdeck.error.message, c.refuse.kdeck);
        assert.ok(run.kdeck.error.hint, 'a refusal says how to fix it');
        assertNoSecret(run.kdeck.error);
        const k = c.refuse.kubectl === 'view' ? run.view! : run.probe!;
        assert.notEqual(k.code, 0, `kubectl accepted it: ${k.stdout}`);
        if (c.refuse.kubectl === 'request') {
          assert.ok(!server.recorded(c.id).some((r) => r.path.includes('/configmaps')), 'kubectl reached the server');
        }
        return;
      }
      if (run.kdeck.error) throw run.kdeck.error;
      const spec = run.kdeck.spec!;
      compareWithView(c, run, spec);
      if (!c.noProbe) compareWithProbe(c, run, spec);
      const x = c.expect ?? {};
      if (x.credentialKind) assert.equal(spec.credential.kind, x.credentialKind);
      if (x.contextName) assert.equal(spec.contextName, x.contextName);
      if (x.namespace) assert.equal(spec.namespace, x.namespace);
      if (x.tokenFileContent !== undefined) {
        assert.equal(spec.credential.kind, 'tokenFile');
        if (spec.credential.kind === 'tokenFile') assert.equal(readFileSync(spec.credential.path, 'utf8'), x.tokenFileContent);
      }
      if (x.execCommand) {
        assert.equal(spec.credential.kind, 'exec');
        if (spec.credential.kind === 'exec') {
          assert.equal(spec.credential.exec.command, x.execCommand.includes('/') ? join(run.dir, x.execCommand) : x.execCommand);
        }
      }
    });
  }
});

describe('in-cluster corpus', () => {
  let icRoot = '';
  let icCa: KeyPair;
  before(() => {
    icRoot = mkdtempSync(join(tmpdir(), 'kdeck-incluster-'));
    icCa = createCertificateAuthority('in-cluster-ca');
  });
  after(() => rmSync(icRoot, { recursive: true, force: true }));

  for (const c of inClusterCases) {
    test(`${c.id}: ${c.title}`, () => {
      const dir = join(icRoot, c.id);
      const sa = join(dir, 'sa');
      mkdirSync(sa, { recursive: true });
      for (const [name, content] of Object.entries(c.saFiles)) writeFileSync(join(sa, name), content === '@ca' ? icCa.certPem : content);
      for (const [rel, content] of Object.entries(c.files ?? {})) {
        mkdirSync(dirname(join(dir, rel)), { recursive: true });
        writeFileSync(join(dir, rel), content);
      }
      const env: LoadEnvironment = { env: c.env, homeDir: dir, cwd: dir, serviceAccountDir: sa };
      if ('error' in c.expect) {
        assert.throws(() => loadConnection(c.overrides ?? {}, env), (err: unknown) => {
          assert.ok(err instanceof KubeconfigError);
          assert.match(err.message, (c.expect as { error: RegExp }).error);
          assertNoSecret(err);
          return true;
        });
        return;
      }
      const spec = loadConnection(c.overrides ?? {}, env);
      assert.equal(spec.server, c.expect.server);
      assert.equal(spec.namespace, c.expect.namespace);
      assert.equal(spec.inCluster, c.expect.inCluster);
      if (spec.inCluster) {
        assert.deepEqual(spec.credential, { kind: 'tokenFile', path: join(sa, 'token') });
        assert.equal(spec.tls.caPem, icCa.certPem);
        assert.equal(spec.tls.insecureSkipTLSVerify, false);
        assert.deepEqual(spec.files, []);
        assert.equal(spec.contextName, '');
      }
    });
  }
});
