import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cachedPromise } from '../../src/ui-state/promise-cache.js';

test('one promise per key while it is pending or fulfilled; a rejected one is asked again', async () => {
  const cache = new Map<string, Promise<string>>();
  let calls = 0;
  const ok = () => cachedPromise(cache, 'a', async () => `a${++calls}`);
  assert.equal(ok(), ok(), 'the same promise');
  assert.equal(await ok(), 'a1');
  let fail = true;
  const flaky = () => cachedPromise(cache, 'b', async () => {
    if (fail) throw new Error('unreachable');
    return 'b';
  });
  await assert.rejects(flaky(), /unreachable/);
  fail = false;
  assert.equal(await flaky(), 'b', 'the failure was forgotten');
  assert.equal(calls, 1);
});
