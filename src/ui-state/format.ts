// Text shaping for table cells: kubectl's human durations, ellipsis truncation, and column widths that fit.
import { humanDuration } from '../api/duration.js';

export { humanDuration };

/** Age of an RFC3339 timestamp at `now`, or "<unknown>" when absent/unparseable. */
export function ageOf(timestamp: string | undefined, now: number): string {
  if (!timestamp) return '<unknown>';
  const t = Date.parse(timestamp);
  return Number.isNaN(t) ? '<unknown>' : humanDuration(now - t);
}

/** Cuts `text` to `width` characters, ending with an ellipsis when cut; pads to `width` when `pad`. */
export function fitText(text: string, width: number, pad = true): string {
  if (width <= 0) return '';
  if (text.length > width) return width === 1 ? '…' : text.slice(0, width - 1) + '…';
  return pad ? text.padEnd(width) : text;
}

/** A cell as kubectl prints it. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '<none>';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/**
 * Column widths for a table `totalWidth` wide with one space between columns: each column wants the width of its
 * widest header or sampled cell (capped so one long cell cannot starve the rest); when they do not fit, the widest
 * columns give up width first, never below a small minimum. Only the visible window is sampled, so this is cheap.
 */
export function fitColumns(headers: string[], rows: string[][], totalWidth: number, maxColumn = 60): number[] {
  const wants = headers.map((h, i) => {
    let w = h.length;
    for (const r of rows) w = Math.max(w, (r[i] ?? '').length);
    return Math.min(w, maxColumn);
  });
  const gaps = Math.max(0, headers.length - 1);
  let excess = wants.reduce((a, b) => a + b, 0) + gaps - totalWidth;
  const widths = [...wants];
  const min = (i: number) => Math.min(wants[i], Math.max(3, Math.min(headers[i].length, 8)));
  while (excess > 0) {
    let widest = -1;
    for (let i = 0; i < widths.length; i++) {
      if (widths[i] > min(i) && (widest < 0 || widths[i] > widths[widest])) widest = i;
    }
    if (widest < 0) break;
    widths[widest]--;
    excess--;
  }
  return widths;
}
