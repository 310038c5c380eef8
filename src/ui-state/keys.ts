// The one key registry: every binding with its action, where it applies and its help text.
// Key handling and the `?` help screen both read this table, so help can never drift from behaviour.
import type { Key } from 'ink';

export type Mode = 'table' | 'command' | 'filter' | 'help';
export type Scope = 'table' | 'resource' | 'contexts' | 'prompt' | 'help';

export type Action =
  | 'up' | 'down' | 'top' | 'bottom' | 'pageDown' | 'pageUp'
  | 'enter' | 'back' | 'command' | 'filter' | 'help' | 'quit'
  | 'allNamespaces' | 'favourite'
  | 'lastView' | 'historyBack' | 'historyForward'
  | 'sortName' | 'sortAge' | 'sortStatus' | 'pickLeft' | 'pickRight' | 'sortPicked'
  | 'wide' | 'faults';

export interface Binding {
  action: Action;
  /** As shown in help and hints. */
  label: string;
  help: string;
  scope: Scope;
  match(input: string, key: Key): boolean;
}

const plain = (k: Key) => !k.ctrl && !k.meta;
const ch = (c: string) => (input: string, key: Key) => input === c && plain(key);

export const BINDINGS: Binding[] = [
  { action: 'up', label: 'k/↑', help: 'up', scope: 'table', match: (i, k) => k.upArrow && !k.shift || ch('k')(i, k) },
  { action: 'down', label: 'j/↓', help: 'down', scope: 'table', match: (i, k) => k.downArrow && !k.shift || ch('j')(i, k) },
  { action: 'top', label: 'g', help: 'top', scope: 'table', match: (i, k) => ch('g')(i, k) || k.home },
  { action: 'bottom', label: 'G', help: 'bottom', scope: 'table', match: (i, k) => input(i, 'G', k) || k.end },
  { action: 'pageDown', label: 'Ctrl-F/PgDn', help: 'page down', scope: 'table', match: (i, k) => k.pageDown || (k.ctrl && i === 'f') },
  { action: 'pageUp', label: 'Ctrl-B/PgUp', help: 'page up', scope: 'table', match: (i, k) => k.pageUp || (k.ctrl && i === 'b') },
  { action: 'enter', label: 'Enter', help: 'drill down / switch', scope: 'table', match: (_i, k) => k.return },
  { action: 'back', label: 'Esc', help: 'back (clears the filter first)', scope: 'table', match: (_i, k) => k.escape },
  { action: 'command', label: ':', help: 'command mode (resource, ns, ctx, q)', scope: 'table', match: ch(':') },
  { action: 'filter', label: '/', help: 'filter (regex, !invert, -l selector)', scope: 'resource', match: ch('/') },
  { action: 'allNamespaces', label: '0', help: 'all namespaces', scope: 'resource', match: ch('0') },
  { action: 'favourite', label: '1-9', help: 'favourite namespace', scope: 'resource', match: (i, k) => /^[1-9]$/.test(i) && plain(k) },
  { action: 'lastView', label: '-', help: 'toggle last view', scope: 'table', match: ch('-') },
  { action: 'historyBack', label: '[', help: 'command history back', scope: 'table', match: ch('[') },
  { action: 'historyForward', label: ']', help: 'command history forward', scope: 'table', match: ch(']') },
  { action: 'sortName', label: 'Shift-N', help: 'sort by name', scope: 'resource', match: (i, k) => input(i, 'N', k) },
  { action: 'sortAge', label: 'Shift-A', help: 'sort by age', scope: 'resource', match: (i, k) => input(i, 'A', k) },
  { action: 'sortStatus', label: 'Shift-S', help: 'sort by status', scope: 'resource', match: (i, k) => input(i, 'S', k) },
  { action: 'pickLeft', label: 'Shift-←', help: 'pick sort column', scope: 'resource', match: (_i, k) => k.leftArrow && k.shift },
  { action: 'pickRight', label: 'Shift-→', help: 'pick sort column', scope: 'resource', match: (_i, k) => k.rightArrow && k.shift },
  { action: 'sortPicked', label: 'Shift-O', help: 'sort by picked column (again reverses)', scope: 'resource', match: (i, k) => input(i, 'O', k) },
  { action: 'wide', label: 'Ctrl-W', help: 'wide columns', scope: 'resource', match: (i, k) => k.ctrl && i === 'w' },
  { action: 'faults', label: 'Ctrl-Z', help: 'faults only', scope: 'resource', match: (i, k) => k.ctrl && i === 'z' },
  { action: 'help', label: '?', help: 'help', scope: 'table', match: ch('?') },
  { action: 'quit', label: 'Ctrl-C', help: 'quit (also :q)', scope: 'table', match: (i, k) => k.ctrl && i === 'c' },
];

function input(i: string, upper: string, k: Key): boolean {
  return i === upper && !k.ctrl && !k.meta;
}

/** Keys of the prompts, listed in help; the prompt editor handles them. */
export const PROMPT_HELP: { label: string; help: string }[] = [
  { label: 'Tab', help: 'complete' },
  { label: '↑/↓', help: 'prompt history' },
  { label: 'Enter', help: 'run / apply' },
  { label: 'Esc', help: 'cancel' },
];

/** The action for a key in table mode, for a view of `viewKind`. */
export function actionFor(input: string, key: Key, viewKind: 'resource' | 'contexts'): Action | undefined {
  for (const b of BINDINGS) {
    if (b.scope === 'resource' && viewKind !== 'resource') continue;
    if (b.match(input, key)) return b.action;
  }
  return undefined;
}

/** Help lines for the current view, generated from the registry. */
export function helpFor(viewKind: 'resource' | 'contexts'): { label: string; help: string }[] {
  const seen = new Set<string>();
  const lines: { label: string; help: string }[] = [];
  for (const b of BINDINGS) {
    if (b.scope === 'resource' && viewKind !== 'resource') continue;
    const label = b.action === 'pickLeft' || b.action === 'pickRight' ? 'Shift-←/→' : b.label;
    if (seen.has(label)) continue;
    seen.add(label);
    lines.push({ label, help: b.help });
  }
  return lines;
}

const SHORT_HINT: Partial<Record<Action, string>> = { enter: 'drill', back: 'back', command: 'cmd', filter: 'filter', allNamespaces: 'all-ns', help: 'help', quit: 'quit' };

/** The short hint line under the table (fits 80 columns). */
export function hintsFor(viewKind: 'resource' | 'contexts'): string {
  const keys: Action[] = viewKind === 'resource' ? ['enter', 'back', 'command', 'filter', 'allNamespaces', 'help', 'quit'] : ['enter', 'back', 'command', 'help', 'quit'];
  return keys
    .map((a) => BINDINGS.find((b) => b.action === a)!)
    .map((b) => `<${b.label}>${SHORT_HINT[b.action] ?? b.help}`)
    .join(' ');
}
