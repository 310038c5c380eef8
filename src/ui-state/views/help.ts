// `?`: the keys of the view underneath, generated from the key registry; Esc, ? or q close it.
import { ch, ctrl, helpFor, PROMPT_HELP } from '../keys.js';
import type { ViewModule } from './types.js';

export const helpView: ViewModule = {
  id: 'help',
  kind: 'help',
  navigation: false,
  keys: [
    { action: 'close', label: 'Esc/?/q', help: 'close help', match: (i, k) => k.escape || ch('?')(i, k) || ch('q')(i, k) },
    { action: 'quit', label: 'Ctrl-C', help: 'quit', match: ctrl('c') },
  ],
  onAction(action, ctx) {
    if (action === 'close') ctx.dispatch({ type: 'mode', mode: 'table' });
    else if (action === 'quit') ctx.quit();
    else return false;
    return true;
  },
  list: () => ({ length: 0, uidAt: () => undefined, indexOf: () => -1 }),
  body(ctx) {
    const base = ctx.base;
    const prompt = base.kind === 'resource' ? PROMPT_HELP.map((p) => ({ label: `prompt ${p.label}`, help: p.help })) : [];
    return { kind: 'help', title: `help: ${base.kind === 'resource' ? 'resource' : base.id} view`, lines: [...helpFor(base, ctx.keyContext), ...prompt] };
  },
};
