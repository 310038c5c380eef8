import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFilter } from '../../src/ui-state/filter.js';

test('filter parsing: text, regex, invert, label selector', () => {
  assert.deepEqual(parseFilter('web'), { filter: { text: 'web', regex: false, invert: false } });
  assert.deepEqual(parseFilter('!web-.*'), { filter: { text: 'web-.*', regex: true, invert: true } });
  assert.deepEqual(parseFilter('-l app=web'), { labelSelector: 'app=web' });
  assert.deepEqual(parseFilter('(('), { filter: { text: '((', regex: false, invert: false } });
  assert.deepEqual(parseFilter(''), {});
});
