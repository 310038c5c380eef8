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

test('a flip paints the new context\'s rows on the table\'s existing row nodes (same React keys), a scroll keeps the keys of rows that stay', async () => {
  const React = await import('react');
  const { render } = await import('ink-testing-library');
  const { Text } = await import('ink');
  const { useDashboard } = await import('../../src/ui-state/use-dashboard.js');
  const { FakeBackend, row } = await import('./helpers/fakes.js');
  const contexts = [
    { name: 'one', cluster: 'c1', user: 'admin', namespace: 'default', current: true },
    { name: 'two', cluster: 'c2', user: 'admin', namespace: 'default', current: false },
  ];
  const backend = new FakeBackend(contexts, (k) => ({ rows: Array.from({ length: 30 }, (_, i) => row(`${k.context}-pod-${String(i).padStart(2, '0')}`)) }));
  const models: { context: string; rows: { name: string; key?: number }[] }[] = [];
  let onInput: ((input: string, k: ReturnType<typeof key>) => void) | undefined;
  function Probe() {
    const m = useDashboard({ backend, context: 'one', namespace: 'default', startResource: 'pods', version: '0', width: 100, height: 20, clockMs: 3_600_000, onQuit: () => {} });
    onInput = m.onInput;
    if (m.body.kind === 'table') models.push({ context: m.header.context, rows: m.body.rows.map((r) => ({ name: r.text.trim().split(/\s+/)[0]!, key: r.key })) });
    return React.createElement(Text, null, 'x');
  }
  const r = render(React.createElement(Probe));
  const until = async (pred: () => boolean, what: string) => {
    for (let i = 0; i < 300 && !pred(); i++) await new Promise((res) => setTimeout(res, 10));
    assert.ok(pred(), what);
  };
  const last = () => models[models.length - 1]!;
  const type = (s: string) => { for (const ch of s) onInput!(...keyOfCharFor(ch)); };
  const keyOfCharFor = (ch: string): [string, ReturnType<typeof key>] => (ch === '\r' ? ['', key({ return: true })] : [ch, key()]);
  try {
    await until(() => models.length > 0 && last().context === 'one' && last().rows.length > 0, 'context one rows');
    const one = last().rows;
    assert.ok(one.every((x) => typeof x.key === 'number'), 'each row has its key (else the table keys rows by uid)');
    type(':ctx two\r');
    await until(() => last().context === 'two' && last().rows.some((x) => x.name.startsWith('two-')), 'context two rows');
    const two = last().rows;
    assert.deepEqual(two.map((x) => x.key), one.map((x) => x.key), 'every row new: the same keys, in the same order');
    // Down past the last row on screen: the window scrolls by one; the rows that stay keep their keys.
    for (let i = 0; i < two.length; i++) type('j');
    await until(() => last().rows[0]?.name !== two[0]!.name, 'scrolled');
    const scrolled = last().rows;
    for (const x of scrolled) {
      const before = two.find((y) => y.name === x.name);
      if (before) assert.equal(x.key, before.key, `${x.name} kept its key`);
      else assert.ok(!two.some((y) => y.key === x.key), `${x.name} is new: a key no row had`);
    }
  } finally {
    r.unmount();
  }
});
