// How healthy a row looks (the store's one judgement, src/store/health.ts); its colour is the skin's (skin.ts).
import { healthJudge, type Health } from '../store/health.js';
import type { Row, TableColumn } from './engine-types.js';

export type { Health };
export { healthJudge };

export function rowHealth(row: Row, columns: TableColumn[]): Health {
  return healthJudge(columns)(row);
}
