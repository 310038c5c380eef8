// The pre-paint in a real terminal (the bundled bin in tmux, against the simulator): the first screen appears before
// Ink is loaded and Ink's first frame lands on it without a blank screen in between and without leftovers; keys
// typed while only the pre-paint is up are neither echoed nor lost (Ink reads them once it is up); a signal in that
// window leaves the terminal as it was. To type "while only the pre-paint is up", kdeck is stopped (SIGSTOP) as soon
// as the table shows, the keys are sent, and it is continued; its start-up trace then tells whether Ink had loaded
// before the stop (then that start did not test the window, and another is made).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { bundledBin } from '../helpers/bundled-bin.js';
import { join } from 'node:path';
import { TmuxSession, cursorRow, requireTmux } from '../e2e/helpers/tmux.js';
import { kdeckCommand, startWorld, type E2eWorld } from '../e2e/helpers/sim.js';

const TABLE = /^NAMESPACE +NAME .*\n\S/m;
/** What the pane prints once kdeck has exited (after the terminal modes kdeck left). */
const DONE = 'PANE-DONE';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Trace {
  timeOrigin: number;
  marks: { mark: string; ms: number; detail?: string }[];
}

let world: E2eWorld;
let runs = 0;

before(async () => {
  requireTmux();
  world = await startWorld({ pods: 60 });
});

after(() => world.close());

/**
 * `kdeck -A` (or `command`) in a fresh pane under sh -c, not an interactive shell: a shell with job control would take
 * the terminal back from a stopped kdeck (and read the keys itself). Once kdeck exits, the script shows the terminal
 * modes it left, then DONE.
 */
function startInSh(trace: string, command = kdeckCommand('-A')): TmuxSession {
  const t = new TmuxSession();
  const env = Object.entries(world.env({ KDECK_TRACE_STARTUP: trace, XDG_CACHE_HOME: join(world.dir, 'cache') })).map(([k, v]) => `${k}=${v}`);
  const script = `${command}; stty -a | tr ' ' '\\n' | grep -xE -- '-?(icanon|echo)' | tr '\\n' ' '; echo ${DONE}; sleep 600`;
  t.tmux('-f', '/dev/null', 'new-session', '-d', '-x', '200', '-y', '50', 'env', '-i', ...env, 'sh', '-c', script);
  t.tmux('set-option', '-g', 'status', 'off');
  return t;
}

/** A start of `kdeck -A` in a fresh pane, stopped (SIGSTOP) as soon as a capture shows the table. */
async function startStopped(): Promise<{ t: TmuxSession; pid: number; trace: string; stoppedAt: number; captures: string[] }> {
  const trace = join(world.dir, `trace-${++runs}.json`);
  const t = startInSh(trace);
  const captures: string[] = [];
  const deadline = Date.now() + 60_000;
  for (;;) {
    const screen = t.capture(true);
    if (captures.at(-1) !== screen) captures.push(screen);
    if (TABLE.test(screen.replace(/\x1b\[[0-9;]*m/g, ''))) break;
    if (Date.now() > deadline) assert.fail(`no table within 60 s:\n${screen}`);
    await sleep(1); // the simulator answers from this process: let it
  }
  const pid = t.childPid();
  assert.ok(pid, 'kdeck is running');
  process.kill(pid, 'SIGSTOP');
  return { t, pid, trace, stoppedAt: Date.now(), captures };
}

async function readTrace(file: string): Promise<Trace> {
  for (let i = 0; i < 500 && !existsSync(file); i++) await sleep(20);
  await sleep(50);
  const t = JSON.parse(readFileSync(file, 'utf8')) as Trace;
  rmSync(file);
  return t;
}

/** When Ink's UI modules had loaded, on the epoch clock (Infinity: never). */
const inkLoadedAt = (t: Trace) => {
  const m = t.marks.find((x) => x.mark === 'ui:modules');
  return m ? t.timeOrigin + m.ms : Infinity;
};

/** Runs `body` on starts until one was stopped before Ink loaded (at most 4 starts). */
async function inTheWindow(body: (s: Awaited<ReturnType<typeof startStopped>>) => Promise<void>): Promise<Trace> {
  for (let attempt = 0; attempt < 4; attempt++) {
    const s = await startStopped();
    let trace: Trace;
    try {
      await body(s);
      trace = await readTrace(s.trace);
    } finally {
      try {
        process.kill(s.pid, 'SIGCONT');
      } catch {
        // exited
      }
      s.t.kill();
    }
    if (inkLoadedAt(trace) > s.stoppedAt) return trace;
  }
  assert.fail('in 4 starts, Ink had always loaded before the table was first captured: the pre-paint window was never hit');
}

describe('the pre-paint in tmux', () => {
  test('keys typed while only the pre-paint is up: not echoed, and Ink acts on them once it is up', async () => {
    const trace = await inTheWindow(async ({ t, pid }) => {
      const before = t.capture(true);
      t.keys('j', 'j');
      await sleep(100);
      assert.equal(t.capture(true), before, 'nothing echoed: the terminal is in raw mode');
      assert.ok(t.alternateScreen(), 'in the alternate screen');
      process.kill(pid, 'SIGCONT');
      await t.waitFor((s) => cursorRow(s) === 2, 'the cursor two rows down', { escapes: true });
      t.keys('C-c');
      const after = await t.waitForText(DONE);
      assert.match(after, /icanon echo PANE-DONE/, 'cooked mode, echo on');
    });
    const at = (m: string) => trace.marks.find((x) => x.mark === m)?.ms ?? NaN;
    assert.match(trace.marks.find((x) => x.mark === 'tty:pre-paint')?.detail ?? '', /written before Ink/);
    assert.ok(at('tty:first-row') <= at('tty:pre-paint'), 'the pre-paint wrote the first row');
    assert.ok(at('tty:pre-paint') < at('ui:modules') && at('ui:modules') < at('ink:first-app-frame'));
  });

  test('Ctrl-C typed while only the pre-paint is up quits once Ink reads it; the terminal is restored', async () => {
    await inTheWindow(async ({ t, pid }) => {
      t.keys('C-c');
      process.kill(pid, 'SIGCONT');
      const after = await t.waitForText(DONE);
      assert.ok(!t.alternateScreen(), 'the alternate screen is left');
      assert.match(after, /icanon echo PANE-DONE/, 'cooked mode, echo on');
    });
  });

  test('SIGTERM while only the pre-paint is up: the alternate screen left, the cursor shown, cooked mode', async () => {
    await inTheWindow(async ({ t, pid }) => {
      process.kill(pid, 'SIGTERM');
      process.kill(pid, 'SIGCONT');
      const after = await t.waitForText(DONE);
      assert.ok(!t.alternateScreen(), 'the alternate screen is left');
      assert.equal(t.tmux('display-message', '-p', '-t', '0', '#{cursor_flag}').trim(), '1', 'the cursor is shown');
      assert.match(after, /icanon echo PANE-DONE/, 'cooked mode, echo on');
    });
  });

  test('the UI failing to load after the pre-paint: its error on the normal screen, the terminal restored', async () => {
    // The bundle without its UI chunk: the import after the pre-paint fails.
    const broken = join(world.dir, 'broken');
    cpSync(dirname(bundledBin()), broken, { recursive: true });
    const chunk = readdirSync(join(broken, 'chunks')).find((f) => /^screen-.*\.js$/.test(f));
    assert.ok(chunk, 'the UI chunk is there to remove');
    rmSync(join(broken, 'chunks', chunk));
    for (let attempt = 0; ; attempt++) {
      const trace = join(world.dir, `trace-${++runs}.json`);
      const t = startInSh(trace, `${JSON.stringify(process.execPath)} ${JSON.stringify(join(broken, 'kdeck.js'))} -A`);
      let screen: string;
      try {
        screen = await t.waitForText(DONE);
        assert.ok(!t.alternateScreen(), 'the alternate screen is left');
        assert.equal(t.tmux('display-message', '-p', '-t', '0', '#{cursor_flag}').trim(), '1', 'the cursor is shown');
      } finally {
        t.kill();
      }
      assert.match(screen, /^kdeck: .*screen-/m, 'the error, on the normal screen');
      assert.match(screen, /icanon echo PANE-DONE/, 'cooked mode, echo on');
      const painted = (await readTrace(trace)).marks.find((m) => m.mark === 'tty:pre-paint')?.detail ?? '';
      if (/written before Ink/.test(painted)) break;
      assert.ok(attempt < 3, `the first screen was never pre-painted before the failure (${painted})`);
    }
  });

  test('the screen goes from the shell to the pre-paint to Ink: never blank in between, Ink lands on the same rows', async () => {
    const t = new TmuxSession();
    const trace = join(world.dir, `trace-${++runs}.json`);
    try {
      t.start(world.env({ KDECK_TRACE_STARTUP: trace, XDG_CACHE_HOME: join(world.dir, 'cache') }), kdeckCommand('-A'));
      const screens: string[] = [];
      const deadline = Date.now() + 60_000;
      // Every distinct screen from Enter until the dashboard answers a key (Ink is up).
      let sent = false;
      for (;;) {
        const screen = t.capture();
        if (screens.at(-1) !== screen) screens.push(screen);
        if (!sent && TABLE.test(screen)) {
          t.type(':');
          sent = true;
        }
        if (/^:/m.test(screen.split('\n')[2] ?? '')) break;
        if (Date.now() > deadline) assert.fail(`Ink never answered:\n${screen}`);
        await sleep(1);
      }
      // The first whole screen (the pre-paint's write may be captured half drawn, as any program's first screen),
      // then every screen until Ink answered: whole, and on the same rows.
      const first = screens.findIndex((s) => TABLE.test(s) && /quit/.test(s.split('\n')[49] ?? ''));
      assert.ok(first > 0, 'the whole table appeared');
      for (const s of screens.slice(first)) {
        const lines = s.split('\n');
        assert.match(lines[0], /^ctx: kdeck-sim /, `the header on the first row of every screen:\n${s}`);
        assert.match(lines[3], /─ pods\(all\)\[60\] ─/, `the title on the fourth:\n${s}`);
        assert.match(lines[4], /^NAMESPACE +NAME/, `the column header on the fifth:\n${s}`);
        assert.match(lines[49], /quit|cancel/, `the hints on the last:\n${s}`);
        assert.equal(lines.filter((l) => /^NAMESPACE +NAME/.test(l)).length, 1, 'one column header: nothing left over');
      }
      t.keys('Escape');
      t.keys('C-c');
      await t.waitForText('E2E-PROMPT$');
      const marks = (await readTrace(trace)).marks.map((m) => m.mark);
      assert.ok(marks.includes('tty:pre-paint') && marks.indexOf('tty:pre-paint') < marks.indexOf('ink:first-app-frame'));
    } finally {
      t.kill();
    }
  });
});
