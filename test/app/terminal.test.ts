// The terminal hand-over for real, in tmux: the child gets the primary screen and the keys, the program comes
// back to the exact screen (alternate screen, raw mode, full redraw), also after a child that fails to start,
// a stream callback that throws, and Ctrl-C sent to the child.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TmuxSession, requireTmux } from '../e2e/helpers/tmux.js';

const sessions: TmuxSession[] = [];
before(() => requireTmux());
after(async () => {
  await Promise.all(sessions.map((s) => s.close()));
});

const SCREEN_LINES = (s: string) => s.split('\n').filter((l) => !/^last: |^keys: /.test(l)).map((l) => l.trimEnd()).join('\n').trimEnd();

const GATE = join(mkdtempSync(join(tmpdir(), 'kdeck-handover-')), 'gate');

function start(job: string): TmuxSession {
  const t = new TmuxSession(80, 24);
  sessions.push(t);
  t.start({ PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: '/tmp', TERM: 'xterm-256color', HANDOVER_JOB: job, HANDOVER_GATE: GATE }, `${JSON.stringify(process.execPath)} --import tsx test/app/fixtures/handover-app.tsx`);
  return t;
}

test('a child gets the terminal and its keys; the screen comes back exactly, with raw mode', async () => {
  const t = start('printf HANDED; read x; [ "$x" = hello ] && exit 3; exit 4');
  const before = await t.waitForText('FIXTURE READY');
  assert.ok(t.alternateScreen());
  t.type('h');
  const handed = await t.waitFor((s) => s.includes('HANDED') && !t.alternateScreen(), 'the child on the primary screen');
  assert.ok(!handed.includes('FIXTURE READY'), 'the dashboard is not painted over the child');
  t.type('hello');
  t.keys('Enter');
  const back = await t.waitFor((s) => s.includes('last: code 3') && t.alternateScreen(), 'the screen back with the exit code');
  assert.equal(SCREEN_LINES(back), SCREEN_LINES(before), 'the same screen as before the hand-over');
  assert.ok(!back.includes('HANDED'));
  // Raw mode is back: a single key acts without Enter.
  t.type('x');
  await t.waitForText('keys: 1');
});

test('a child that cannot start, a stream that throws and Ctrl-C to the child all come back', async () => {
  const t = start('printf HANDED; sleep 30');
  const before = await t.waitForText('FIXTURE READY');
  t.type('f');
  const failed = await t.waitForText('last: error ENOENT');
  assert.equal(SCREEN_LINES(failed), SCREEN_LINES(before));
  t.type('s');
  await t.waitFor((s) => s.includes('STREAMED') && !t.alternateScreen(), 'the stream on the primary screen');
  writeFileSync(GATE, '');
  const streamed = await t.waitFor((s) => s.includes('last: error stream closed') && t.alternateScreen(), 'back after the stream threw');
  assert.equal(SCREEN_LINES(streamed), SCREEN_LINES(before));
  t.type('h');
  await t.waitFor((s) => s.includes('HANDED') && !t.alternateScreen(), 'the child running');
  t.keys('C-c');
  const interrupted = await t.waitFor((s) => s.includes('last: code 130') || s.includes('last: signal SIGINT'), 'the child interrupted, the program alive');
  assert.equal(SCREEN_LINES(interrupted), SCREEN_LINES(before));
  t.type('x');
  await t.waitForText('keys: 1');
  t.type('q');
  await t.waitFor((s) => !t.alternateScreen() && /E2E-PROMPT\$\s*$/.test(s.trimEnd()), 'the shell prompt back');
});
