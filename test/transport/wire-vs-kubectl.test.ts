// What reaches the server is what kubectl sends: the same kubeconfig contexts are used by real kubectl
// (`kubectl get --raw`) and by kdeck (loadConnection → transport), and the recorded requests are compared:
// identity, Authorization header, SNI, path (with the server's prefix) and impersonation headers.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { stringify } from 'yaml';
import { loadConnection } from '../../src/kubeconfig/index.js';
import { createClient } from '../../src/transport/client.js';
import { makePki, type TestPki } from '../helpers/pki.js';
import { startTestApiServer, type SeenRequest, type TestApiServer } from '../helpers/api-server.js';

const run = promisify(execFile);
let pki: TestPki;
let api: TestApiServer;
let dir: string;
let kubeconfig: string;
const b64 = (s: string) => Buffer.from(s).toString('base64');

before(async () => {
  pki = makePki();
  dir = mkdtempSync(join(tmpdir(), 'kdeck-wire-'));
  api = await startTestApiServer({
    serverCert: pki.server, clientCa: pki.ca.certPem,
    tokens: { 'tok-bob': { username: 'bob', groups: [] }, 'tok-file': { username: 'filer', groups: [] }, 'tok-exec': { username: 'exec-user', groups: [] } },
    basic: { carol: { password: 'pw', username: 'carol', groups: [] } },
  });
  writeFileSync(join(dir, 'ca.crt'), pki.ca.certPem);
  writeFileSync(join(dir, 'alice.crt'), pki.alice.certPem);
  writeFileSync(join(dir, 'alice.key'), pki.alice.keyPem);
  writeFileSync(join(dir, 'token'), 'tok-file\n');
  const plugin = join(dir, 'plugin.sh');
  writeFileSync(plugin, '#!/bin/bash\necho \'{"kind":"ExecCredential","apiVersion":"client.authentication.k8s.io/v1beta1","status":{"token":"tok-exec"}}\'\n');
  chmodSync(plugin, 0o755);
  const infoPlugin = join(dir, 'info-plugin.sh');
  writeFileSync(infoPlugin, `#!/bin/bash\nprintf '%s' "$KUBERNETES_EXEC_INFO" > "$INFO_OUT"\necho '{"kind":"ExecCredential","apiVersion":"client.authentication.k8s.io/v1","status":{"token":"tok-exec"}}'\n`);
  chmodSync(infoPlugin, 0o755);
  kubeconfig = join(dir, 'config');
  writeFileSync(kubeconfig, stringify({
    apiVersion: 'v1', kind: 'Config', 'current-context': 'cert',
    clusters: [
      { name: 'ip', cluster: { server: api.url, 'certificate-authority': 'ca.crt' } },
      { name: 'sni', cluster: { server: api.url, 'certificate-authority-data': b64(pki.ca.certPem), 'tls-server-name': 'api.internal' } },
      { name: 'prefix', cluster: { server: `https://localhost:${api.port}/prefix/here`, 'certificate-authority': 'ca.crt' } },
      { name: 'exec-info', cluster: {
        server: api.url, 'certificate-authority-data': b64(pki.ca.certPem), 'tls-server-name': 'api.internal',
        extensions: [{ name: 'client.authentication.k8s.io/exec', extension: { audience: 'kdeck', nested: { region: 'eu-west-1' } } }],
      } },
    ],
    users: [
      { name: 'alice', user: { 'client-certificate': 'alice.crt', 'client-key': 'alice.key' } },
      { name: 'bob', user: { token: 'tok-bob' } },
      { name: 'file', user: { tokenFile: 'token', token: 'tok-bob' } },
      { name: 'carol', user: { username: 'carol', password: 'pw' } },
      { name: 'exec', user: { exec: { apiVersion: 'client.authentication.k8s.io/v1beta1', command: './plugin.sh' } } },
      { name: 'exec-info', user: { exec: { apiVersion: 'client.authentication.k8s.io/v1', command: './info-plugin.sh', interactiveMode: 'IfAvailable',
        provideClusterInfo: true, env: [{ name: 'INFO_OUT', value: join(dir, 'info.json') }] } } },
    ],
    contexts: [
      { name: 'cert', context: { cluster: 'ip', user: 'alice' } },
      { name: 'token', context: { cluster: 'ip', user: 'bob' } },
      { name: 'token-file-wins', context: { cluster: 'ip', user: 'file' } },
      { name: 'basic', context: { cluster: 'ip', user: 'carol' } },
      { name: 'exec-relative', context: { cluster: 'ip', user: 'exec' } },
      { name: 'sni', context: { cluster: 'sni', user: 'bob' } },
      { name: 'prefix', context: { cluster: 'prefix', user: 'bob' } },
      { name: 'exec-info', context: { cluster: 'exec-info', user: 'exec-info' } },
    ],
  }));
});

after(async () => {
  await api?.stop();
  rmSync(dir, { recursive: true, force: true });
});

function essentials(r: SeenRequest) {
  return {
    user: r.user, path: r.path, servername: r.servername, authorization: r.headers.authorization,
    impersonateUser: r.headers['impersonate-user'], impersonateGroup: r.headers['impersonate-group'],
  };
}

/** Runs real kubectl and returns the request it made for `path` (kubectl's own, not the dispatcher's /version probe). */
async function viaKubectl(context: string, path: string, extra: string[] = []): Promise<SeenRequest> {
  const before = api.seen.length;
  // `get --raw` sends its path as given (client-go RequestURI drops the server's prefix), so /version is asked via `kubectl version`
  const command = path === '/version' ? ['version', '-o', 'json'] : ['get', '--raw', path];
  await run('kubectl', ['--kubeconfig', kubeconfig, '--context', context, '--cache-dir', join(dir, `cache-${context}`), ...extra, ...command],
    { env: { PATH: process.env.PATH, HOME: dir }, cwd: dir });
  const mine = api.seen.slice(before).filter((r) => r.path.split('?')[0].endsWith(path) && String(r.headers['user-agent']).startsWith('kubectl/'));
  assert.equal(mine.length, 1, JSON.stringify(api.seen.slice(before).map((r) => r.path)));
  return { ...mine[0], path: mine[0].path.split('?')[0] };
}

async function viaKdeck(context: string, path: string, overrides: { as?: string; asGroups?: string[] } = {}): Promise<SeenRequest> {
  const spec = loadConnection({ kubeconfig, context, ...overrides }, { env: {}, homeDir: dir, cwd: dir });
  const client = createClient(spec, { env: {} });
  const before = api.seen.length;
  try {
    await client.requestJson({ path });
  } finally {
    await client.close();
  }
  return api.seen.slice(before).find((r) => r.path.endsWith(path))!;
}

for (const context of ['cert', 'token', 'token-file-wins', 'basic', 'exec-relative', 'sni', 'prefix']) {
  test(`context ${context}: kdeck sends what kubectl sends`, async () => {
    const path = context === 'prefix' ? '/version' : '/whoami';
    const k = essentials(await viaKubectl(context, path));
    const d = essentials(await viaKdeck(context, path));
    assert.deepEqual(d, k);
    assert.notEqual(k.user, 'system:anonymous');
  });
}

test('impersonation: --as and repeated --as-group', async () => {
  const k = essentials(await viaKubectl('token', '/whoami', ['--as', 'jane', '--as-group', 'devs', '--as-group', 'qa']));
  const d = essentials(await viaKdeck('token', '/whoami', { as: 'jane', asGroups: ['devs', 'qa'] }));
  assert.deepEqual(d, k);
  assert.equal(k.impersonateUser, 'jane');
});

test('KUBERNETES_EXEC_INFO with provideClusterInfo is what kubectl gives the plugin', async () => {
  await viaKubectl('exec-info', '/whoami');
  const fromKubectl = JSON.parse(readFileSync(join(dir, 'info.json'), 'utf8')) as unknown;
  rmSync(join(dir, 'info.json'));
  await viaKdeck('exec-info', '/whoami');
  const fromKdeck = JSON.parse(readFileSync(join(dir, 'info.json'), 'utf8')) as unknown;
  assert.deepEqual(fromKdeck, fromKubectl);
});
