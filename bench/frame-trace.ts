// Reads kdeck's KDECK_TRACE_FRAMES file (src/ui-state/frame-trace.ts) and attributes each keypress's frame: when the
// key was handled, when the frame that shows it was written, and what the time went to (dashboard model, GC, the
// rest: React reconciliation, Ink layout and any frame-rate wait).
import { readFileSync } from 'node:fs';

export interface TraceEntry {
  kind: 'key' | 'model' | 'commit' | 'write' | 'gc' | 'notify';
  t: number;
  ms?: number;
  n?: number;
  /** kdeck's CPU time so far (ms), on keys and writes (traces since session 5). */
  cpu?: number;
}

export interface KeyFrame {
  /** Which of the keys sent (its index in `sent`). */
  index: number;
  /** Key handled → its frame written (end of the write), inside kdeck. */
  inProcessMs: number;
  /** Key sent (before tmux send-keys ran) → frame written: includes tmux and any wait before kdeck read the key. */
  sentToWrittenMs: number;
  /** GC pauses between the key being sent and the frame written. */
  gcMs: number;
  /** Dashboard model time (useDashboard) in the same interval. */
  modelMs: number;
  /**
   * kdeck's CPU time (all its threads) from the key handled to its frame written; the rest of inProcessMs is waiting
   * (for a core, on a loaded machine). NaN when the trace has no CPU marks.
   */
  cpuMs: number;
}

export function readTrace(file: string): TraceEntry[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as TraceEntry)
    .sort((a, b) => a.t - b.t);
}

/** A frame is one write: since session 6 with its synchronized-output marks (scripts/ink-frames.mjs); builds before wrote the 8-byte marks apart, and those are not frames. */
const isFrame = (e: TraceEntry) => e.kind === 'write' && (e.n ?? 0) > 16;

/**
 * For each key sent at `sent[i]` (wall-clock ms, in order): the first key kdeck handled after it and the first frame
 * written after that. A key that kdeck never handled or never painted is left out (the count says so).
 */
export function keyFrames(entries: TraceEntry[], sent: number[]): KeyFrame[] {
  const keys = entries.filter((e) => e.kind === 'key');
  const frames = entries.filter(isFrame);
  const out: KeyFrame[] = [];
  let ki = 0;
  let fi = 0;
  for (let i = 0; i < sent.length; i++) {
    const s = sent[i]!;
    const until = sent[i + 1] ?? Number.POSITIVE_INFINITY;
    while (ki < keys.length && keys[ki]!.t < s) ki++;
    const key = keys[ki];
    if (!key || key.t >= until) continue;
    ki++;
    while (fi < frames.length && frames[fi]!.t < key.t) fi++;
    const frame = frames[fi];
    if (!frame) continue;
    const end = frame.t + (frame.ms ?? 0);
    const within = (e: TraceEntry) => e.t + (e.ms ?? 0) > s && e.t < end;
    const sum = (kind: TraceEntry['kind']) => entries.filter((e) => e.kind === kind && within(e)).reduce((a, e) => a + (e.ms ?? 0), 0);
    const cpuMs = key.cpu !== undefined && frame.cpu !== undefined ? frame.cpu - key.cpu : Number.NaN;
    out.push({ index: i, inProcessMs: end - key.t, sentToWrittenMs: end - s, gcMs: sum('gc'), modelMs: sum('model'), cpuMs });
  }
  return out;
}

/** GC pauses in [from, to]: count, total and longest, ms. */
export function gcPauses(entries: TraceEntry[], from = -Infinity, to = Infinity): { count: number; totalMs: number; maxMs: number } {
  const gcs = entries.filter((e) => e.kind === 'gc' && e.t >= from && e.t <= to);
  return { count: gcs.length, totalMs: gcs.reduce((a, e) => a + (e.ms ?? 0), 0), maxMs: Math.max(0, ...gcs.map((e) => e.ms ?? 0)) };
}

/** Frames written and dashboard renders in [from, to]. */
export function frameCounts(entries: TraceEntry[], from = -Infinity, to = Infinity): { frames: number; models: number; modelMs: number } {
  const inside = entries.filter((e) => e.t >= from && e.t <= to);
  const models = inside.filter((e) => e.kind === 'model');
  return { frames: inside.filter(isFrame).length, models: models.length, modelMs: models.reduce((a, e) => a + (e.ms ?? 0), 0) };
}
