// The one way a row action finds its row: the row under the cursor, as the last frame showed it.
import type { Row } from '../engine-types.js';
import type { ViewContext } from './types.js';

/**
 * The row under the cursor, or undefined when there is none. A row the last frame showed under the cursor that
 * is gone since (deleted, or filtered out by a change) is refused with a message: the row that took its place
 * was never shown there, and acting on it (delete, kill, shell) would act on a row the user did not pick.
 */
export function rowUnderCursor(ctx: ViewContext): Row | undefined {
  return cursorStillShown(ctx) ? ctx.data.rows?.rows(ctx.cursor, ctx.cursor + 1)[0] : undefined;
}

/** False (said on the flash line) when the row the last frame showed under the cursor is gone since. */
export function cursorStillShown(ctx: ViewContext): boolean {
  if (ctx.cursorGone === undefined) return true;
  ctx.flash(`${ctx.cursorGone} is no longer in the list: nothing done (the cursor is on the row shown there now)`, 'warn');
  return false;
}
