// Hostile kubeconfigs are refused at once, naming the file and the problem: alias bombs, deep nesting,
// referenced files that are devices, FIFOs, directories or huge.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeconfigError } from '../../src/errors.js';
import { loadConnection } from '../../src/kubeconfig/index.js';
import { parseKubeconfigText } from '../../src/kubeconfig/parse-file.js';
import { TokenFileSource } from '../../src/auth/token-file.js';
import { CredentialError } from '../../src/errors.js';

let dir = '';
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'kdeck-bounds-'));
  execFileSync('mkfifo', [join(dir, 'fifo')]);
  writeFileSync(join(dir, 'big.crt'), '');
  truncateSync(join(dir, 'big.crt'), 50 * 1024 * 1024);
  writeFileSync(join(dir, 'cert.pem'), '-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n');
});
after(() => rmSync(dir, { recursive: true, force: true }));

/** 9 anchors of 9 aliases each: under 1 KB, 9^9 nodes once expanded. */
export function aliasBomb(): string {
  const lines = ['a0: &a0 ["x","x","x","x","x","x","x","x","x"]'];
  for (let i = 1; i < 9; i++) lines.push(`a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(',')}]`);
  return lines.join('\n') + '\napiVersion: v1\nkind: Config\nclusters: *a8\n';
}

function refusal(fn: () => unknown): KubeconfigError {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof KubeconfigError, `expected a KubeconfigError, got ${String(err)}`);
    assert.ok(err.hint, 'says how to fix it');
    assert.doesNotMatch(err.message, /please report|call stack/i);
    return err;
  }
  assert.fail('expected a refusal');
}

describe('YAML structure', () => {
  test('an alias bomb is refused at once, like kubectl ("excessive aliasing")', () => {
    const text = aliasBomb();
    assert.ok(text.length < 1024);
    const t0 = process.hrtime.bigint();
    const err = refusal(() => parseKubeconfigText(text, '/k/bomb.yaml'));
    assert.match(err.message, /^\/k\/bomb\.yaml: the YAML has excessive aliasing/);
    assert.ok(Number(process.hrtime.bigint() - t0) / 1e6 < 5000, 'not an exponential walk');
  });
  test('modest use of anchors and merge keys still works', () => {
    const text = [
      'apiVersion: v1', 'kind: Config',
      'base: &base {server: "https://x"}',
      'clusters:',
      ...Array.from({ length: 200 }, (_, i) => `- {name: c${i}, cluster: {<<: *base}}`),
    ].join('\n');
    const parsed = parseKubeconfigText(text, '/k/merge.yaml');
    assert.equal(parsed.clusters.length, 200);
    assert.equal(parsed.clusters[199].server, 'https://x');
  });
  for (const depth of [150, 2000, 20_000]) {
    test(`flow nesting ${depth} deep names the file and the problem`, () => {
      const err = refusal(() => parseKubeconfigText(`apiVersion: v1\nkind: Config\nextensions: ${'['.repeat(depth)}${']'.repeat(depth)}\n`, '/k/deep.yaml'));
      assert.match(err.message, /^\/k\/deep\.yaml(:\d+)?: the YAML is nested more than 100 levels deep/);
    });
  }
  test('block nesting 1,500 deep names the file and the problem', () => {
    const text = 'apiVersion: v1\nkind: Config\n' + Array.from({ length: 1500 }, (_, i) => ' '.repeat(i) + 'k:').join('\n') + ' x\n';
    assert.match(refusal(() => parseKubeconfigText(text, '/k/block.yaml')).message, /nested more than 100 levels/);
  });
});

describe('files a kubeconfig names', () => {
  const config = (key: string, path: string, user = 'token: t') =>
    `apiVersion: v1\nkind: Config\ncurrent-context: a\nclusters: [{name: c, cluster: {server: "https://127.0.0.1:1"${key.startsWith('certificate') ? `, ${key}: "${path}"` : ''}}}]\n` +
    `users: [{name: u, user: {${key.startsWith('certificate') ? user : `${key}: "${path}"${key === 'client-key' ? `, client-certificate: "${join(dir, 'cert.pem')}"` : ''}`}}}]\n` +
    'contexts: [{name: a, context: {cluster: c, user: u}}]\n';
  function resolveWith(key: string, path: string) {
    const file = join(dir, `kc-${key}.yaml`);
    writeFileSync(file, config(key, path));
    return () => loadConnection({ kubeconfig: file }, { env: {}, homeDir: dir, cwd: dir, serviceAccountDir: join(dir, 'no-sa') });
  }
  const cases: [string, RegExp][] = [
    ['/dev/zero', /is a character device, not a regular file/],
    ['@fifo', /is a named pipe \(FIFO\), not a regular file/],
    ['@dir', /is a directory/],
    ['@big', /is 50 MB, more than the 4 MB kdeck reads/],
  ];
  for (const key of ['certificate-authority', 'client-key', 'tokenFile']) {
    for (const [path, reason] of cases) {
      test(`${key}: ${path}`, () => {
        const p = path === '@fifo' ? join(dir, 'fifo') : path === '@dir' ? dir : path === '@big' ? join(dir, 'big.crt') : path;
        const err = refusal(resolveWith(key, p));
        assert.match(err.message, new RegExp(`${key} ${p.replace(/[/.]/g, '\\$&')} `));
        assert.match(err.message, reason);
      });
    }
  }
  test('the token file read at request time is bounded too', async () => {
    for (const p of ['/dev/zero', join(dir, 'fifo'), dir]) {
      await assert.rejects(new TokenFileSource(p, 'u').getToken(), (e: unknown) => e instanceof CredentialError && /not a regular file|directory/.test(e.message));
    }
  });
  test('the kubeconfig itself: a FIFO does not block, /dev/zero does not grow (in a child, so a hang fails the test)', () => {
    for (const p of [join(dir, 'fifo'), '/dev/zero']) {
      const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', `
        import('${join(process.cwd(), 'src/kubeconfig/index.ts')}').then((k) => {
          try { k.loadKubeconfig({ kubeconfig: ${JSON.stringify(p)} }, { env: {}, homeDir: '/nonexistent' }); } catch (e) { console.log(e.message); }
        });`], { encoding: 'utf8', timeout: 30_000 });
      assert.equal(r.signal, null, `hung on ${p}`);
      assert.match(r.stdout, /not a regular file/);
    }
  });
});
