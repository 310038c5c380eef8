// How healthy a row looks, from its cells (the server's printed Status/Ready) and deletion mark.
import type { Row, TableColumn } from './engine-types.js';

export type Health = 'ok' | 'completed' | 'pending' | 'failing' | 'terminating';

const COMPLETED = new Set(['Completed', 'Succeeded', 'Complete']);
const PENDING = new Set(['Pending', 'ContainerCreating', 'PodInitializing', 'Init', 'NotReady', 'Suspended', 'SchedulingGated', 'Unknown', 'Terminating']);
const OK = new Set(['Running', 'Active', 'Ready', 'Bound', 'Available']);

function fraction(text: string): [number, number] | undefined {
  const m = /^(\d+)\/(\d+)/.exec(text);
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

export function rowHealth(row: Row, columns: TableColumn[]): Health {
  if (row.deletionTimestamp) return 'terminating';
  const statusAt = columns.findIndex((c) => c.name === 'Status');
  if (statusAt >= 0) {
    const status = String(row.cells[statusAt] ?? '');
    if (status === 'Terminating') return 'terminating';
    if (COMPLETED.has(status)) return 'completed';
    const head = status.split(/[:,]/)[0];
    if (head === 'Init' || PENDING.has(head)) return 'pending';
    if (!OK.has(head) && status !== '') return 'failing';
  }
  const readyAt = columns.findIndex((c) => c.name === 'Ready');
  if (readyAt >= 0) {
    const f = fraction(String(row.cells[readyAt] ?? ''));
    if (f && f[0] < f[1]) return 'pending';
  }
  return 'ok';
}

/** Ink colour per health; undefined means the terminal's default (and always undefined under NO_COLOR). */
export function healthColour(health: Health, noColor: boolean): string | undefined {
  if (noColor) return undefined;
  switch (health) {
    case 'ok': return undefined;
    case 'completed': return 'gray';
    case 'pending': return 'yellow';
    case 'failing': return 'red';
    case 'terminating': return 'magenta';
  }
}
