// Bad input is one clear error on the normal terminal, exit 1, no stack trace, no secret.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO } from '../e2e/helpers/tmux.js';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { bundledBin } from '../helpers/bundled-bin.js';

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'kdeck-cli-'));
  writeFileSync(join(dir, 'kc.yaml'), [
    'apiVersion: v1', 'kind: Config', 'current-context: a',
    'clusters: [{name: c, cluster: {server: "https://127.0.0.1:1"}}]',
    'users: [{name: u, user: {token: s3cr3t-token-value}}]',
    'contexts: [{name: a, context: {cluster: c, user: u}}]', '',
  ].join('\n'));
  mkdirSync(join(dir, 'bad', 'kdeck'), { recursive: true });
  writeFileSync(join(dir, 'bad', 'kdeck', 'config.yaml'), 'aliases:\n  dp: 3\n');
});
after(() => rmSync(dir, { recursive: true, force: true }));

function kdeck(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [bundledBin(), ...args], {
    cwd: REPO, encoding: 'utf8', env: { PATH: process.env.PATH, HOME: dir, XDG_CONFIG_HOME: join(dir, 'none'), ...env }, timeout: 60_000,
  });
}

/** As kdeck() but without blocking this process, whose in-process simulator must answer meanwhile. */
function kdeckAsync(args: string[], env: Record<string, string> = {}): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bundledBin(), ...args], {
      cwd: REPO, env: { PATH: process.env.PATH, HOME: dir, XDG_CONFIG_HOME: join(dir, 'none'), ...env }, stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill(), 60_000);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

function assertCleanError(r: { status: number | null; stdout: string; stderr: string }, pattern: RegExp) {
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, pattern);
  assert.doesNotMatch(r.stderr, /^\s+at /m, 'no stack trace');
  assert.doesNotMatch(r.stderr + r.stdout, /s3cr3t/, 'no secret');
  assert.doesNotMatch(r.stdout, /\x1b\[\?1049h/, 'the screen was never taken');
}

test('unknown flag', () => assertCleanError(kdeck(['--bogus']), /unknown flag --bogus[\s\S]*kdeck --help/));
test('flag without its value', () => assertCleanError(kdeck(['-n']), /-n needs a value/));
test('missing kubeconfig file', () => assertCleanError(kdeck(['--kubeconfig', join(dir, 'nope.yaml')]), /nope\.yaml/));
test('unknown context', () => assertCleanError(kdeck(['--kubeconfig', join(dir, 'kc.yaml'), '--context', 'zzz']), /"zzz"/));
test('bad config file names the key', () =>
  assertCleanError(kdeck(['--kubeconfig', join(dir, 'kc.yaml')], { XDG_CONFIG_HOME: join(dir, 'bad') }), /aliases\.dp/));
test('--version and --help', () => {
  const v = kdeck(['--version']);
  assert.equal(v.status, 0);
  assert.match(v.stdout, /^kdeck \d+\.\d+\.\d+/);
  const h = kdeck(['--help']);
  assert.equal(h.status, 0);
  assert.match(h.stdout, /--all-namespaces/);
});

// Issue 17: bad -n / -c and a missing terminal are refused before the screen is taken.
describe('checked before the screen is taken', () => {
  let sim: Simulator;
  let kc: string;
  before(async () => {
    sim = await startSimulator({ clusters: 1, pods: 5, controllers: false, seed: 3 });
    kc = join(dir, 'sim.yaml');
    sim.writeKubeconfig(kc);
    mkdirSync(join(dir, 'aliases', 'kdeck'), { recursive: true });
    writeFileSync(join(dir, 'aliases', 'kdeck', 'config.yaml'), 'aliases:\n  dp: deployments\n');
  });
  after(() => sim?.stop());

  test('-n with an invalid namespace name', () => assertCleanError(kdeck(['-n', 'Bad_NS']), /-n "Bad_NS" is not a valid namespace name/));
  test('-c with a resource the cluster does not serve', async () => assertCleanError(await kdeckAsync(['--kubeconfig', kc, '-c', 'nosuchres']), /unknown resource "nosuchres"[\s\S]*api-resources/));
  test('-c through a config alias is accepted (then only the missing terminal stops it)', async () => {
    const r = await kdeckAsync(['--kubeconfig', kc, '-c', 'dp'], { XDG_CONFIG_HOME: join(dir, 'aliases') });
    assertCleanError(r, /kdeck needs a terminal/);
    assert.doesNotMatch(r.stderr, /unknown resource/);
  });
  test('no terminal: one clear line, no React stack, no Raw mode message', async () => {
    const r = await kdeckAsync(['--kubeconfig', kc]);
    assertCleanError(r, /^kdeck: kdeck needs a terminal[^\n]*\n[^\n]*kdeck doctor/);
    assert.doesNotMatch(r.stderr, /Raw mode|react|at \w+ \(/i);
    assert.ok(r.stderr.trim().split('\n').length <= 2, r.stderr);
  });
});
