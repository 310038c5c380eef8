import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tableTitle } from '../../src/ui-state/table-model.js';

test('title shows resource, scope, count and filter', () => {
  assert.equal(tableTitle('pods', true, undefined, 1234, ''), 'pods(all)[1234]');
  assert.equal(tableTitle('pods', true, 'team-a', 12, '</web>'), 'pods(team-a)[12] </web>');
  assert.equal(tableTitle('nodes', false, 'x', 3, ''), 'nodes[3]');
});

test('column widths stay put while scrolling a view (computed once, grow-only) (issue 17)', async () => {
  const { paintTable, visibleColumns } = await import('../../src/ui-state/table-model.js');
  const { FakeStore, POD_COLUMNS, row } = await import('./helpers/fakes.js');
  const store = new FakeStore(POD_COLUMNS);
  store.rows = [row('a'), row('b'), row('a-much-longer-pod-name-here'), row('c')];
  const view = store.view({});
  const visible = visibleColumns(store.columns, false, false);
  const paint = (top: number) => paintTable({ view, columns: store.columns, visible, cursor: top, top, height: 2, width: 100, now: 0, memo: store });
  const first = paint(2).header; // the long name on screen
  const scrolled = paint(0).header; // only short names on screen
  assert.equal(scrolled, first);
});
