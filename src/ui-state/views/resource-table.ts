// What every resource view shares: its keys (filter, namespaces, sort, column pick, wide, faults), their
// handler, Enter as drill-down, and the table body (with the loading, error and empty states).
// A resource view module is `resourceModule({ id, owns, drill, keys, onAction })`.
import { ch, ctrl, type KeyBinding, type KeyContext } from '../keys.js';
import { describeFilter } from '../filter.js';
import { errorMessage, stateMessage } from '../status.js';
import { paintTable, tableTitle, visibleColumns, type ExtraColumns, type VisibleColumn } from '../table-model.js';
import { customColumns, settingSort } from '../custom-views.js';
import { inspectView, toggleSort, type ResourceView } from '../views.js';
import { resourceId as resourceName } from '../../api/catalogue.js';
import type { ResourceRef, Row, TableColumn } from '../engine-types.js';
import type { BodyModel, CursorList, ViewContext, ViewModule } from './types.js';
import { ACTION_KEYS, actionKeys } from './actions.js';
import { rowUnderCursor } from './cursor-row.js';

/** Enter on a row: the view it opens (and the namespace it makes current), or why there is none. */
export type Drill = { kind: 'push'; view: ResourceView; namespace?: string } | { kind: 'none'; reason: string };

const isResource = (c: { view: { kind: string } }) => c.view.kind === 'resource';

const OWN_KEYS: KeyBinding[] = [
  { action: 'filter', label: '/', help: 'filter (regex, !invert, -l selector)', hint: 'filter', match: ch('/') },
  { action: 'allNamespaces', label: '0', help: 'all namespaces', hint: 'all-ns', match: ch('0') },
  { action: 'favourite', label: '1-9', help: 'favourite namespace', match: (i, k) => /^[1-9]$/.test(i) && !k.ctrl && !k.meta },
  { action: 'sortName', label: 'Shift-N', help: 'sort by name', match: ch('N') },
  { action: 'sortAge', label: 'Shift-A', help: 'sort by age', match: ch('A') },
  { action: 'sortStatus', label: 'Shift-S', help: 'sort by status', match: ch('S') },
  { action: 'pickLeft', label: 'Shift-←', helpLabel: 'Shift-←/→', help: 'sort by the column left/right', match: (_i, k) => k.leftArrow && k.shift },
  { action: 'pickRight', label: 'Shift-→', helpLabel: 'Shift-←/→', help: 'sort by the column left/right', match: (_i, k) => k.rightArrow && k.shift },
  { action: 'sortPicked', label: 'Shift-O', help: 'reverse the sort', match: ch('O') },
  { action: 'wide', label: 'Ctrl-W', help: 'wide columns', match: ctrl('w') },
  { action: 'faults', label: 'Ctrl-Z', help: 'faults only', match: ctrl('z') },
  { action: 'describe', label: 'd', help: 'describe', hint: 'desc', match: ch('d') },
  { action: 'yaml', label: 'y', help: 'YAML (live)', match: ch('y') },
  { action: 'logs', label: 'l', help: 'logs (every pod of a workload or service, merged)', match: ch('l'), available: (c) => hasLogs(c.ref?.kind, c.ref?.group) },
  { action: 'previousLogs', label: 'p', help: 'previous logs (the last terminated run)', match: ch('p'), available: (c) => hasLogs(c.ref?.kind, c.ref?.group) },
];

/** Kinds whose `l` reads logs: pods, and the workloads and services that select pods. */
function hasLogs(kind: string | undefined, group: string | undefined): boolean {
  return !!kind && ((group === '' && (kind === 'Pod' || kind === 'Service')) || (group === 'apps' && ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet'].includes(kind)) || (group === 'batch' && kind === 'Job'));
}
export const RESOURCE_KEYS: KeyBinding[] = OWN_KEYS.map((b) => ({
  ...b,
  // Resource views only, plus the key's own condition (logs only where there are pods to read).
  available: (c: KeyContext) => isResource(c) && (b.action !== 'allNamespaces' || c.allNamespaces !== false) && (!b.available || b.available(c)),
}));

/** The columns on screen and the extra cells they need: views.yaml's plan when the user has one, else the server's. */
function tableColumns(ctx: ViewContext, view: ResourceView): { visible: VisibleColumn[]; extra?: ExtraColumns } {
  const { store, ref } = ctx.data;
  if (!store) return { visible: [] };
  const extra = ctx.module.extraColumns?.(ctx);
  const allNs = ref?.namespaced === true && view.namespace === undefined;
  if (ctx.data.viewSetting) return customColumns(ctx.data.viewSetting, store.columns, extra, view.wide, allNs, ctx.data.objects);
  return { visible: visibleColumns(store.columns, view.wide, allNs, extra), extra };
}

function currentColumns(ctx: ViewContext, view: ResourceView) {
  return tableColumns(ctx, view).visible;
}

/** The shared resource keys' handler. */
export function resourceAction(action: string, ctx: ViewContext, drill: (ref: ResourceRef, row: Row, columns: TableColumn[]) => Drill): boolean {
  const view = ctx.view;
  if (view.kind !== 'resource') return false;
  const { patch } = ctx;
  switch (action) {
    case 'enter': {
      const { ref, store } = ctx.data;
      const r = rowUnderCursor(ctx);
      if (!r || !ref || !store) return true;
      const d = drill(ref, r, store.columns);
      if (d.kind === 'none') ctx.flash(d.reason, 'info');
      else {
        if (d.namespace !== undefined) ctx.dispatch({ type: 'namespace', namespace: d.namespace });
        ctx.dispatch({ type: 'push', view: d.view });
      }
      return true;
    }
    case 'allNamespaces':
      ctx.dispatch({ type: 'namespace', namespace: undefined });
      return true;
    case 'favourite': {
      const ns = ctx.data.favourites[Number(ctx.input) - 1];
      if (ns) ctx.dispatch({ type: 'namespace', namespace: ns });
      else ctx.flash(`no favourite namespace ${ctx.input} yet (use :ns NAME)`, 'info');
      return true;
    }
    case 'sortName':
      patch({ sort: toggleSort(view.sort, 'Name') });
      return true;
    case 'sortAge':
      patch({ sort: toggleSort(view.sort, 'Age') });
      return true;
    case 'sortStatus':
      patch({ sort: toggleSort(view.sort, 'Status') });
      return true;
    case 'pickLeft':
    case 'pickRight': {
      // The picked column IS the sort column: Shift-←/→ moves the sort (and its arrow) to the next sortable
      // column, keeping the direction; Shift-O reverses it. One mark in the header, never two.
      const cols = currentColumns(ctx, view);
      const names = cols.map((c) => (c.cell >= 0 ? ctx.data.store!.columns[c.cell].name : undefined));
      if (!names.some(Boolean)) return true;
      const at = view.sort ? names.findIndex((n) => n === view.sort!.column) : view.pickedColumn;
      const step = action === 'pickLeft' ? -1 : 1;
      let i = at < 0 ? 0 : at;
      do i = (i + step + names.length) % names.length;
      while (!names[i]);
      patch({ pickedColumn: i, sort: { column: names[i]!, descending: view.sort?.descending ?? false } });
      return true;
    }
    case 'sortPicked': {
      const c = currentColumns(ctx, view)[view.pickedColumn];
      const name = view.sort?.column ?? (c && c.cell >= 0 ? ctx.data.store!.columns[c.cell].name : undefined);
      if (name) patch({ sort: toggleSort(view.sort, name) });
      return true;
    }
    case 'wide':
      patch({ wide: !view.wide });
      return true;
    case 'faults':
      patch({ faultsOnly: !view.faultsOnly, cursorIndex: 0 });
      return true;
    case 'describe':
    case 'yaml':
    case 'logs':
    case 'previousLogs': {
      const { ref } = ctx.data;
      const r = rowUnderCursor(ctx);
      if (!r || !ref) return true;
      const mode = action === 'previousLogs' ? 'logs' : action;
      ctx.dispatch({ type: 'push', view: inspectView(mode, resourceName(ref), r.namespace, r.name, action === 'previousLogs' ? { previous: true, cursorUid: undefined, crumb: `previous logs ${r.name}` } : {}) });
      return true;
    }
  }
  return false;
}

/** The body when the context itself cannot be used (yet): its connection failed, or is still being checked. */
export function connectionBody(ctx: ViewContext, what: string): BodyModel | undefined {
  const { state, data } = ctx;
  if (data.connError) {
    const back = state.previousContext ? `press : then "ctx -" to go back to ${state.previousContext}` : 'use :ctx to pick another context';
    return { kind: 'message', title: `context ${state.context}`, message: errorMessage(`cannot connect to context "${state.context}"`, data.connError, back) };
  }
  if (data.catalogueError) return { kind: 'message', title: what, message: errorMessage('cannot discover the API resources', data.catalogueError) };
  if (!data.catalogue || !data.conn) {
    return { kind: 'message', title: what, message: { title: `loading ${what.split('.')[0]}…`, lines: [`connecting to ${state.context}`], tone: 'info' } };
  }
  return undefined;
}

export function resourceBody(ctx: ViewContext): BodyModel {
  const view = ctx.view as ResourceView;
  const pending = connectionBody(ctx, view.resource);
  if (pending) return pending;
  const { ref, rows, store, state } = ctx.data;
  if (!ref) return { kind: 'message', title: view.resource, message: { title: `unknown resource "${view.resource}"`, lines: ['type : and a resource name (Tab completes)'], tone: 'error' } };
  const what = ref.resource;
  const count = rows?.length ?? 0;
  const filterText = view.filterSelector ? `<-l ${[view.labelSelector, view.filterSelector].filter(Boolean).join(',')}>` : describeFilter(view.filterText);
  const scope = view.labelSelector && !view.filterSelector ? ` <${view.labelSelector}>` : view.fieldSelector ? ` <${view.fieldSelector}>` : '';
  const note = ctx.module.titleNote?.(ctx);
  const marks = new Set(view.marks ?? []);
  const title = tableTitle(what, ref.namespaced, view.namespace, count, filterText) + scope + (view.faultsOnly ? ' <faults>' : '') + (marks.size ? ` <${marks.size} marked>` : '') + (note ? ` · ${note}` : '');
  const msg = stateMessage(state, store?.size ?? 0, view.namespace && ref.namespaced ? `${what} in ${view.namespace}` : what);
  if (msg || !store || !rows) return { kind: 'message', title, message: msg ?? { title: `loading ${what}…`, lines: [], tone: 'info' } };
  if (count === 0) {
    return { kind: 'message', title, message: { title: view.filterText ? `no ${what} match the filter` : view.faultsOnly ? `no ${what} with faults` : `no ${what}`, lines: [], tone: 'info' } };
  }
  const { visible: cols, extra } = tableColumns(ctx, view);
  const painted = paintTable({
    extra,
    view: rows, columns: store.columns, visible: cols, cursor: ctx.cursor, top: ctx.topRow, height: ctx.tableHeight, width: ctx.width, now: ctx.now,
    sort: view.sort ?? settingSort(ctx.data.viewSetting, store.columns), memo: store,
  });
  const phase = state?.phase;
  const shown = marks.size ? painted.rows.map((r) => (marks.has(r.uid) ? { ...r, marked: true } : r)) : painted.rows;
  return { kind: 'table', title, header: painted.header, rows: shown, stale: phase === 'reconnecting' || phase === 'stale' };
}

export function rowList(ctx: { data: { rows?: { length: number; rows(s: number, e: number): Row[]; indexOfUid(u: string): number } } }): CursorList {
  const rows = ctx.data.rows;
  return {
    length: rows?.length ?? 0,
    uidAt: (i) => rows?.rows(i, i + 1)[0]?.uid,
    indexOf: (uid) => (uid === undefined || !rows ? -1 : rows.indexOfUid(uid)),
  };
}

/** A cell of a row by column name, when it has a value. */
export function cellOf(row: Row, columns: TableColumn[], name: string): string | undefined {
  const i = columns.findIndex((c) => c.name === name);
  if (i < 0) return undefined;
  const v = row.cells[i];
  return typeof v === 'string' && v !== '' && v !== '<none>' ? v : undefined;
}

export interface ResourceModuleSpec {
  id: string;
  owns?(ref: ResourceRef): boolean;
  /** Enter on a row; default: no drill-down. */
  drill?(ref: ResourceRef, row: Row, columns: TableColumn[]): Drill;
  /** The view's own keys (tried before the shared resource and navigation keys). */
  keys?: KeyBinding[];
  /** Its own keys' handler; return false to fall through to the shared resource keys. */
  onAction?(action: string, ctx: ViewContext): boolean;
  /** Columns kdeck adds to the server's (metrics). */
  extraColumns?(ctx: ViewContext): ExtraColumns | undefined;
  /** A short note after the title, said once (why metrics are missing). */
  titleNote?(ctx: ViewContext): string | undefined;
}

const noDrill = (ref: ResourceRef): Drill => ({ kind: 'none', reason: `no drill-down for ${ref.resource}` });

export function resourceModule(spec: ResourceModuleSpec): ViewModule & { drill(ref: ResourceRef, row: Row, columns: TableColumn[]): Drill } {
  const drill = spec.drill ?? noDrill;
  return {
    id: spec.id,
    kind: 'resource',
    owns: spec.owns,
    keys: [...(spec.keys ?? []), ...ACTION_KEYS, ...RESOURCE_KEYS],
    drill,
    onAction: (action, ctx) => spec.onAction?.(action, ctx) || actionKeys(action, ctx) || resourceAction(action, ctx, drill),
    list: rowList,
    body: resourceBody,
    extraColumns: spec.extraColumns,
    titleNote: spec.titleNote,
  };
}

/** True when `ref` is one of `names` in API group `group` ("" = core). */
export const isOneOf = (group: string, ...names: string[]) => (ref: ResourceRef) => ref.group === group && names.includes(ref.resource);
