// Under churn a frame is drawn only when something on screen changed: rows changing off screen cost the store
// update and nothing else. Counted in frames (ink-testing-library writes one per render), never timed.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { render } from 'ink-testing-library';
import { App } from '../../components/App.js';
import { tick, until } from './helpers/frames.js';
import { FakeBackend, FakeInformer, POD_COLUMNS, row } from '../ui-state/helpers/fakes.js';
import { RowStore } from '../../src/store/row-store.js';
import type { InformerKey, InformerLease, Row } from '../../src/ui-state/engine-types.js';

const CONTEXTS = [{ name: 'one', cluster: 'c1', user: 'admin', namespace: 'default', current: true }];

/** A backend whose pods informer holds a real RowStore the test changes, notifying as the informer does. */
class ChurnBackend extends FakeBackend {
  readonly store = new RowStore();
  informer?: FakeInformer;
  constructor(n: number) {
    super(CONTEXTS, () => ({ rows: [] }));
    this.store.setColumns(POD_COLUMNS);
    for (let i = 0; i < n; i++) this.store.upsert(pod(i, 'Running', 1));
  }
  override acquire(k: InformerKey): InformerLease {
    this.informer ??= new FakeInformer(k, this.store as never);
    return { informer: this.informer, release: () => {} };
  }
  /** A watch event: the pod gets a new status (a new Row object, as the informer makes), then one notification. */
  change(i: number, status: string, rv: number): void {
    this.store.upsert(pod(i, status, rv));
    this.informer!.emit();
  }
}

function pod(i: number, status: string, rv: number): Row {
  return { ...row(`pod-${String(i).padStart(4, '0')}`, { status }), resourceVersion: String(rv) };
}

const mounted: { unmount(): void }[] = [];
after(() => {
  for (const m of mounted) m.unmount();
});

/** The clock ticks once an hour here, so every frame counted comes from a row change. */
function mount(backend: ChurnBackend) {
  const r = render(<App backend={backend} context="one" namespace="default" startResource="pods" version="0.1.0" width={100} height={24} noColor clockMs={3_600_000} onQuit={() => {}} />);
  mounted.push(r);
  return r;
}

test('a change to a row off screen draws no frame; a change on screen draws one that shows it', async () => {
  const b = new ChurnBackend(500);
  const r = mount(b);
  await until(r.lastFrame, (f) => f.includes('pods(default)[500]') && f.includes('pod-0000'), 'table');
  await tick(100); // the renders that follow the first table (capabilities, favourites) are done
  const before = r.frames.length;
  for (let rv = 2; rv < 12; rv++) {
    b.change(400, `Off${rv}`, rv); // row 400 is far below the 16 on screen
    await tick(5);
  }
  assert.equal(r.frames.length, before, 'no frame for rows off screen');
  b.change(2, 'OnScreen', 20);
  await until(r.lastFrame, (x) => x.includes('OnScreen'), 'the on-screen change');
  await tick(20);
  assert.equal(r.frames.length, before + 1, 'one frame for the row on screen');
  assert.match(r.lastFrame()!, /pod-0002 .*OnScreen/);
  assert.doesNotMatch(r.lastFrame()!, /Off\d/);
});

test('a row added or removed off screen still updates the count in the title', async () => {
  const b = new ChurnBackend(300);
  const r = mount(b);
  await until(r.lastFrame, (f) => f.includes('pods(default)[300]'), 'table');
  b.store.upsert(pod(9999, 'Running', 1)); // sorts last: off screen
  b.informer!.emit();
  await until(r.lastFrame, (f) => f.includes('pods(default)[301]'), 'count after an add off screen');
  b.store.remove('uid-pod-0299');
  b.informer!.emit();
  await until(r.lastFrame, (f) => f.includes('pods(default)[300]'), 'count after a removal off screen');
});

test('a state change (the watch reconnecting) is drawn even when no row changed', async () => {
  const b = new ChurnBackend(100);
  const r = mount(b);
  await until(r.lastFrame, (f) => f.includes('pods(default)[100]'), 'table');
  b.informer!.current = { phase: 'reconnecting', attempt: 1, nextTryAt: Date.now() + 5000, staleSince: Date.now() };
  b.informer!.emit();
  await until(r.lastFrame, (f) => /reconnecting/i.test(f), 'the reconnecting state');
});
