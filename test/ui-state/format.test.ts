import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { humanDuration, fitColumns, fitText } from '../../src/ui-state/format.js';

describe('format', () => {
  test('humanDuration follows kubectl', () => {
    assert.equal(humanDuration(42_000), '42s');
    assert.equal(humanDuration(185_000), '3m5s');
    assert.equal(humanDuration(180_000), '3m');
    assert.equal(humanDuration(65 * 60_000), '65m');
    assert.equal(humanDuration(4 * 3600_000 + 10 * 60_000), '4h10m');
    assert.equal(humanDuration(30 * 3600_000), '30h');
    assert.equal(humanDuration(3 * 86400_000 + 5 * 3600_000), '3d5h');
    assert.equal(humanDuration(100 * 86400_000), '100d');
    assert.equal(humanDuration(800 * 86400_000), '2y70d');
    assert.equal(humanDuration(-5000), '<invalid>');
  });
  test('fitText truncates with an ellipsis', () => {
    assert.equal(fitText('abcdef', 4), 'abc…');
    assert.equal(fitText('ab', 4), 'ab  ');
  });
  test('fitColumns shrinks the widest column to fit', () => {
    const w = fitColumns(['NAME', 'STATUS'], [['a-very-long-pod-name-indeed', 'Running']], 20);
    assert.equal(w.reduce((a, b) => a + b, 0) + 1, 20);
    assert.equal(w[1], 7);
  });
});

describe('cells from hostile servers', async () => {
  const { cellText, compactJson } = await import('../../src/ui-state/format.js');
  test('escape sequences are shown, not sent; a 10 MB cell is cut', () => {
    assert.equal(cellText('img\x1b[31mred'), 'img\\e[31mred');
    assert.ok(cellText('x'.repeat(10 * 1024 * 1024)).length <= 1024);
  });
  test('a cell nested 100,000 deep does not overflow the stack', () => {
    let deep: unknown = [];
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const text = cellText(deep);
    assert.ok(text.startsWith('[[[[') && text.includes('…'));
    assert.equal(compactJson({ a: [1, 'b', null, { c: true }] }, 100), '{"a":[1,"b",null,{"c":true}]}');
  });
  test('widths count display columns', () => {
    assert.deepEqual(fitColumns(['NAME'], [['日本語']], 80), [6]);
    assert.equal(fitText('日本語', 5), '日本…');
  });
});

describe('column widths (issue 17)', () => {
  test('spare width goes to the widest text column instead of cutting it at 60', () => {
    const msg = 'Back-off restarting failed container app in pod web-5d9c7b8f6-abcde_default(1234-5678)';
    const w = fitColumns(['LAST SEEN', 'TYPE', 'MESSAGE'], [['5s', 'Warning', msg]], 120);
    assert.equal(w[2], msg.length);
    assert.ok(w.reduce((a, b) => a + b, 0) + 2 <= 120);
  });
  test('columns that do not fit are left out whole from the right, never cut at the edge', () => {
    const headers = ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES'];
    const w = fitColumns(headers, [['web-1', '1/1', 'Running', '0', '5m', '10.0.0.1', 'node-1', '<none>', '<none>']], 50);
    const shown = w.filter((x) => x > 0);
    assert.ok(shown.reduce((a, b) => a + b, 0) + shown.length - 1 <= 50);
    assert.equal(w[w.length - 1], 0);
    assert.ok(w.indexOf(0) > 0 && w.slice(w.indexOf(0)).every((x) => x === 0), 'only trailing columns are left out');
  });
  test('a floor keeps widths from shrinking when the rows on screen are narrower', () => {
    assert.deepEqual(fitColumns(['NAME'], [['ab']], 80, 60, [12]), [12]);
  });
});
