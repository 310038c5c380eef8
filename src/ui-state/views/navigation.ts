// The handler of the keys every table-like view shares (keys.ts NAVIGATION_KEYS): moving the cursor, modes,
// back, last view and command history, quit. A view module sees an action first and may take it over.
import { moveCursor, type Move } from '../cursor.js';
import type { ViewContext } from './types.js';
import { panelView } from '../views.js';

const MOVES: Record<string, Move> = { up: 'up', down: 'down', top: 'top', bottom: 'bottom', pageDown: 'pageDown', pageUp: 'pageUp' };

export function navigate(action: string, ctx: ViewContext): boolean {
  const move = MOVES[action];
  if (move) {
    const i = moveCursor(ctx.cursor, move, ctx.list.length, ctx.tableHeight);
    ctx.dispatch({ type: 'patchTop', patch: { cursorIndex: i, cursorUid: ctx.list.uidAt(i) } });
    return true;
  }
  switch (action) {
    case 'quit':
      ctx.quit();
      return true;
    case 'command':
    case 'filter':
    case 'help':
      ctx.dispatch({ type: 'mode', mode: action });
      return true;
    case 'back':
      ctx.dispatch({ type: 'back' });
      return true;
    case 'aliases':
      ctx.dispatch({ type: 'push', view: panelView('aliases') });
      return true;
    case 'lastView':
    case 'historyBack':
    case 'historyForward': {
      const c = ctx.state.commands;
      const target = action === 'historyForward' ? c.index + 1 : c.index - 1;
      const line = c.entries[target];
      if (!line) {
        ctx.flash(action === 'lastView' ? 'no previous view' : 'no more history', 'info');
        return true;
      }
      // `-` toggles: it records the command so pressing it again comes back; [ and ] only move the pointer.
      if (action === 'lastView') ctx.execute(line, true);
      else ctx.execute(line, false, target);
      return true;
    }
  }
  return false;
}
