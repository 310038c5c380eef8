// Malformed files and misbehaving plugins, as a new user would meet them: each is one clear screen on the normal
// terminal and exit 1 (the dashboard and doctor alike), never a stack trace, never a secret, never a control
// sequence, and never a hang or a runaway read. A damaged state file is set aside with a warning instead.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO, requireTmux, TmuxSession } from '../e2e/helpers/tmux.js';
import { setTimeout as delay } from 'node:timers/promises';
import { checkFavourites, readFavourites } from '../../src/ui-state/favourites.js';
import { bundledBin } from '../helpers/bundled-bin.js';

const TOKEN = 'hostile-files-token-6612';
const PASSWORD = 'hostile-files-pw-0831';
let dir = '';

const cluster = (extra = '') => `clusters: [{name: c, cluster: {server: "https://127.0.0.1:1"${extra}}}]`;
const context = 'contexts: [{name: a, context: {cluster: c, user: u}}]';
function kubeconfig(name: string, body: string): string {
  const file = join(dir, name);
  writeFileSync(file, body);
  return file;
}
function plugin(name: string, script: string): string {
  const p = join(dir, name);
  writeFileSync(p, `#!/bin/bash\n${script}\n`);
  chmodSync(p, 0o755);
  return p;
}
function withPlugin(name: string, script: string): string {
  const p = plugin(name, script);
  return kubeconfig(`${name}.yaml`, ['apiVersion: v1', 'kind: Config', 'current-context: a', cluster(),
    `users: [{name: u, user: {exec: {apiVersion: client.authentication.k8s.io/v1, command: "${p}", interactiveMode: IfAvailable}}}]`, context, ''].join('\n'));
}

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'kdeck-hostile-files-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[], env: Record<string, string> = {}) {
  const t0 = Date.now();
  const r = spawnSync(process.execPath, [bundledBin(), ...args], {
    cwd: REPO, encoding: 'utf8', timeout: 60_000, maxBuffer: 64 * 1024 * 1024,
    env: { PATH: process.env.PATH, HOME: dir, XDG_CONFIG_HOME: join(dir, 'xdg-none'), XDG_STATE_HOME: join(dir, 'state'), ...env },
  });
  return { ...r, ms: Date.now() - t0 };
}

function assertOneClearScreen(r: ReturnType<typeof run>, pattern: RegExp, what: string) {
  assert.equal(r.signal, null, `${what}: hung (killed by ${r.signal})`);
  assert.equal(r.status, 1, `${what}: exit ${r.status}\n${r.stderr}${r.stdout}`);
  const all = r.stdout + r.stderr;
  assert.match(all, pattern, what);
  assert.doesNotMatch(all, /^\s+at .+:\d+:\d+\)?$/m, `${what}: a stack trace`);
  assert.doesNotMatch(all, /please report it|Maximum call stack|TypeError|RangeError/, `${what}: an internal error`);
  assert.ok(!all.includes(TOKEN) && !all.includes(PASSWORD), `${what}: a secret was printed`);
  assert.doesNotMatch(all, /[\x1b\x07\x9b]/, `${what}: a control sequence was printed`);
  assert.ok(all.length < 20_000, `${what}: ${all.length} bytes of output is not one screen`);
}

describe('malformed kubeconfigs: dashboard and doctor', () => {
  const aliasBomb = () => {
    const lines = ['a0: &a0 ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++) lines.push(`a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(',')}]`);
    return lines.join('\n') + '\napiVersion: v1\nkind: Config\nclusters: *a8\n';
  };
  const cases: [string, () => string, RegExp][] = [
    ['YAML alias bomb', () => kubeconfig('bomb.yaml', aliasBomb()), /excessive aliasing/],
    ['YAML nested 5,000 deep', () => kubeconfig('deep.yaml', `apiVersion: v1\nkind: Config\nusers: ${'['.repeat(5000)}${']'.repeat(5000)}\n`), /nested more than 100 levels/],
    ['a 50 MB file', () => {
      const f = kubeconfig('big.yaml', '');
      truncateSync(f, 50 * 1024 * 1024);
      return f;
    }, /is 50 MB, more than the 16 MB kdeck reads/],
    ['binary garbage', () => {
      const f = join(dir, 'garbage.yaml');
      let seed = 7;
      writeFileSync(f, Buffer.from(Array.from({ length: 4096 }, () => (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24)));
      return f;
    }, /garbage\.yaml/],
    ['wrong types (clusters a string, a token a number)', () => kubeconfig('types.yaml', `apiVersion: v1\nkind: Config\ncurrent-context: a\nclusters: "c"\nusers: [{name: u, user: {token: 12345}}]\n${context}\n`), /"clusters" must be a list/],
    ['a directory', () => {
      mkdirSync(join(dir, 'kc-dir'), { recursive: true });
      return join(dir, 'kc-dir');
    }, /is a directory/],
    ['an unreadable file', () => {
      const f = kubeconfig('unreadable.yaml', 'apiVersion: v1\n');
      chmodSync(f, 0o000);
      return f;
    }, /permission denied|unreadable\.yaml/],
    ['certificate data that is not base64', () => kubeconfig('b64.yaml', ['apiVersion: v1', 'kind: Config', 'current-context: a',
      cluster(', certificate-authority-data: "not base64 !!!"'), `users: [{name: u, user: {token: "${TOKEN}"}}]`, context, ''].join('\n')), /"certificate-authority-data" is not valid base64/],
    ['a CA that is /dev/zero', () => kubeconfig('zero.yaml', ['apiVersion: v1', 'kind: Config', 'current-context: a',
      cluster(', certificate-authority: /dev/zero'), `users: [{name: u, user: {username: admin, password: "${PASSWORD}"}}]`, context, ''].join('\n')), /certificate-authority \/dev\/zero is a character device/],
    ['control sequences in the context name', () => kubeconfig('evil.yaml', ['apiVersion: v1', 'kind: Config', 'current-context: "x\\e]2;TITLE\\a\\e[2J"',
      cluster(), `users: [{name: u, user: {token: "${TOKEN}"}}]`, context, ''].join('\n')), /current-context "x\\e\]2;TITLE\\x07\\e\[2J"/],
  ];
  for (const [what, make, pattern] of cases) {
    test(what, () => {
      const file = make();
      if (what === 'an unreadable file' && process.getuid?.() === 0) {
        // root reads anything: the file then is a bad kubeconfig, still one clear screen
        assertOneClearScreen(run(['--kubeconfig', file]), /unreadable\.yaml/, what);
        return;
      }
      assertOneClearScreen(run(['--kubeconfig', file]), pattern, `${what} (dashboard)`);
      const d = run(['doctor', '--kubeconfig', file]);
      assertOneClearScreen(d, pattern, `${what} (doctor)`);
      assert.match(d.stdout, /✗ kubeconfig/);
    });
  }
  test('current-context pointing nowhere, no --context given: not blamed on --context', () => {
    const f = kubeconfig('nowhere.yaml', ['apiVersion: v1', 'kind: Config', 'current-context: gone', cluster(), 'users: [{name: u, user: {}}]', context, ''].join('\n'));
    const r = run(['--kubeconfig', f]);
    assertOneClearScreen(r, /current-context "gone" \(set in .*nowhere\.yaml\) does not exist/, 'dashboard');
    assert.doesNotMatch(r.stderr, /--context "gone"/);
  });
});

describe('exec plugins that misbehave', () => {
  const cases: [string, string, string[], RegExp][] = [
    ['hangs (bounded by --request-timeout)', 'sleep 60', ['--request-timeout', '2s'], /did not finish within 2 s/],
    ['prints 20 MB', 'head -c 20000000 /dev/zero | tr "\\0" x', [], /printed more than 4 MiB on standard output/],
    ['prints garbage', 'printf "\\x1b]2;T\\x07 \\x00\\xff garbage"', [], /printed something that is not JSON/],
    ['prints the token on stderr and fails', `echo "got token ${TOKEN} Bearer ${TOKEN}" >&2; exit 2`, [], /failed with exit code 2/],
    ['prints a half-valid credential holding the token', `echo '{"kind":"ExecCredential","apiVersion":"v9","status":{"token":"${TOKEN}"}}'; echo "token ${TOKEN}" >&2`, [], /apiVersion "v9"/],
    ['writes escapes on stderr and fails', `printf 'oops\\033]2;PLUGIN\\007\\033[2J\\n' >&2; exit 1`, [], /oops\\e\]2;PLUGIN\\x07/],
  ];
  for (const [what, script, extra, pattern] of cases) {
    test(what, () => {
      const kc = withPlugin(`p-${what.replace(/\W+/g, '-')}`, script);
      const r = run(['--kubeconfig', kc, ...extra]);
      assertOneClearScreen(r, pattern, `${what} (dashboard)`);
      assert.ok(r.ms < 30_000, `${what}: took ${r.ms} ms`);
      // (doctor stops at TCP here: test/doctor/hostile.test.ts runs plugins against a live server)
    });
  }
});

describe('quitting while a plugin runs', () => {
  test('Ctrl-C on the dashboard ends a plugin that hangs (it runs in its own process group)', async () => {
    requireTmux();
    const pidFile = join(dir, 'hang.pid');
    const p = plugin('hang-tui', `echo $$ > "${pidFile}"; exec sleep 300`);
    const kc = kubeconfig('hang-tui.yaml', ['apiVersion: v1', 'kind: Config', 'current-context: a', cluster(),
      `users: [{name: u, user: {exec: {apiVersion: client.authentication.k8s.io/v1, command: "${p}", interactiveMode: Never}}}]`, context, ''].join('\n'));
    const t = new TmuxSession(120, 30);
    try {
      t.start({ PATH: process.env.PATH ?? '', HOME: dir, TERM: 'xterm-256color' }, `${JSON.stringify(process.execPath)} ${JSON.stringify(bundledBin())} --kubeconfig ${kc}`);
      for (let i = 0; i < 600 && !existsSync(pidFile); i++) await delay(100);
      await delay(300);
      const pid = Number(readFileSync(pidFile, 'utf8'));
      const alive = () => { try { process.kill(pid, 0); return true; } catch { return false; } };
      assert.ok(alive(), 'the plugin runs under the dashboard');
      t.keys('C-c');
      await t.waitForText('E2E-PROMPT$', { timeoutMs: 20_000 });
      for (let i = 0; i < 50 && alive(); i++) await delay(100);
      const left = alive();
      if (left) process.kill(pid, 'SIGKILL');
      assert.equal(left, false, 'the plugin outlived kdeck');
    } finally {
      await t.close();
    }
  });
});

describe('settings and state files', () => {
  test('a corrupt config.yaml is one clear screen naming the file', () => {
    const xdg = join(dir, 'xdg-bad');
    mkdirSync(join(xdg, 'kdeck'), { recursive: true });
    const kc = kubeconfig('fine.yaml', ['apiVersion: v1', 'kind: Config', 'current-context: a', cluster(), `users: [{name: u, user: {token: "${TOKEN}"}}]`, context, ''].join('\n'));
    for (const [body, pattern] of [
      ['\x00\x01\x02binary: [', /config\.yaml/],
      ['aliases: [1, 2', /config\.yaml/],
      ['- just\n- a list\n', /config\.yaml/],
    ] as const) {
      writeFileSync(join(xdg, 'kdeck', 'config.yaml'), body);
      assertOneClearScreen(run(['--kubeconfig', kc], { XDG_CONFIG_HOME: xdg }), pattern, `config.yaml ${JSON.stringify(body)}`);
    }
    rmSync(join(xdg, 'kdeck', 'config.yaml'));
    mkdirSync(join(xdg, 'kdeck', 'config.yaml'));
    assertOneClearScreen(run(['--kubeconfig', kc], { XDG_CONFIG_HOME: xdg }), /config\.yaml is a directory/, 'config.yaml a directory');
  });
  test('a damaged favourites.json is set aside with a warning, and kdeck starts fresh', () => {
    const file = join(dir, 'fav', 'favourites.json');
    mkdirSync(join(dir, 'fav'), { recursive: true });
    for (const body of ['{"contexts": {"a": ["x"', '\x00\xff\xfe', '[1,2,3]', '{"contexts": "nope"}', 'null']) {
      writeFileSync(file, body);
      const warning = checkFavourites(file);
      assert.match(warning ?? '', /favourites\.json is not valid favourites JSON: started with no saved favourites \(the old file is .*favourites\.json\.damaged\)/, body);
      assert.equal(existsSync(file), false);
      assert.equal(readFileSync(`${file}.damaged`, 'utf8'), body);
      assert.deepEqual(readFavourites(file), { contexts: {} });
    }
    writeFileSync(file, '{"contexts": {"a": ["team-a", 3, "b"]}}');
    assert.equal(checkFavourites(file), undefined, 'a good file is kept');
    assert.deepEqual(readFavourites(file), { contexts: { a: ['team-a', 'b'] } });
    rmSync(file);
    assert.equal(checkFavourites(file), undefined, 'a missing file is fine');
    mkdirSync(file);
    assert.match(checkFavourites(file) ?? '', /is a directory/);
  });
});
