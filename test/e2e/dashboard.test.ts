// The real kdeck in tmux against an in-process simulator (2 TLS clusters, a restricted user, and an extra
// kubeconfig context on a closed port), driven key by key.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TmuxSession, cursorRow, requireTmux } from './helpers/tmux.js';
import { kdeckCommand, startWorld, type E2eWorld } from './helpers/sim.js';

// Each test has its own tmux server and kdeck process, so they run side by side.
describe('kdeck in tmux', { concurrency: 2 }, () => {
  let world: E2eWorld;
  const sessions: TmuxSession[] = [];
  const session = (w?: number, h?: number) => {
    const s = new TmuxSession(w, h);
    sessions.push(s);
    return s;
  };

  before(async () => {
    requireTmux();
    world = await startWorld();
  });
  after(async () => {
    const results = await Promise.all(sessions.map((s) => s.close()));
    await world?.close();
    // Sessions still running kdeck when closed (the terminal vanishing) must have exited on their own.
    assert.equal(results.filter((r) => r.leftRunning).length, 0, 'kdeck kept running after its terminal went away');
  });

  test('first table, moving, namespace keys, command completion, filter, drill-down and back, :q', async () => {
    const t = session();
    t.start(world.env(), kdeckCommand(''));
    await t.waitForText(/ctx: kdeck-sim .*k8s: v1\.32/);
    await t.waitForText(/pods\(default\)\[\d+\]/);
    t.type('0');
    await t.waitForText('pods(all)[60]');
    t.type(':ns team-a');
    t.keys('Enter');
    await t.waitFor((s) => /pods\(team-a\)\[\d+\]/.test(s) && s.includes('<1>team-a'), 'team-a as favourite 1');
    t.type('0');
    await t.waitForText('pods(all)[60]');
    t.type('1');
    await t.waitForText(/pods\(team-a\)\[\d+\]/);
    // A namespace the server says does not exist is said so (issue 17), and never becomes a favourite.
    t.type(':ns nosuch');
    t.keys('Enter');
    const missing = await t.waitForText(/namespace "nosuch" not found in context "kdeck-sim[^"]*"/);
    assert.match(missing, /pods\(nosuch\)\[0\]/);
    t.type(':po -n nosuch2');
    t.keys('Enter');
    const missing2 = await t.waitForText(/namespace "nosuch2" not found/);
    assert.doesNotMatch(missing2, /<\d>nosuch/);
    t.type('1');
    await t.waitForText(/pods\(team-a\)\[\d+\]/);

    // Moving: the reverse-video line follows j, G and g (positions relative to the column header).
    await t.waitFor((s) => cursorRow(s) === 0 && s.includes('pods(team-a)'), 'the cursor on the first row', { escapes: true });
    t.type('j');
    await t.waitFor((s) => cursorRow(s) === 1, 'the cursor on the second row', { escapes: true });
    t.type('G');
    const bottom = await t.waitFor((s) => cursorRow(s) > 1, 'the cursor on the last row', { escapes: true });
    const count = Number(/pods\(team-a\)\[(\d+)\]/.exec(bottom)![1]);
    assert.equal(cursorRow(bottom), count - 1);
    t.type('g');
    await t.waitFor((s) => cursorRow(s) === 0, 'the cursor back on top', { escapes: true });

    // Command mode: Tab completes, Enter opens.
    t.type(':deplo');
    t.keys('Tab');
    await t.waitForText(/^:deploy/m);
    t.keys('Enter');
    await t.waitForText(/deployments\(team-a\)\[[1-9]\d*\][\s\S]*UP-TO-DATE/);

    // Drill-down: Enter on a deployment lists its pods by selector; Esc comes back.
    t.keys('Enter');
    const pods = await t.waitForText(/pods\(team-a\)\[[1-9]\d*\] <[^>]+=/);
    assert.match(pods, /<deploy\//);
    t.keys('Escape');
    await t.waitForText(/deployments\(team-a\)\[\d+\]/);

    // Unknown resource: a flash, no crash.
    t.type(':nosuchthing');
    t.keys('Enter');
    await t.waitForText('unknown resource "nosuchthing"');

    // Filter on pods.
    t.type(':pods');
    t.keys('Enter');
    await t.waitForText(/pods\(team-a\)\[\d+\]/);
    t.type('/redis');
    const filtered = await t.waitForText(/pods\(team-a\)\[1\] <\/redis>/);
    assert.match(filtered, /redis-0/);
    t.keys('Enter');
    t.keys('Escape');
    await t.waitFor((s) => /pods\(team-a\)\[\d+\]/.test(s) && !s.includes('</redis>'), 'the filter cleared');

    t.type(':q');
    t.keys('Enter');
    const back = await t.waitForShellPrompt();
    // As after less or vim: the prompt on the line right under the command, no blank line left by kdeck.
    assert.match(back.trimEnd(), /kdeck\.js" *\nE2E-PROMPT\$$/, 'the prompt right under the command line');
  });

  test('context flip and back, forbidden view, unreachable context', async () => {
    const t = session();
    t.start(world.env(), kdeckCommand('-n team-a'));
    await t.waitForText(/pods\(team-a\)\[\d+\]/);
    t.type(':ctx');
    t.keys('Enter');
    const list = await t.waitForText('contexts[4]');
    assert.match(list, /kdeck-sim \(\*\)/);
    assert.match(list, /dead\s+dead\s+dead-user/);
    t.type('jj'); // dead, kdeck-sim*, kdeck-sim-restricted, kdeck-staging
    t.keys('Enter');
    await t.waitForText(/ctx: kdeck-staging .*k8s: v1\.31/);
    await t.waitForText(/pods\([^)]+\)\[\d+\]/);
    t.type(':ctx -');
    t.keys('Enter');
    await t.waitForText(/ctx: kdeck-sim .*k8s: v1\.32/);

    t.type(':ctx kdeck-sim-restricted');
    t.keys('Enter');
    await t.waitForText(/ctx: kdeck-sim-restricted/);
    await t.waitForText(/pods\(team-a\)\[\d+\]/);
    // The 0 key is not offered where RBAC forbids listing across namespaces; asking for all namespaces anyway
    // shows the server's refusal.
    t.type(':ns all');
    t.keys('Enter');
    // The pods body's own refusal (not the header's "metrics n/a: forbidden", which can come first).
    const forbidden = await t.waitForText(/pods is forbidden: User "[^"]+" cannot (list|watch) resource "pods" in API group "" at the cluster scope/);
    assert.match(forbidden, /pods\(all\)/);

    t.type(':ctx dead');
    t.keys('Enter');
    const dead = await t.waitForText('cannot connect to context "dead"');
    assert.match(dead, /ctx -/);
    t.type(':ctx -');
    t.keys('Enter');
    await t.waitForText(/ctx: kdeck-sim-restricted/);
    // Left running on purpose: `after` closes the terminal under it and checks kdeck exits by itself.
  });

  test('resize to 80x24, Ctrl-C restores the terminal', async () => {
    const t = session(200, 50);
    t.start(world.env({ NO_COLOR: '1' }), kdeckCommand('-A'));
    await t.waitForText('pods(all)[60]');
    t.resize(80, 24);
    const small = await t.waitFor((s) => s.split('\n').some((l) => /^─+ pods\(all\)\[60\] ─+$/.test(l) && l.length <= 80) && s.includes('<Esc>'), 'an 80-column frame');
    assert.ok(small.split('\n').every((l) => l.length <= 80));
    t.resize(160, 40);
    await t.waitFor((s) => s.split('\n').some((l) => /^─+ pods\(all\)\[60\] ─+$/.test(l) && l.length > 120), 'a wide frame');
    t.keys('C-c');
    const back = await t.waitForShellPrompt();
    assert.ok(!back.includes('pods(all)'), 'the dashboard is gone from the normal screen');
    assert.match(back.trimEnd(), /kdeck\.js" -A\nE2E-PROMPT\$$/, 'the prompt right under the command line, no blank line left by kdeck');
  });

  test('CI=true in the environment (a CI job, a debugging shell): the dashboard still draws and moves', async () => {
    const t = session(120, 30);
    t.start(world.env({ CI: 'true' }), kdeckCommand('-A'));
    await t.waitForText('pods(all)[60]');
    t.type('j');
    await t.waitFor((s) => cursorRow(s) === 1, 'the cursor moved: frames are written as they come', { escapes: true });
    t.keys('C-c');
    await t.waitForShellPrompt();
  });

  test('--demo opens on the in-process simulator marked DEMO', async () => {
    const t = session(120, 30);
    t.start(world.env({ KUBECONFIG: '/nonexistent' }), kdeckCommand('--demo -A'));
    const s = await t.waitForText(/DEMO .*ctx: kdeck-sim/, { timeoutMs: 60_000 });
    assert.match(s, /cluster: kdeck-sim/);
    await t.waitForText(/pods\(all\)\[\d+\]/, { timeoutMs: 60_000 });
    // SIGTERM (a closing terminal, a process manager) restores the terminal too.
    const kdeck = t.childPid();
    assert.ok(kdeck, 'kdeck runs under the shell');
    process.kill(kdeck, 'SIGTERM');
    const back = await t.waitForShellPrompt('the shell prompt back after SIGTERM');
    assert.match(back.trimEnd(), /kdeck\.js" --demo -A\nE2E-PROMPT\$$/, 'the prompt right under the command line');
  });

  test('in-cluster: no kubeconfig, a mounted service account (token, ca.crt, namespace)', async () => {
    const sa = mkdtempSync(join(world.dir, 'sa-'));
    writeFileSync(join(sa, 'token'), world.sim.issueToken('system:serviceaccount:team-a:kdeck', ['system:serviceaccounts', 'system:masters']));
    writeFileSync(join(sa, 'ca.crt'), world.sim.caPem!);
    writeFileSync(join(sa, 'namespace'), 'team-a');
    const { hostname, port } = new URL(world.sim.clusters[0].url);
    const t = session();
    const env = world.env({ KUBERNETES_SERVICE_HOST: hostname, KUBERNETES_SERVICE_PORT: port, KDECK_SERVICE_ACCOUNT_DIR: sa });
    delete env.KUBECONFIG;
    t.start(env, kdeckCommand(''));
    await t.waitForText(/ctx: in-cluster .*user: service-account/);
    await t.waitForText(/pods\(team-a\)\[[1-9]\d*\][\s\S]*web-/);
    t.type(':q');
    t.keys('Enter');
    await t.waitForShellPrompt();
  });
});
