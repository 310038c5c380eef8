// The dashboard's controller hook: it ties the state reducer, the backend (connections, discovery, informers),
// favourites and the key registry together, and hands components a plain model to paint plus one key callback.
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import type { Key } from 'ink';
import type { DashboardBackend } from './backend.js';
import { initialState, openResource, reduce, runCommand, top, type AppState, type Flash, type Msg } from './app-state.js';
import { complete, suggest } from './command.js';
import { followCursor, moveCursor, scrollTop, type Move } from './cursor.js';
import { drillDown } from './drill.js';
import type { InformerKey, ResourceRef, RowView } from './engine-types.js';
import { readFavourites, rememberNamespace, writeFavourites } from './favourites.js';
import { describeFilter, parseFilter } from './filter.js';
import { hintsFor, helpFor, actionFor, PROMPT_HELP, type Mode } from './keys.js';
import { useAsync, useInformer, useNow } from './hooks.js';
import { errorMessage, phaseLabel, stateMessage, type BodyMessage } from './status.js';
import { ownedView, paintTable, tableTitle, visibleColumns, type PaintedRow } from './table-model.js';
import { effectiveLabelSelector, resourceView, toggleSort, type ResourceView } from './views.js';
import { fitText } from './format.js';

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
}

export type BodyModel =
  | { kind: 'table'; title: string; header: string; rows: PaintedRow[]; stale: boolean }
  | { kind: 'message'; title: string; message: BodyMessage }
  | { kind: 'help'; title: string; lines: { label: string; help: string }[] };

export interface DashboardModel {
  header: HeaderModel;
  body: BodyModel;
  crumbs: string[];
  mode: Mode;
  prompt: string;
  suggestion?: string;
  flash?: Flash;
  hints: string;
  onInput(input: string, key: Key): void;
}

/** Lines the chrome takes: 2 header, 1 prompt, 1 title, 1 column header, 1 crumbs, 1 flash, 1 hints. */
export const CHROME_LINES = 8;

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
  if (!stateRef.current) stateRef.current = initialState(o.context, o.namespace, resourceView(o.startResource, o.namespace), o.startResource);
  const [, rerender] = useReducer((x: number) => x + 1, 0);
  const dispatch = useCallback((m: Msg) => {
    stateRef.current = reduce(stateRef.current!, m);
    rerender();
  }, []);
  const state = stateRef.current;
  const view = top(state);
  const conn = useAsync(() => backend.connect(state.context), [backend, state.context]);
  const catalogue = useAsync(() => backend.catalogue(state.context), [backend, state.context, conn.value]);
  const k8s = useAsync(() => backend.serverVersion(state.context), [backend, state.context, conn.value]);
  const now = useNow(1000);

  // Favourite namespaces: config seeds them, use reorders them (most recent first), state file keeps them.
  const [favs, setFavs] = useState<Record<string, string[]>>(() => (o.favouritesFile ? readFavourites(o.favouritesFile).contexts : {}));
  const favourites = favs[state.context] ?? o.favourites ?? [];
  useEffect(() => {
    if (!state.namespace) return;
    setFavs((f) => {
      const list = rememberNamespace(f[state.context] ?? o.favourites ?? [], state.namespace!);
      if ((f[state.context] ?? []).join() === list.join()) return f;
      const next = { ...f, [state.context]: list };
      if (o.favouritesFile) writeFavourites(o.favouritesFile, { contexts: next });
      return next;
    });
  }, [state.context, state.namespace]);

  // The table's informer key, when the view can be resolved.
  const ref: ResourceRef | undefined = view.kind === 'resource' ? catalogue.value?.resolve(view.resource) : undefined;
  const key: InformerKey | undefined =
    view.kind === 'resource' && ref && conn.value
      ? {
          context: state.context,
          resource: ref,
          namespace: ref.namespaced ? view.namespace : undefined,
          labelSelector: effectiveLabelSelector(view),
          fieldSelector: view.fieldSelector,
        }
      : undefined;
  const handle = useInformer(backend, key);
  const store = handle.informer?.store;

  const rv = view.kind === 'resource' ? view : undefined;
  const filterSpec = rv ? parseFilter(rv.filterText).filter : undefined;
  const baseView = useMemo<RowView | undefined>(
    () => (store ? store.view({ sort: rv?.sort, filter: filterSpec, faultsOnly: rv?.faultsOnly }) : undefined),
    [store, rv?.sort?.column, rv?.sort?.descending, filterSpec?.text, filterSpec?.invert, filterSpec?.regex, rv?.faultsOnly],
  );
  const rows = useMemo(() => (baseView && rv?.ownerUid ? ownedView(baseView, rv.ownerUid) : baseView), [baseView, rv?.ownerUid, handle.version]);

  const contexts = backend.contexts();
  const tableHeight = Math.max(1, o.height - CHROME_LINES);
  const length = view.kind === 'contexts' ? contexts.length : (rows?.length ?? 0);
  const uidAt = (i: number): string | undefined => (view.kind === 'contexts' ? contexts[i]?.name : rows?.rows(i, i + 1)[0]?.uid);
  const indexOf = (uid: string | undefined): number =>
    uid === undefined ? -1 : view.kind === 'contexts' ? contexts.findIndex((c) => c.name === uid) : (rows?.indexOfUid(uid) ?? -1);
  /** The cursor as the latest dispatched state has it (keys in one burst see each other's moves). */
  const freshCursor = () => {
    const v = top(stateRef.current!);
    return followCursor(indexOf(v.cursorUid), v.cursorIndex, length);
  };
  const cursor = followCursor(indexOf(view.cursorUid), view.cursorIndex, length);
  const topRef = useRef(0);
  const topRow = scrollTop(cursor, topRef.current, tableHeight, length);
  topRef.current = topRow;

  const flash = (text: string, level: Flash['level'] = 'warn') => dispatch({ type: 'flash', flash: { text, level } });

  const switchContext = useCallback(
    async (context: string, then?: Parameters<typeof openResource>[1]) => {
      const ctx = backend.contexts().find((c) => c.name === context);
      let namespace = ctx?.namespace || 'default';
      try {
        namespace = (await backend.connect(context)).namespace;
      } catch {
        // the body shows the connection error for this context; the user can flip back with :ctx -
      }
      const first = then?.resource ?? o.startResource;
      const ns = then?.namespace === '' ? undefined : (then?.namespace ?? namespace);
      dispatch({ type: 'context', context, namespace: ns, view: resourceView(first, ns, { labelSelector: then?.labelSelector }), restore: !then });
    },
    [backend, o.startResource],
  );

  const execute = (line: string, record = true, commandIndex?: number) => {
    const state = stateRef.current!;
    const env = { catalogue: catalogue.value, contexts: contexts.map((c) => c.name), aliases: o.aliases };
    const out = runCommand(state, line, env, record);
    if (out.kind === 'quit') {
      dispatch({ type: 'quit' });
      o.onQuit();
    } else if (out.kind === 'switch') {
      dispatch({ type: 'mode', mode: 'table' });
      void switchContext(out.context, out.then);
    } else {
      for (const m of out.msgs) dispatch(commandIndex !== undefined && m.type === 'open' ? { ...m, commandIndex } : m);
    }
  };

  const completionSources = () => {
    const all = catalogue.value?.all() ?? [];
    const names = all.flatMap((r) => [r.resource, r.singular, ...r.shortNames, r.group ? `${r.resource}.${r.group}` : r.resource]);
    const nsNames = store && (view.kind === 'resource' && view.resource.startsWith('namespaces')) ? [] : [...(store?.countsByNamespace().keys() ?? [])];
    return { resources: [...names, ...Object.keys(o.aliases ?? {})], contexts: contexts.map((c) => c.name), namespaces: [...new Set([...favourites, ...nsNames])] };
  };

  const patch = (p: Partial<ResourceView>) => dispatch({ type: 'patchTop', patch: p } as Msg);

  const onTableAction = (input: string, k: Key) => {
    const state = stateRef.current!;
    const view = top(state);
    const action = actionFor(input, k, view.kind);
    if (!action) return;
    const moves: Partial<Record<typeof action, Move>> = { up: 'up', down: 'down', top: 'top', bottom: 'bottom', pageDown: 'pageDown', pageUp: 'pageUp' };
    const move = moves[action];
    if (move) {
      const i = moveCursor(freshCursor(), move, length, tableHeight);
      dispatch({ type: 'patchTop', patch: { cursorIndex: i, cursorUid: uidAt(i) } });
      return;
    }
    switch (action) {
      case 'quit':
        dispatch({ type: 'quit' });
        o.onQuit();
        return;
      case 'command':
      case 'filter':
        dispatch({ type: 'mode', mode: action });
        return;
      case 'help':
        dispatch({ type: 'mode', mode: 'help' });
        return;
      case 'back':
        dispatch({ type: 'back' });
        return;
      case 'enter': {
        const cursor = freshCursor();
        if (view.kind === 'contexts') {
          const name = contexts[cursor]?.name;
          if (name) void switchContext(name);
          return;
        }
        const r = rows?.rows(cursor, cursor + 1)[0];
        if (!r || !ref || !store) return;
        const d = drillDown(ref, r, store.columns);
        if (d.kind === 'none') {
          flash(d.reason, 'info');
          return;
        }
        // Choosing a namespace also makes it the current one (and a favourite), as k9s does.
        if (ref.group === '' && ref.resource === 'namespaces') dispatch({ type: 'namespace', namespace: r.name });
        dispatch({ type: 'push', view: d.view });
        return;
      }
      case 'allNamespaces':
        dispatch({ type: 'namespace', namespace: undefined });
        return;
      case 'favourite': {
        const ns = favourites[Number(input) - 1];
        if (ns) dispatch({ type: 'namespace', namespace: ns });
        else flash(`no favourite namespace ${input} yet (use :ns NAME)`, 'info');
        return;
      }
      case 'lastView':
      case 'historyBack':
      case 'historyForward': {
        const c = state.commands;
        const target = action === 'historyForward' ? c.index + 1 : c.index - 1;
        const line = c.entries[target];
        if (!line) {
          flash(action === 'lastView' ? 'no previous view' : 'no more history', 'info');
          return;
        }
        // `-` toggles: it records the command so pressing it again comes back; [ and ] only move the pointer.
        if (action === 'lastView') execute(line, true);
        else execute(line, false, target);
        return;
      }
    }
    if (view.kind !== 'resource') return;
    const cols = store ? visibleColumns(store.columns, view.wide, ref?.namespaced === true && view.namespace === undefined) : [];
    switch (action) {
      case 'sortName':
        patch({ sort: toggleSort(view.sort, 'Name') });
        return;
      case 'sortAge':
        patch({ sort: toggleSort(view.sort, 'Age') });
        return;
      case 'sortStatus':
        patch({ sort: toggleSort(view.sort, 'Status') });
        return;
      case 'pickLeft':
      case 'pickRight': {
        const n = Math.max(1, cols.length);
        patch({ pickedColumn: (view.pickedColumn + (action === 'pickLeft' ? n - 1 : 1)) % n });
        return;
      }
      case 'sortPicked': {
        const c = cols[view.pickedColumn];
        const name = c && c.cell >= 0 ? store!.columns[c.cell].name : undefined;
        if (name) patch({ sort: toggleSort(view.sort, name) });
        return;
      }
      case 'wide':
        patch({ wide: !view.wide });
        return;
      case 'faults':
        patch({ faultsOnly: !view.faultsOnly, cursorIndex: 0 });
        return;
    }
  };

  const onPromptKey = (input: string, k: Key) => {
    const state = stateRef.current!;
    const view = top(state);
    const isFilter = state.mode === 'filter';
    const setText = (text: string) => {
      dispatch({ type: 'prompt', text });
      if (isFilter && view.kind === 'resource' && !text.trim().startsWith('-l')) patch({ filterText: text, cursorIndex: 0, cursorUid: undefined });
    };
    if (k.escape) {
      if (isFilter) patch({ filterText: '', filterSelector: undefined });
      dispatch({ type: 'mode', mode: 'table' });
      return;
    }
    if (k.return) {
      const text = state.prompt.trim();
      if (isFilter) {
        const parsed = parseFilter(text);
        if (view.kind === 'resource') patch({ filterSelector: parsed.labelSelector, filterText: parsed.labelSelector ? '' : state.prompt, cursorIndex: 0, cursorUid: undefined });
        dispatch({ type: 'mode', mode: 'table' });
      } else if (text === '') dispatch({ type: 'mode', mode: 'table' });
      else execute(text);
      return;
    }
    if (k.tab) {
      if (!isFilter) dispatch({ type: 'prompt', text: complete(state.prompt, completionSources()) });
      return;
    }
    if (k.upArrow || k.downArrow) {
      if (!isFilter) dispatch({ type: 'promptHistory', delta: k.upArrow ? -1 : 1 });
      return;
    }
    if (k.backspace || k.delete) {
      setText(state.prompt.slice(0, -1));
      return;
    }
    if (k.ctrl && input === 'c') {
      dispatch({ type: 'quit' });
      o.onQuit();
      return;
    }
    if (k.ctrl && input === 'u') {
      setText('');
      return;
    }
    if (input && !k.ctrl && !k.meta && !/[\x00-\x1f]/.test(input)) setText(state.prompt + input);
  };

  const onKey = (input: string, k: Key) => {
    const state = stateRef.current!;
    if (state.quit) return;
    if (state.mode === 'command' || state.mode === 'filter') onPromptKey(input, k);
    else if (state.mode === 'help') {
      if (k.ctrl && input === 'c') {
        dispatch({ type: 'quit' });
        o.onQuit();
      } else if (k.escape || input === '?' || input === 'q') dispatch({ type: 'mode', mode: 'table' });
    } else onTableAction(input, k);
  };

  // A burst of plain characters arrives as one input: replay it key by key (Enter included).
  const onInput = (input: string, k: Key) => {
    if (input.length > 1 && !k.ctrl && !k.meta && !input.startsWith('\x1b')) {
      for (const ch of input) onKey(...keyOfChar(ch, k));
    } else onKey(input, k);
  };

  // Header.
  const info = conn.value;
  const phase = conn.error ? 'unreachable' : view.kind === 'contexts' ? 'live' : phaseLabel(handle.state);
  const header: HeaderModel = {
    context: state.context,
    cluster: info?.cluster ?? contexts.find((c) => c.name === state.context)?.cluster ?? '',
    user: info?.user ?? contexts.find((c) => c.name === state.context)?.user ?? '',
    server: info?.server ?? '',
    k8sVersion: k8s.value ?? (k8s.error ? 'n/a' : '…'),
    kdeckVersion: o.version,
    namespace: state.namespace ?? 'all',
    favourites,
    phase,
    demo: !!o.demo,
    readOnly: !!o.readOnly,
  };

  // Body.
  const width = o.width;
  let body: BodyModel;
  if (state.mode === 'help') {
    const lines = [...helpFor(view.kind), ...(view.kind === 'resource' ? PROMPT_HELP.map((p) => ({ label: `prompt ${p.label}`, help: p.help })) : [])];
    body = { kind: 'help', title: `help: ${view.kind === 'contexts' ? 'contexts' : 'resource'} view`, lines };
  } else if (view.kind === 'contexts') {
    const nameW = Math.max(4, ...contexts.map((c) => c.name.length + 4));
    const clW = Math.max(7, ...contexts.map((c) => c.cluster.length));
    const uW = Math.max(4, ...contexts.map((c) => c.user.length));
    const line = (a: string, b: string, c: string, d: string) => fitText(`${a.padEnd(nameW)} ${b.padEnd(clW)} ${c.padEnd(uW)} ${d}`, width);
    const visible = contexts.slice(topRow, topRow + tableHeight);
    body = {
      kind: 'table',
      title: `contexts[${contexts.length}]`,
      header: line('NAME', 'CLUSTER', 'USER', 'NAMESPACE'),
      stale: false,
      rows: visible.map((c, i) => ({
        uid: c.name,
        text: line(c.name + (c.name === state.context ? ' (*)' : ''), c.cluster, c.user, c.namespace ?? 'default'),
        health: 'ok',
        cursor: topRow + i === cursor,
      })),
    };
  } else if (conn.error) {
    body = { kind: 'message', title: `context ${state.context}`, message: errorMessage(`cannot connect to context "${state.context}"`, conn.error, state.previousContext ? `press : then "ctx -" to go back to ${state.previousContext}` : 'use :ctx to pick another context') };
  } else if (catalogue.error) {
    body = { kind: 'message', title: view.resource, message: errorMessage('cannot discover the API resources', catalogue.error) };
  } else if (!catalogue.value || !conn.value) {
    body = { kind: 'message', title: view.resource, message: { title: `loading ${view.resource.split('.')[0]}…`, lines: [`connecting to ${state.context}`], tone: 'info' } };
  } else if (!ref) {
    body = { kind: 'message', title: view.resource, message: { title: `unknown resource "${view.resource}"`, lines: ['type : and a resource name (Tab completes)'], tone: 'error' } };
  } else {
    const what = ref.resource;
    const count = rows?.length ?? 0;
    const filterText = view.filterSelector ? `<-l ${[view.labelSelector, view.filterSelector].filter(Boolean).join(',')}>` : describeFilter(view.filterText);
    const scope = view.labelSelector && !view.filterSelector ? ` <${view.labelSelector}>` : view.fieldSelector ? ` <${view.fieldSelector}>` : '';
    const title = tableTitle(what, ref.namespaced, view.namespace, count, filterText) + scope + (view.faultsOnly ? ' <faults>' : '');
    const msg = stateMessage(handle.state, store?.size ?? 0, view.namespace && ref.namespaced ? `${what} in ${view.namespace}` : what);
    if (msg || !store || !rows) {
      body = { kind: 'message', title, message: msg ?? { title: `loading ${what}…`, lines: [], tone: 'info' } };
    } else if (count === 0) {
      body = { kind: 'message', title, message: { title: view.filterText ? `no ${what} match the filter` : view.faultsOnly ? `no ${what} with faults` : `no ${what}`, lines: [], tone: 'info' } };
    } else {
      const cols = visibleColumns(store.columns, view.wide, ref.namespaced && view.namespace === undefined);
      const painted = paintTable({ view: rows, columns: store.columns, visible: cols, cursor, top: topRow, height: tableHeight, width, now, sort: view.sort, picked: view.pickedColumn > 0 ? view.pickedColumn : undefined });
      const phaseNow = handle.state?.phase;
      body = { kind: 'table', title, header: painted.header, rows: painted.rows, stale: phaseNow === 'reconnecting' || phaseNow === 'stale' };
    }
  }

  const sugg = state.mode === 'command' ? suggest(state.prompt, completionSources()) : undefined;
  return {
    header,
    body,
    crumbs: state.stack.map((v) => v.crumb),
    mode: state.mode,
    prompt: state.prompt,
    suggestion: sugg,
    flash: state.flash,
    hints: state.mode === 'command' ? '<Tab> complete  <↑/↓> history  <Enter> run  <Esc> cancel' : state.mode === 'filter' ? '<Enter> apply  <Esc> clear  !inverse  -l label selector' : hintsFor(view.kind),
    onInput,
  };
}

