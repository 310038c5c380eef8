import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { LineSplitter } from '../../src/watch/line-splitter.js';
import { Backoff } from '../../src/watch/backoff.js';

describe('LineSplitter', () => {
  test('splits lines across any chunk boundaries, multi-byte characters included', () => {
    const events = [{ type: 'ADDED', n: 'é✓😀' }, { type: 'MODIFIED', n: 'x'.repeat(1000) }, { type: 'DELETED', n: '' }];
    const bytes = Buffer.from(events.map((e) => JSON.stringify(e) + '\n').join('') + '\n\r\n');
    for (const size of [1, 2, 3, 7, 64, 1000, bytes.length]) {
      const s = new LineSplitter();
      const out: unknown[] = [];
      for (let i = 0; i < bytes.length; i += size) s.push(bytes.subarray(i, i + size), (l) => out.push(JSON.parse(l)));
      s.flush((l) => out.push(JSON.parse(l)));
      assert.deepEqual(out, events, `chunk size ${size}`);
    }
  });

  test('a last line without newline is delivered on flush; an endless line is refused', () => {
    const s = new LineSplitter(16);
    const out: string[] = [];
    s.push(Buffer.from('{"a":1}\n{"b"'), (l) => out.push(l));
    s.flush((l) => out.push(l));
    assert.deepEqual(out, ['{"a":1}', '{"b"']);
    assert.throws(() => s.push(Buffer.from('x'.repeat(40)), () => {}), /without a newline/);
  });
});

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

  test('jitter spreads delays; success resets only after a healthy stretch', () => {
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
