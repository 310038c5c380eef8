// In-process frame timing for benchmarks (KDECK_TRACE_FRAMES=file, installed by src/app/frame-trace.ts): when a key
// was handled, how long the dashboard model took, when React committed, when Ink wrote to the terminal and every GC
// pause, so the key→frame tail can be attributed. Off (a no-op check) unless started. Keys are recorded by kind
// only, never their text (a prompt may hold anything).

export type TraceKind = 'key' | 'model' | 'commit' | 'write' | 'gc' | 'notify';

export interface TraceEntry {
  kind: TraceKind;
  /** Wall-clock ms (fractional): comparable with another process's `performance.timeOrigin + performance.now()`. */
  t: number;
  /** Duration in ms (model, write, gc). */
  ms?: number;
  /** Bytes written (write), GC kind (gc). */
  n?: number;
  /**
   * The process's CPU time so far (user + system, ms), on keys and writes: CPU spent between a key and its frame,
   * beside the wall time, tells computing apart from waiting for a core on a loaded machine.
   */
  cpu?: number;
}

/** Enough for minutes of frames at 60 a second; the trace stops growing past it. */
const MAX_ENTRIES = 500_000;

let entries: TraceEntry[] | undefined;

/** Wall-clock ms with sub-millisecond precision. */
export const traceNow = (): number => performance.timeOrigin + performance.now();

const cpuNowMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

export function startFrameTrace(): void {
  entries ??= [];
}

export function tracingFrames(): boolean {
  return entries !== undefined;
}

export function traceMark(kind: TraceKind, t = traceNow(), ms?: number, n?: number): void {
  if (!entries || entries.length >= MAX_ENTRIES) return;
  const e: TraceEntry = { kind, t };
  if (ms !== undefined) e.ms = ms;
  if (n !== undefined) e.n = n;
  if (kind === 'key' || kind === 'write') e.cpu = cpuNowMs();
  entries.push(e);
}

export function traceEntries(): readonly TraceEntry[] {
  return entries ?? [];
}
