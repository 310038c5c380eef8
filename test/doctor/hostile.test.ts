// `kdeck doctor` against a hostile API server and hostile kubeconfig text: nothing a terminal would act on is
// printed (title set, screen cleared, colours), no password or known token is shown in any form, warnings are not
// summed up as "all checks passed", and an exec plugin that hangs shows progress, honours the request timeout and
// is ended when doctor is interrupted.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { doctorCommand } from '../../src/doctor/command.js';
import { REPO } from '../e2e/helpers/tmux.js';
import { makePki, type TestPki } from '../helpers/pki.js';
import { bundledBin } from '../helpers/bundled-bin.js';

const EVIL = '\x1b]2;PWNED-TITLE\x07\x1b[2J\x1b[31mRED\x9b1m\u202e';
const PASSWORD = 'Url-Passw0rd-7731';
const TOKEN = 'tok-known-ABCDEF-4410';
/** Bytes no doctor output may hold: ESC, BEL, CSI (8-bit), bidi override. */
const INERT = /[\x1b\x07\x9b\u202e]/;

let server: Server;
let port = 0;
let mode: '403' | '500' | 'ok' = 'ok';
let dir = '';
let pki: TestPki;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kdeck-hostile-doctor-'));
  pki = makePki();
  server = createServer({ cert: pki.server.certPem, key: pki.server.keyPem }, (req, res) => {
    const url = req.url ?? '';
    const json = (code: number, body: unknown) => {
      res.writeHead(code, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (url.startsWith('/version')) return json(200, { gitVersion: `v1.99.0${EVIL}` });
    if (url.includes('selfsubject')) return json(404, { kind: 'Status', code: 404 });
    if (url.startsWith('/api/v1/namespaces/')) {
      if (mode === '403') return json(403, { kind: 'Status', apiVersion: 'v1', status: 'Failure', code: 403, reason: 'Forbidden', message: `pods is forbidden: User "x${EVIL}" cannot list; your token ${TOKEN} is not enough` });
      if (mode === '500') {
        res.writeHead(500, { 'content-type': 'text/plain' });
        return res.end(`internal error${EVIL}\nPassword was ${PASSWORD}\n`);
      }
      return json(200, { kind: 'PodList', items: [] });
    }
    if (url === '/api') return json(200, { versions: ['v1'] });
    if (url === '/apis') return json(200, { groups: [] });
    json(404, {});
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});
after(async () => {
  await new Promise<void>((r) => server.close(() => r()));
  rmSync(dir, { recursive: true, force: true });
});

function plugin(name: string, body: string): string {
  const p = join(dir, name);
  writeFileSync(p, `#!/bin/bash\n${body}\n`);
  chmodSync(p, 0o755);
  return p;
}

function kubeconfig(name: string, user: string, opts: { context?: string; server?: string; insecure?: boolean } = {}): string {
  const file = join(dir, `${name}.yaml`);
  const ctx = opts.context ?? 'plain';
  writeFileSync(file, [
    'apiVersion: v1', 'kind: Config', `current-context: "${ctx}"`,
    `clusters: [{name: c, cluster: {server: "${opts.server ?? `https://admin:${PASSWORD}@127.0.0.1:${port}`}", ${opts.insecure ? 'insecure-skip-tls-verify: true' : `certificate-authority-data: "${Buffer.from(pki.ca.certPem).toString('base64')}"`}}}]`,
    `users: [{name: u, user: ${user}}]`,
    `contexts: [{name: "${ctx}", context: {cluster: c, user: u}}]`, '',
  ].join('\n'));
  return file;
}

async function doctor(args: string[]): Promise<{ code: number; all: string; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await doctorCommand(args, { stdout: (s) => { out += s; }, stderr: (s) => { err += s; }, env: { env: {}, homeDir: dir, cwd: dir } });
  return { code, out, err, all: out + err };
}

function assertClean(all: string) {
  assert.doesNotMatch(all, INERT, 'a control byte reached the output');
  assert.ok(!all.includes(PASSWORD), 'the URL password was printed');
  assert.ok(!all.includes(TOKEN), 'a known token was printed');
}

describe('terminal injection and secrets', () => {
  test("the server's gitVersion is shown escaped; the URL password never", async () => {
    mode = 'ok';
    const kc = kubeconfig('ok', `{token: "${TOKEN}"}`);
    for (const args of [[], ['-o', 'json'], ['--all-contexts']]) {
      const r = await doctor(['--kubeconfig', kc, ...args]);
      assertClean(r.all);
      if (args.length === 0) assert.match(r.out, /v1\.99\.0\\e\]2;PWNED-TITLE\\x07\\e\[2J\\e\[31mRED\\x9b1m\\u202e/);
      if (args[1] === 'json') assert.equal(JSON.parse(r.out).contexts[0].server, 'https://[redacted]@127.0.0.1:' + port);
    }
  });
  test('a 403 Status message with escapes and the token echoed', async () => {
    mode = '403';
    const r = await doctor(['--kubeconfig', kubeconfig('f', `{token: "${TOKEN}"}`)]);
    assert.equal(r.code, 1);
    assertClean(r.all);
    assert.match(r.out, /✗ authorization +Forbidden: pods is forbidden: User "x\\e\]2;PWNED/);
    assert.match(r.out, /your token \[redacted\] is not enough/);
  });
  test('a plain-text 500 body with escapes and the password in it', async () => {
    mode = '500';
    for (const args of [[], ['-o', 'json']]) {
      const r = await doctor(['--kubeconfig', kubeconfig('e', `{token: "${TOKEN}"}`), ...args]);
      assert.equal(r.code, 1);
      assertClean(r.all);
      assert.match(r.all, /internal error/);
    }
  });
  test('a context name with escapes, from the kubeconfig', async () => {
    mode = 'ok';
    const r = await doctor(['--kubeconfig', kubeconfig('n', '{}', { context: 'evil\\e]2;CTX\\a\\e[2J' })]);
    assertClean(r.all);
    assert.match(r.out, /context "evil\\e\]2;CTX\\x07\\e\[2J"/);
  });
  test('a missing context with escapes in its name is named escaped', async () => {
    const r = await doctor(['--kubeconfig', kubeconfig('m', '{}'), '--context', `gone${EVIL}`]);
    assert.equal(r.code, 1);
    assertClean(r.all);
  });
  test('exec-plugin stderr with escapes, the returned-looking token, and a password', async () => {
    mode = 'ok';
    const p = plugin('noisy', `printf 'login failed\\033]2;PLUGIN\\007\\033[2J token=${TOKEN} pw ${PASSWORD}\\n' >&2; exit 3`);
    const r = await doctor(['--kubeconfig', kubeconfig('p', `{exec: {apiVersion: client.authentication.k8s.io/v1, command: "${p}", interactiveMode: Never}}`)]);
    assert.equal(r.code, 1);
    assertClean(r.all);
    assert.match(r.out, /login failed\\e\]2;PLUGIN\\x07\\e\[2J token=\[redacted\]/);
  });
  test('a token that a plugin returned is redacted where the server echoes it', async () => {
    mode = '403';
    const minted = 'minted-by-plugin-0097';
    const p = plugin('ok', `echo '{"kind":"ExecCredential","apiVersion":"client.authentication.k8s.io/v1","status":{"token":"${minted}"}}'`);
    const kc = kubeconfig('echo', `{exec: {apiVersion: client.authentication.k8s.io/v1, command: "${p}", interactiveMode: Never}}`, { server: `https://127.0.0.1:${port}` });
    // run the plugin once (a 403: the credential step passes), then let the server echo what it was sent
    const first = await doctor(['--kubeconfig', kc]);
    assert.match(first.out, /exec plugin returned a token/);
    const saved = server.listeners('request');
    server.removeAllListeners('request');
    server.on('request', (_req, res) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`bad credential ${minted}`);
    });
    try {
      const r = await doctor(['--kubeconfig', kc]);
      assert.ok(!r.all.includes(minted), r.all);
      assert.match(r.out, /bad credential \[redacted\]/);
    } finally {
      server.removeAllListeners('request');
      for (const l of saved) server.on('request', l as never);
    }
  });
});

describe('warnings', () => {
  test('insecure-skip-tls-verify ends with a warning, not "All checks passed"', async () => {
    mode = 'ok';
    const r = await doctor(['--kubeconfig', kubeconfig('w', '{}', { insecure: true })]);
    assert.equal(r.code, 0, r.out);
    assert.doesNotMatch(r.out, /All checks passed/);
    assert.match(r.out, /Passed with warnings: tls/);
    const all = await doctor(['--kubeconfig', kubeconfig('w', '{}', { insecure: true }), '--all-contexts']);
    assert.match(all.out, /! passed with warnings: tls/);
  });
});

describe('a hanging exec plugin', () => {
  test('shows progress every 10 s and gives up at --request-timeout', async () => {
    const p = plugin('hang', 'sleep 60');
    const t0 = Date.now();
    const r = await doctor(['--kubeconfig', kubeconfig('h', `{exec: {apiVersion: client.authentication.k8s.io/v1, command: "${p}", interactiveMode: Never}}`), '--request-timeout', '11s']);
    const took = Date.now() - t0;
    assert.equal(r.code, 1);
    assert.match(r.err, /kdeck doctor: waiting for the credential plugin `hang` of user "u", 10 s…/);
    assert.match(r.out, /✗ credentials +the credential plugin `hang` of user "u" \(context "plain"\) did not finish within 11 s/);
    assert.ok(took < 30_000, `took ${took} ms`);
  });
  test('Ctrl-C during the plugin ends the plugin too (it runs in its own process group)', async () => {
    const pidFile = join(dir, 'plugin.pid');
    const p = plugin('hang2', `echo $$ > "${pidFile}"; exec sleep 300`);
    const kc = kubeconfig('i', `{exec: {apiVersion: client.authentication.k8s.io/v1, command: "${p}", interactiveMode: Never}}`);
    const child = spawn(process.execPath, [bundledBin(), 'doctor', '--kubeconfig', kc], { cwd: REPO, stdio: 'ignore', env: { PATH: process.env.PATH, HOME: dir } });
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    for (let i = 0; i < 300 && !existsSync(pidFile); i++) await delay(100);
    await delay(200);
    const pid = Number(readFileSync(pidFile, 'utf8'));
    const alive = (n: number) => { try { process.kill(n, 0); return true; } catch { return false; } };
    assert.ok(alive(pid), 'the plugin runs');
    child.kill('SIGINT');
    assert.equal(await exited, 130);
    for (let i = 0; i < 50 && alive(pid); i++) await delay(100);
    const left = alive(pid);
    if (left) process.kill(pid, 'SIGKILL');
    assert.equal(left, false, 'the plugin outlived doctor');
  });
});
