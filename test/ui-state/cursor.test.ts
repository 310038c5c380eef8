import { test } from 'node:test';
import assert from 'node:assert/strict';
import { followCursor, moveCursor, scrollTop } from '../../src/ui-state/cursor.js';

test('cursor follows its uid, clamps when the row goes, scrolls minimally', () => {
  assert.equal(followCursor(7, 3, 10), 7);
  assert.equal(followCursor(-1, 12, 10), 9);
  assert.equal(moveCursor(0, 'up', 10, 5), 0);
  assert.equal(moveCursor(0, 'pageDown', 10, 5), 5);
  assert.equal(moveCursor(3, 'bottom', 10, 5), 9);
  assert.equal(scrollTop(9, 0, 5, 10), 5);
  assert.equal(scrollTop(6, 5, 5, 10), 5);
  assert.equal(scrollTop(2, 5, 5, 10), 2);
});
