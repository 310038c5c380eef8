import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sameModel } from '../../src/ui-state/same-model.js';

test('models that paint the same text are the same, whatever their object identity', () => {
  const f = () => {};
  const a = { header: { phase: 'live', favourites: ['a', 'b'] }, body: { kind: 'table', rows: [{ uid: 'u1', text: 'x 40d', cursor: true }] }, onInput: f };
  const b = { header: { phase: 'live', favourites: ['a', 'b'] }, body: { kind: 'table', rows: [{ uid: 'u1', text: 'x 40d', cursor: true }] }, onInput: f };
  assert.equal(sameModel(a, b), true);
});

test('any difference a frame would show makes them differ', () => {
  const f = () => {};
  const base = () => ({ header: { phase: 'live', favourites: ['a'] }, body: { rows: [{ uid: 'u1', text: 'x 40d', cursor: true }] }, flash: undefined as unknown, onInput: f });
  const cases: [string, (m: ReturnType<typeof base>) => void][] = [
    ['a cell text', (m) => (m.body.rows[0]!.text = 'x 41d')],
    ['the cursor', (m) => (m.body.rows[0]!.cursor = false)],
    ['a row more', (m) => m.body.rows.push({ uid: 'u2', text: 'y', cursor: false })],
    ['a favourite', (m) => (m.header.favourites = ['b'])],
    ['a flash shown', (m) => (m.flash = { text: 'hi' })],
    ['a key removed', (m) => delete (m as Partial<typeof m>).flash],
    ['another function', (m) => (m.onInput = () => {})],
    ['an array for an object', (m) => ((m as Record<string, unknown>).body = [])],
    ['null for an object', (m) => ((m as Record<string, unknown>).header = null)],
    ['a number for its text', (m) => ((m.body.rows[0] as Record<string, unknown>).text = 5)],
  ];
  for (const [what, change] of cases) {
    const m = base();
    change(m);
    assert.equal(sameModel(base(), m), false, what);
    assert.equal(sameModel(m, base()), false, `${what} (the other way)`);
  }
});
