// Cursor and scrolling over a virtual list: only indices are computed, rows are fetched for the window alone.

/** Where the cursor is now: on its uid if that row still exists, else the same index clamped to the list. */
export function followCursor(indexOfUid: number, lastIndex: number, length: number): number {
  if (length <= 0) return 0;
  if (indexOfUid >= 0) return indexOfUid;
  return Math.max(0, Math.min(lastIndex, length - 1));
}

export type Move = 'up' | 'down' | 'top' | 'bottom' | 'pageDown' | 'pageUp';

export function moveCursor(index: number, move: Move, length: number, page: number): number {
  if (length <= 0) return 0;
  const p = Math.max(1, page);
  const next = {
    up: index - 1,
    down: index + 1,
    top: 0,
    bottom: length - 1,
    pageDown: index + p,
    pageUp: index - p,
  }[move];
  return Math.max(0, Math.min(length - 1, next));
}

/** The first visible row so that the cursor stays on screen, moving the window as little as possible. */
export function scrollTop(cursor: number, previousTop: number, height: number, length: number): number {
  if (height <= 0 || length <= height) return 0;
  let top = Math.min(previousTop, length - height);
  if (cursor < top) top = cursor;
  if (cursor >= top + height) top = cursor - height + 1;
  return Math.max(0, top);
}
