import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tableTitle } from '../../src/ui-state/table-model.js';

test('title shows resource, scope, count and filter', () => {
  assert.equal(tableTitle('pods', true, undefined, 1234, ''), 'pods(all)[1234]');
  assert.equal(tableTitle('pods', true, 'team-a', 12, '</web>'), 'pods(team-a)[12] </web>');
  assert.equal(tableTitle('nodes', false, 'x', 3, ''), 'nodes[3]');
});
