// The pure half of the dashboard's dispatcher (use-dashboard.ts): from a state and the data resolved for it, the
// context a view module acts and renders in, the header, and the model the components paint. No React here: the
// start-up pre-paint (first-frame.ts) builds the first frame's model from these same functions before React loads.
import { EMPTY_USER_CONFIG, type UserConfig } from '../config/user-config.js';
import type { ContextInfo } from './backend.js';
import { top, type AppState } from './app-state.js';
import { suggest, type CompletionSources } from './command.js';
import { followCursor } from './cursor.js';
import { dialogLines } from './dialog.js';
import { hintsFor, type KeyContext } from './keys.js';
import { promptHints } from './prompt-keys.js';
import { screenSafe } from './screen-text.js';
import { phaseLabel } from './status.js';
import { withUserKeys } from './user-keys.js';
import type { ResourceView, View } from './views.js';
import { moduleFor } from './views/index.js';
import type { BodyModel, ViewContext, ViewData } from './views/types.js';
import type { DashboardModel, DashboardOptions, HeaderModel } from './use-dashboard.js';
import type { Action } from '../api/capabilities.js';
import type { CatalogueView, InformerKey, ResourceRef, TableColumn } from './engine-types.js';
import type { ViewOptions } from '../store/row-store.js';
import type { ViewSetting } from '../config/views.js';
import { parseFilter } from './filter.js';
import { settingSort } from './custom-views.js';
import { readFavourites } from './favourites.js';
import { effectiveLabelSelector } from './views.js';

/** The user's files for `context`; a broken per-context file falls back to the global ones (the error is said once). */
export function userConfigFor(o: Pick<DashboardOptions, 'userConfig'>, context: string): { config: UserConfig; error?: string } {
  try {
    return { config: o.userConfig?.(context) ?? EMPTY_USER_CONFIG };
  } catch (e) {
    let fallback = EMPTY_USER_CONFIG;
    try {
      fallback = o.userConfig?.() ?? EMPTY_USER_CONFIG;
    } catch {
      // the global files were checked before the screen was taken
    }
    return { config: fallback, error: e instanceof Error ? e.message : String(e) };
  }
}

/** What a key and a frame need besides the state and its data: the dispatcher's callbacks and the screen. */
export type ContextEnv = Pick<ViewContext, 'tableHeight' | 'width' | 'now' | 'input' | 'backend' | 'services' | 'dispatch' | 'patch' | 'flash' | 'quit' | 'execute' | 'switchContext'> & {
  user: UserConfig;
  runUserKey(action: string, ctx: ViewContext): boolean;
  readOnly: boolean;
  offered: OfferedActions;
};

type Settled<T> = { value?: T; error?: unknown };

/** The connection, discovery and version of a context as the view data carries them (value or error, or pending). */
export function settledParts(conn: Settled<ContextInfo>, catalogue: Settled<CatalogueView>, k8s: Settled<string>) {
  return { conn: conn.value, connError: conn.error, catalogue: catalogue.value, catalogueError: catalogue.error, k8sVersion: k8s.value, k8sError: k8s.error };
}

/**
 * The context a view module acts and renders in. `was` is the row the last frame showed under the cursor in this
 * view: the cursor stays on it, found again by uid (rows move under it between frames), so a key acts on that row,
 * never on whatever took its index. Without it (a key changed the view) the cursor is the state's own.
 */
export function viewContext(s: AppState, d: ViewData, env: ContextEnv, was: { index: number; uid?: string; name?: string } | undefined, topRow: number): ViewContext {
  const view = top(s);
  const base = withUserKeys(moduleFor(view, d.ref), env.user, env.runUserKey);
  const module = s.mode === 'help' ? moduleFor(view, d.ref, true) : base;
  const keyContext: KeyContext = { view, ref: d.ref, readOnly: env.readOnly, can: env.offered.can, allNamespaces: env.offered.allNamespaces };
  const { user: _user, runUserKey: _run, readOnly: _ro, offered: _o, ...rest } = env;
  const partial = { ...rest, state: s, view, data: d, keyContext, base };
  const list = base.list(partial);
  const at = list.indexOf(was ? was.uid : view.cursorUid);
  const cursor = followCursor(at, was ? was.index : view.cursorIndex, list.length);
  const cursorGone = was?.uid !== undefined && at < 0 ? was.name : undefined;
  return { ...partial, list, cursor, topRow, module, cursorGone };
}

/** The header: where we are and whether the data is live. */
export function headerModel(o: Pick<DashboardOptions, 'version' | 'demo'>, state: AppState, view: View, data: ViewData & { k8sVersion?: string; k8sError?: unknown }, readOnly: boolean, now: number): HeaderModel {
  const local = data.contexts.find((c) => c.name === state.context);
  return {
    context: state.context,
    cluster: data.conn?.cluster ?? local?.cluster ?? '',
    user: data.conn?.user ?? local?.user ?? '',
    server: data.conn?.server ?? '',
    k8sVersion: data.k8sVersion ?? (data.k8sError ? 'n/a' : '…'),
    kdeckVersion: o.version,
    namespace: state.namespace ?? 'all',
    favourites: data.favourites,
    phase: data.connError
      ? 'unreachable'
      : view.kind !== 'resource'
        ? 'live'
        : data.catalogue && !data.ref
          ? 'unknown resource'
          : phaseLabel(data.state, now),
    demo: !!o.demo,
    readOnly,
    insecure: !!(data.conn?.insecure ?? local?.insecure),
  };
}

/** Everything painted, made safe at this one boundary (screen-text.ts). */
export function frameModel(ctx: ViewContext, header: HeaderModel, body: BodyModel, palette: DashboardModel['palette'], completionSources: () => CompletionSources, onInput: DashboardModel['onInput']): DashboardModel {
  const state = ctx.state;
  return screenSafe({
    header,
    body,
    crumbs: state.stack.map((v) => v.crumb),
    mode: state.mode,
    prompt: state.prompt,
    suggestion: state.mode === 'command' ? suggest(state.prompt, completionSources()) : undefined,
    flash: state.flash,
    ...(state.mode === 'dialog' && state.dialog ? { dialog: dialogLines(state.dialog) } : {}),
    hints: state.mode === 'command' || state.mode === 'filter' ? promptHints(state.mode) : hintsFor(ctx.base, ctx.keyContext),
    palette,
    onInput,
  });
}

/** The informer a state's top view reads: undefined for a view without one, or before discovery and the connection. */
export function informerKeyOf(state: AppState, ref: ResourceRef | undefined, connected: boolean): InformerKey | undefined {
  const view = top(state);
  if (view.kind !== 'resource' || !ref || !connected) return undefined;
  return {
    context: state.context,
    resource: ref,
    namespace: ref.namespaced ? view.namespace : undefined,
    labelSelector: effectiveLabelSelector(view),
    fieldSelector: view.fieldSelector,
  };
}

/** How a resource view asks its store for rows: its sort (or views.yaml's), filter, faults and owner. */
export function rowViewOptions(view: ResourceView, setting: ViewSetting | undefined, columns: TableColumn[]): ViewOptions {
  return { sort: view.sort ?? settingSort(setting, columns), filter: parseFilter(view.filterText).filter, faultsOnly: view.faultsOnly, ownerUid: view.ownerUid };
}


/** The favourites file's namespaces per context, as the dashboard starts (the pre-paint reads them too). */
export function savedFavourites(o: { favouritesFile?: string }): Record<string, string[]> {
  return o.favouritesFile ? readFavourites(o.favouritesFile).contexts : {};
}

export interface OfferedActions {
  can(action: Action): boolean;
  /** false when RBAC does not allow listing this resource across namespaces. */
  allNamespaces: boolean;
}

/** What is offered from the capability layer's answer (undefined while pending: action keys stay hidden). */
export function offeredActions(hasCapabilities: boolean, v: { actions: Set<Action>; all: boolean } | undefined, readOnly: boolean): OfferedActions {
  // A backend without a capability layer (tests' fakes) offers everything but what read-only forbids.
  if (!hasCapabilities) return { can: (a) => !readOnly || a === 'logs', allNamespaces: true };
  return { can: (a) => v?.actions.has(a) ?? false, allNamespaces: v?.all ?? true };
}
