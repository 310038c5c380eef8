// Every failure path with distinctive secrets in play: unreachable, 401 (bad token, basic password, URL password),
// 403, TLS name mismatch, unknown CA, a failing exec plugin (that prints its token and has a secret in its env),
// a dead proxy with a password. kdeck doctor (text and -o json) and the dashboard (in tmux, the real binary) run on
// each; everything kdeck printed or wrote (stdout, stderr, the screen, every file under HOME: XDG config, state,
// cache, any log) is then searched for every secret. The kubeconfig and key files live outside HOME.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { createCertificateAuthority } from '../../src/simulator/certs.js';
import { REPO, requireTmux, TmuxSession } from '../e2e/helpers/tmux.js';
import { bundledBin } from '../helpers/bundled-bin.js';

const S = {
  token401: 'kdeck-secret-token-401-Zq81',
  basicPassword: 'kdeck-secret-basic-pw-Lm27',
  urlPassword: 'kdeck-secret-url-pw-Xr55',
  proxyPassword: 'kdeck-secret-proxy-pw-Hb90',
  pluginToken: 'kdeck-secret-plugin-token-Ty43',
  pluginEnv: 'kdeck-secret-plugin-env-Qw12',
  unreachableToken: 'kdeck-secret-unreach-tok-Pp66',
  mismatchToken: 'kdeck-secret-mismatch-tok-Vv03',
};

let sim: Simulator;
let outside = ''; // kubeconfig, keys, plugin: not kdeck's output
let home = ''; // kdeck's HOME: everything in it was written by kdeck
let kubeconfig = '';
let forbiddenToken = '';
let keyMaterial = '';
const outputs: { where: string; text: string }[] = [];

async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

const CONTEXTS = ['unreachable', 'bad-token', 'basic', 'url-password', 'forbidden', 'client-key', 'tls-mismatch', 'unknown-ca', 'plugin', 'proxy'];

before(async () => {
  requireTmux();
  sim = await startSimulator({ clusters: 1, tls: true, pods: 5, controllers: false, seed: 5 });
  outside = mkdtempSync(join(tmpdir(), 'kdeck-secrets-in-'));
  home = mkdtempSync(join(tmpdir(), 'kdeck-secrets-home-'));
  mkdirSync(join(home, '.local', 'state'), { recursive: true });
  const url = new URL(sim.clusters[0].url);
  const ca = Buffer.from(sim.caPem!).toString('base64');
  const other = Buffer.from(createCertificateAuthority('not-the-cluster-ca').certPem).toString('base64');
  forbiddenToken = sim.issueToken('nobody-at-all', []);
  const cert = sim.issueClientCertificate('cert-nobody', []);
  keyMaterial = cert.keyPem.split('\n').filter((l) => !l.startsWith('-----')).join('').slice(10, 60);
  writeFileSync(join(outside, 'client.key'), cert.keyPem);
  writeFileSync(join(outside, 'client.crt'), cert.certPem);
  const plugin = join(outside, 'plugin');
  writeFileSync(plugin, `#!/bin/bash\necho "minting token ${S.pluginToken} with $PLUGIN_API_TOKEN" >&2\necho '{"status":{"token":"${S.pluginToken}"}'\nexit 1\n`);
  chmodSync(plugin, 0o755);
  const dead = await closedPort();
  const good = { server: sim.clusters[0].url, 'certificate-authority-data': ca };
  kubeconfig = join(outside, 'config');
  writeFileSync(kubeconfig, stringify({
    apiVersion: 'v1', kind: 'Config', 'current-context': 'unreachable',
    clusters: [
      { name: 'dead', cluster: { server: `https://127.0.0.1:${dead}`, 'certificate-authority-data': ca } },
      { name: 'good', cluster: good },
      { name: 'url-pw', cluster: { ...good, server: `https://admin:${S.urlPassword}@127.0.0.1:${url.port}` } },
      { name: 'mismatch', cluster: { ...good, 'tls-server-name': 'wrong.example' } },
      { name: 'other-ca', cluster: { ...good, 'certificate-authority-data': other } },
      { name: 'via-proxy', cluster: { ...good, 'proxy-url': `http://proxyuser:${S.proxyPassword}@127.0.0.1:${dead}` } },
    ],
    users: [
      { name: 'unreach', user: { token: S.unreachableToken } },
      { name: 'bad', user: { token: S.token401 } },
      { name: 'basic', user: { username: 'carol', password: S.basicPassword } },
      { name: 'forbidden', user: { token: forbiddenToken } },
      { name: 'mismatch', user: { token: S.mismatchToken } },
      { name: 'cert', user: { 'client-certificate': join(outside, 'client.crt'), 'client-key': join(outside, 'client.key') } },
      { name: 'plugin', user: { exec: { apiVersion: 'client.authentication.k8s.io/v1', command: plugin, env: [{ name: 'PLUGIN_API_TOKEN', value: S.pluginEnv }], interactiveMode: 'Never' } } },
    ],
    contexts: [
      { name: 'unreachable', context: { cluster: 'dead', user: 'unreach' } },
      { name: 'bad-token', context: { cluster: 'good', user: 'bad' } },
      { name: 'basic', context: { cluster: 'good', user: 'basic' } },
      { name: 'url-password', context: { cluster: 'url-pw', user: 'bad' } },
      { name: 'forbidden', context: { cluster: 'good', user: 'forbidden' } },
      { name: 'client-key', context: { cluster: 'other-ca', user: 'cert' } },
      { name: 'tls-mismatch', context: { cluster: 'mismatch', user: 'mismatch' } },
      { name: 'unknown-ca', context: { cluster: 'other-ca', user: 'unreach' } },
      { name: 'plugin', context: { cluster: 'good', user: 'plugin' } },
      { name: 'proxy', context: { cluster: 'via-proxy', user: 'bad' } },
    ],
  }), { mode: 0o600 });
});

after(async () => {
  await sim?.stop();
  rmSync(outside, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
  rmSync(home, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 }); // a kdeck the tmux kill ended may still be writing its caches
});

const env = () => ({
  PATH: process.env.PATH ?? '', HOME: home, TERM: 'xterm-256color', KUBECONFIG: kubeconfig,
  XDG_CONFIG_HOME: join(home, '.config'), XDG_STATE_HOME: join(home, '.local', 'state'), XDG_CACHE_HOME: join(home, '.cache'),
});

/** The CLI as a child, without blocking this process (the simulator answers from this event loop). */
function kdeck(args: string[]): Promise<{ status: number | null; signal: string | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bundledBin(), ...args], { cwd: REPO, env: env() });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      resolve({ status, signal, stdout, stderr });
    });
  });
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

function allSecrets(): string[] {
  const basicHeader = Buffer.from(`carol:${S.basicPassword}`).toString('base64');
  return [...Object.values(S), forbiddenToken, keyMaterial, basicHeader];
}

describe('no secret on any failure path', () => {
  for (const context of CONTEXTS) {
    test(`doctor --context ${context} (text and -o json)`, async () => {
      const runs = await Promise.all([[], ['-o', 'json']].map(async (extra) => ({ extra, r: await kdeck(['doctor', '--context', context, '--request-timeout', '5s', ...extra]) })));
      for (const { extra, r } of runs) {
        assert.equal(r.signal, null, `doctor ${context} hung`);
        assert.equal(r.status, 1, `doctor ${context} should fail:\n${r.stdout}${r.stderr}`);
        outputs.push({ where: `doctor ${context} ${extra.join(' ')} stdout`, text: r.stdout }, { where: `doctor ${context} stderr`, text: r.stderr });
      }
    });
  }

  test('the dashboard on every context (the real binary in tmux)', async () => {
    for (const context of CONTEXTS) {
      const t = new TmuxSession(160, 40);
      try {
        t.start(env(), `${JSON.stringify(process.execPath)} ${JSON.stringify(bundledBin())} --context ${context} --request-timeout 5s`);
        // the diagnosis on the screen, or the pre-screen error back at the prompt
        const screen = await t.waitFor((s) => /unreachable|refused|Unauthorized|401|forbidden|x509|certificate|TLS|plugin|proxy|cannot|failed/i.test(s), `${context}: a diagnosis`, { timeoutMs: 40_000 });
        outputs.push({ where: `dashboard ${context} screen`, text: screen }, { where: `dashboard ${context} screen (escapes)`, text: t.capture(true) });
        t.keys('C-c');
        await t.waitForText('E2E-PROMPT$', { timeoutMs: 20_000 });
        outputs.push({ where: `dashboard ${context} after exit`, text: t.capture() });
      } finally {
        const { leftRunning } = await t.close();
        assert.equal(leftRunning, false, `kdeck --context ${context} kept running`);
      }
    }
  });

  test('nothing kdeck printed, painted or wrote holds a secret', () => {
    for (const f of filesUnder(home)) outputs.push({ where: `file ${f}`, text: readFileSync(f, 'latin1') });
    assert.ok(outputs.length >= CONTEXTS.length * 4, `the runs above produced output (${outputs.length})`);
    const leaks: string[] = [];
    for (const { where, text } of outputs) {
      for (const secret of allSecrets()) if (text.includes(secret)) leaks.push(`${where}: ${secret}`);
    }
    assert.deepEqual(leaks, []);
    // and each failure was diagnosed as itself (so the paths above really ran)
    const doctorText = (c: string) => outputs.find((o) => o.where === `doctor ${c}  stdout`)?.text ?? '';
    assert.match(doctorText('unreachable'), /✗ tcp/);
    assert.match(doctorText('bad-token'), /✗ authentication.*401|Unauthorized/s);
    assert.match(doctorText('basic'), /✗ authentication/);
    assert.match(doctorText('url-password'), /\[redacted\]@127\.0\.0\.1/);
    assert.match(doctorText('forbidden'), /✗ authorization|✗ authentication/);
    assert.match(doctorText('tls-mismatch'), /✗ tls/);
    assert.match(doctorText('unknown-ca'), /✗ tls.*unknown authority/s);
    assert.match(doctorText('plugin'), /✗ credentials/);
    assert.match(doctorText('proxy'), /✗ tcp.*proxy/s);
  });
});
