// What a screen shows: a resource table (with its scope, selectors, filter, sort and cursor) or the context list.
import type { SortSpec } from './engine-types.js';

export interface ResourceView {
  kind: 'resource';
  /** The resource as the catalogue resolves it: "pods", "deployments.apps", "widgets.example.com". */
  resource: string;
  /** undefined = all namespaces. */
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  /** Drill-down by ownership (statefulset → pods): only rows owned by this uid. */
  ownerUid?: string;
  /** Breadcrumb label, e.g. "pods" or "deploy/web". */
  crumb: string;
  filterText: string;
  /** Label selector typed in the filter prompt (`-l app=web`): server-side, so part of the informer key. */
  filterSelector?: string;
  sort?: SortSpec;
  /** The column picked with Shift-←/→ for Shift-O, as an index into the visible columns. */
  pickedColumn: number;
  wide: boolean;
  faultsOnly: boolean;
  cursorUid?: string;
  cursorIndex: number;
  /** Marked rows (Space, Ctrl-Space): delete, kill and restart act on all of them. */
  marks?: string[];
}

export interface ContextsView {
  kind: 'contexts';
  crumb: 'contexts';
  cursorUid?: string; // the context name under the cursor
  cursorIndex: number;
}

/** A screen of kdeck's own (`Ctrl-A` aliases, `:pulses`), not a resource table. */
export interface PanelView {
  kind: 'panel';
  panel: 'aliases' | 'pulses' | 'forwards';
  crumb: string;
  cursorUid?: string;
  cursorIndex: number;
}

/** Looking inside one object: describe, YAML, logs, or a pod's containers (src/ui-state/views/inspect.ts). */
export interface InspectView {
  kind: 'inspect';
  mode: 'describe' | 'yaml' | 'logs' | 'containers';
  crumb: string;
  /** As the catalogue resolves it: "pods", "deployments.apps". */
  resource: string;
  namespace?: string;
  name: string;
  /** YAML: show managedFields / a secret's data decoded. */
  managedFields?: boolean;
  decoded?: boolean;
  /** YAML search or logs filter text. */
  filterText: string;
  /** Logs: one container, all containers, the previous run, what to read, how to show it. */
  container?: string;
  allContainers?: boolean;
  previous?: boolean;
  /** 'tail' (the last lines), 'head' (from the start), or seconds back. */
  range?: 'tail' | 'head' | number;
  wrap?: boolean;
  timestamps?: boolean;
  colours?: boolean;
  /** Bumped to start the stream again (clear keeps the stream; a new range restarts it). */
  epoch?: number;
  cursorUid?: string;
  cursorIndex: number;
}

export type View = ResourceView | ContextsView | PanelView | InspectView;

export function panelView(panel: PanelView['panel']): PanelView {
  return { kind: 'panel', panel, crumb: panel, cursorIndex: 0 };
}

/** cursorUid of a logs view that follows the end (autoscroll). */
export const FOLLOW_END = '\u0000end';

export function inspectView(mode: InspectView['mode'], resource: string, namespace: string | undefined, name: string, extra: Partial<InspectView> = {}): InspectView {
  const short = resource.split('.')[0];
  return { kind: 'inspect', mode, resource, namespace, name, crumb: `${mode === 'containers' ? 'containers' : mode} ${short}/${name}`, filterText: '', cursorIndex: 0, ...(mode === 'logs' ? { cursorUid: FOLLOW_END, range: 'tail' as const } : {}), ...extra };
}


export function resourceView(resource: string, namespace: string | undefined, extra: Partial<ResourceView> = {}): ResourceView {
  // Events open sorted by last seen, most recent first.
  const sort = /^(events|ev|events\.events\.k8s\.io)$/.test(resource) ? { sort: { column: 'Last Seen', descending: false } } : {};
  return { kind: 'resource', resource, namespace, crumb: resource.split('.')[0], filterText: '', pickedColumn: 0, wide: false, faultsOnly: false, cursorIndex: 0, ...sort, ...extra };
}

export function contextsView(current?: string): ContextsView {
  return { kind: 'contexts', crumb: 'contexts', cursorUid: current, cursorIndex: 0 };
}

/** The label selector the informer is keyed by: the drill-down's selector and the filter's `-l`, joined. */
export function effectiveLabelSelector(v: ResourceView): string | undefined {
  const parts = [v.labelSelector, v.filterSelector].filter((s): s is string => !!s && s.length > 0);
  return parts.length ? parts.join(',') : undefined;
}

/** Sort keys: the named column, or again on the same column reverses it. */
export function toggleSort(current: SortSpec | undefined, column: string): SortSpec {
  if (current && current.column === column) return { column, descending: !current.descending };
  return { column, descending: false };
}
