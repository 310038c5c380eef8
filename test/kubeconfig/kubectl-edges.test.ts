// Two kubeconfig edges with kubectl as the oracle: a user entry whose only credential key is one kubectl does not
// read, and the legacy ~/.kube/.kubeconfig used when ~/.kube/config is missing.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { KubeconfigError } from '../../src/errors.js';
import { loadConnection } from '../../src/kubeconfig/index.js';

const run = promisify(execFile);
let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'kdeck-kc-edges-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

function kubeconfig(user: string, cluster = 'c'): string {
  return `apiVersion: v1
kind: Config
clusters: [{name: ${cluster}, cluster: {server: "https://127.0.0.1:1", insecure-skip-tls-verify: true}}]
users: [{name: u, user: ${user}}]
contexts: [{name: ${cluster}-ctx, context: {cluster: ${cluster}, user: u}}]
current-context: ${cluster}-ctx
`;
}

async function kubectl(home: string, args: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string }> {
  try {
    const pending = run('kubectl', args, { env: { PATH: process.env.PATH, HOME: home, ...env }, cwd: home, timeout: 20_000 });
    pending.child.stdin?.end(); // no terminal, nothing to read: kubectl's prompt gets EOF at once
    const r = await pending;
    return { code: 0, out: r.stdout + r.stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof err.code === 'number' ? err.code : 1, out: `${err.stdout ?? ''}${err.stderr ?? ''}` };
  }
}

test('a misspelt credential key: kubectl has no credentials and refuses without a terminal; so does kdeck, naming the key', async () => {
  const file = join(dir, 'misspelt.yaml');
  writeFileSync(file, kubeconfig('{tokne: s3cr3t-value}'));
  const k = await kubectl(dir, ['--kubeconfig', file, 'get', '--raw', '/version']);
  assert.notEqual(k.code, 0);
  assert.match(k.out, /Please enter Username/, 'kubectl fell back to asking for a username and password');
  assert.throws(() => loadConnection({ kubeconfig: file }, { env: {}, homeDir: dir, cwd: dir }), (e: unknown) => {
    assert.ok(e instanceof KubeconfigError);
    assert.match(e.message, /user "u" \(in .*misspelt\.yaml\) has no credentials kubectl can use: "tokne" \(did you mean "token"\?\) is not a key kubectl reads/);
    assert.ok(!e.message.includes('s3cr3t') && !(e.hint ?? '').includes('s3cr3t'), 'the value is never shown');
    return true;
  });
});

test('an unread key beside a working credential is ignored, as kubectl ignores it', async () => {
  const file = join(dir, 'extra.yaml');
  writeFileSync(file, kubeconfig('{token: tok-ok, tokne: x}'));
  const k = await kubectl(dir, ['--kubeconfig', file, 'config', 'view', '--minify', '--raw', '-o', 'jsonpath={.users[0].user.token}']);
  assert.equal(k.out.trim(), 'tok-ok');
  const spec = loadConnection({ kubeconfig: file }, { env: {}, homeDir: dir, cwd: dir });
  assert.deepEqual(spec.credential, { kind: 'token', token: 'tok-ok' });
});

test('~/.kube/.kubeconfig is used when ~/.kube/config is missing (kubectl migrates it; kdeck only reads it)', async () => {
  const home = join(dir, 'legacy-home');
  mkdirSync(join(home, '.kube'), { recursive: true });
  writeFileSync(join(home, '.kube', '.kubeconfig'), kubeconfig('{token: tok-legacy}', 'legacy'));
  const spec = loadConnection({}, { env: {}, homeDir: home, cwd: home });
  assert.equal(spec.contextName, 'legacy-ctx');
  assert.deepEqual(spec.credential, { kind: 'token', token: 'tok-legacy' });
  assert.deepEqual(readdirSync(join(home, '.kube')), ['.kubeconfig'], 'kdeck wrote nothing');
  const k = await kubectl(home, ['config', 'current-context'], { KUBECONFIG: '' });
  assert.equal(k.out.trim(), 'legacy-ctx', 'kubectl reads it too');
  assert.ok(existsSync(join(home, '.kube', 'config')), 'kubectl copied it to ~/.kube/config');
  // Once ~/.kube/config exists, the legacy file is no longer read (by either).
  writeFileSync(join(home, '.kube', 'config'), kubeconfig('{token: tok-new}', 'new'));
  assert.equal(loadConnection({}, { env: {}, homeDir: home, cwd: home }).contextName, 'new-ctx');
  assert.equal((await kubectl(home, ['config', 'current-context'])).out.trim(), 'new-ctx');
  // KUBECONFIG set: no migration.
  rmSync(join(home, '.kube', 'config'));
  assert.throws(() => loadConnection({}, { env: { KUBECONFIG: join(home, 'nope') }, homeDir: home, cwd: home }), KubeconfigError);
});
