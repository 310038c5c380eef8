// The key path warmed while idle after the sync (src/ui-state/warm-key-path.ts): each warm frame is the table with
// the cursor on a neighbouring row, the real frame is rendered back right after it, and keys then act on the row the
// user saw. The services' unwrittenFrame here renders both at once the way src/app/unwritten-frames.ts does (Ink's
// own rerender) and records the warm frame instead of hiding it; ink-testing-library writes one frame per render.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import chalk from 'chalk';
import { render } from 'ink-testing-library';
import { App } from '../../components/App.js';
import { tick, until } from '../components/helpers/frames.js';
import { FakeBackend, row } from './helpers/fakes.js';
import { cursorLine } from '../e2e/helpers/tmux-pane.js';
import { WARM_AFTER_MS, WARM_FRAMES, warmCursor } from '../../src/ui-state/warm-key-path.js';
import type { UiServices } from '../../src/ui-state/services.js';

const CONTEXTS = [{ name: 'one', cluster: 'c1', user: 'admin', namespace: 'default', current: true }];
const PODS = Array.from({ length: 6 }, (_, i) => row(`pod-${i}`));

const level = chalk.level;
before(() => (chalk.level = 1)); // the cursor shows as inverse video
after(() => (chalk.level = level));

const cursorOf = (frame: string | undefined) => cursorLine(frame ?? '')?.trim().split(/\s+/)[0];

function mount(onWarm?: () => void) {
  const warm: { cursor?: string; back?: string }[] = [];
  let r!: ReturnType<typeof render>;
  const services: UiServices = {
    handOverTerminal: async () => ({ code: 0 }),
    unwrittenFrame: (draw, restore) => {
      draw();
      r.rerender(tree);
      const cursor = cursorOf(r.lastFrame());
      restore();
      r.rerender(tree);
      warm.push({ cursor, back: cursorOf(r.lastFrame()) });
      onWarm?.();
    },
  };
  const backend = new FakeBackend(CONTEXTS, () => ({ rows: PODS }));
  const tree = <App backend={backend} context="one" namespace="default" startResource="pods" version="0.1.0" width={100} height={20} clockMs={60_000} services={services} onQuit={() => {}} />;
  r = render(tree);
  return { r, warm };
}

test('idle after the sync: warm frames move the cursor to a neighbouring row, the real frame comes back, keys act on the real row', async () => {
  const { r, warm } = mount();
  try {
    await until(r.lastFrame, (f) => f.includes('pods(default)[6]') && cursorOf(f) === 'pod-0', 'the table, cursor on pod-0');
    r.stdin.write('j');
    await until(r.lastFrame, (f) => cursorOf(f) === 'pod-1', 'the cursor on pod-1');
    await tick(WARM_AFTER_MS + 200);
    assert.equal(warm.length, 0, 'a key before the warm-up: none (keys warm the path themselves)');
    r.unmount();
  } catch (e) {
    r.unmount();
    throw e;
  }
  const idle = mount();
  try {
    await until(idle.r.lastFrame, (f) => f.includes('pods(default)[6]') && cursorOf(f) === 'pod-0', 'the table, cursor on pod-0');
    await until(() => String(idle.warm.length), (n) => Number(n) >= WARM_FRAMES, 'the warm frames', 300);
    await tick(100);
    assert.equal(idle.warm.length, WARM_FRAMES, 'as many as planned, once');
    assert.deepEqual(new Set(idle.warm.map((w) => w.cursor)), new Set(['pod-1']), 'each warm frame: the cursor on the row next to it');
    assert.deepEqual(new Set(idle.warm.map((w) => w.back)), new Set(['pod-0']), 'each followed by the real frame');
    assert.equal(cursorOf(idle.r.lastFrame()), 'pod-0');
    idle.r.stdin.write('j');
    await until(idle.r.lastFrame, (f) => cursorOf(f) === 'pod-1', 'j from the real row');
    idle.r.stdin.write('d');
    await until(idle.r.lastFrame, (f) => /describe pods\/pod-1/.test(f), 'describe acts on the row shown');
  } finally {
    idle.r.unmount();
  }
});

test('a key during the warm-up stops it', async () => {
  let n = 0;
  let press: (() => void) | undefined;
  const { r, warm } = mount(() => {
    if (++n === 2) press?.();
  });
  press = () => r.stdin.write('j');
  try {
    await until(r.lastFrame, (f) => f.includes('pods(default)[6]'), 'the table');
    await until(r.lastFrame, (f) => cursorOf(f) === 'pod-1', 'the key painted', 300);
    await tick(WARM_AFTER_MS / 2);
    assert.equal(warm.length, 2, 'no warm frame after the key');
  } finally {
    r.unmount();
  }
});

test('the warm cursor: next to the cursor inside the window, down then up, none for one row', () => {
  assert.equal(warmCursor({ cursor: 0, top: 0, height: 10, length: 5 }, 0), 1);
  assert.equal(warmCursor({ cursor: 0, top: 0, height: 10, length: 5 }, 1), 1, 'nothing above: down');
  assert.equal(warmCursor({ cursor: 3, top: 0, height: 10, length: 5 }, 1), 2);
  assert.equal(warmCursor({ cursor: 4, top: 0, height: 10, length: 5 }, 0), 3, 'the last row: up');
  assert.equal(warmCursor({ cursor: 19, top: 10, height: 10, length: 50 }, 0), 18, 'the window’s last row: up, never scrolling');
  assert.equal(warmCursor({ cursor: 10, top: 10, height: 10, length: 50 }, 1), 11, 'the window’s first row: down');
  assert.equal(warmCursor({ cursor: 0, top: 0, height: 10, length: 1 }, 0), undefined);
});
