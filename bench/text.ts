// `npm run bench`: the cost of the outside-text sanitiser per painted cell, against its peers in the same run.
// 50,000 cells of three kinds (plain ASCII, mixed CJK/emoji/accents, hostile with escape sequences), each fitted
// to a 24-column cell:
//   floor       - fitText from the table model before sanitising (code-unit widths, nothing escaped: unsafe)
//   kdeck       - safeCell: sanitise + display width + fit/pad
//   ink-libs    - the width libraries Ink itself uses: strip-ansi + string-width + slice-ansi + pad (strips, never shows)
// Prints ns per cell (median of 7 runs) and the ratio against the floor.
import stringWidth from 'string-width';
import stripAnsi from 'strip-ansi';
import sliceAnsi from 'slice-ansi';
import { fitText } from '../src/ui-state/format.js';
import { safeCell } from '../src/text/sanitize.js';

const CELLS = 50_000;
const WIDTH = 24;

function corpus(kind: 'ascii' | 'mixed' | 'hostile'): string[] {
  const out: string[] = [];
  for (let i = 0; i < CELLS; i++) {
    if (kind === 'ascii') out.push(i % 3 === 0 ? `nginx-deployment-7c9f8d-${i}` : i % 3 === 1 ? 'Running' : `10.0.${i % 255}.${i % 7}`);
    else if (kind === 'mixed') out.push(i % 3 === 0 ? `サービス-${i}-日本` : i % 3 === 1 ? `café-👍🏽-${i}` : `Ελληνικά ${i} ✓`);
    else out.push(i % 2 === 0 ? `evil\x1b]2;PWNED\x07\x1b[2J\x1b[31m${i}` : `a\u202eb\x00c-${i}`);
  }
  return out;
}

const peers: Record<string, (s: string) => string> = {
  floor: (s) => fitText(s, WIDTH),
  kdeck: (s) => safeCell(s, WIDTH),
  'ink-libs': (s) => {
    const t = stripAnsi(s);
    const w = stringWidth(t);
    if (w > WIDTH) return sliceAnsi(t, 0, WIDTH - 1) + '…';
    return t + ' '.repeat(WIDTH - w);
  },
};

function timeNsPerCell(fn: (s: string) => string, cells: string[]): number {
  const runs: number[] = [];
  let sink = 0;
  for (let r = 0; r < 7; r++) {
    const t0 = process.hrtime.bigint();
    for (const c of cells) sink += fn(c).length;
    runs.push(Number(process.hrtime.bigint() - t0) / cells.length);
  }
  if (sink < 0) console.log(sink);
  return runs.sort((a, b) => a - b)[3];
}

console.log(`\nText sanitiser: ns per ${WIDTH}-column cell over ${CELLS.toLocaleString()} cells (median of 7), ratio to floor`);
console.log(['cells'.padEnd(9), ...Object.keys(peers).map((p) => p.padStart(18))].join(''));
for (const kind of ['ascii', 'mixed', 'hostile'] as const) {
  const cells = corpus(kind);
  for (const fn of Object.values(peers)) timeNsPerCell(fn, cells.slice(0, 5000)); // warm up
  const ns = Object.fromEntries(Object.entries(peers).map(([name, fn]) => [name, timeNsPerCell(fn, cells)]));
  const row = Object.keys(peers).map((p) => `${ns[p].toFixed(0)} ns (${(ns[p] / ns.floor).toFixed(1)}×)`.padStart(18));
  console.log([kind.padEnd(9), ...row].join(''));
}
