// KDECK_TRACE_FRAMES=file: records every terminal write (Ink's frames) and GC pause beside the dashboard's own marks
// (src/ui-state/frame-trace.ts) and writes them as JSON lines when kdeck exits. For bench/ui.ts; costs nothing unset.
import { writeFileSync } from 'node:fs';
import { PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';
import { startFrameTrace, traceEntries, traceMark, traceNow } from '../ui-state/frame-trace.js';

/** Starts tracing when `file` is set; returns what writes the trace out (call once, at exit). */
export function installFrameTrace(file: string | undefined, stdout: NodeJS.WriteStream = process.stdout): () => void {
  if (!file) return () => {};
  startFrameTrace();
  const write = stdout.write.bind(stdout) as (...a: unknown[]) => boolean;
  stdout.write = ((chunk: unknown, ...rest: unknown[]) => {
    const t = traceNow();
    const ok = write(chunk, ...rest);
    traceMark('write', t, traceNow() - t, typeof chunk === 'string' ? chunk.length : (chunk as Uint8Array).byteLength);
    return ok;
  }) as typeof stdout.write;
  const gc = new PerformanceObserver((list) => {
    for (const e of list.getEntries() as (PerformanceEntry & { detail?: { kind?: number } })[]) {
      traceMark('gc', performance.timeOrigin + e.startTime, e.duration, e.detail?.kind);
    }
  });
  gc.observe({ entryTypes: ['gc'] });
  return () => {
    gc.disconnect();
    try {
      writeFileSync(file, traceEntries().map((e) => JSON.stringify(e)).join('\n') + '\n');
    } catch {
      // a trace that cannot be written must not turn a clean exit into an error
    }
  };
}
