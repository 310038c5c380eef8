// The list splitter must read exactly what JSON.parse reads: every element of rows/items, and the rest, for any way
// the body is cut into chunks; and refuse exactly what JSON.parse refuses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ListBodySplitter, PIECE_BYTES, type SplitKey } from '../../src/api/list-splitter.js';

/** A seeded generator, so a failure can be replayed. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Split {
  heads: [SplitKey, unknown][];
  items: Record<string, unknown[]>;
  skeleton: unknown;
  /** How many batches the items came in. */
  batches: number;
}

function split(body: Buffer, cuts: number[]): Split {
  const out: Split = { heads: [], items: {}, skeleton: undefined, batches: 0 };
  const s = new ListBodySplitter({
    head: (key, head) => out.heads.push([key, head]),
    items: (key, items) => {
      out.batches++;
      (out.items[key] ??= []).push(...items);
    },
  });
  let at = 0;
  for (const c of [...cuts, body.length]) {
    s.push(body.subarray(at, c));
    at = c;
  }
  out.skeleton = s.end();
  return out;
}

/** The whole body as the splitter's caller rebuilds it: the skeleton with its split arrays filled in. */
function rebuilt(r: Split): unknown {
  const sk = r.skeleton as Record<string, unknown>;
  for (const [k, v] of Object.entries(r.items)) sk[k] = v;
  return sk;
}

function randomCuts(len: number, r: () => number, max = 12): number[] {
  const n = Math.floor(r() * max);
  return Array.from({ length: n }, () => Math.floor(r() * len)).sort((a, b) => a - b);
}

const tricky = ['plain', 'with "quotes"', 'back\\slash', 'ends with backslash \\', '},{"cells":["x"]}', '],"rows":[', '{', '}', '[', ']', ',', 'ünïcödé', '日本語のテキスト', '🙂🙃', '\u0000\u001f', '\\"},{"', 'x\\\\'];

function randomValue(r: () => number, depth: number): unknown {
  const k = Math.floor(r() * (depth > 3 ? 4 : 7));
  if (k === 0) return tricky[Math.floor(r() * tricky.length)];
  if (k === 1) return Math.floor(r() * 1e6) / (r() < 0.5 ? 1 : 100);
  if (k === 2) return r() < 0.5 ? null : r() < 0.5;
  if (k === 3) return '';
  if (k === 4) return Array.from({ length: Math.floor(r() * 4) }, () => randomValue(r, depth + 1));
  return Object.fromEntries(Array.from({ length: Math.floor(r() * 4) }, (_, i) => [i % 2 ? `k${i}` : tricky[Math.floor(r() * tricky.length)]!, randomValue(r, depth + 1)]));
}

function randomTable(r: () => number): Record<string, unknown> {
  const rows = Array.from({ length: Math.floor(r() * 30) }, () => ({
    cells: [tricky[Math.floor(r() * tricky.length)], Math.floor(r() * 9), '1/2'],
    object: { kind: 'PartialObjectMetadata', metadata: { name: `n-${Math.floor(r() * 1e6)}`, labels: { a: tricky[Math.floor(r() * tricky.length)] }, ownerReferences: [{ uid: 'a' }, { uid: 'b' }], x: randomValue(r, 1) } },
  }));
  return { kind: 'Table', apiVersion: 'meta.k8s.io/v1', metadata: { resourceVersion: '42', continue: r() < 0.5 ? 'tok' : undefined }, columnDefinitions: [{ name: 'Name', type: 'string', format: 'name' }], rows };
}

test('a Table read in any chunks equals JSON.parse of it: heads, rows, skeleton', () => {
  const r = rng(1);
  for (let round = 0; round < 400; round++) {
    const table = randomTable(r);
    const json = JSON.stringify(table);
    const body = Buffer.from(round % 3 === 0 ? JSON.stringify(table, null, round % 2 ? 1 : 2) : json);
    const expected = JSON.parse(body.toString('utf8'));
    const got = split(body, randomCuts(body.length, r));
    assert.deepEqual(rebuilt(got), expected, `round ${round}`);
    assert.equal(got.heads.length, 1);
    const [key, head] = got.heads[0]!;
    assert.equal(key, 'rows');
    assert.deepEqual(head, { ...expected, rows: [] }, 'the head is everything before the rows');
  }
});

test('a big Table cut at every byte boundary of a few chunks still reads whole, in batches as it arrives', () => {
  const r = rng(2);
  const table = randomTable(r);
  (table.rows as unknown[]).push(...Array.from({ length: 2000 }, (_, i) => ({ cells: [`pod-${i}`, 'ok'], object: { metadata: { name: `pod-${i}`, uid: `u${i}` } } })));
  const body = Buffer.from(JSON.stringify(table));
  const expected = JSON.parse(body.toString());
  for (let size = 1; size < 70; size += 7) {
    const cuts: number[] = [];
    for (let c = size; c < body.length; c += size * 97) cuts.push(c);
    const got = split(body, cuts);
    assert.deepEqual(rebuilt(got), expected, `chunks of ~${size * 97} bytes`);
    assert.ok(got.batches > 1, 'rows are handed over while the body is still arriving');
  }
  // Byte by byte, the slowest way a server can send it.
  const first = Buffer.from(JSON.stringify(randomTable(rng(3))));
  assert.deepEqual(rebuilt(split(first, Array.from({ length: first.length - 1 }, (_, i) => i + 1))), JSON.parse(first.toString()));
});

test('lists split their items; other shapes and arrays elsewhere pass through to the skeleton', () => {
  const r = rng(4);
  for (let round = 0; round < 200; round++) {
    const items = Array.from({ length: Math.floor(r() * 10) }, () => ({ metadata: { name: tricky[Math.floor(r() * tricky.length)] }, spec: randomValue(r, 1) }));
    const shapes: unknown[] = [
      { kind: 'PodList', metadata: { resourceVersion: '1' }, items },
      { items, kind: 'PodList', metadata: { resourceVersion: '1', continue: 'x' } },
      { kind: 'Table', rows: null, columnDefinitions: [] },
      { kind: 'Table', rows: 'not a list' },
      { kind: 'Table', nested: { rows: [{ a: 1 }, { b: 2 }] }, rows: [] },
      [{ rows: [1, 2] }, { items: [3] }],
      'just a string',
      12,
      { rows: [1, 'two', [3], { four: 4 }, null, true] },
    ];
    for (const shape of shapes) {
      const body = Buffer.from(JSON.stringify(shape));
      assert.deepEqual(rebuilt(split(body, randomCuts(body.length, r))), JSON.parse(body.toString()), JSON.stringify(shape).slice(0, 80));
    }
  }
});

test('what JSON.parse refuses, the splitter refuses, in any chunks', () => {
  const r = rng(5);
  const good = JSON.stringify(randomTable(rng(6)));
  const bad = [
    '<html>login</html>',
    '',
    '{"kind":"Table","rows":[{"a":1},]}',
    '{"kind":"Table","rows":[,{"a":1}]}',
    '{"kind":"Table","rows":[{"a":1},,{"b":2}]}',
    '{"kind":"Table","rows":[{"a":1}{"b":2}]}',
    '{"kind":"Table","rows":[{"a":1},{"b":2}}',
    '{"kind":"Table","rows":[{"a":1},{"b":2]]}',
    '{"kind":"Table","rows":[{"a":1},{"b":"open}]}',
    '{"kind":"Table","rows":[{"a":1},{"b":2}]',
    '{"kind":"Table","rows":[{"a":1},{"b":2}]}}',
    '{"kind":"Table","rows":[{"a":1},{"b":2}]} trailing',
    '{"kind":"Table" "rows":[{"a":1}]}',
    '{"kind":"Table","rows":[{"a":1},{"b":2}],}',
    '{"kind":"Table","rows":[1 2]}',
    '{"kind":"Table","rows":[{"a":1},{"b":2}',
    good.slice(0, good.length - 1),
    good.slice(0, Math.floor(good.length / 2)),
    good.replace('},{', '},,{'),
    good.replace('},{', '}{'),
    good.replace('"cells"', 'cells'),
  ];
  for (const text of bad) {
    assert.throws(() => JSON.parse(text), SyntaxError, `JSON.parse accepts ${text.slice(0, 60)}`);
    const body = Buffer.from(text);
    for (let k = 0; k < 20; k++) assert.throws(() => split(body, randomCuts(body.length, r)), SyntaxError, text.slice(0, 60));
  }
});

test('an array of objects whose text repeats the element boundary inside strings and nested lists is still read exactly', () => {
  // The fast path cuts at '},{"cells":' (a list's items at "},{"); these put that text where it is not a boundary.
  const rows = Array.from({ length: 300 }, (_, i) => ({
    cells: [`a},{"b":"${i}`, '"},{"', '\\'],
    object: { metadata: { name: `p${i}`, ownerReferences: [{ uid: 'x' }, { uid: 'y' }, { uid: '},{' }], managedFields: [{ manager: 'a' }, { cells: ['not a row'] }, { cells: ['},{"cells":'] }] } },
  }));
  const r = rng(7);
  for (const key of ['rows', 'items']) {
    const body = Buffer.from(JSON.stringify({ kind: key === 'rows' ? 'Table' : 'PodList', columnDefinitions: [], [key]: rows, metadata: { resourceVersion: '9' } }));
    for (let k = 0; k < 30; k++) assert.deepEqual(rebuilt(split(body, randomCuts(body.length, r, 40))), JSON.parse(body.toString()), key);
  }
});

test('a chunk many pieces long is parsed a piece at a time, exactly, wherever the boundary text sits', () => {
  // Rows whose strings and nested lists repeat the boundary text (a few managedFields make cuts that are wrong ones).
  const rows = Array.from({ length: 6000 }, (_, i) => ({
    cells: [i % 7 === 0 ? `a},{"cells":"${i}` : `pod-${i}`, '"},{"', 'Running'],
    object: { metadata: { name: `p${i}`, uid: `u${i}`, managedFields: i % 500 === 0 ? [{ manager: 'a' }, { cells: ['},{"cells":'] }] : undefined } },
  }));
  const body = Buffer.from(JSON.stringify({ kind: 'Table', columnDefinitions: [{ name: 'Name' }], rows, metadata: { resourceVersion: '9' } }));
  assert.ok(body.length > 4 * PIECE_BYTES, `${body.length} bytes`);
  const expected = JSON.parse(body.toString());
  // The first chunk is read exactly (the columns, the first rows); the rest arrives as one chunk of many pieces.
  const whole = split(body, [300]);
  assert.deepEqual(rebuilt(whole), expected, 'one big chunk');
  assert.ok(whole.batches >= Math.floor(body.length / (2 * PIECE_BYTES)), `${whole.batches} pieces of a ${body.length}-byte chunk`);
  const r = rng(11);
  for (let k = 0; k < 10; k++) assert.deepEqual(rebuilt(split(body, randomCuts(body.length, r, 6))), expected, `cut ${k}`);
});
