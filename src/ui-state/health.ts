// How healthy a row looks (the store's one judgement, src/store/health.ts) and the colour it is painted in.
import { healthJudge, type Health } from '../store/health.js';
import type { Row, TableColumn } from './engine-types.js';

export type { Health };
export { healthJudge };

export function rowHealth(row: Row, columns: TableColumn[]): Health {
  return healthJudge(columns)(row);
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
