// `?`: the keys of the view underneath, generated from the key registry; Esc, ? or q close it.
import { ch, ctrl, helpFor, PROMPT_HELP } from '../keys.js';
import { displayWidth, fitWidth } from '../../text/sanitize.js';
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

/**
 * The help lines laid out in columns that fit `width`: each column as wide as its longest label plus its help,
 * cut with an ellipsis where needed, and always one space between columns (so they never run into each other).
 * Each screen row is a list of cells: the label (painted in the skin's key colour) and the rest.
 */
export function layoutHelp(lines: { label: string; help: string }[], height: number, width: number): { label: string; text: string }[][] {
  const perColumn = Math.max(1, height);
  const columns: { label: string; help: string }[][] = [];
  for (let i = 0; i < lines.length; i += perColumn) columns.push(lines.slice(i, i + perColumn));
  const colWidth = Math.max(20, Math.floor((width + 1) / Math.max(1, columns.length)));
  const out: { label: string; text: string }[][] = Array.from({ length: Math.min(perColumn, lines.length) }, () => []);
  columns.forEach((col, c) => {
    const inner = colWidth - 1; // the last character of every column but the last is the gap
    const labelW = Math.min(Math.max(...col.map((l) => displayWidth(l.label))), Math.floor(inner / 2));
    const last = c === columns.length - 1;
    col.forEach((l, r) => {
      const help = fitWidth(l.help, Math.max(0, inner - labelW - 1), { pad: !last });
      out[r].push({ label: fitWidth(l.label, labelW), text: ` ${help}${last ? '' : ' '}` });
    });
  });
  return out;
}
