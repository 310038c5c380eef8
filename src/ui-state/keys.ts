// The one key registry. Every binding is declared once, by the view module that handles it (src/ui-state/views/)
// or here for the keys every table view shares (moving, Enter, Esc, :, ?, quit, history). Key handling, the `?`
// help screen and the hint line all read the list `keysFor()` returns, so help can never drift from behaviour.
//
// - A view's own keys come before the shared ones, so one letter can mean different things per view
//   (`s` = shell on pods, scale on deployments) and a view may take over a shared key.
// - `available(ctx)` hides a key where it cannot work (read-only mode, RBAC, a resource without logs): a hidden
//   key is neither handled nor listed in help.
import type { Key } from 'ink';
import type { ResourceRef } from './engine-types.js';
import type { View } from './views.js';
import type { Action } from '../api/capabilities.js';

export type Mode = 'table' | 'command' | 'filter' | 'help' | 'dialog';

/** What `available()` may look at. Capabilities (RBAC, read-only) are added here as they arrive. */
export interface KeyContext {
  view: View;
  /** The resource of a resource view, once discovery resolved it. */
  ref?: ResourceRef;
  readOnly: boolean;
  /** Whether an action (api/capabilities.ts) is offered here: discovery, RBAC and read-only agree. Absent = all. */
  can?(action: Action): boolean;
  /** false where RBAC does not allow listing the resource across namespaces (the `0` key is then not offered). */
  allNamespaces?: boolean;
}

export interface KeyBinding {
  /** The view's name for what the key does; the view's action handler receives it. */
  action: string;
  /** As shown in help and hints: "Shift-N", "Ctrl-W", "s". */
  label: string;
  help: string;
  /** Short word for the hint line; keys without one are listed in help only. */
  hint?: string;
  match(input: string, key: Key): boolean;
  /** Hides the key (handling and help) where it does not apply; absent = always available. */
  available?(ctx: KeyContext): boolean;
  /**
   * Still handled while hidden (never listed): a key RBAC hides may be forced, and the server's 403 is shown.
   */
  forcible?(ctx: KeyContext): boolean;
  /** Several bindings may share one help line (Shift-← and Shift-→): the first one's label and help are used. */
  helpLabel?: string;
}

const plain = (k: Key) => !k.ctrl && !k.meta;
/** A printable key without Ctrl/Meta: `ch('s')`, `ch('N')` (Shift-N). */
export const ch = (c: string) => (input: string, key: Key) => input === c && plain(key);
/** Ctrl plus a letter. */
export const ctrl = (c: string) => (input: string, key: Key) => key.ctrl && input === c;

/** Keys every table-like view (resources, contexts) shares. Handled by views/navigation.ts. */
export const NAVIGATION_KEYS: KeyBinding[] = [
  { action: 'up', label: 'k/↑', help: 'up', match: (i, k) => (k.upArrow && !k.shift) || ch('k')(i, k) },
  { action: 'down', label: 'j/↓', help: 'down', match: (i, k) => (k.downArrow && !k.shift) || ch('j')(i, k) },
  { action: 'top', label: 'g', help: 'top', match: (i, k) => ch('g')(i, k) || k.home },
  { action: 'bottom', label: 'G', help: 'bottom', match: (i, k) => ch('G')(i, k) || k.end },
  { action: 'pageDown', label: 'Ctrl-F/PgDn', help: 'page down', match: (i, k) => k.pageDown || ctrl('f')(i, k) },
  { action: 'pageUp', label: 'Ctrl-B/PgUp', help: 'page up', match: (i, k) => k.pageUp || ctrl('b')(i, k) },
  { action: 'enter', label: 'Enter', help: 'drill down / switch', hint: 'drill', match: (_i, k) => k.return },
  { action: 'back', label: 'Esc', help: 'back (clears the filter first)', hint: 'back', match: (_i, k) => k.escape },
  { action: 'command', label: ':', help: 'command mode (resource, ns, ctx, q)', hint: 'cmd', match: ch(':') },
  { action: 'lastView', label: '-', help: 'toggle last view', match: ch('-') },
  { action: 'historyBack', label: '[', help: 'command history back', match: ch('[') },
  { action: 'historyForward', label: ']', help: 'command history forward', match: ch(']') },
  { action: 'aliases', label: 'Ctrl-A', help: 'aliases: every resource, its short names and your aliases', match: ctrl('a') },
  { action: 'help', label: '?', help: 'help', hint: 'help', match: ch('?') },
  { action: 'quit', label: 'Ctrl-C', help: 'quit (also :q)', hint: 'quit', match: ctrl('c') },
];

/** Keys of the prompts, listed in help; the prompt editor (prompt-keys.ts) handles them. */
export const PROMPT_HELP: { label: string; help: string }[] = [
  { label: 'Tab', help: 'complete' },
  { label: '↑/↓', help: 'prompt history' },
  { label: 'Enter', help: 'run / apply' },
  { label: 'Esc', help: 'cancel' },
];

/** What a view declares about its keys (see views/types.ts ViewModule). */
export interface KeyedView {
  keys: KeyBinding[];
  /** false: the shared NAVIGATION_KEYS do not apply (the help screen). */
  navigation?: boolean;
}

/** Every key that works in `view` now, in the order they are tried: the view's own first, then the shared ones. */
export function keysFor(view: KeyedView, ctx: KeyContext): KeyBinding[] {
  const all = view.navigation === false ? view.keys : [...view.keys, ...NAVIGATION_KEYS];
  return all.filter((b) => !b.available || b.available(ctx));
}

/** The binding a key press means in `view`, if any. */
export function bindingFor(view: KeyedView, ctx: KeyContext, input: string, key: Key): KeyBinding | undefined {
  const all = view.navigation === false ? view.keys : [...view.keys, ...NAVIGATION_KEYS];
  return all.filter((b) => !b.available || b.available(ctx) || b.forcible?.(ctx)).find((b) => b.match(input, key));
}

/** Help lines for a view, generated from the registry (one line per label; shadowed shared keys are left out). */
export function helpFor(view: KeyedView, ctx: KeyContext): { label: string; help: string }[] {
  const seen = new Set<string>();
  const lines: { label: string; help: string }[] = [];
  for (const b of keysFor(view, ctx)) {
    const label = b.helpLabel ?? b.label;
    if (seen.has(label)) continue;
    seen.add(label);
    lines.push({ label, help: b.help });
  }
  return lines;
}

/** The short hint line under the table (fits 80 columns): Enter, Esc and `:` first, the view's own hinted keys,
 *  then help and quit. */
export function hintsFor(view: KeyedView, ctx: KeyContext): string {
  const keys = keysFor(view, ctx).filter((b) => b.hint);
  const rank = (b: KeyBinding) => (['enter', 'back', 'command'].includes(b.action) ? 0 : ['help', 'quit'].includes(b.action) ? 2 : 1);
  const seen = new Set<string>();
  return keys
    .map((b, i) => ({ b, i }))
    .sort((x, y) => rank(x.b) - rank(y.b) || x.i - y.i)
    .filter(({ b }) => !seen.has(b.label) && !!seen.add(b.label))
    .map(({ b }) => `<${b.label}>${b.hint}`)
    .join(' ');
}
