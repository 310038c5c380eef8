// The user's hotkeys.yaml and plugins.yaml as key bindings in the one key registry, so they are handled, listed in
// `?` help and hidden (dangerous plugins in read-only mode) like kdeck's own keys. A user key that lands on a key
// the view already binds is dropped unless it says `override: true`, as k9s does.
import type { Key } from 'ink';
import type { HotKey } from '../config/hotkeys.js';
import type { KeyPress, KeySpec } from '../config/key-spec.js';
import { keyMatches } from '../config/key-spec.js';
import { expandArg, pluginEnv, pluginVariables } from '../config/plugin-args.js';
import type { PluginContext } from '../config/plugin-args.js';
import type { Plugin } from '../config/plugins.js';
import { pluginInScope } from '../config/plugins.js';
import type { UserConfig } from '../config/user-config.js';
import { resourceId } from '../api/catalogue.js';
import { sanitize } from '../text/sanitize.js';
import { cellText } from './format.js';
import { NAVIGATION_KEYS, type KeyBinding, type KeyContext } from './keys.js';
import type { ViewContext, ViewModule } from './views/types.js';
import { rowUnderCursor } from './views/cursor-row.js';

const HOTKEY = 'hotkey:';
const PLUGIN = 'plugin:';

/** The key press a spec stands for, to ask the view's own bindings whether they already take it. */
function pressOf(spec: KeySpec): [string, Key] {
  const base = { upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false, return: false, escape: false, ctrl: spec.ctrl, shift: false, tab: false, backspace: false, delete: false, meta: spec.alt, super: false, hyper: false, capsLock: false, numLock: false } as Key;
  const named: Record<string, Partial<Key>> = { enter: { return: true }, escape: { escape: true }, tab: { tab: true }, up: { upArrow: true }, down: { downArrow: true }, left: { leftArrow: true }, right: { rightArrow: true }, delete: { delete: true }, backspace: { backspace: true } };
  if (spec.key === 'space') return [' ', base];
  if (named[spec.key]) return ['', { ...base, ...named[spec.key] }];
  return [spec.key, { ...base, shift: spec.key !== spec.key.toLowerCase() }];
}

/** Every name the current view answers to, for plugin scopes ("pods", "pod", "po", "pods.apps"…). */
export function scopeNames(ctx: Pick<KeyContext, 'view' | 'ref'>): string[] {
  if (ctx.view.kind === 'contexts') return ['contexts', 'context', 'ctx'];
  const r = ctx.ref;
  if (!r) return [];
  return [r.resource, r.singular, ...r.shortNames, r.kind.toLowerCase(), resourceId(r)].map((s) => s.toLowerCase());
}

function userBinding(action: string, spec: KeySpec, help: string, available?: (c: KeyContext) => boolean): KeyBinding {
  return { action, label: spec.label, help, match: (i, k) => keyMatches(spec, i, k as KeyPress), available };
}

/** The view module with the user's keys added: overriding ones first, the rest after the view's own keys. */
export function withUserKeys(module: ViewModule, user: UserConfig, run: (action: string, ctx: ViewContext) => boolean): ViewModule {
  if (module.kind === 'help' || (user.hotkeys.length === 0 && user.plugins.length === 0)) return module;
  const builtIn = [...module.keys, ...(module.navigation === false ? [] : NAVIGATION_KEYS)];
  const taken = (spec: KeySpec) => builtIn.some((b) => b.match(...pressOf(spec)));
  const first: KeyBinding[] = [];
  const after: KeyBinding[] = [];
  const place = (override: boolean, spec: KeySpec, b: KeyBinding) => {
    if (override) first.push(b);
    else if (!taken(spec)) after.push(b);
  };
  for (const h of user.hotkeys) place(h.override, h.key, userBinding(HOTKEY + h.name, h.key, `${h.description} (:${h.command})`));
  for (const p of user.plugins) {
    place(p.override, p.key, userBinding(PLUGIN + p.name, p.key, `${p.description} (plugin)`, (c) => pluginInScope(p, scopeNames(c)) && !(p.dangerous && c.readOnly)));
  }
  return {
    ...module,
    keys: [...first, ...module.keys, ...after],
    onAction: (action, ctx) => (action.startsWith(HOTKEY) || action.startsWith(PLUGIN) ? run(action, ctx) : (module.onAction?.(action, ctx) ?? false)),
  };
}

export const hotkeyNamed = (user: UserConfig, action: string): HotKey | undefined => (action.startsWith(HOTKEY) ? user.hotkeys.find((h) => h.name === action.slice(HOTKEY.length)) : undefined);
export const pluginNamed = (user: UserConfig, action: string): Plugin | undefined => (action.startsWith(PLUGIN) ? user.plugins.find((p) => p.name === action.slice(PLUGIN.length)) : undefined);

/** The selected row as a plugin sees it; undefined when nothing is selected. */
export function pluginContextFor(ctx: ViewContext, kubeconfig: string | undefined): PluginContext | undefined {
  const local = ctx.data.contexts.find((c) => c.name === ctx.state.context);
  const common = {
    context: ctx.state.context,
    cluster: ctx.data.conn?.cluster ?? local?.cluster ?? '',
    user: ctx.data.conn?.user ?? local?.user ?? '',
    kubeconfig,
  };
  if (ctx.view.kind === 'contexts') {
    const name = ctx.data.contexts[ctx.cursor]?.name;
    return name === undefined ? undefined : { ...common, namespace: ctx.state.namespace ?? '', name, columns: {} };
  }
  if (ctx.view.kind !== 'resource') return undefined;
  const row = rowUnderCursor(ctx);
  if (!row) return undefined;
  const columns: Record<string, string> = {};
  ctx.data.store?.columns.forEach((c, i) => (columns[c.name.toUpperCase()] = cellText(row.cells[i])));
  return { ...common, namespace: row.namespace ?? ctx.state.namespace ?? '', name: row.name, filter: ctx.view.filterText || undefined, columns };
}

/** The command line a plugin runs for `pc`: its args expanded, its variables in the environment. */
export function pluginCommand(p: Plugin, pc: PluginContext): { command: string; args: string[]; env: Record<string, string> } {
  const vars = pluginVariables(pc);
  return { command: expandArg(p.command, vars), args: p.args.map((a) => expandArg(a, vars)), env: pluginEnv(vars) };
}

/** One line about how a background plugin ended, safe for the screen. */
export function resultLine(name: string, r: { code: number | null; signal?: string | null; error?: Error; output?: string; logFile?: string }): string {
  const how = r.error ? `failed: ${r.error.message}` : r.code === 0 ? 'done' : r.code !== null ? `exit ${r.code}` : `killed by ${r.signal ?? 'a signal'}`;
  const last = (r.output ?? '').split('\n').map((l) => l.trim()).filter(Boolean).pop();
  return sanitize(`plugin ${name}: ${how}${last ? ` — ${last.slice(0, 120)}` : ''}${r.logFile ? ` (output: ${r.logFile})` : ''}`);
}
