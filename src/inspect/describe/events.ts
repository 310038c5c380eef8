// The Events table at the bottom of every describe, as kubectl's DescribeEvents prints it.
import { PrefixWriter, since, type Obj } from './writer.js';

/** Events sorted by last seen (oldest first, as kubectl sorts them). */
export function sortEvents(events: Obj[]): Obj[] {
  const t = (e: Obj) => Date.parse(e.lastTimestamp ?? e.series?.lastObservedTime ?? e.eventTime ?? e.firstTimestamp ?? '') || 0;
  return [...events].sort((a, b) => t(a) - t(b));
}

/** "5m", or "40s (x83 over 129m)" for an event seen more than once. */
export function eventAge(e: Obj, now: number): string {
  const first = e.eventTime ? since(e.eventTime, now) : since(e.firstTimestamp, now);
  if (e.series) return `${since(e.series.lastObservedTime, now)} (x${e.series.count} over ${first})`;
  if ((e.count ?? 0) > 1) return `${since(e.lastTimestamp, now)} (x${e.count} over ${first})`;
  return first;
}

export function describeEvents(w: PrefixWriter, events: Obj[] | undefined, now: number): void {
  if (!events) return;
  if (!events.length) return w.write(0, 'Events:\t<none>\n');
  w.flush();
  w.write(0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.write(1, '----\t------\t----\t----\t-------\n');
  for (const e of sortEvents(events)) {
    const from = e.source?.component || e.reportingController || e.reportingComponent || '';
    w.write(1, `${e.type ?? ''}\t${e.reason ?? ''}\t${eventAge(e, now)}\t${from}\t${String(e.message ?? '').trim()}\n`);
  }
}
