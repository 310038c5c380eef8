// `kdeck simulate` as a user runs it: several TLS clusters, a kubeconfig that kubectl uses, clean stop on SIGTERM,
// and one-line errors for bad flags.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { KubectlRunner, tempDir } from './kubectl-helpers.js';
import { parseSimulateFlags } from '../../src/simulator/command.js';
import { bundledBin } from '../helpers/bundled-bin.js';


function kdeck(args: string[]): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [bundledBin(), ...args], { cwd: join(import.meta.dirname, '../..') });
}

describe('kdeck simulate', () => {
  const dir = tempDir('kdeck-simulate-');
  let child: ChildProcessWithoutNullStreams | undefined;
  after(() => {
    child?.kill('SIGKILL');
  });

  test('--clusters 2 --tls serves two clusters that kubectl can use through the written kubeconfig', async () => {
    const kc = join(dir, 'kc.yaml');
    child = kdeck(['simulate', '--clusters', '2', '--tls', '--pods', '30', '--kubeconfig-out', kc, '--minor', '33']);
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`simulator did not start: ${out}\n${err}`)), 30_000);
      child!.stdout.on('data', () => {
        if (out.includes('Press Ctrl-C')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child!.on('exit', (code) => reject(new Error(`exited ${code}: ${err}`)));
    });
    assert.match(out, /kdeck-sim\s+https:\/\/127\.0\.0\.1:\d+\s+\(Kubernetes 1\.33\)/);
    assert.match(out, /kdeck-staging\s+https:\/\/127\.0\.0\.1:\d+\s+\(Kubernetes 1\.32\)/);
    assert.ok(existsSync(kc));
    const config = parse(readFileSync(kc, 'utf8'));
    assert.deepEqual(config.contexts.map((c: { name: string }) => c.name), ['kdeck-sim', 'kdeck-staging', 'kdeck-sim-restricted']);
    assert.equal(config['current-context'], 'kdeck-sim');
    assert.ok(!out.includes(config.users.find((u: { name: string }) => u.name === 'jane').user.token), 'no token printed');

    const k = new KubectlRunner(kc, tempDir('kdeck-simulate-kubectl-'));
    try {
      const [v0, v1, ns0, ns1, forbidden] = await Promise.all([
        k.run(['version']),
        k.run(['--context', 'kdeck-staging', 'version']),
        k.run(['get', 'ns', '-o', 'name']),
        k.run(['--context', 'kdeck-staging', 'get', 'ns', '-o', 'name']),
        k.run(['--context', 'kdeck-sim-restricted', 'get', 'nodes']),
      ]);
      assert.match(v0.stdout, /Server Version: v1\.33\./);
      assert.match(v1.stdout, /Server Version: v1\.32\./);
      assert.equal(ns0.code, 0, ns0.stderr);
      assert.notEqual(ns0.stdout, ns1.stdout, 'the clusters have different contents');
      assert.equal(forbidden.stderr.trim(), 'Error from server (Forbidden): nodes is forbidden: User "jane" cannot list resource "nodes" in API group "" at the cluster scope');
    } finally {
      k.close();
    }
    const exited = new Promise<number | null>((resolve) => child!.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
    child = undefined;
  });

  test('bad flags give one clear line and exit 2', () => {
    for (const [args, message] of [
      [['--clusters', 'two'], /--clusters must be a whole number, got "two"/],
      [['--error-status', '404'], /--error-status must be 429, 500 or 503, got 404/],
      [['--frobnicate'], /Unknown option '--frobnicate'/],
    ] as const) {
      const r = spawnSync(process.execPath, [bundledBin(), 'simulate', ...args], { cwd: join(import.meta.dirname, '../..'), encoding: 'utf8' });
      assert.equal(r.status, 2, r.stderr);
      assert.match(r.stderr.split('\n')[0], message);
      assert.ok(!r.stderr.includes('    at '), 'no stack trace');
    }
  });

  test('flag parsing: defaults and fault flags', () => {
    const f = parseSimulateFlags(['--churn', '50', '--drop-watches-every', '30', '--error-rate', '0.1', '--error-status', '429']);
    assert.notEqual(f, 'help');
    if (f === 'help') return;
    assert.equal(f.options.host, '127.0.0.1');
    assert.equal(f.options.port, 0);
    assert.equal(f.options.churn, 50);
    assert.equal(f.dropWatchesEvery, 30);
    assert.equal(f.errorRate, 0.1);
    assert.equal(f.errorStatus, 429);
  });
});
