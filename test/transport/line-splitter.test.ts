// The line splitter under stream().lines(): lines across chunk boundaries, and a bound on one line.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { LineSplitter } from '../../src/transport/line-splitter.js';

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
    assert.throws(() => s.push(Buffer.from('x'.repeat(40)), () => {}), /no newline yet/);
  });
});
