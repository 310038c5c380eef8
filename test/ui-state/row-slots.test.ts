import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RowSlots } from '../../src/ui-state/row-slots.js';

const uids = (prefix: string, from: number, to: number) => Array.from({ length: to - from }, (_, i) => `${prefix}${from + i}`);

test('a window of all new rows (a flip, a page) takes the last window\'s keys in their order: the same nodes, none moved', () => {
  const s = new RowSlots();
  const first = s.assign(uids('a', 0, 5));
  assert.deepEqual(first, [0, 1, 2, 3, 4]);
  assert.deepEqual(s.assign(uids('b', 0, 5)), first);
  // Longer: the last window's keys first, then new ones; shorter: a prefix of them.
  assert.deepEqual(s.assign(uids('c', 0, 7)), [0, 1, 2, 3, 4, 5, 6]);
  assert.deepEqual(s.assign(uids('d', 0, 3)), [0, 1, 2]);
});

test('a window sharing rows keeps their keys and gives new rows new keys, as keying by uid did', () => {
  const s = new RowSlots();
  const k = s.assign(uids('r', 0, 5)); // r0..r4
  const down = s.assign(uids('r', 1, 6)); // scrolled down one row
  assert.deepEqual(down.slice(0, 4), k.slice(1), 'the rows still on screen keep their keys');
  assert.ok(!k.includes(down[4]!), 'the new row gets a key no row had (reusing one would move nodes)');
  const up = s.assign(uids('r', 0, 5)); // and back up
  assert.deepEqual(up.slice(1), down.slice(0, 4));
  assert.ok(!down.includes(up[0]!));
});

test('keys are unique within a window, even for a uid given twice', () => {
  const s = new RowSlots();
  const k = s.assign(['x', 'x', 'y']);
  assert.equal(new Set(k).size, 3);
  const again = s.assign(['x', 'x', 'y']);
  assert.equal(new Set(again).size, 3);
  assert.deepEqual(s.keyed([{ uid: 'p' }, { uid: 'q' }]).map((r) => [r.uid, typeof r.key]), [['p', 'number'], ['q', 'number']]);
});
