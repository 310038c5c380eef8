// :pulses — the cluster at a glance, from the rows the informers already hold (no polling; metrics excepted):
// pods by health, deployments ready or not, nodes ready, warning events per minute, and CPU/MEM sparklines.
import { parseHumanDuration } from '../api/duration.js';
import type { Row, TableColumn } from '../api/row.js';
import { healthJudge, type Health } from '../store/health.js';

export const PULSE_MINUTES = 10;
/** Metrics samples kept: 10 minutes at the 15 s refresh. */
export const USAGE_SAMPLES = 40;

const at = (columns: TableColumn[], name: string) => columns.findIndex((c) => c.name.toLowerCase() === name.toLowerCase());
const text = (row: Row, i: number) => (i >= 0 ? String(row.cells[i] ?? '') : '');

export function countPods(rows: Row[], columns: TableColumn[]): Record<Health, number> {
  const judge = healthJudge(columns);
  const out: Record<Health, number> = { ok: 0, pending: 0, failing: 0, completed: 0, terminating: 0 };
  for (const r of rows) out[judge(r)]++;
  return out;
}

/** Ready when READY reads n/n (and n > 0, or the deployment is scaled to zero on purpose: 0/0). */
export function countDeployments(rows: Row[], columns: TableColumn[]): { ready: number; notReady: number } {
  const i = at(columns, 'Ready');
  let ready = 0;
  for (const r of rows) {
    const m = /^(\d+)\/(\d+)$/.exec(text(r, i));
    if (m && m[1] === m[2]) ready++;
  }
  return { ready, notReady: rows.length - ready };
}

export function countNodes(rows: Row[], columns: TableColumn[]): { ready: number; notReady: number } {
  const i = at(columns, 'Status');
  let ready = 0;
  for (const r of rows) if (text(r, i).split(',')[0] === 'Ready') ready++;
  return { ready, notReady: rows.length - ready };
}

/**
 * Warning events per minute over the last `minutes`, oldest first: each Warning event counts in the minute it
 * was last seen (from LAST SEEN, else its creation).
 */
export function warningsPerMinute(rows: Row[], columns: TableColumn[], now: number, minutes = PULSE_MINUTES): number[] {
  const type = at(columns, 'Type');
  const seen = at(columns, 'Last Seen');
  const buckets = new Array<number>(minutes).fill(0);
  for (const r of rows) {
    if (text(r, type) !== 'Warning') continue;
    const ago = parseHumanDuration(text(r, seen).trim()) ?? (r.creationTimestamp ? now - Date.parse(r.creationTimestamp) : undefined);
    if (ago === undefined || ago < 0) continue;
    const minute = Math.floor(ago / 60_000);
    if (minute < minutes) buckets[minutes - 1 - minute]++;
  }
  return buckets;
}

const BARS = '▁▂▃▄▅▆▇█';

/** A sparkline of `values` (0..max), the newest on the right, padded on the left to `width` with spaces. */
export function sparkline(values: number[], width: number, max = Math.max(1e-9, ...values)): string {
  const v = values.slice(-width);
  const line = v.map((x) => BARS[Math.max(0, Math.min(BARS.length - 1, Math.round((x / max) * (BARS.length - 1))))]).join('');
  return line.padStart(width, ' ');
}

/** Cluster CPU and memory use as fractions of allocatable, one sample per metrics refresh, the last 10 minutes. */
export class UsageHistory {
  private readonly samples: { at: number; cpu: number; mem: number }[] = [];

  push(at: number, cpu: number, mem: number): void {
    const last = this.samples[this.samples.length - 1];
    if (last && last.at === at) return;
    this.samples.push({ at, cpu, mem });
    while (this.samples.length > USAGE_SAMPLES) this.samples.shift();
  }

  series(now: number): { cpu: number[]; mem: number[] } {
    const recent = this.samples.filter((s) => now - s.at <= PULSE_MINUTES * 60_000);
    return { cpu: recent.map((s) => s.cpu), mem: recent.map((s) => s.mem) };
  }
}
