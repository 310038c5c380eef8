// The one judgement of how healthy a row is, from its printed Status and Ready cells and its deletion mark.
// The table paints rows by it (ui-state) and Ctrl-Z ("faults only") filters by it (row-order.ts), so a row that
// is painted healthy is never listed as a fault, and the other way round.
import type { Row, TableColumn } from '../api/row.js';

export type Health = 'ok' | 'completed' | 'pending' | 'failing' | 'terminating';

const COMPLETED = new Set(['completed', 'succeeded', 'complete']);
const PENDING = new Set(['pending', 'containercreating', 'podinitializing', 'init', 'notready', 'suspended', 'schedulinggated', 'unknown']);
/** "True" is how condition-style Status columns (e.g. of CRDs) say healthy. */
const OK = new Set(['running', 'active', 'ready', 'bound', 'available', 'true']);

/** A judge for rows with these columns (the column lookup is done once, not per row). */
export function healthJudge(columns: TableColumn[]): (row: Row) => Health {
  const statusAt = columns.findIndex((c) => /^status$/i.test(c.name));
  const readyAt = columns.findIndex((c) => /^ready$/i.test(c.name));
  // Events: a Warning is what needs a look (and is painted so); a Normal event is fine.
  const eventTypeAt = statusAt < 0 && columns.some((c) => /^reason$/i.test(c.name)) ? columns.findIndex((c) => /^type$/i.test(c.name)) : -1;
  return (row) => {
    if (row.deletionTimestamp) return 'terminating';
    if (eventTypeAt >= 0) return row.cells[eventTypeAt] === 'Warning' ? 'failing' : 'ok';
    const status = statusAt >= 0 && typeof row.cells[statusAt] === 'string' ? (row.cells[statusAt] as string).toLowerCase() : '';
    if (status === 'terminating') return 'terminating';
    if (COMPLETED.has(status)) return 'completed';
    const head = status.split(/[:,]/)[0];
    if (PENDING.has(head)) return 'pending';
    if (status !== '' && !OK.has(head)) return 'failing';
    const ready = readyAt >= 0 ? /^(\d+)\/(\d+)$/.exec(String(row.cells[readyAt] ?? '')) : null;
    if (ready && Number(ready[1]) < Number(ready[2])) return 'pending';
    return 'ok';
  };
}

/** Ctrl-Z's question: does the row need a look? Everything but healthy and finished. */
export function isFault(h: Health): boolean {
  return h !== 'ok' && h !== 'completed';
}
