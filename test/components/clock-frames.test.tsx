// The clock repaints ages, and only when one on screen changed: a tick that changes no text draws no frame (Ink
// lays out and draws nothing), one that does is painted, and keys act on the current view after silent ticks.
// Counted in frames (ink-testing-library writes one per frame Ink draws), never timed.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { render } from 'ink-testing-library';
import { App } from '../../components/App.js';
import { tick, until } from './helpers/frames.js';
import { FakeBackend, row } from '../ui-state/helpers/fakes.js';
import type { Row } from '../../src/ui-state/engine-types.js';

const CONTEXTS = [{ name: 'one', cluster: 'c1', user: 'admin', namespace: 'default', current: true }];
const DAY = 86_400_000;

const mounted: { unmount(): void }[] = [];
after(() => {
  for (const m of mounted) m.unmount();
});

/** A pods table whose rows were created `agoMs` before now; the clock ticks every 20 ms. */
function mount(rows: Row[]) {
  const b = new FakeBackend(CONTEXTS, () => ({ rows }));
  const r = render(<App backend={b} context="one" namespace="default" startResource="pods" version="0.1.0" width={100} height={20} noColor clockMs={20} onQuit={() => {}} />);
  mounted.push(r);
  return r;
}

/** Until the text on screen stayed the same for 300 ms (frames may still be drawn: that is what is counted). */
async function textSettled(frame: () => string | undefined): Promise<void> {
  let last = frame();
  for (let i = 0; i < 50; i++) {
    await tick(300);
    if (frame() === last) return;
    last = frame();
  }
  assert.fail(`the screen never settled; last frame:\n${last}`);
}

const created = (agoMs: number) => new Date(Date.now() - agoMs).toISOString();
const pods = (n: number, agoMs: number) => Array.from({ length: n }, (_, i) => row(`pod-${i}`, { created: created(agoMs + i * 1000) }));

test('clock ticks that change no text on screen draw no frame', async () => {
  const r = mount(pods(5, 40 * DAY));
  await until(r.lastFrame, (f) => f.includes('pods(default)[5]') && /pod-0 .*40d/.test(f), 'table');
  await textSettled(r.lastFrame); // what follows the first table (server version, capabilities) is on screen
  const before = r.frames.length;
  await tick(400); // some twenty ticks
  assert.equal(r.frames.length, before, `no frame for ${r.frames.length - before} ticks that changed nothing`);
});

test('a tick that changes an age on screen is painted', async () => {
  const r = mount(pods(1, 20_000));
  const first = await until(r.lastFrame, (f) => /pod-0 .* (2\d)s/.test(f), 'table with a young pod');
  const age = /pod-0 .* (\d+s)/.exec(first)![1];
  await until(r.lastFrame, (f) => /pod-0 .* (\d+s)/.exec(f)?.[1] !== age, `the age moving on from ${age}`);
});

test('keys after silent ticks act on the rows on screen', async () => {
  const r = mount(pods(5, 40 * DAY));
  await until(r.lastFrame, (f) => f.includes('pods(default)[5]'), 'table');
  await tick(200); // ten silent ticks: the model (and its key handler) of the first frame is still the one painted
  r.stdin.write('j');
  await tick(100);
  r.stdin.write('j');
  await tick(100);
  r.stdin.write('d');
  const f = await until(r.lastFrame, (x) => /describe pods\/(\S+)/.test(x), 'a describe view');
  assert.equal(/describe pods\/(\S+)/.exec(f)![1], 'pod-2', 'the third row, two keys down');
});
