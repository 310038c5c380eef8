import { test } from 'node:test';
import assert from 'node:assert/strict';
import { madeSearchText, makeSearchText, searchTextOf } from '../../src/store/search-text.js';
import type { Row } from '../../src/api/row.js';

const row = (cells: unknown[], namespace?: string): Row => ({ uid: 'u1', namespace, name: 'Web-1', cells, labels: {}, ownerUids: [], resourceVersion: '1' });

test('the text: namespace, name and every cell, lower-cased; a missing cell is an empty field, a number its digits', () => {
  assert.equal(searchTextOf(row(['Web-1', 'CrashLoopBackOff', 3, null, undefined, true], 'Team-A')), 'team-a web-1 web-1 crashloopbackoff 3   true');
  assert.equal(searchTextOf(row(['x'])), ' web-1 x', 'a cluster-scoped row: no namespace');
});

test('kept only by makeSearchText, on that row only: a copy with other cells does not carry it', () => {
  const r = row(['Running']);
  searchTextOf(r);
  assert.equal(madeSearchText(r), undefined, 'made on demand, not kept');
  makeSearchText(r);
  assert.equal(madeSearchText(r), ' web-1 running');
  const copy = { ...r, cells: ['Pending'] };
  assert.equal(madeSearchText(copy), undefined);
  assert.equal(searchTextOf(copy), ' web-1 pending');
  assert.deepEqual(Object.keys(r), Object.keys(copy), 'the text is not one of the row\'s own enumerable fields');
  assert.equal(JSON.stringify(r).includes(' web-1 running'), false);
});
