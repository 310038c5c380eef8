import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RowStore } from '../../src/store/row-store.js';
import { paintedWindow, windowUnchanged } from '../../src/ui-state/painted-window.js';
import { POD_COLUMNS, row } from './helpers/fakes.js';

const name = (i: number) => `pod-${String(i).padStart(3, '0')}`;

function store(n: number): RowStore {
  const s = new RowStore();
  s.setColumns(POD_COLUMNS);
  for (let i = 0; i < n; i++) s.upsert(row(name(i)));
  return s;
}

test('a change to a row outside the window leaves it unchanged; inside, above or a new count does not', () => {
  const s = store(100);
  const view = s.view({});
  const p = () => paintedWindow(view, s, 10, 20); // rows 10..29 on screen
  let w = p();
  s.upsert({ ...row(name(50), { status: 'Failed' }), resourceVersion: '2' });
  assert.equal(windowUnchanged(w), true, 'below the window, in place');
  w = p();
  s.upsert({ ...row(name(12), { status: 'Failed' }), resourceVersion: '2' });
  assert.equal(windowUnchanged(w), false, 'a row on screen');
  w = p();
  s.remove(`uid-${name(3)}`);
  assert.equal(windowUnchanged(w), false, 'a row above the window went: every row on screen moved up');
  w = p();
  s.upsert(row('zzz'));
  assert.equal(windowUnchanged(w), false, 'a row added below: the count in the title changed');
});

test('a short table: a row appended after the last one on screen is a change', () => {
  const s = store(5);
  const view = s.view({});
  const w = paintedWindow(view, s, 0, 20);
  s.upsert(row('pod-zzz'));
  assert.equal(windowUnchanged(w), false);
});

test('a filtered view: a change to a row the filter hides is no change, even though the store changed', () => {
  const s = store(100);
  const view = s.view({ filter: { text: 'pod-00', regex: false, invert: false } }); // pod-000..pod-009
  const w = paintedWindow(view, s, 0, 20);
  s.upsert({ ...row(name(70), { status: 'Failed' }), resourceVersion: '2' });
  assert.equal(windowUnchanged(w), true);
});
