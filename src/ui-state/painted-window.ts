// What the last frame showed of a table: its row count, the store's size and the rows in the window (by identity).
// A store notification that changed none of these (every changed row is off screen, in place) needs no frame:
// the store update is all the work such an event costs. Rows are immutable (a change is a new Row object), so
// identity is the comparison.
import type { Row, RowView } from './engine-types.js';

export interface PaintedWindow {
  view: RowView;
  store: { readonly size: number };
  size: number;
  length: number;
  top: number;
  rows: Row[];
}

export function paintedWindow(view: RowView, store: { readonly size: number }, top: number, height: number): PaintedWindow {
  return { view, store, size: store.size, length: view.length, top, rows: view.rows(top, top + height) };
}

/** True when a frame painted now would show the same rows (reading the view applies its queued changes). */
export function windowUnchanged(p: PaintedWindow): boolean {
  if (p.view.length !== p.length || p.store.size !== p.size) return false;
  const now = p.view.rows(p.top, p.top + p.rows.length);
  if (now.length !== p.rows.length) return false;
  for (let i = 0; i < now.length; i++) if (now[i] !== p.rows[i]) return false;
  return true;
}
