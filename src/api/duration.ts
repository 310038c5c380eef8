// kubectl's human duration (apimachinery util/duration.HumanDuration): printed for Age cells we build ourselves, and
// read back from the server's cells (relative times that tick, sorting and counting by LAST SEEN).

export function humanDuration(ms: number): string {
  if (!Number.isFinite(ms)) return '<unknown>';
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
  if (d < 365 * 2) return `${d}d`;
  const y = Math.floor(d / 365);
  if (y < 8) return d % 365 === 0 ? `${y}y` : `${y}y${d % 365}d`;
  return `${y}y`;
}

const UNIT_MS: Record<string, number> = { y: 365 * 86_400_000, d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000 };
const DURATION = /^(?:\d+[ydhms])+$/;

/** Milliseconds of a HumanDuration text ("3h12m", "45d", "0s"), or undefined when it is not one. */
export function parseHumanDuration(text: string): number | undefined {
  if (!DURATION.test(text)) return undefined;
  let ms = 0;
  let last = Infinity;
  for (const m of text.matchAll(/(\d+)([ydhms])/g)) {
    const unit = UNIT_MS[m[2]];
    if (unit >= last) return undefined; // "5m3h" is not kubectl's
    last = unit;
    ms += Number(m[1]) * unit;
  }
  return ms;
}
