import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { Text } from 'ink';
import { render } from 'ink-testing-library';
import { RowStore } from '../../src/store/row-store.js';
import { madeSearchText } from '../../src/store/search-text.js';
import { SLICE_MS, useSearchTexts } from '../../src/ui-state/search-texts.js';
import type { InformerChange, InformerState, InformerView, Row } from '../../src/ui-state/engine-types.js';
import { POD_COLUMNS, row } from './helpers/fakes.js';
import { tick } from '../components/helpers/frames.js';

const mounted: { unmount(): void }[] = [];
after(() => mounted.forEach((m) => m.unmount()));

/** An informer over a real RowStore whose phase the test sets; every prepareSearchTexts call is recorded. */
class StoreInformer implements InformerView {
  readonly key = { context: 'c', resource: { group: '', version: 'v1', resource: 'pods', kind: 'Pod', singular: 'pod', namespaced: true, shortNames: [], verbs: [], categories: [] } };
  readonly store = new RowStore();
  readonly calls: { budget: number; done: boolean }[] = [];
  private subs = new Set<(c: InformerChange) => void>();
  current: InformerState = { phase: 'syncing', since: 0 };
  constructor(n: number) {
    this.store.setColumns(POD_COLUMNS);
    for (let i = 0; i < n; i++) this.store.upsert(row(`web-${i}`, { namespace: `team-${i % 50}`, status: i % 9 ? 'Running' : 'CrashLoopBackOff' }));
    const prepare = this.store.prepareSearchTexts.bind(this.store);
    this.store.prepareSearchTexts = (budget: number) => {
      const done = prepare(budget);
      this.calls.push({ budget, done });
      return done;
    };
  }
  state(): InformerState {
    return this.current;
  }
  subscribe(fn: (c: InformerChange) => void): () => void {
    this.subs.add(fn);
    return () => this.subs.delete(fn);
  }
  get subscribers(): number {
    return this.subs.size;
  }
  set(phase: 'syncing' | 'live'): void {
    this.current = { phase, since: Date.now() };
    for (const s of this.subs) s({ added: 0, updated: 0, removed: 0, reset: false });
  }
  upsert(r: Row): void {
    this.store.upsert(r);
    for (const s of this.subs) s({ added: 0, updated: 1, removed: 0, reset: false });
  }
  allMade(): boolean {
    return [...this.store.values()].every((r) => madeSearchText(r) !== undefined);
  }
}

function Prepare({ informer }: { informer: InformerView | undefined }) {
  useSearchTexts(informer);
  return <Text>table</Text>;
}

async function waitFor(pred: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (pred()) return;
    await tick(10);
  }
  assert.fail(`${what} never happened`);
}

test('texts are made once the informer is live, never while it lists, in slices with the event loop in between', async () => {
  const inf = new StoreInformer(30_000);
  inf.store.view({}).length; // the table on screen
  const r = render(<Prepare informer={inf} />);
  mounted.push(r);
  await tick(200);
  assert.equal(inf.calls.length, 0, 'nothing while the list is arriving');
  assert.equal(madeSearchText(inf.store.get('uid-web-7')!), undefined);
  inf.set('live');
  // Timers keep firing while the texts are made: the work yields to the event loop between slices.
  let ticks = 0;
  const t = setInterval(() => ticks++, 1);
  await waitFor(() => inf.calls.at(-1)?.done === true, 'all texts made');
  clearInterval(t);
  assert.ok(inf.allMade(), 'every row has its text');
  assert.ok(inf.calls.length > 1, `made in more than one slice (${inf.calls.length})`);
  assert.ok(inf.calls.every((c) => c.budget === SLICE_MS));
  assert.ok(ticks > 0, 'a timer ran while they were made');
  r.unmount();
  assert.equal(inf.subscribers, 0, 'unsubscribed when the view goes');
});

test('rows changing later are made again after a while; a relist (syncing → live) starts over', async () => {
  const inf = new StoreInformer(200);
  inf.set('live');
  const r = render(<Prepare informer={inf} />);
  mounted.push(r);
  await waitFor(() => inf.allMade(), 'the first texts');
  const before = inf.calls.length;
  inf.upsert({ ...row('web-3', { namespace: 'team-3', status: 'Pending' }), resourceVersion: '2' });
  assert.equal(madeSearchText(inf.store.get('uid-web-3')!), 'team-3 web-3 web-3 1/1 pending 0 5m 10.0.0.1 node-1', 'kept with the change');
  await waitFor(() => inf.calls.length > before, 'another pass after the change');
  inf.set('syncing');
  const calls = inf.calls.length;
  await tick(100);
  inf.set('live');
  await waitFor(() => inf.calls.length > calls && inf.calls.at(-1)!.done, 'a pass after turning live again');
});
