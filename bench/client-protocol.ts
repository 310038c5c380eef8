// What every measured client process does besides its own work: report "synced" with RSS, then on
// the parent's request open a measurement window (CPU, events, latencies) and report it.

export interface SyncReport {
  synced: true;
  syncMs: number;
  /** CPU spent from start to synced: less disturbed than wall time on a shared machine. */
  syncCpuMs: number;
  rssMb: number;
  rows: number;
}
export interface WindowReport {
  window: true;
  events: number;
  cpuMs: number;
  p50?: number;
  p99?: number;
}

/** Taken when this module loads, i.e. just before the client's own code starts. */
const cpuAtStart = process.cpuUsage();
const latencies: number[] = [];
let events = 0;
let cpuStart = process.cpuUsage();
let measuring = false;

/** Call for each received change; changedAt is the simulator's stamp (ms since epoch), when present. */
export function recordEvent(changedAt: string | undefined): void {
  if (!measuring) return;
  events++;
  if (changedAt) latencies.push(Date.now() - Number(changedAt));
}

export function reportSynced(startedAt: number, rows: number): void {
  const cpu = process.cpuUsage(cpuAtStart);
  process.send!({ synced: true, syncMs: Date.now() - startedAt, syncCpuMs: (cpu.user + cpu.system) / 1000, rssMb: process.memoryUsage().rss / 1048576, rows } satisfies SyncReport);
}

export function percentile(sorted: number[], p: number): number | undefined {
  if (sorted.length === 0) return undefined;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Handles { begin } / { end } from the parent; { exit } ends the process. */
export function serveWindows(onExit: () => Promise<void> | void): void {
  process.on('message', async (m: { begin?: boolean; end?: boolean; exit?: boolean }) => {
    if (m.begin) {
      latencies.length = 0;
      events = 0;
      cpuStart = process.cpuUsage();
      measuring = true;
      process.send!({ begun: true });
    }
    if (m.end) {
      measuring = false;
      const cpu = process.cpuUsage(cpuStart);
      const sorted = latencies.slice().sort((a, b) => a - b);
      process.send!({ window: true, events, cpuMs: (cpu.user + cpu.system) / 1000, p50: percentile(sorted, 50), p99: percentile(sorted, 99) } satisfies WindowReport);
    }
    if (m.exit) {
      await onExit();
      process.exit(0);
    }
  });
}
