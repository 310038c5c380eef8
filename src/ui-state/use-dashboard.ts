// The dashboard's dispatcher: it holds the state (reducer), resolves the current context's data, picks the
// module of the view on top (views/index.ts) and routes keys to it; the module says what to paint.
import { useCallback, useEffect, useReducer, useRef } from 'react';
import { expandAliases } from '../config/aliases.js';
import type { UserConfig } from '../config/user-config.js';
import type { Palette } from './skin.js';
import { hotkeyNamed, pluginCommand, pluginContextFor, pluginNamed, resultLine } from './user-keys.js';
import type { Key } from 'ink';
import type { DashboardBackend } from './backend.js';
import type { Row } from './engine-types.js';
import { initialState, reduce, runCommand, top, type AppState, type Flash, type Msg } from './app-state.js';
import { scrollTop } from './cursor.js';
import { useNow } from './hooks.js';
import { bindingFor, type Mode } from './keys.js';
import { onPromptKey } from './prompt-keys.js';
import { NO_TERMINAL, type UiServices } from './services.js';
import { rowsOfState, useViewData } from './view-data.js';
import { panelView, resourceView, type ResourceView, type View } from './views.js';
import { panelCommand } from './views/panels.js';
import { navigate } from './views/navigation.js';
import type { BodyModel, ViewContext } from './views/types.js';
import { useCapabilities } from './use-capabilities.js';
import { dialogInput } from './views/actions.js';
import { traceMark } from './frame-trace.js';
import { paintedWindow, windowUnchanged, type PaintedWindow } from './painted-window.js';
import { RowSlots } from './row-slots.js';
import { sameModel } from './same-model.js';
import { frameModel, headerModel, userConfigFor, viewContext, type ContextEnv } from './dashboard-frame.js';
import { bodyHeightFor } from './frame-layout.js';
import { useWarmKeyPath, type CursorWindow } from './warm-key-path.js';
import { BodyMemo, tableBodyInputs } from './body-memo.js';

export type { BodyModel };

export interface DashboardOptions {
  backend: DashboardBackend;
  context: string;
  /** undefined = all namespaces. */
  namespace?: string;
  startResource: string;
  aliases?: Record<string, string>;
  favourites?: string[];
  /** Where MRU namespaces are kept; undefined = not persisted. */
  favouritesFile?: string;
  readOnly?: boolean;
  demo?: boolean;
  version: string;
  width: number;
  height: number;
  /** How long a status message stays when nothing else happens (default 5 s). */
  flashMs?: number;
  /** How often ages and relative times are repainted (default 1 s). */
  clockMs?: number;
  /** The terminal hand-over and other app services (src/app); default: none. */
  services?: UiServices;
  /** Shown on the flash line at start (a damaged state file that was set aside). */
  notice?: Flash;
  /** The user's aliases, hotkeys, plugins, skin and views for a context (global ones without); throws KdeckError. */
  userConfig?(context?: string): UserConfig;
  /** What $KUBECONFIG means to plugins. */
  kubeconfigPath?: string;
  onQuit(): void;
}

export interface HeaderModel {
  context: string;
  cluster: string;
  user: string;
  server: string;
  k8sVersion: string;
  kdeckVersion: string;
  namespace: string;
  favourites: string[];
  phase: string;
  demo: boolean;
  readOnly: boolean;
  /** The server's certificate is not verified (insecure-skip-tls-verify): always shown. */
  insecure: boolean;
}

export interface DashboardModel {
  header: HeaderModel;
  body: BodyModel;
  crumbs: string[];
  mode: Mode;
  prompt: string;
  suggestion?: string;
  flash?: Flash;
  hints: string;
  /** The skin of the current context (components drop it under NO_COLOR). */
  palette: Palette;
  /** The open dialog, as lines to paint over the body. */
  dialog?: { text: string; focus?: boolean; error?: boolean }[];
  onInput(input: string, key: Key): void;
}

const FLASH_MS = 5000;

/** One character of a burst as Ink would have reported it alone: Enter, Tab, Backspace, Ctrl-letter. */
export function keyOfChar(ch: string, base: Key): [string, Key] {
  const plain = { ...base, return: false, tab: false, backspace: false, ctrl: false, shift: false };
  if (ch === '\r' || ch === '\n') return ['', { ...plain, return: true }];
  if (ch === '\t') return ['', { ...plain, tab: true }];
  if (ch === '\x7f' || ch === '\b') return ['', { ...plain, backspace: true }];
  const code = ch.charCodeAt(0);
  if (code >= 1 && code <= 26) return [String.fromCharCode(code + 96), { ...plain, ctrl: true }];
  return [ch, { ...plain, shift: ch !== ch.toLowerCase() }];
}

export function useDashboard(o: DashboardOptions): DashboardModel {
  const { backend } = o;
  // The state lives in a ref updated synchronously by dispatch, so keys that arrive in one burst (a paste, tmux
  // send-keys, fast typing) each see the effect of the previous one instead of a stale render's state.
  const stateRef = useRef<AppState | undefined>(undefined);
  if (!stateRef.current) stateRef.current = { ...initialState(o.context, o.namespace, resourceView(o.startResource, o.namespace), o.startResource), flash: o.notice };
  const [, rerender] = useReducer((x: number) => x + 1, 0);
  const dispatch = useCallback((m: Msg) => {
    stateRef.current = reduce(stateRef.current!, m);
    rerender();
  }, []);
  const state = stateRef.current;
  const inputRef = useRef<(input: string, k: Key) => void>(() => {});
  const onInput = useCallback((input: string, k: Key) => inputRef.current(input, k), []);
  const lastModel = useRef<DashboardModel | undefined>(undefined);
  // The user's files for the current context; a broken per-context file falls back to the global ones, said once.
  const userCache = useRef(new Map<string, { config: UserConfig; error?: string }>());
  const userFor = (context: string) => {
    let u = userCache.current.get(context);
    if (!u) {
      u = userConfigFor(o, context);
      userCache.current.set(context, u);
    }
    return u;
  };
  const user = userFor(state.context).config;
  const now = useNow(o.clockMs ?? 1000);
  // Rows changing off screen cost the store update only: no render when the painted window would stay the same.
  const painted = useRef<PaintedWindow | undefined>(undefined);
  const unchanged = useCallback(() => !!painted.current && windowUnchanged(painted.current), []);
  /** The table rows of the last frame (metrics are fetched for what is on screen). */
  const shownRows = useRef<readonly Row[]>([]);
  /** The rows each view showed when last painted: a view coming back (a flip back) asks for their metrics at once. */
  const shownByView = useRef(new WeakMap<View, readonly Row[]>());
  const onScreen = useCallback(() => shownByView.current.get(top(stateRef.current!)) ?? shownRows.current, []);
  /** The table rows' React keys: a window of all new rows (a flip) reuses the last window's Ink nodes. */
  const rowSlots = useRef(new RowSlots());
  /** The last table body, reused while its inputs stay the same (typing at the prompt). */
  const bodyMemo = useRef(new BodyMemo());
  const viewData = useViewData(backend, state, { ...o, now, viewSettings: user.views, unchanged, onScreen });
  const tableHeight = bodyHeightFor(o.height);
  const readOnly = !!o.readOnly || !!backend.readOnlyReason?.(state.context);
  const topView = top(state);
  // The RBAC questions (a review per namespace) wait for the table's first list: they would compete with it.
  const listing = topView.kind === 'resource' && (!viewData.state || viewData.state.phase === 'syncing');
  const offered = useCapabilities(backend, state.context, listing ? undefined : viewData.ref, topView.kind === 'resource' || topView.kind === 'inspect' ? topView.namespace : undefined, readOnly);
  const topRef = useRef(0);
  /** Keys handled so far, the last real frame's cursor window, and the cursor of a warm frame being rendered (warm-key-path.ts). */
  const keysHandled = useRef(0);
  const cursorWindow = useRef<CursorWindow | undefined>(undefined);
  const warming = useRef<number | undefined>(undefined);

  const data = { ...viewData, aliases: { ...o.aliases, ...user.aliases } };
  /** The row under the cursor in the last frame (index, uid, name) and the view that frame was rendered from. */
  const cursorShown = useRef<{ view: View; index: number; uid?: string; name?: string } | undefined>(undefined);
  useEffect(() => {
    const err = userFor(state.context).error;
    if (err) dispatch({ type: 'flash', flash: { text: err, level: 'error' } });
  }, [state.context]);
  /** A plugin waiting for y/n. */
  const pendingRef = useRef<{ go(): void } | undefined>(undefined);
  // A status message belongs to the action that caused it: the next key clears it (below), and so does time.
  useEffect(() => {
    const f = state.flash;
    if (!f) return;
    const t = setTimeout(() => {
      if (stateRef.current?.flash === f) dispatch({ type: 'flash', flash: undefined });
    }, o.flashMs ?? FLASH_MS);
    return () => clearTimeout(t);
  }, [state.flash]);

  const quit = () => {
    dispatch({ type: 'quit' });
    o.onQuit();
  };

  // A flip happens at once: the new context's namespace is known locally, so its views open (loading) before
  // any request to it returns; an unreachable context then shows its diagnosis in place of the table.
  const switchContext = (context: string, then?: { resource: string; namespace?: string; labelSelector?: string }) => {
    const local = backend.localNamespace?.(context) ?? backend.contexts().find((c) => c.name === context)?.namespace;
    const namespace = local || 'default';
    const first = then?.resource ?? o.startResource;
    const ns = then?.namespace === '' ? undefined : (then?.namespace ?? namespace);
    dispatch({ type: 'context', context, namespace: ns, view: resourceView(first, ns, { labelSelector: then?.labelSelector }), restore: !then });
  };

  const execute = (typed: string, record = true, commandIndex?: number) => {
    const u = userFor(stateRef.current!.context).config;
    const aliases = { ...o.aliases, ...u.aliases };
    const line = expandAliases(typed, aliases);
    const panel = panelCommand(line);
    if (panel) {
      dispatch({ type: 'mode', mode: 'table' });
      dispatch({ type: 'push', view: panelView(panel) });
      return;
    }
    const env = { catalogue: data.catalogue, contexts: data.contexts.map((c) => c.name), aliases };
    const out = runCommand(stateRef.current!, line, env, record);
    if (out.kind === 'quit') quit();
    else if (out.kind === 'switch') {
      dispatch({ type: 'mode', mode: 'table' });
      switchContext(out.context, out.then);
    } else {
      for (const m of out.msgs) dispatch(commandIndex !== undefined && m.type === 'open' ? { ...m, commandIndex } : m);
      // The switch happens at once (keys typed after it in one burst act on the new view); then the server is asked
      // whether the namespace exists, as k9s checks: a 404 is said on the flash line (the view stays empty and the
      // namespace never becomes a favourite); a 403 or an error says nothing, since the user may simply not see it.
      const ns = namespaceOpened(out.msgs);
      const context = stateRef.current!.context;
      if (ns === undefined || !backend.namespaceExists) return;
      void backend.namespaceExists(context, ns).then((exists) => {
        if (exists === false && stateRef.current!.context === context && stateRef.current!.namespace === ns) {
          dispatch({ type: 'flash', flash: { text: `namespace "${ns}" not found in context "${context}"`, level: 'error' } });
        }
      });
    }
  };

  const completionSources = () => {
    const all = data.catalogue?.all() ?? [];
    const names = all.flatMap((r) => [r.resource, r.singular, ...r.shortNames, r.group ? `${r.resource}.${r.group}` : r.resource]);
    const v = top(stateRef.current!);
    const nsNames = v.kind === 'resource' && v.resource.startsWith('namespaces') ? [] : [...(data.store?.countsByNamespace().keys() ?? [])];
    return { resources: [...names, ...Object.keys(o.aliases ?? {}), ...Object.keys(user.aliases)], contexts: data.contexts.map((c) => c.name), namespaces: [...new Set([...data.favourites, ...nsNames])] };
  };

  const runUserKey = (action: string, ctx: ViewContext): boolean => {
    const u = userFor(ctx.state.context).config;
    const hotkey = hotkeyNamed(u, action);
    if (hotkey) {
      ctx.execute(hotkey.command);
      return true;
    }
    const plugin = pluginNamed(u, action);
    if (!plugin) return false;
    const pc = pluginContextFor(ctx, o.kubeconfigPath);
    if (!pc) {
      ctx.flash(`plugin ${plugin.name}: nothing selected`, 'info');
      return true;
    }
    const cmd = pluginCommand(plugin, pc);
    const services = ctx.services;
    const go = () => {
      if (plugin.background) {
        if (!services.runBackground) return ctx.flash(`plugin ${plugin.name}: background plugins cannot run here`, 'error');
        ctx.flash(`plugin ${plugin.name}: running in the background…`, 'info');
        void services.runBackground({ name: plugin.name, ...cmd }).then((r) => ctx.flash(resultLine(plugin.name, r), r.code === 0 ? 'info' : 'warn'));
      } else {
        void services.handOverTerminal(cmd).then((r) => ctx.flash(resultLine(plugin.name, r), r.code === 0 ? 'info' : 'warn'));
      }
    };
    if (plugin.confirm) {
      pendingRef.current = { go };
      ctx.flash(`run plugin ${plugin.name} on ${pc.namespace ? `${pc.namespace}/` : ''}${pc.name}? y to confirm, any other key cancels`, 'warn');
    } else go();
    return true;
  };

  /** The context a view module acts and renders in, from the latest state. */
  const contextFor = (s: AppState, input = ''): ViewContext => {
    const view = top(s);
    // Rows of the state the key sees, not of the last render: a burst's keys see each other's effects.
    const d = s === state ? data : { ...data, rows: rowsOfState(s, state, data) };
    const env: ContextEnv = {
      user: userFor(s.context).config, runUserKey, readOnly, offered,
      tableHeight, width: o.width, now, input, backend,
      services: o.services ?? NO_TERMINAL,
      dispatch,
      patch: (p: Partial<ResourceView>) => dispatch({ type: 'patchTop', patch: p }),
      flash: (text: string, level: Flash['level'] = 'warn') => dispatch({ type: 'flash', flash: { text, level } }),
      quit,
      execute,
      switchContext: (c: string) => switchContext(c),
    };
    // The row the last frame showed under the cursor, when that frame was of this view (dashboard-frame.ts).
    const was = cursorShown.current?.view === view ? cursorShown.current : undefined;
    return viewContext(s, d, env, was, topRef.current);
  };

  const onKey = (input: string, k: Key) => {
    if (stateRef.current!.flash) dispatch({ type: 'flash', flash: undefined });
    const s = stateRef.current!;
    if (s.quit) return;
    if (s.mode === 'command' || s.mode === 'filter') {
      onPromptKey(input, k, { state: s, dispatch, patch: (p) => dispatch({ type: 'patchTop', patch: p }), execute, quit, completionSources });
      return;
    }
    const pending = pendingRef.current;
    if (pending && s.mode === 'table') {
      pendingRef.current = undefined;
      if (input === 'y' && !k.ctrl && !k.meta) pending.go();
      else dispatch({ type: 'flash', flash: { text: 'plugin cancelled', level: 'info' } });
      return;
    }
    const ctx = contextFor(s, input);
    if (s.mode === 'dialog') {
      dialogInput(ctx, input, k);
      return;
    }
    const b = bindingFor(ctx.module, ctx.keyContext, input, k);
    if (!b) return;
    if (!ctx.module.onAction?.(b.action, ctx)) navigate(b.action, ctx);
  };

  // A burst of plain characters arrives as one input: replay it key by key (Enter included). The model carries one
  // function for the whole life of the dashboard that calls this render's handler, so a model that paints the same
  // as the last one can be handed back whole (below) without its key handler going stale.
  inputRef.current = (input: string, k: Key) => {
    traceMark('key');
    keysHandled.current++;
    if (input.length > 1 && !k.ctrl && !k.meta && !input.startsWith('\x1b')) {
      for (const ch of input) onKey(...keyOfChar(ch, k));
    } else onKey(input, k);
  };

  const ctx = contextFor(state);
  ctx.topRow = topRef.current = scrollTop(ctx.cursor, topRef.current, tableHeight, ctx.list.length);
  // A warm frame (never written) moves the cursor in the table it paints only: what the next key acts on stays.
  const warm = warming.current;
  if (warm === undefined) {
    const shownUid = ctx.list.uidAt(ctx.cursor);
    cursorShown.current = { view: ctx.view, index: ctx.cursor, uid: shownUid, name: shownUid === undefined ? undefined : (ctx.data.rows?.rows(ctx.cursor, ctx.cursor + 1)[0]?.name ?? shownUid) };
  }
  const view = ctx.view;
  const header = headerModel(o, state, view, data, readOnly, now);
  const bodyCtx = warm === undefined ? ctx : { ...ctx, cursor: warm };
  const moduleBody = bodyMemo.current.body(tableBodyInputs(bodyCtx, viewData.version), () => ctx.module.body(bodyCtx));
  const body: BodyModel = moduleBody.kind === 'table' ? { ...moduleBody, rows: rowSlots.current.keyed(moduleBody.rows) } : moduleBody;
  const rows = data.rows;
  const shown = body.kind === 'table' && rows && data.store ? paintedWindow(rows, data.store, ctx.topRow, tableHeight) : undefined;
  painted.current = state.mode !== 'command' ? shown : undefined;
  if (shown) {
    shownRows.current = shown.rows;
    shownByView.current.set(view, shown.rows);
  }
  const table = body.kind === 'table' && state.mode === 'table' && topView.kind === 'resource';
  if (warm === undefined) cursorWindow.current = table ? { cursor: ctx.cursor, top: ctx.topRow, height: tableHeight, length: ctx.list.length } : undefined;
  const warmFrame = useCallback((cursor: number | undefined) => {
    warming.current = cursor;
    rerender();
  }, []);
  useWarmKeyPath(table && viewData.state?.phase === 'live', o.services, warmFrame, () => cursorWindow.current, keysHandled);
  const model = frameModel(ctx, header, body, user.palette, completionSources, onInput);
  // A render that paints what the last frame painted (most clock ticks) returns that frame's model: the components
  // then bail out and Ink computes no frame (same-model.ts).
  if (lastModel.current && sameModel(lastModel.current, model)) return lastModel.current;
  lastModel.current = model;
  return model;
}

/** The namespace a command's messages switch to, if any (undefined also for "all namespaces"). */
function namespaceOpened(msgs: Msg[]): string | undefined {
  for (const m of msgs) if (m.type === 'namespace') return m.namespace;
  return undefined;
}
