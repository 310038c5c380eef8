// The user's files in the real kdeck in tmux: a foreground plugin gets the terminal and gives it back, a
// background one runs detached with its output captured and a result line, confirm asks first, dangerous ones
// are hidden in read-only mode; aliases.yaml and hotkeys.yaml drive commands.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TmuxSession, requireTmux } from './helpers/tmux.js';
import { kdeckCommand, startWorld, type E2eWorld } from './helpers/sim.js';

const PLUGINS = `plugins:
  fg-show:
    shortCut: Shift-X
    description: show the pod
    scopes: [pods]
    command: bash
    args:
      - -c
      - 'echo "FG $NAMESPACE/$NAME ctx=$CONTEXT status=$COL-STATUS"; read -r line; echo "got $line"'
  bg-echo:
    shortCut: Ctrl-T
    description: background echo
    scopes: [po]
    background: true
    confirm: true
    command: sh
    args: [-c, 'echo "noise"; echo "BG done $NAME in $NAMESPACE"']
  wipe:
    shortCut: Shift-Y
    description: dangerous wipe
    dangerous: true
    scopes: [all]
    command: "true"
`;

describe('config files in tmux', { concurrency: 2 }, () => {
  let world: E2eWorld;
  const sessions: TmuxSession[] = [];
  before(async () => {
    requireTmux();
    world = await startWorld();
    const dir = join(world.dir, 'config', 'kdeck');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'plugins.yaml'), PLUGINS);
    writeFileSync(join(dir, 'aliases.yaml'), 'aliases:\n  fred: pod team-a\n');
    writeFileSync(join(dir, 'hotkeys.yaml'), 'hotKeys:\n  nodes:\n    shortCut: Shift-0\n    description: the nodes\n    command: nodes\n');
  });
  after(async () => {
    const results = await Promise.all(sessions.map((s) => s.close()));
    await world?.close();
    assert.equal(results.filter((r) => r.leftRunning).length, 0);
  });

  test('a foreground plugin and a background one, end to end; an alias and a hotkey', async () => {
    const t = new TmuxSession(160, 40);
    sessions.push(t);
    t.start(world.env(), kdeckCommand(''));
    await t.waitForText(/pods\(default\)\[\d+\]/);
    t.type(':fred');
    t.keys('Enter');
    const table = await t.waitFor((s) => /pods\(team-a\)\[[1-9]\d*\]/.test(s) && /^NAME /m.test(s), 'team-a pods');
    const lines = table.split('\n');
    const name = lines[lines.findIndex((l) => l.startsWith('NAME')) + 1].split(/\s+/)[0];

    // foreground: the plugin owns the terminal (kdeck's screen is gone), reads a line, kdeck comes back
    t.type('X');
    const fg = await t.waitForText(/FG team-a\/\S+ ctx=kdeck-sim status=\w+/);
    assert.ok(fg.includes(`FG team-a/${name} `), `${name}\n${table}`);
    assert.equal(t.alternateScreen(), false, 'the plugin has the normal screen');
    t.type('hello');
    t.keys('Enter');
    await t.waitForText('plugin fg-show: done');
    assert.equal(t.alternateScreen(), true, 'kdeck is back on its screen');
    await t.waitForText(/pods\(team-a\)/);

    // background with confirm: asked first; n cancels, y runs it detached and a result line says how it ended
    t.keys('C-t');
    await t.waitForText(`run plugin bg-echo on team-a/${name}? y to confirm`);
    t.type('n');
    await t.waitForText('plugin cancelled');
    t.keys('C-t');
    await t.waitForText('y to confirm');
    t.type('y');
    const done = await t.waitForText(`plugin bg-echo: done — BG done ${name} in team-a`);
    const log = /\(output: ([^)]+)\)/.exec(done)?.[1];
    assert.ok(log, done);
    assert.equal(readFileSync(log, 'utf8'), `noise\nBG done ${name} in team-a\n`);
    assert.ok(log.startsWith(join(world.dir, 'state', 'kdeck', 'plugins')));

    // help lists the plugins in scope with their keys
    t.type('?');
    const help = await t.waitForText('show the pod (plugin)');
    assert.match(help, /Shift-X/);
    assert.match(help, /Ctrl-T\s+background echo \(plugin\)/);
    assert.match(help, /dangerous wipe/);
    t.keys('Escape');
    await t.waitFor((s) => !s.includes('help:'), 'help closed');

    // hotkey Shift-0 → :nodes; the pods-only plugins are not in the nodes view's help
    t.type(')');
    await t.waitForText(/nodes\[\d+\]/);
    t.type('?');
    const nodeHelp = await t.waitForText('the nodes');
    assert.ok(!nodeHelp.includes('show the pod'), 'scoped to pods');
    assert.ok(nodeHelp.includes('dangerous wipe'), 'scope all');
    t.keys('Escape');
    await t.waitFor((s) => !s.includes('help:'), 'help closed');
    t.keys('C-c');
    await t.waitForText('E2E-PROMPT$');
  });

  test('read-only hides dangerous plugins; a bad plugins.yaml is one clear error before the screen', async () => {
    const t = new TmuxSession(160, 40);
    sessions.push(t);
    t.start(world.env(), kdeckCommand('--readonly'));
    await t.waitForText(/pods\(default\)\[\d+\]/);
    t.type('?');
    const help = await t.waitForText('show the pod (plugin)');
    assert.ok(!help.includes('dangerous wipe'), 'hidden in read-only');
    t.keys('Escape');
    await t.waitFor((s) => !s.includes('help:'), 'help closed');
    t.keys('C-c');
    await t.waitForText('E2E-PROMPT$');

    const broken = join(world.dir, 'broken');
    mkdirSync(join(broken, 'kdeck'), { recursive: true });
    writeFileSync(join(broken, 'kdeck', 'plugins.yaml'), 'plugins:\n  x:\n    shortCut: x\n    scopes: [po]\n    command: echo\n    argz: [1]\n');
    t.type(`XDG_CONFIG_HOME=${broken} ${kdeckCommand('')}`);
    t.keys('Enter');
    const err = await t.waitForText(/plugins\.yaml:6: unknown key "argz"/);
    assert.ok(!/\n\s+at /.test(err), 'no stack trace');
  });
});
