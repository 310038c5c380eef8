// The table body as Ink gets it: a row's trailing padding is handed over only where it shows (the cursor's reverse
// video, a marked row's underline, a background), so Ink tokenises fewer characters each frame while the screen
// stays the same; a blank row keeps its line.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { render } from 'ink-testing-library';
import chalk from 'chalk';
import { Table } from '../../components/Table.js';
import { DEFAULT_PALETTE } from '../../src/ui-state/skin.js';
import type { PaintedRow } from '../../src/ui-state/table-model.js';

const WIDTH = 100; // ink-testing-library's terminal
const level = chalk.level;
after(() => (chalk.level = level));

const padded = (s: string) => s.padEnd(WIDTH);
const rows: PaintedRow[] = [
  { uid: 'a', text: padded('web-1   Running'), health: 'ok', cursor: true },
  { uid: 'b', text: padded('web-2   Running'), health: 'ok', cursor: false },
  { uid: 'c', text: padded('web-3   CrashLoopBackOff'), health: 'failing', cursor: false },
  { uid: 'd', text: padded('web-4   Running'), health: 'ok', cursor: false, marked: true },
  { uid: 'e', text: padded(''), health: 'ok', cursor: false },
  { uid: 'f', text: padded('web-6   Running'), health: 'ok', cursor: false },
];

function frame(palette = DEFAULT_PALETTE): string[] {
  chalk.level = 1;
  const r = render(<Table header="NAME    STATUS" rows={rows} height={rows.length} stale={false} palette={palette} />);
  const f = r.lastFrame() ?? '';
  r.unmount();
  return f.split('\n');
}
// eslint-disable-next-line no-control-regex
const plain = (l: string) => l.replace(/\x1b\[[0-9;]*m/g, '');
/** The characters between an SGR that turns `on` on and the next one that turns it off. */
const styled = (l: string, on: string, off: string) => l.slice(l.indexOf(on) + on.length, l.indexOf(off, l.indexOf(on)));

test('the cursor and a marked row are painted across the whole width', () => {
  const lines = frame();
  assert.equal(styled(lines[1]!, '\x1b[7m', '\x1b[27m').length, WIDTH, 'the cursor bar spans the width');
  assert.equal(plain(styled(lines[4]!, '\x1b[4m', '\x1b[24m')).length, WIDTH, 'the mark underline spans the width');
});

test('a coloured row stops at its last character: no painted padding', () => {
  const failing = frame()[3]!;
  assert.equal(styled(failing, '\x1b[31m', '\x1b[39m'), 'web-3   CrashLoopBackOff');
});

test('a table background keeps the padding (it shows)', () => {
  const line = frame({ ...DEFAULT_PALETTE, tableBg: 'blue' })[2]!;
  assert.equal(styled(line, '\x1b[44m', '\x1b[49m').length, WIDTH);
});

test('a blank row keeps its line; the rows below stay where they were', () => {
  const lines = frame().map(plain);
  assert.equal(lines.length, 1 + rows.length);
  assert.equal(lines[5]!.trim(), '');
  assert.equal(lines[6]!.trimEnd(), 'web-6   Running');
});
