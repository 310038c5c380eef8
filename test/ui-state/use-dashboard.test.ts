import { test } from 'node:test';
import assert from 'node:assert/strict';
import { key } from './helpers/fakes.js';

test('a burst of characters is replayed as the keys Ink reports one by one', async () => {
  const { keyOfChar } = await import('../../src/ui-state/use-dashboard.js');
  assert.deepEqual(keyOfChar('\x1a', key()).slice(0, 1), ['z']);
  assert.equal(keyOfChar('\x1a', key())[1].ctrl, true);
  assert.equal(keyOfChar('\r', key())[1].return, true);
  assert.equal(keyOfChar('\t', key())[1].tab, true);
  assert.equal(keyOfChar('\x7f', key())[1].backspace, true);
  assert.equal(keyOfChar('N', key())[1].shift, true);
  assert.equal(keyOfChar('j', key())[1].ctrl, false);
});
