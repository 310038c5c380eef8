// The real kdeck in tmux: `s` opens a shell in a pod on the whole terminal and comes back to the table;
// Shift-F starts a port-forward that carries 100 concurrent curl requests; `:pf` lists it and Ctrl-D stops it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createServer } from 'node:net';
import { TmuxSession, cursorLine, cursorRow, filteredTo, requireTmux } from './helpers/tmux.js';
import { kdeckCommand, startWorld, type E2eWorld } from './helpers/sim.js';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function curl(url: string): Promise<string> {
  return new Promise((resolve, reject) => execFile('curl', ['-sS', '-m', '60', url], (err, stdout, stderr) => (err ? reject(new Error(`${err.message} ${stderr}`)) : resolve(stdout))));
}

describe('kdeck streams in tmux', { concurrency: 2 }, () => {
  let world: E2eWorld;
  const sessions: TmuxSession[] = [];
  let web: string;

  before(async () => {
    requireTmux();
    world = await startWorld();
    const pods = world.sim.clusters[0].store.list('pods', 'team-a')
      .filter((p) => (p.status as { phase?: string }).phase === 'Running' && /^web-/.test(p.metadata.name))
      .map((p) => p.metadata.name).sort();
    web = pods[pods.length - 1]!;
    assert.ok(web, 'a running web pod in team-a');
  });
  after(async () => {
    await Promise.all(sessions.map((s) => s.close()));
    await world?.close();
  });

  async function onWebPod(t: TmuxSession): Promise<string> {
    t.start(world.env(), kdeckCommand('-n team-a'));
    await t.waitForText(/pods\(team-a\)\[\d+\]/);
    t.type(`/${web}`);
    t.keys('Enter');
    // The filter applied (its one row in the title, the prompt closed), not only the unfiltered table, where
    // {web} is listed too and the cursor also starts on row 0.
    return t.waitFor((s) => filteredTo(s, web), 'the table filtered to the web pod, under the cursor', { escapes: true });
  }

  test('s: a shell in the pod, a command and its output, exit 3, back in the same table with the code', async () => {
    const t = new TmuxSession(160, 40);
    sessions.push(t);
    await onWebPod(t);
    t.type('s');
    await t.waitForText(new RegExp(`root@${web}:/#`));
    t.type('cat /etc/hostname');
    t.keys('Enter');
    await t.waitFor((s) => s.split('\n').some((l) => l.trim() === web), 'the hostname printed by the shell');
    t.type('exit 3');
    t.keys('Enter');
    const back = await t.waitForText(`shell in team-a/${web}/web exited with code 3`);
    assert.match(back, /pods\(team-a\)/);
    const screen = await t.waitFor((s) => cursorRow(s) === 0 && s.includes(web), 'the cursor where it was', { escapes: true });
    assert.ok(t.alternateScreen(), 'the dashboard is back on the alternate screen');
    assert.ok(screen.includes(web));
    // Keys reach the dashboard again (raw mode is back): j moves the cursor... on a one-row list it stays, so quit.
    t.type(':q');
    t.keys('Enter');
    const shell = await t.waitForShellPrompt();
    // The normal screen holds the command line, then the shell session line for line, then the prompt: kdeck left
    // no blank line (before the session or after it) and ate none of the session's.
    const session = ['kdeck.js" -n team-a', `kdeck: /bin/bash in team-a/${web}/web; exit the shell to return`, `root@${web}:/# cat /etc/hostname`, web, `root@${web}:/# exit 3`, 'E2E-PROMPT$'];
    assert.ok(shell.trimEnd().endsWith(session.join('\n')), `the command line, the shell session and the prompt, nothing between; the screen was:\n${shell}`);
  });

  test('Shift-F: a forward that carries 100 concurrent curl requests; :pf lists it, Ctrl-D stops it', async () => {
    const t = new TmuxSession(160, 40);
    sessions.push(t);
    t.start(world.env(), kdeckCommand('-n team-a'));
    await t.waitForText(/pods\(team-a\)\[\d+\]/);
    // The filter, its Enter and Shift-F in one write, as a loaded machine reads keys typed ahead: Shift-F acts on
    // the filtered table's first row, never on the row that was first before the filter (api-…).
    t.type(`/${web}\rF`);
    const port = await freePort();
    await t.waitForText(`Port-forward to pod team-a/${web}`);
    t.keys('Tab', 'Tab');
    t.keys('BSpace', 'BSpace', 'BSpace', 'BSpace', 'BSpace');
    t.type(String(port));
    t.keys('Enter');
    await t.waitForText(`forwarding 127.0.0.1:${port} → ${web}:80`);
    const bodies = await Promise.all(Array.from({ length: 100 }, () => curl(`http://127.0.0.1:${port}/`)));
    assert.deepEqual(bodies, Array.from({ length: 100 }, () => `${web}\n`));
    t.type(':pf');
    t.keys('Enter');
    await t.waitFor((s) => /port-forwards\[1\]/.test(s) && s.includes(`127.0.0.1:${port}`) && /\b\d+\/100\b/.test(s), 'the forward with its 100 connections');
    t.keys('C-d');
    await t.waitForText('port-forwards[0]');
    await assert.rejects(curl(`http://127.0.0.1:${port}/`));
  });
  test('Shift-F on the containers view: only that container\'s ports; a container without ports says so', async () => {
    const api = world.sim.clusters[0].store.list('pods', 'team-a').map((p) => p.metadata.name).filter((n) => n.startsWith('api-')).sort()[0]!;
    const t = new TmuxSession(160, 40);
    sessions.push(t);
    t.start(world.env(), kdeckCommand('-n team-a'));
    await t.waitFor((s) => cursorLine(s)?.includes(api) === true, 'the first api pod under the cursor', { escapes: true });
    t.keys('Enter');
    await t.waitForText(`containers po/${api}`);
    await t.waitForText('<Shift-F>port-forward');
    t.type('jF'); // the log-shipper sidecar declares no port
    await t.waitForText(`pod/${api} container log-shipper declares no TCP port to forward to`);
    t.type('kF');
    const dialog = await t.waitForText(`Port-forward to pod team-a/${api}`);
    assert.match(dialog, /container port: \(8080 \(api:http\)\)/);
    const port = await freePort();
    t.keys('Tab', 'Tab');
    t.keys('BSpace', 'BSpace', 'BSpace', 'BSpace', 'BSpace');
    t.type(String(port));
    t.keys('Enter');
    await t.waitForText(`forwarding 127.0.0.1:${port} → ${api}:8080`);
    assert.equal(await curl(`http://127.0.0.1:${port}/`), `${api}\n`);
  });
});
