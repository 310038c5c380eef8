// The real kdeck in tmux: `a` attaches to a container's main process (the seeded toolbox runs sh with stdin and a
// tty), Ctrl-P Ctrl-Q detaches back to the same view and cursor, and the process keeps running; an output-only
// attach; `s`/`a` on the containers view go to the container under the cursor; a shell or attach the server
// refuses (403, a container not running, a completed pod) is one line, and the terminal is left as it was.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TmuxSession, cursorLine, cursorRow, requireTmux } from './helpers/tmux.js';
import { stripEscapes } from './helpers/tmux-pane.js';
import { kdeckCommand, startWorld, type E2eWorld } from './helpers/sim.js';

describe('kdeck attach and refused streams in tmux', { concurrency: 2 }, () => {
  let world: E2eWorld;
  const sessions: TmuxSession[] = [];
  let runs = 0;

  before(async () => {
    requireTmux();
    world = await startWorld({ pods: 80 });
    assert.ok(world.sim.clusters[0].store.get('pods', 'team-a', 'toolbox'), 'team-a/toolbox is seeded at 80 pods');
  });
  after(async () => {
    await Promise.all(sessions.map((s) => s.close()));
    await world?.close();
  });

  const podNames = (prefix: string) => world.sim.clusters[0].store.list('pods', 'team-a').map((p) => p.metadata.name).filter((n) => n.startsWith(prefix)).sort();

  /** kdeck in a fresh pane; the terminal's settings are saved before it starts, for `sttyUnchanged`. */
  function kdeck(args: string): { t: TmuxSession; stty: { before: string; after: string } } {
    const t = new TmuxSession(200, 45);
    sessions.push(t);
    const n = ++runs;
    const stty = { before: join(world.dir, `stty-${n}-before`), after: join(world.dir, `stty-${n}-after`) };
    t.start(world.env(), `stty -g > ${stty.before}; ${kdeckCommand(args)}`);
    return { t, stty };
  }

  /** Quits kdeck and checks the terminal's settings are what they were before it started (cooked, echo). */
  async function quitAndCheckTerminal(t: TmuxSession, stty: { before: string; after: string }): Promise<void> {
    t.type(':q');
    t.keys('Enter');
    await t.waitForText('E2E-PROMPT$');
    t.type(`stty -g > ${stty.after}; stty -a | tr ' ' '\\n' | grep -x -e icanon -e echo -e -icanon -e -echo | tr '\\n' ' '; echo`);
    t.keys('Enter');
    const flags = (s: string) => s.split('\n').map((l) => l.trim()).find((l) => /^-?icanon -?echo$/.test(l));
    const screen = await t.waitFor((s) => flags(s) !== undefined, 'stty -a output');
    assert.equal(flags(screen), 'icanon echo', 'the terminal is cooked with echo after kdeck');
    const deadline = Date.now() + 10_000;
    while (!existsSync(stty.after) || readFileSync(stty.after, 'utf8') === '') {
      assert.ok(Date.now() < deadline, 'stty -g wrote its file');
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.equal(readFileSync(stty.after, 'utf8'), readFileSync(stty.before, 'utf8'), 'stty -g before kdeck == after');
  }

  /** Moves the pods table's cursor onto `name` with j (not a filter: the row keeps its place among others). */
  async function cursorTo(t: TmuxSession, name: string): Promise<number> {
    const screen = await t.waitFor((s) => s.includes(name) && cursorRow(s) === 0, `${name} listed, cursor on the first row`, { escapes: true });
    const lines = screen.split('\n').map(stripEscapes);
    const header = lines.findIndex((l) => /^(NAMESPACE +)?NAME\s/.test(l));
    const row = lines.findIndex((l, i) => i > header && l.includes(name)) - header - 1;
    assert.ok(row > 0, `${name} is not the first row (so the cursor's place means something)`);
    t.type('j'.repeat(row));
    await t.waitFor((s) => cursorLine(s)?.includes(name) === true, `the cursor on ${name}`, { escapes: true });
    return row;
  }

  test('a: attach to the toolbox shell, a command and its output, Ctrl-P Ctrl-Q detaches to the same row; again: the same shell', async () => {
    const { t, stty } = kdeck('-n team-a');
    await t.waitForText(/pods\(team-a\)\[\d+\]/);
    const row = await cursorTo(t, 'toolbox');
    await t.waitForText('<a>attach');
    t.type('a');
    await t.waitForText('kdeck: attached to team-a/toolbox/toolbox; Ctrl-P Ctrl-Q detaches');
    t.keys('Enter');
    await t.waitFor((s) => /^\/ #/m.test(s), 'the main shell\'s prompt');
    t.type('cd /etc; echo attached-to-$HOSTNAME');
    t.keys('Enter');
    await t.waitFor((s) => s.split('\n').some((l) => l.trim() === 'attached-to-toolbox'), 'the command\'s output');
    t.keys('C-p', 'C-q');
    await t.waitForText('detached from team-a/toolbox/toolbox; its main process keeps running');
    const back = await t.waitFor((s) => cursorLine(s)?.includes('toolbox') === true && cursorRow(s) === row, 'the cursor on the same row', { escapes: true });
    assert.match(back, /pods\(team-a\)/);
    assert.ok(t.alternateScreen(), 'the dashboard is back on the alternate screen');

    // Attach again: the main process kept running (its working directory is still /etc).
    t.type('a');
    await t.waitForText('kdeck: attached to team-a/toolbox/toolbox');
    t.type('pwd');
    t.keys('Enter');
    await t.waitFor((s) => s.split('\n').some((l) => l.trim() === '/etc'), 'the directory the first attach left');
    t.keys('C-p', 'C-q');
    await t.waitForText('detached from team-a/toolbox/toolbox');
    t.type('k');
    await t.waitFor((s) => cursorRow(s) === row - 1, 'k moves the cursor (the keys are the dashboard\'s again)', { escapes: true });

    // The main process exits: the attach ends by itself, and the container restarted (the table shows it live).
    t.type('j');
    await t.waitFor((s) => cursorLine(s)?.includes('toolbox') === true, 'the cursor on toolbox again', { escapes: true });
    t.type('a');
    await t.waitForText('kdeck: attached to team-a/toolbox/toolbox');
    t.type('exit 2');
    t.keys('Enter');
    await t.waitForText('attach to team-a/toolbox/toolbox ended: the main process exited');
    await t.waitFor((s) => /^toolbox\s+1\/1\s+Running\s+1 \(/m.test(s), 'RESTARTS 1 on the toolbox row');
    await quitAndCheckTerminal(t, stty);
  });

  test('a on a container without stdin: output only; Ctrl-C detaches and does not quit kdeck', async () => {
    const [web] = podNames('web-');
    const { t } = kdeck('-n team-a');
    await t.waitForText(/pods\(team-a\)\[\d+\]/);
    await cursorTo(t, web!);
    t.type('a');
    await t.waitForText(`kdeck: attached to team-a/${web}/web, output only (the container was started without stdin); Ctrl-P Ctrl-Q or Ctrl-C detaches`);
    await t.waitForText(/HTTP\/1\.1" \d{3}/); // the main process's output (nginx access lines)
    t.type('typed but not sent');
    t.keys('C-c');
    await t.waitForText(`detached from team-a/${web}/web; its main process keeps running`);
    await t.waitFor((s) => cursorLine(s)?.includes(web!) === true, 'the cursor on the web pod', { escapes: true });
    assert.doesNotMatch(t.capture(), /typed but not sent/);
  });

  test('containers view: s and a go to the container under the cursor', async () => {
    const [api] = podNames('api-');
    const { t } = kdeck('-n team-a');
    await t.waitForText(/pods\(team-a\)\[\d+\]/);
    await t.waitFor((s) => cursorLine(s)?.includes(api!) === true, 'the first api pod under the cursor', { escapes: true });
    t.keys('Enter');
    await t.waitForText(`containers po/${api}`);
    await t.waitForText('<s>shell');
    t.type('js');
    await t.waitForText(`kdeck: /bin/bash in team-a/${api}/log-shipper; exit the shell to return`);
    await t.waitForText(new RegExp(`root@${api}:/#`));
    t.type('exit 4');
    t.keys('Enter');
    await t.waitForText(`shell in team-a/${api}/log-shipper exited with code 4`);
    await t.waitForText(`containers po/${api}`);
    t.type('a'); // the cursor is still on log-shipper: the attach goes there
    await t.waitForText(`kdeck: attached to team-a/${api}/log-shipper, output only`);
    t.keys('C-p', 'C-q');
    await t.waitForText(`detached from team-a/${api}/log-shipper`);
    assert.match(t.capture(), new RegExp(`containers po/${api}`));
  });

  test('refused: 403 without pods/exec (keys hidden, forced anyway), a container not running, a completed pod; one line each, terminal cooked', async () => {
    const [worker] = podNames('worker-').filter((n) => (world.sim.clusters[0].store.get('pods', 'team-a', n)!.status as { phase?: string }).phase === 'Running');
    const { t, stty } = kdeck(`--context ${world.sim.clusters[0].contextName}-restricted`);
    await t.waitForText(/pods\(team-a\)\[\d+\]/);
    const screen = await t.waitFor((s) => s.includes('<?>help') && !s.includes('<0>all-ns'), 'the capability answer (0 withdrawn)');
    assert.doesNotMatch(screen, /<s>shell|<a>attach/, 'jane may not create pods/exec or pods/attach: the keys are hidden');
    const row = await cursorTo(t, worker!);
    t.type('s');
    const refusal = `shell in team-a/${worker}/worker refused: pods "${worker}" is forbidden: User "jane" cannot create resource "pods/exec" in API group "" in the namespace "team-a"`;
    const after403 = await t.waitForText(refusal);
    assert.equal(after403.split('\n').filter((l) => l.includes('refused')).length, 1, 'the reason is on one line');
    assert.ok(t.alternateScreen(), 'the terminal was never handed over');
    t.type('a');
    await t.waitForText(`attach to team-a/${worker} refused: pods "${worker}" is forbidden: User "jane" cannot create resource "pods/attach"`);
    t.type('j');
    await t.waitFor((s) => cursorRow(s) === row + 1, 'j still moves the cursor', { escapes: true });
    await quitAndCheckTerminal(t, stty);

    // The admin: a container that is not running and a completed pod are the API server's 400s.
    const admin = kdeck('-n team-a');
    await admin.t.waitForText(/pods\(team-a\)\[\d+\]/);
    await cursorTo(admin.t, worker!);
    admin.t.type('s');
    await admin.t.waitForText(`shell in team-a/${worker}/worker refused: container worker in pod ${worker} is waiting to start: CrashLoopBackOff`);
    admin.t.type('a');
    await admin.t.waitForText(`attach to team-a/${worker} refused: container worker in pod ${worker} is waiting to start: CrashLoopBackOff`);
    admin.t.type('g');
    await admin.t.waitFor((s) => cursorRow(s) === 0, 'the cursor at the top', { escapes: true });
    await cursorTo(admin.t, 'db-migrate-');
    admin.t.type('s');
    await admin.t.waitForText(/shell in team-a\/db-migrate-\w+\/db-migrate refused: cannot exec into a container in a completed pod; current phase is Succeeded/);
    await quitAndCheckTerminal(admin.t, admin.stty);
  });
});
