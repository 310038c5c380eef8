// The informers' retry backoff.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { Backoff } from '../../src/watch/backoff.js';

describe('Backoff', () => {
  test('grows exponentially within bounds, with jitter', () => {
    for (const r of [0, 0.5, 0.999]) {
      const b = new Backoff({ initialMs: 800, maxMs: 30_000, jitter: 0.5, random: () => r });
      const delays = Array.from({ length: 12 }, () => b.next());
      for (const d of delays) assert.ok(d >= 600 && d <= 30_000, `delay ${d}`);
      assert.ok(delays[0]! <= 1000);
      assert.equal(delays[11], r === 0 ? 22_500 : 30_000);
      for (let i = 1; i < delays.length; i++) assert.ok(delays[i]! >= delays[i - 1]!);
      assert.equal(b.attempt, 12);
    }
  });

  test('jitter spreads delays; success resets at once by default, or after a healthy stretch when asked', () => {
    const quick = new Backoff({ initialMs: 100, maxMs: 1000, jitter: 0 });
    quick.next();
    quick.next();
    quick.next();
    quick.succeeded();
    assert.equal(quick.next(), 100, 'one success resets (client-go)');
    const seen = new Set<number>();
    for (let i = 0; i < 20; i++) seen.add(new Backoff({ initialMs: 1000 }).next());
    assert.ok(seen.size > 5);
    let now = 0;
    const b = new Backoff({ initialMs: 100, maxMs: 1000, jitter: 0, resetAfterMs: 1000, now: () => now });
    b.next();
    b.next();
    b.succeeded();
    assert.equal(b.next(), 400, 'a brief success does not reset');
    b.succeeded();
    now += 1000;
    b.succeeded();
    assert.equal(b.attempt, 0);
    assert.equal(b.next(), 100);
  });
});
