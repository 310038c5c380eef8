// Unit tests for each kubeconfig rule and error message, on real files in temp directories.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { KdeckError, KubeconfigError } from '../../src/errors.js';
import {
  kubeconfigCandidates,
  listContexts,
  loadConnection,
  loadKubeconfig,
  parseRequestTimeout,
  processEnvironment,
} from '../../src/kubeconfig/index.js';
import type { ConnectionSpec, KubeconfigOverrides, LoadEnvironment } from '../../src/kubeconfig/types.js';
import { createCertificateAuthority, issueCertificate } from '../../src/simulator/certs.js';
import type { KeyPair } from '../../src/simulator/certs.js';

let root = '';
let n = 0;
let ca: KeyPair;
let client: KeyPair;
let other: KeyPair;

/** A fresh directory with the given files; '@ca', '@cert', '@key', '@otherkey' become PEM contents. */
function dirWith(files: Record<string, string>): string {
  const dir = join(root, `case-${++n}`);
  for (const [rel, content] of Object.entries(files)) {
    const path = join(dir, rel);
    mkdirSync(dirname(path), { recursive: true });
    const pem: Record<string, string> = { '@ca': ca.certPem, '@cert': client.certPem, '@key': client.keyPem, '@otherkey': other.keyPem };
    writeFileSync(path, pem[content] ?? content);
  }
  mkdirSync(dir, { recursive: true });
  return dir;
}

function envFor(dir: string, extra: Record<string, string> = {}): LoadEnvironment {
  return { env: extra, homeDir: dir, cwd: dir, serviceAccountDir: join(dir, 'no-sa') };
}

/** Resolves ~/.kube/config = `config` (with ca.crt next to it). */
function resolve(config: string, overrides: KubeconfigOverrides = {}, files: Record<string, string> = {}): ConnectionSpec {
  const dir = dirWith({ '.kube/config': config, '.kube/ca.crt': '@ca', ...files });
  return loadConnection(overrides, envFor(dir));
}

function refuses(config: string, pattern: RegExp, overrides: KubeconfigOverrides = {}, files: Record<string, string> = {}): KubeconfigError {
  let caught: unknown;
  try {
    resolve(config, overrides, files);
  } catch (err) {
    caught = err;
  }
  assert.ok(caught instanceof KubeconfigError, `expected a KubeconfigError, got ${String(caught)}`);
  assert.match(caught.message, pattern);
  assert.ok(caught.hint && caught.hint.length > 0, 'every refusal says how to fix it');
  assert.ok(!/s3cr3t/.test(caught.message + caught.hint), `secret in message: ${caught.message} / ${caught.hint}`);
  return caught;
}

const CLUSTER = `clusters:\n- name: c1\n  cluster:\n    server: https://k.example:6443\n    certificate-authority: ca.crt\n`;
const CONTEXT = `contexts:\n- name: ctx1\n  context: {cluster: c1, user: u1, namespace: ns1}\ncurrent-context: ctx1\n`;
const withUser = (userYaml: string, cluster = CLUSTER) => `${cluster}users:\n- name: u1\n  user:\n${userYaml.replace(/^/gm, '    ')}\n${CONTEXT}`;

before(() => {
  root = mkdtempSync(join(tmpdir(), 'kdeck-kubeconfig-'));
  ca = createCertificateAuthority('unit-ca');
  client = issueCertificate(ca, { commonName: 'unit-client', usage: 'client' });
  other = issueCertificate(ca, { commonName: 'other', usage: 'client' });
});
after(() => rmSync(root, { recursive: true, force: true }));

describe('which files', () => {
  test('--kubeconfig is used alone, relative to cwd', () => {
    const c = kubeconfigCandidates({ kubeconfig: 'x/k.yaml' }, { env: { KUBECONFIG: '/a' }, homeDir: '/h', cwd: '/w' });
    assert.deepEqual(c, { source: 'flag', paths: ['/w/x/k.yaml'] });
  });
  test('KUBECONFIG: path-list separator, empty entries skipped, duplicates once', () => {
    const c = kubeconfigCandidates({}, { env: { KUBECONFIG: ['a', '', '/b', 'a', './a'].join(delimiter) }, homeDir: '/h', cwd: '/w' });
    assert.deepEqual(c, { source: 'env', paths: ['/w/a', '/b'] });
  });
  test('empty KUBECONFIG falls back to ~/.kube/config', () => {
    assert.deepEqual(kubeconfigCandidates({}, { env: { KUBECONFIG: '' }, homeDir: '/h' }), { source: 'home', paths: ['/h/.kube/config'] });
  });
  test('no file at all is not an error until a connection is needed', () => {
    const dir = dirWith({});
    const loaded = loadKubeconfig({}, envFor(dir));
    assert.deepEqual(loaded.files, []);
    assert.deepEqual(listContexts(loaded), []);
    assert.throws(() => loadConnection({}, envFor(dir)), (err: KubeconfigError) => {
      assert.match(err.message, /No Kubernetes configuration found: looked for .*\.kube\/config/);
      assert.match(err.hint ?? '', /kind create cluster|--kubeconfig/);
      return true;
    });
  });
  test('a KUBECONFIG entry that is a directory is an error naming it', () => {
    const dir = dirWith({ 'sub/x': '' });
    assert.throws(() => loadKubeconfig({}, envFor(dir, { KUBECONFIG: 'sub' })), /sub is a directory/);
  });
  test('only the first YAML document counts, as go-yaml reads it (later ones may even be broken)', () => {
    const dir = dirWith({ 'k.yaml': '---\ncontexts:\n- name: a1\n  context: {cluster: c1}\ncurrent-context: a1\n---\ncurrent-context: zz\nfoo: [\n' });
    const loaded = loadKubeconfig({ kubeconfig: 'k.yaml' }, envFor(dir));
    assert.equal(loaded.currentContext, 'a1');
    assert.deepEqual([...loaded.contexts.keys()], ['a1']);
  });
  test('dates and base-60 numbers stay strings, as in go-yaml v2 (kubectl accepts them as names)', () => {
    const dir = dirWith({ 'k.yaml': 'clusters:\n- name: 2024-01-01\n  cluster: {server: https://b}\ncontexts:\n- name: 1:20\n  context: {cluster: 2024-01-01}\ncurrent-context: 1:20\n' });
    const spec = loadConnection({ kubeconfig: 'k.yaml' }, envFor(dir));
    assert.equal(spec.contextName, '1:20');
    assert.equal(spec.clusterName, '2024-01-01');
  });
  test('an empty file is an empty config', () => {
    const dir = dirWith({ 'k.yaml': '' });
    assert.equal(loadKubeconfig({ kubeconfig: 'k.yaml' }, envFor(dir)).files.length, 1);
  });
  test('processEnvironment reads the process', () => {
    const env = processEnvironment();
    assert.ok(env.homeDir.length > 0);
    assert.equal(env.cwd, process.cwd());
  });
});

describe('merging and listing', () => {
  test('each entry remembers its file; first definition and first current-context win', () => {
    const dir = dirWith({
      'a.yaml': `clusters:\n- name: c1\n  cluster: {server: https://a}\ncontexts:\n- name: x1\n  context: {cluster: c1, user: u}\n`,
      'b.yaml': `clusters:\n- name: c1\n  cluster: {server: https://b}\n- name: c2\n  cluster: {server: https://b2}\ncontexts:\n- name: y1\n  context: {cluster: c2, user: u, namespace: yn}\ncurrent-context: y1\n`,
    });
    const loaded = loadKubeconfig({}, envFor(dir, { KUBECONFIG: `a.yaml${delimiter}b.yaml` }));
    assert.equal(loaded.clusters.get('c1')?.server, 'https://a');
    assert.equal(loaded.clusters.get('c1')?.file, join(dir, 'a.yaml'));
    assert.equal(loaded.clusters.get('c2')?.file, join(dir, 'b.yaml'));
    assert.equal(loaded.currentContext, 'y1');
    assert.equal(loaded.currentContextFile, join(dir, 'b.yaml'));
    assert.deepEqual(listContexts(loaded), [
      { name: 'x1', cluster: 'c1', user: 'u', current: false },
      { name: 'y1', cluster: 'c2', user: 'u', namespace: 'yn', current: true },
    ]);
  });
});

describe('resolving a context', () => {
  test('the common case: CA file, token, context namespace', () => {
    const spec = resolve(withUser('token: tok-s3cr3t'));
    assert.equal(spec.server, 'https://k.example:6443');
    assert.equal(spec.namespace, 'ns1');
    assert.equal(spec.namespaceFromFlag, false);
    assert.equal(spec.tls.caPem, ca.certPem);
    assert.match(spec.tls.caSource ?? '', /\.kube\/ca\.crt$/);
    assert.deepEqual(spec.credential, { kind: 'token', token: 'tok-s3cr3t' });
    assert.equal(spec.inCluster, false);
    assert.match(spec.cacheKey, /^[0-9a-f]{32}$/);
  });
  test('-n, --request-timeout, --as/--as-group', () => {
    const spec = resolve(withUser('token: t'), { namespace: 'flag', requestTimeout: '1m30s', as: 'jane', asGroups: ['g1'] });
    assert.equal(spec.namespace, 'flag');
    assert.equal(spec.namespaceFromFlag, true);
    assert.equal(spec.requestTimeoutMs, 90_000);
    assert.deepEqual(spec.impersonate, { user: 'jane', groups: ['g1'] });
  });
  test('impersonation uid and extra come from the kubeconfig user', () => {
    const spec = resolve(withUser('token: t\nas: bob\nas-uid: "42"\nas-user-extra:\n  scopes: [a, b]'));
    assert.deepEqual(spec.impersonate, { user: 'bob', groups: [], uid: '42', extra: { scopes: ['a', 'b'] } });
  });
  test('--as-group without a user to impersonate is refused', () => {
    refuses(withUser('token: t'), /needs a user to impersonate/, { asGroups: ['g'] });
  });
  test('namespace defaults to "default"', () => {
    const spec = resolve(`${CLUSTER}contexts:\n- name: ctx1\n  context: {cluster: c1}\ncurrent-context: ctx1\n`);
    assert.equal(spec.namespace, 'default');
    assert.deepEqual(spec.credential, { kind: 'none' });
    assert.equal(spec.userName, '');
  });
  test('a server without a scheme is plain http, as client-go treats it; a trailing slash is dropped', () => {
    const spec = resolve(withUser('token: t', 'clusters:\n- name: c1\n  cluster:\n    server: 127.0.0.1:8080/\n'));
    assert.equal(spec.server, 'http://127.0.0.1:8080');
    assert.deepEqual(spec.credential, { kind: 'none' });
  });
  test('over http impersonation is still sent (clientcmd sets it before the TLS check)', () => {
    const spec = resolve(withUser('token: t\nas: bob', 'clusters:\n- name: c1\n  cluster:\n    server: http://h:80\n'));
    assert.deepEqual(spec.impersonate, { user: 'bob', groups: [] });
    assert.deepEqual(spec.tls, { insecureSkipTLSVerify: false });
  });
  test('token file with an inline token: file wins, inline kept as fallback, file need not exist yet', () => {
    const spec = resolve(withUser('token: inline-s3cr3t\ntokenFile: later/token'));
    assert.equal(spec.credential.kind, 'tokenFile');
    if (spec.credential.kind === 'tokenFile') {
      assert.match(spec.credential.path, /\.kube\/later\/token$/);
      assert.equal(spec.credential.fallbackToken, 'inline-s3cr3t');
    }
  });
  test('client certificate from files, with sources for messages', () => {
    const spec = resolve(withUser('client-certificate: me.crt\nclient-key: me.key'), {}, { '.kube/me.crt': '@cert', '.kube/me.key': '@key' });
    assert.equal(spec.tls.clientCertificate?.certPem, client.certPem);
    assert.match(spec.tls.clientCertificate?.keySource ?? '', /\.kube\/me\.key$/);
    assert.deepEqual(spec.credential, { kind: 'none' });
  });
  test('exec: fields, defaults, and the cluster exec extension for KUBERNETES_EXEC_INFO', () => {
    const cluster = `clusters:\n- name: c1\n  cluster:\n    server: https://k:6443\n    extensions:\n    - name: client.authentication.k8s.io/exec\n      extension: {audience: kdeck}\n`;
    const spec = resolve(withUser('exec:\n  apiVersion: client.authentication.k8s.io/v1beta1\n  command: kubelogin\n  args: [get-token]\n  provideClusterInfo: true', cluster));
    assert.equal(spec.credential.kind, 'exec');
    if (spec.credential.kind === 'exec') {
      assert.deepEqual(spec.credential.exec, {
        apiVersion: 'client.authentication.k8s.io/v1beta1',
        command: 'kubelogin',
        args: ['get-token'],
        env: [],
        installHint: undefined,
        provideClusterInfo: true,
        interactiveMode: 'IfAvailable',
        clusterConfig: { audience: 'kdeck' },
      });
    }
  });
  test('exec is skipped when a client certificate is configured (client-go)', () => {
    const spec = resolve(withUser('client-certificate-data: ' + Buffer.from(client.certPem).toString('base64') + '\nclient-key-data: ' + Buffer.from(client.keyPem).toString('base64') + '\nexec:\n  apiVersion: client.authentication.k8s.io/v1\n  command: x\n  interactiveMode: Never'));
    assert.deepEqual(spec.credential, { kind: 'none' });
    assert.equal(spec.tls.clientCertificate?.certSource, 'u1.client-certificate-data');
  });
  test('oidc uses the stored id-token', () => {
    const spec = resolve(withUser('auth-provider:\n  name: oidc\n  config: {id-token: id-s3cr3t, client-id: x, idp-issuer-url: "https://i"}'));
    assert.deepEqual(spec.credential, { kind: 'oidc', idToken: 'id-s3cr3t' });
  });
});

describe('cache keys', () => {
  const two = `${CLUSTER}users:\n- name: u1\n  user: {token: tok-s3cr3t}\n- name: u2\n  user: {token: other-s3cr3t}\ncontexts:\n- name: a\n  context: {cluster: c1, user: u1, namespace: one}\n- name: b\n  context: {cluster: c1, user: u1, namespace: two}\n- name: c\n  context: {cluster: c1, user: u2}\ncurrent-context: a\n`;
  test('same cluster and credential share a key across contexts; another credential does not; no secret inside', () => {
    const dir = dirWith({ '.kube/config': two, '.kube/ca.crt': '@ca' });
    const [a, b, c] = ['a', 'b', 'c'].map((context) => loadConnection({ context }, envFor(dir)));
    assert.equal(a.cacheKey, b.cacheKey);
    assert.notEqual(a.cacheKey, c.cacheKey);
    assert.ok(!a.cacheKey.includes('s3cr3t'));
    assert.notEqual(loadConnection({ context: 'a', as: 'x' }, envFor(dir)).cacheKey, a.cacheKey);
  });
});

describe('refusals name the file and entry, say how to fix, and never show a secret', () => {
  test('malformed YAML gives the file and line', () => {
    const err = refuses('clusters:\n- name: c1\n  cluster:\n    server: https://x\n   token: s3cr3t [\n', /\.kube\/config:\d+: invalid YAML/);
    assert.match(err.file ?? '', /\.kube\/config$/);
  });
  test('not a kubeconfig', () => {
    refuses('kind: Pod\napiVersion: v1\n', /not a kubeconfig: it says kind "Pod"/);
    refuses('just a string\n', /not a kubeconfig: the top level must be a mapping/);
  });
  test('a boolean key with a string value', () => {
    refuses(withUser('token: t', 'clusters:\n- name: c1\n  cluster: {server: "https://x", insecure-skip-tls-verify: "true"}\n'), /"insecure-skip-tls-verify" must be true or false/);
  });
  test('a token YAML reads as a boolean must be quoted', () => {
    const err = refuses(withUser('token: yes'), /users entry "u1": "token" must be a string, but YAML reads it as a boolean/);
    assert.match(err.hint ?? '', /quotes/);
  });
  test('no contexts at all', () => {
    refuses(CLUSTER, /No contexts are defined in .*\.kube\/config/);
  });
  test('no current context lists the contexts and says how to choose', () => {
    const err = refuses(withUser('token: s3cr3t').replace('current-context: ctx1\n', ''), /No current context .* Contexts: ctx1\./);
    assert.match(err.hint ?? '', /--context NAME.*kubectl config use-context NAME/);
  });
  test('current-context naming a missing context', () => {
    refuses(withUser('token: t').replace('current-context: ctx1', 'current-context: gone'), /current-context "gone" \(set in .*\.kube\/config\) does not exist .*Contexts: ctx1/);
  });
  test('--cluster and --user that do not exist list what does', () => {
    refuses(withUser('token: t'), /--cluster "nope" is not defined .*Clusters: c1\./, { cluster: 'nope' });
    refuses(withUser('token: t'), /--user "nope" is not defined .*Users: u1\./, { user: 'nope' });
  });
  test('a context without a cluster; a cluster without a server', () => {
    refuses(`contexts:\n- name: ctx1\n  context: {user: u1}\ncurrent-context: ctx1\n`, /context "ctx1" \(in .*\) names no cluster/);
    refuses(withUser('token: t', 'clusters:\n- name: c1\n  cluster: {certificate-authority: ca.crt}\n'), /cluster "c1" \(in .*\) has no server/);
  });
  test('a password without a username (kubectl would prompt for it)', () => {
    refuses(withUser('password: s3cr3t'), /user "u1" \(in .*\) has a password but no username/);
  });
  test('a server that is not http(s)', () => {
    refuses(withUser('token: t', 'clusters:\n- name: c1\n  cluster: {server: "ftp://x"}\n'), /server "ftp:\/\/x" uses scheme "ftp"/);
  });
  test('a proxy-url kubectl would refuse', () => {
    refuses(withUser('token: t', 'clusters:\n- name: c1\n  cluster: {server: "https://x", proxy-url: "ftp://p"}\n'), /proxy-url is not an http, https or socks5 URL/);
  });
  test('unreadable client certificate names the file, the user and the key', () => {
    refuses(withUser('client-certificate: gone.crt\nclient-key: gone.key'), /user "u1" \(in .*\.kube\/config\): client-certificate .*gone\.crt does not exist/);
  });
  test('a key that does not belong to the certificate', () => {
    refuses(withUser('client-certificate: me.crt\nclient-key: other.key'), /the private key .*other\.key does not belong to the certificate/, {}, { '.kube/me.crt': '@cert', '.kube/other.key': '@otherkey' });
  });
  test('a key file that is not a key; a CA file that is not a certificate', () => {
    refuses(withUser('client-certificate: me.crt\nclient-key: me.key'), /me\.key is not a usable PEM private key/, {}, { '.kube/me.crt': '@cert', '.kube/me.key': 'garbage' });
    refuses(withUser('token: t'), /ca\.crt holds no PEM certificate/, {}, { '.kube/ca.crt': 'not a cert' });
  });
  test('exec problems', () => {
    const exec = (body: string) => withUser(`exec:\n${body.replace(/^/gm, '  ')}`);
    refuses(exec('apiVersion: client.authentication.k8s.io/v1\ninteractiveMode: Never'), /exec has no command/);
    refuses(exec('command: x\ninteractiveMode: Never'), /exec has no apiVersion/);
    refuses(exec('apiVersion: client.authentication.k8s.io/v1alpha1\ncommand: x'), /apiVersion "client.authentication.k8s.io\/v1alpha1" is not supported/);
    refuses(exec('apiVersion: client.authentication.k8s.io/v1\ncommand: x\ninteractiveMode: Sometimes'), /interactiveMode "Sometimes" is not valid/);
    refuses(exec('apiVersion: client.authentication.k8s.io/v1\ncommand: x\ninteractiveMode: Never\nenv: [{value: s3cr3t}]'), /env entry without a name/);
    refuses(withUser('exec:\n  apiVersion: client.authentication.k8s.io/v1\n  command: x\n  interactiveMode: Never\nauth-provider: {name: oidc, config: {id-token: s3cr3t}}'), /both exec and auth-provider/);
  });
  test('auth-providers: oidc without id-token, unknown ones, removed gcp/azure name their replacements', () => {
    refuses(withUser('auth-provider: {name: oidc, config: {refresh-token: s3cr3t, client-id: x, idp-issuer-url: "https://i"}}'), /oidc has no id-token \(kdeck does not refresh/);
    refuses(withUser('auth-provider: {name: oidc, config: {id-token: s3cr3t}}'), /oidc has no idp-issuer-url and no client-id/);
    refuses(withUser('auth-provider: {name: keystone}'), /auth-provider "keystone", which kubectl does not know/);
    assert.match(refuses(withUser('auth-provider: {name: gcp}'), /gcp/).hint ?? '', /gke-gcloud-auth-plugin/);
    assert.match(refuses(withUser('auth-provider: {name: azure}'), /azure/).hint ?? '', /kubelogin/);
  });
  test('an invalid --request-timeout is a usage error', () => {
    assert.throws(() => resolve(withUser('token: t'), { requestTimeout: 'soon' }), (err: KdeckError) => err.kind === 'usage' && /soon/.test(err.message));
  });
});

describe('--request-timeout syntax', () => {
  test('kubectl durations', () => {
    assert.equal(parseRequestTimeout('0'), 0);
    assert.equal(parseRequestTimeout('5'), 5000);
    assert.equal(parseRequestTimeout('5s'), 5000);
    assert.equal(parseRequestTimeout('1m30s'), 90_000);
    assert.equal(parseRequestTimeout('1.5s'), 1500);
    assert.equal(parseRequestTimeout('300ms'), 300);
    assert.equal(parseRequestTimeout('2h'), 7_200_000);
    assert.equal(parseRequestTimeout('250us'), 0.25);
    for (const bad of ['', 's', '5x', '1m5', '-1s', '-3', 'abc']) assert.throws(() => parseRequestTimeout(bad), KdeckError, bad);
  });
});
