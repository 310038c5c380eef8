// Text shaping for table cells: kubectl's human durations, ellipsis truncation, and column widths that fit.
// Widths are display columns (a CJK character or an emoji takes two, a combining mark none), and a cell's text is
// sanitised as it is made from server data, so what is measured is what is shown.
import { humanDuration } from '../api/duration.js';
import { displayWidth, fitWidth, safeCell, sanitize } from '../text/sanitize.js';

export { humanDuration };

/** Age of an RFC3339 timestamp at `now`, or "<unknown>" when absent/unparseable. */
export function ageOf(timestamp: string | undefined, now: number): string {
  if (!timestamp) return '<unknown>';
  const t = Date.parse(timestamp);
  return Number.isNaN(t) ? '<unknown>' : humanDuration(now - t);
}

/** Cuts `text` to `width` display columns, ending with an ellipsis when cut; pads to `width` when `pad`. */
export function fitText(text: string, width: number, pad = true): string {
  return fitWidth(text, width, { pad });
}

/** Longest cell text kept: a 10 MB label must not cost 10 MB per frame (the cell shows a few dozen columns). */
const MAX_CELL = 1024;

/**
 * JSON of a cell value, cut at `max` characters and 32 levels: a hostile server may nest a cell 100,000 deep
 * (JSON.stringify would overflow the stack mid-render) or send megabytes of it.
 */
export function compactJson(value: unknown, max: number): string {
  let out = '';
  const walk = (v: unknown, depth: number): void => {
    if (out.length > max) return;
    if (depth > 32) {
      out += '…';
      return;
    }
    if (Array.isArray(v)) {
      out += '[';
      for (let i = 0; i < v.length && out.length <= max; i++) {
        if (i) out += ',';
        walk(v[i], depth + 1);
      }
      out += ']';
    } else if (v && typeof v === 'object') {
      out += '{';
      let first = true;
      for (const [k, x] of Object.entries(v)) {
        if (out.length > max) break;
        out += `${first ? '' : ','}${JSON.stringify(k)}:`;
        first = false;
        walk(x, depth + 1);
      }
      out += '}';
    } else out += JSON.stringify(v) ?? 'null';
  };
  walk(value, 0);
  return out.length > max ? out.slice(0, max) : out;
}

/**
 * A cell as kubectl prints it, made safe to paint: control characters and escape sequences from the server
 * (an image named `evil\e]2;…`, a label, a status message) are shown escaped, never sent to the terminal.
 */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '<none>';
  const text = typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : compactJson(value, MAX_CELL);
  return text.length > MAX_CELL ? safeCell(text, MAX_CELL, { pad: false }) : sanitize(text);
}

/**
 * Column widths for a table `totalWidth` wide with one space between columns. Each column wants the width of its
 * widest header or cell (`floor`: what it wanted before, so widths only grow while a view is open and do not jump
 * when scrolling or re-sorting); wants are capped at `maxColumn` so one long cell cannot starve the rest, and
 * width left over goes back to the capped columns (an events MESSAGE), widest first. When they do not fit, the
 * widest give up width first, never below a small minimum; columns that still do not fit are left out (width 0)
 * from the right, so the last column shown is never cut at the screen edge.
 */
export function columnWants(headers: string[], rows: string[][], floor: number[] = []): number[] {
  return headers.map((h, i) => {
    let w = Math.max(displayWidth(h), floor[i] ?? 0);
    for (const r of rows) w = Math.max(w, displayWidth(r[i] ?? ''));
    return w;
  });
}

export function fitColumns(headers: string[], rows: string[][], totalWidth: number, maxColumn = 60, floor: number[] = []): number[] {
  const raw = columnWants(headers, rows, floor);
  const wants = raw.map((w) => Math.min(w, maxColumn));
  const gaps = Math.max(0, headers.length - 1);
  let excess = wants.reduce((a, b) => a + b, 0) + gaps - totalWidth;
  const widths = [...wants];
  // Spare width back to the capped columns, the widest text first.
  for (let spare = -excess; spare > 0; ) {
    let widest = -1;
    for (let i = 0; i < widths.length; i++) if (raw[i] > widths[i] && (widest < 0 || raw[i] > raw[widest])) widest = i;
    if (widest < 0) break;
    const give = Math.min(spare, raw[widest] - widths[widest]);
    widths[widest] += give;
    spare -= give;
    excess += give;
  }
  const min = (i: number) => Math.min(wants[i], Math.max(3, Math.min(displayWidth(headers[i]), 8)));
  while (excess > 0) {
    let widest = -1;
    for (let i = 0; i < widths.length; i++) {
      if (widths[i] > min(i) && (widest < 0 || widths[i] > widths[widest])) widest = i;
    }
    if (widest < 0) break;
    widths[widest]--;
    excess--;
  }
  for (let i = widths.length - 1; excess > 0 && i > 0; i--) {
    excess -= widths[i] + 1;
    widths[i] = 0;
  }
  return widths;
}
