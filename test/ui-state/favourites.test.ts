import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rememberNamespace } from '../../src/ui-state/favourites.js';

test('favourites are most recently used first, at most nine', () => {
  let f: string[] = [];
  for (const n of ['a', 'b', 'c', 'a']) f = rememberNamespace(f, n);
  assert.deepEqual(f, ['a', 'c', 'b']);
  for (let i = 0; i < 20; i++) f = rememberNamespace(f, `n${i}`);
  assert.equal(f.length, 9);
});
