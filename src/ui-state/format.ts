// Text shaping for table cells: kubectl's human durations, ellipsis truncation, and column widths that fit.

/** kubectl's duration.HumanDuration: "42s", "3m5s", "2h10m", "4d3h", "1y20d". */
export function humanDuration(ms: number): string {
  if (ms < -1000) return '<invalid>';
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 120) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 10) return s % 60 === 0 ? `${m}m` : `${m}m${s % 60}s`;
  if (m < 180) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 8) return m % 60 === 0 ? `${h}h` : `${h}h${m % 60}m`;
  if (h < 48) return `${h}h`;
  const d = Math.floor(h / 24);
  if (d < 8) return h % 24 === 0 ? `${d}d` : `${d}d${h % 24}h`;
  if (d < 730) return `${d}d`;
  const y = Math.floor(d / 365);
  if (y < 8) return d % 365 === 0 ? `${y}y` : `${y}y${d % 365}d`;
  return `${y}y`;
}

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
