// Bad input is one clear error on the normal terminal, exit 1, no stack trace, no secret.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO } from '../e2e/helpers/tmux.js';

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
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.tsx', ...args], {
    cwd: REPO, encoding: 'utf8', env: { PATH: process.env.PATH, HOME: dir, XDG_CONFIG_HOME: join(dir, 'none'), ...env }, timeout: 60_000,
  });
}

function assertCleanError(r: ReturnType<typeof kdeck>, pattern: RegExp) {
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
