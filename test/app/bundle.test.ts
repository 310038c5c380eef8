// The published bin as `npm run build` makes it (scripts/bundle.mjs): built here into a temp dir, away from the
// checkout's node_modules, and run for real: --version, the Node version check, doctor, info and simulate from the
// bundle, Node's compile cache (written to its dir, silent when the dir cannot be made), and a dashboard start in
// tmux against the simulator whose start-up trace (KDECK_TRACE_STARTUP) shows the data path ahead of the UI, and
// which calls no global fetch() on its way to the first frame; and the characters string-width measures by length;
// regular expression literals kept literal (esbuild would rebuild /\p{…}/u ones at each call); Ink's Output rewritten
// to reuse the previous frame's work (scripts/ink-output-caches.mjs, tested in ink-output-caches.test.ts);
// undici's HTTP/2 client, loaded only on the first h2 connection, against an h2-only server.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createSecureServer } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createCertificateAuthority, issueCertificate } from '../../src/simulator/certs.js';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { REPO, TmuxSession, requireTmux } from '../e2e/helpers/tmux.js';

const VERSION = (JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string }).version;

describe('the bundled bin', () => {
  let out: string;
  let bin: string;
  let sim: Simulator;
  let kubeconfig: string;
  const env = (more: Record<string, string> = {}) => ({ PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: out, TERM: 'xterm-256color', XDG_CACHE_HOME: join(out, 'cache'), XDG_CONFIG_HOME: join(out, 'config'), XDG_STATE_HOME: join(out, 'state'), ...more });
  const run = (args: string[], more: Record<string, string> = {}, node = process.execPath) => spawnSync(node, [bin, ...args], { encoding: 'utf8', env: env(more), cwd: out, timeout: 60_000 });

  /** Async: the simulator serves from this very process, so a child that talks to it must not block its event loop. */
  const runAsync = (args: string[]) =>
    new Promise<{ status: number; stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, [bin, ...args], { encoding: 'utf8', env: env(), cwd: out, timeout: 60_000 }, (err, stdout, stderr) =>
        resolve({ status: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      );
    });

  before(async () => {
    out = mkdtempSync(join(tmpdir(), 'kdeck-bundle-'));
    const b = spawnSync(process.execPath, ['scripts/bundle.mjs', '--outdir', join(out, 'dist')], { cwd: REPO, encoding: 'utf8' });
    assert.equal(b.status, 0, `the bundle builds: ${b.stderr}`);
    bin = join(out, 'dist', 'kdeck.js');
    sim = await startSimulator({ clusters: 1, tls: true, pods: 30, namespaces: 3, controllers: false, seed: 11 });
    kubeconfig = join(out, 'kubeconfig.yaml');
    sim.writeKubeconfig(kubeconfig);
  });
  after(async () => {
    await sim?.stop();
    rmSync(out, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  });

  test('one executable entry with a shebang; its chunks beside it; no node_modules needed', () => {
    assert.ok(statSync(bin).mode & 0o100, 'executable');
    assert.match(readFileSync(bin, 'utf8'), /^#!\/usr\/bin\/env node\n/);
    assert.ok(readdirSync(join(out, 'dist', 'chunks')).some((f) => f.endsWith('.js')));
    assert.ok(!existsSync(join(out, 'node_modules')));
  });

  test('--version prints the package version; the compile cache is written under XDG_CACHE_HOME/kdeck/compile', () => {
    const r = run(['--version']);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, `kdeck ${VERSION}\n`);
    assert.equal(r.stderr, '');
    const cache = join(out, 'cache', 'kdeck', 'compile');
    assert.ok(existsSync(cache) && readdirSync(cache, { recursive: true }).length > 0, 'Node wrote its compile cache');
  });

  test('regular expression literals stay literals (Ink tests one per character of every frame)', () => {
    const chunks = readdirSync(join(out, 'dist', 'chunks')).filter((f) => f.endsWith('.js')).map((f) => readFileSync(join(out, 'dist', 'chunks', f), 'utf8')).join('\n');
    assert.ok(chunks.includes('Default_Ignorable_Code_Point}+$/u'), "Ink Output's per-character filter is in the bundle as a literal");
    const rebuilt = chunks.match(/new RegExp\("(?:[^"\\]|\\.)*",\s*"[a-z]*[uv][a-z]*"\)/g) ?? [];
    assert.deepEqual(rebuilt, [], 'no /\\p{…}/u or /…/v literal rewritten as new RegExp(…), built again at each call');
  });

  test("Ink's Output reuses the previous frame's tokenised text (scripts/ink-output-caches.mjs)", () => {
    const chunks = readdirSync(join(out, 'dist', 'chunks')).filter((f) => f.endsWith('.js')).map((f) => readFileSync(join(out, 'dist', 'chunks', f), 'utf8')).join('\n');
    assert.ok(chunks.includes('kdeckCarry(') && chunks.includes('kdeckGetLines('), 'the rewrite is in the bundle');
  });

  test('a compile cache dir that cannot be made is ignored silently', () => {
    const file = join(out, 'a-file');
    writeFileSync(file, 'not a directory');
    const r = run(['--version'], { XDG_CACHE_HOME: file });
    assert.equal(r.status, 0);
    assert.equal(r.stdout, `kdeck ${VERSION}\n`);
    assert.equal(r.stderr, '', 'nothing said about the cache');
  });

  test('Node older than 22 gets one clear line, not a syntax error', () => {
    const fake = spawnSync(process.execPath, ['--import', 'data:text/javascript,Object.defineProperty(process.versions,"node",{value:"20.1.0"})', bin, '--version'], { encoding: 'utf8', env: env() });
    assert.equal(fake.status, 1);
    assert.match(fake.stderr, /^kdeck: Node\.js 22 or newer is required/);
    // A real old Node, where the machine has one (this one's /usr/bin/node is 20): the entry must still parse there.
    const old = ['/usr/bin/node', '/usr/local/bin/node'].find((p) => existsSync(p) && Number(spawnSync(p, ['-p', 'process.versions.node'], { encoding: 'utf8' }).stdout.split('.')[0]) < 22);
    if (old) {
      const r = run(['--version'], {}, old);
      assert.equal(r.status, 1);
      assert.match(r.stderr, /^kdeck: Node\.js 22 or newer is required \(this is v\d+/);
    }
  });

  test('doctor, info and simulate run from the bundle', async () => {
    const d = await runAsync(['doctor', '--kubeconfig', kubeconfig]);
    assert.equal(d.status, 0, d.stdout + d.stderr);
    assert.match(d.stdout, /All checks passed|Passed with warnings/);
    const i = run(['info', '--kubeconfig', kubeconfig]);
    assert.equal(i.status, 0, i.stderr);
    assert.match(i.stdout, /kdeck\/discovery\/ +cache: the resources each API server serves/);
    const s = run(['simulate', '--help']);
    assert.equal(s.status, 0, s.stderr);
    assert.match(s.stdout, /^Usage: kdeck simulate/);
  });

  test('the dashboard starts in tmux; the trace file shows the list on the wire before the UI modules loaded', async () => {
    requireTmux();
    const trace = join(out, 'trace.json');
    const t = new TmuxSession();
    try {
      t.start(env({ KUBECONFIG: kubeconfig, KDECK_TRACE_STARTUP: trace }), `${JSON.stringify(process.execPath)} ${bin} -A`);
      await t.waitFor((s) => /pods\(all\)\[30\]/.test(s) && /^\S+ +\S+ +\d\/\d +Running/m.test(s), 'the pods table');
      t.keys('C-c');
      await t.waitForText('E2E-PROMPT$');
      // The trace is written as the process exits, after its cleanup; the prompt line is on screen as soon as the
      // alternate screen is left, before that.
      for (let i = 0; i < 500 && !existsSync(trace); i++) await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, 50)); // one writeFileSync: let it finish
    } finally {
      t.kill();
    }
    const file = JSON.parse(readFileSync(trace, 'utf8')) as { timeOrigin: number; marks: { mark: string; ms: number; cpu?: number; mainCpu?: number }[] };
    const marks = file.marks;
    // The process start on the epoch clock, so a bench can place the marks beside its own (Enter, row captured).
    assert.ok(Math.abs(file.timeOrigin - Date.now()) < 600_000, `timeOrigin ${file.timeOrigin}`);
    const at = (m: string) => {
      const x = marks.find((k) => k.mark === m);
      assert.ok(x, `mark ${m} in ${JSON.stringify(marks.map((k) => k.mark))}`);
      return x.ms;
    };
    assert.ok(at('node:bootstrapped') < at('cli:entry'));
    assert.ok(at('cli:entry') < at('app:modules') && at('app:modules') < at('kubeconfig'));
    assert.ok(at('kubeconfig') < at('list:started') && at('list:started') < at('ui:modules'), 'the list starts before Ink and React load');
    assert.ok(at('ui:modules') < at('ink:first-frame'));
    // Ink's first frame is fullscreen-ink's empty one; the dashboard's own comes next. The first row reaches the
    // terminal before either, in the pre-paint's write (src/app/pre-paint.ts), before Ink and React loaded.
    assert.ok(at('ink:first-frame') < at('ink:first-app-frame'));
    assert.ok(at('tty:first-row') <= at('tty:pre-paint') && at('tty:pre-paint') < at('ui:modules'), 'the first row is pre-painted');
    assert.ok(marks.every((m) => m.mark.startsWith('node:') || typeof m.cpu === 'number'), 'each mark of kdeck has its CPU time');
    // And its main thread's (Node 23.9+: this Node has it), never more than the whole process's.
    assert.ok(marks.every((m) => m.mark.startsWith('node:') || (typeof m.mainCpu === 'number' && m.mainCpu <= m.cpu! + 0.2)), 'each mark has its main thread CPU time');
    assert.ok(marks.some((m) => m.mark === 'http:sent' && (m as { detail?: string }).detail === '/api/v1/pods'));
    // The first start discovered and saved; the cache is per server.
    const disc = join(out, 'cache', 'kdeck', 'discovery');
    assert.ok(readdirSync(disc).some((d) => existsSync(join(disc, d, 'resources.json'))), 'discovery cached on disk');
  });

  test("the dashboard's start calls no global fetch() (its first call would load Node's own undici, outside the compile cache)", async () => {
    requireTmux();
    const log = join(out, 'fetch.log');
    const spy = join(out, 'fetch-spy.mjs');
    writeFileSync(spy, `import { appendFileSync } from 'node:fs';\nconst real = globalThis.fetch;\nglobalThis.fetch = (url, init) => { appendFileSync(${JSON.stringify(log)}, String(url).slice(0, 60) + '\\n'); return real(url, init); };\n`);
    const t = new TmuxSession();
    try {
      t.start(env({ KUBECONFIG: kubeconfig }), `${JSON.stringify(process.execPath)} --import ${spy} ${bin} -A`);
      await t.waitFor((s) => /pods\(all\)\[30\]/.test(s) && /^\S+ +\S+ +\d\/\d +Running/m.test(s), 'the pods table');
      t.keys('C-c');
      await t.waitForText('E2E-PROMPT$');
    } finally {
      t.kill();
    }
    assert.ok(!existsSync(log), `fetch() was called for: ${existsSync(log) ? readFileSync(log, 'utf8') : ''}`);
  });

  test("undici's HTTP/2 client, loaded on the first h2 connection (scripts/bundle.mjs), talks to an h2-only server", async () => {
    const ca = createCertificateAuthority('kdeck-h2-test-ca');
    const cert = issueCertificate(ca, { commonName: '127.0.0.1', ipAddresses: ['127.0.0.1'], usage: 'server' });
    const seen: string[] = [];
    const server = createSecureServer({ key: cert.keyPem, cert: cert.certPem, allowHTTP1: false }, (req, res) => {
      seen.push(`${req.httpVersion} ${req.url}`);
      res.setHeader('content-type', 'application/json');
      if (req.url?.startsWith('/version')) return void res.end(JSON.stringify({ major: '1', minor: '32', gitVersion: 'v1.32.0-h2-only' }));
      res.statusCode = 404;
      res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', code: 404, reason: 'NotFound', message: 'not served here' }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const port = (server.address() as AddressInfo).port;
      const config = join(out, 'h2-kubeconfig.yaml');
      const caData = Buffer.from(ca.certPem).toString('base64');
      writeFileSync(config, `apiVersion: v1\nkind: Config\ncurrent-context: h2\nclusters:\n- name: h2\n  cluster:\n    server: https://127.0.0.1:${port}\n    certificate-authority-data: ${caData}\ncontexts:\n- name: h2\n  context: {cluster: h2, user: u}\nusers:\n- name: u\n  user: {token: h2-test-token}\n`);
      const d = await runAsync(['doctor', '--kubeconfig', config]);
      assert.match(d.stdout, /v1\.32\.0-h2-only/, `doctor read the version over h2: ${d.stdout}${d.stderr}`);
      assert.ok(seen.length > 0 && seen.every((r) => r.startsWith('2.0 ')), `every request was HTTP/2: ${seen.join(', ')}`);
    } finally {
      server.close();
    }
  });

  test("string-width's widened fast path: every character it adds is one column in string-width's own general path", async () => {
    const { NARROW_CHARS } = (await import(join(REPO, 'scripts', 'narrow-chars.mjs'))) as { NARROW_CHARS: string };
    const { default: stringWidth } = await import('string-width');
    const chars = [...new Set(Array.from({ length: 0x2600 - 0x80 }, (_, i) => String.fromCodePoint(0x80 + i)).filter((c) => new RegExp(`^[${NARROW_CHARS}]$`).test(c)))];
    assert.ok(chars.length > 150, `the set is read: ${chars.length}`);
    for (const c of chars) assert.equal(stringWidth(c), 1, `U+${c.codePointAt(0)!.toString(16)} is one column`);
    // Strings of them measure as their length; wide or zero-width neighbours still take the general path.
    const line = `─ pods(all)[1000] ${chars.join('')} …`;
    assert.equal(stringWidth(line), line.length);
    assert.equal(stringWidth('─界─'), 4);
    assert.equal(stringWidth('─\u00AD─'), 2);
  });
});
