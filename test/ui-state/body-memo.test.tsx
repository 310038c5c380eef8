// The table body reused while its inputs stay the same (src/ui-state/body-memo.ts): typing at the `:` prompt does
// not make the table's model again, and anything the table is made from (rows changing in the store, the cursor,
// the clock) still repaints it while the prompt is open.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { render } from 'ink-testing-library';
import { App } from '../../components/App.js';
import { until } from '../components/helpers/frames.js';
import { FakeBackend, FakeInformer, POD_COLUMNS, row, type FakeStore } from './helpers/fakes.js';
import { RowStore } from '../../src/store/row-store.js';
import { BodyMemo } from '../../src/ui-state/body-memo.js';
import type { BodyModel } from '../../src/ui-state/views/types.js';

const CTX = [{ name: 'one', cluster: 'c1', user: 'admin', namespace: 'default', current: true }];
const body = (title: string): BodyModel => ({ kind: 'message', title, message: { title, lines: [], tone: 'info' } });

test('the last body while the inputs are the same ones; made again when any differs, or without inputs', () => {
  const memo = new BodyMemo();
  const view = {};
  let made = 0;
  const make = () => body(`b${++made}`);
  const first = memo.body([view, 3, 'x'], make);
  assert.equal(memo.body([view, 3, 'x'], make), first);
  assert.equal(made, 1);
  assert.notEqual(memo.body([view, 4, 'x'], make), first, 'another version');
  assert.notEqual(memo.body([{}, 4, 'x'], make).title, 'b2', 'another view object');
  memo.body(undefined, make);
  memo.body(undefined, make);
  assert.equal(made, 5, 'no inputs: made every time');
});

test('while typing at the prompt, rows added to the store are painted', async () => {
  const store = new RowStore();
  store.setColumns(POD_COLUMNS);
  for (const name of ['api-1', 'web-1']) store.upsert(row(name));
  let informer: FakeInformer | undefined;
  const backend = new FakeBackend(CTX, () => ({ rows: [] }));
  const acquire = backend.acquire.bind(backend);
  backend.acquire = (k) => {
    const lease = acquire(k);
    if (k.resource.resource !== 'pods') return lease;
    informer = new FakeInformer(k, store as unknown as FakeStore);
    return { informer, release: lease.release };
  };
  const r = render(<App backend={backend} context="one" namespace="default" startResource="pods" version="0.1.0" width={120} height={24} noColor onQuit={() => undefined} />);
  try {
    await until(r.lastFrame, (f) => f.includes('pods(default)[2]'), 'the table');
    r.stdin.write(':');
    r.stdin.write('de');
    await until(r.lastFrame, (f) => f.includes(':de'), 'the prompt');
    store.upsert(row('aaa-new'));
    informer!.emit();
    await until(r.lastFrame, (f) => f.includes('pods(default)[3]') && f.includes('aaa-new'), 'the new row while the prompt is open');
    r.stdin.write('p');
    const f = await until(r.lastFrame, (x) => x.includes(':dep'), 'more typed');
    assert.ok(f.includes('aaa-new') && f.includes('web-1'), 'the table as it is');
  } finally {
    r.unmount();
  }
});
