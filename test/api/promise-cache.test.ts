import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PromiseCache } from '../../src/api/promise-cache.js';

test('one promise per key while it is pending or fulfilled; a rejected one is asked again', async () => {
  const cache = new PromiseCache<string>();
  let calls = 0;
  const ok = () => cache.get('a', async () => `a${++calls}`);
  assert.equal(ok(), ok(), 'the same promise');
  assert.equal(await ok(), 'a1');
  let fail = true;
  const flaky = () => cache.get('b', async () => {
    if (fail) throw new Error('unreachable');
    return 'b';
  });
  await assert.rejects(flaky(), /unreachable/);
  fail = false;
  assert.equal(await flaky(), 'b', 'the failure was forgotten');
  assert.equal(calls, 1);
});

test('with a TTL an answer is kept for that long, then asked again', async () => {
  let now = 0;
  const cache = new PromiseCache<number>({ ttlMs: 1000, now: () => now });
  let calls = 0;
  const get = () => cache.get('k', async () => ++calls);
  assert.equal(await get(), 1);
  now = 999;
  assert.equal(await get(), 1);
  now = 1000;
  assert.equal(await get(), 2);
});
