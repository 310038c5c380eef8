// Relative times inside server-printed cells ("87 (0s ago)", an event's "28s", a cron job's "4m"). A Table gives
// them as text frozen at the moment the server printed the row, so the row keeps when it was received and the
// dashboard re-renders them at paint time: the server's text is the offset, the time since receipt is added.
// The error is at most one unit of what is shown ("45m" may have been 45m59s), the same as kubectl's own output.
import { humanDuration, parseHumanDuration } from './duration.js';
import type { Row, TableColumn } from './row.js';

/** How one column's cells tick: the whole cell is a duration, or `N (D ago)` like RESTARTS. */
export interface CellTick {
  form: 'duration' | 'restarts';
  /** Tick only while the cell at `index` reads `equals` (a job's DURATION runs only while it is Running). */
  while?: { index: number; equals: string };
}

/** Columns whose text is "time since" something, by the name the Kubernetes printers give them. */
const SINCE_COLUMNS = new Set(['age', 'last seen', 'first seen', 'last schedule']);

/** The tick of column `i` of a server Table, or undefined for cells that do not change with time. */
export function cellTick(columns: TableColumn[], i: number): CellTick | undefined {
  const col = columns[i];
  const name = col.name.toLowerCase();
  // A CRD's additionalPrinterColumns of type date are printed as the time since that date.
  if (col.type === 'date' || SINCE_COLUMNS.has(name)) return { form: 'duration' };
  if (name === 'restarts') return { form: 'restarts' };
  if (name === 'duration') {
    // printJob: now − startTime until the job completes, then completionTime − startTime (fixed).
    const status = columns.findIndex((c) => c.name.toLowerCase() === 'status');
    return status >= 0 ? { form: 'duration', while: { index: status, equals: 'Running' } } : undefined;
  }
  return undefined;
}

const RESTARTS = /^(\d+) \((\S+) ago\)$/;

/** The cell's value `elapsed` ms after the row was printed; anything that is not a relative time is returned as is. */
export function tickedCell(value: unknown, tick: CellTick, row: Row, now: number): unknown {
  if (typeof value !== 'string' || row.receivedAt === undefined) return value;
  if (tick.while && row.cells[tick.while.index] !== tick.while.equals) return value;
  const elapsed = Math.max(0, now - row.receivedAt);
  if (tick.form === 'restarts') {
    const m = RESTARTS.exec(value);
    const ms = m ? parseHumanDuration(m[2]) : undefined;
    return ms === undefined ? value : `${m![1]} (${humanDuration(ms + elapsed)} ago)`;
  }
  const ms = parseHumanDuration(value);
  return ms === undefined ? value : humanDuration(ms + elapsed);
}
