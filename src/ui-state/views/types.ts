// The contract between the dispatcher (use-dashboard.ts) and a view module: what a view gets to act and render
// with (ViewContext), and what it declares (ViewModule). See index.ts for how to add a view.
import type { AppState, Flash, Msg } from '../app-state.js';
import type { ContextInfo, DashboardBackend } from '../backend.js';
import type { ContextSummary } from '../../kubeconfig/types.js';
import type { CatalogueView, InformerState, ResourceRef, RowStoreView, RowView } from '../engine-types.js';
import type { KeyBinding, KeyContext } from '../keys.js';
import type { UiServices } from '../services.js';
import type { PulseData } from '../pulses-hooks.js';
import type { ViewSetting } from '../../config/views.js';
import type { NodeMetricsSnapshot, PodMetricsSnapshot } from '../../metrics/source.js';
import type { BodyMessage } from '../status.js';
import type { ExtraColumns, PaintedRow } from '../table-model.js';
import type { ResourceView, View } from '../views.js';
import type { InspectData } from '../inspect-data.js';

export type BodyModel =
  | { kind: 'table'; title: string; header: string; rows: PaintedRow[]; stale: boolean }
  | { kind: 'message'; title: string; message: BodyMessage }
  | { kind: 'help'; title: string; lines: { label: string; help: string }[] }
  /** Lines of text (describe, YAML, logs, containers): the window on screen, already made safe to print. */
  | { kind: 'text'; title: string; lines: TextLine[]; wrap: boolean; status?: string };

export interface TextLine {
  text: string;
  tone?: 'cursor' | 'hit' | 'warn' | 'header' | 'dim';
}

/** The data of the current context and view, as the dispatcher resolved it (never another context's). */
export interface ViewData {
  /** The connection of the current context; undefined while it is being checked or when it failed. */
  conn?: ContextInfo;
  connError?: unknown;
  catalogue?: CatalogueView;
  catalogueError?: unknown;
  /** The resource of a resource view, once discovery resolved it. */
  ref?: ResourceRef;
  store?: RowStoreView;
  state?: InformerState;
  /** The rows as the view shows them (filtered, sorted, narrowed to an owner). */
  rows?: RowView;
  contexts: ContextSummary[];
  favourites: string[];
  /** Metrics of the pods or nodes on screen (metrics-hooks.ts). */
  podMetrics?: PodMetricsSnapshot;
  nodeMetrics?: NodeMetricsSnapshot;
  podsPerNode?: Map<string, number>;
  /** The user's aliases (config.yaml, aliases.yaml), for the aliases view. */
  aliases?: Record<string, string>;
  /** :pulses' counts and series (pulses-hooks.ts), while it shows. */
  pulses?: PulseData;
  /** Describe text, the watched object or the log session of an inspect view. */
  inspect?: InspectData;
  /** views.yaml's setting for this resource, and the full objects its JSONPath columns read (uid → object). */
  viewSetting?: ViewSetting;
  objects?: Map<string, unknown>;
}

/** The rows the cursor moves over: their count and their identities. */
export interface CursorList {
  length: number;
  uidAt(i: number): string | undefined;
  indexOf(uid: string | undefined): number;
}

/** Everything a view's action handler and renderer may use. Built fresh for every key press and frame. */
export interface ViewContext {
  /** The latest dispatched state (keys in one burst see each other's effects). */
  state: AppState;
  view: View;
  data: ViewData;
  list: CursorList;
  /** The cursor's row index in `list`. */
  cursor: number;
  /** The name of the row the last frame showed under the cursor when it is gone since: row actions refuse. */
  cursorGone?: string;
  /** First row on screen and how many fit. */
  topRow: number;
  tableHeight: number;
  width: number;
  now: number;
  keyContext: KeyContext;
  /** The module handling keys and painting now (help while help is open). */
  module: ViewModule;
  /** The module of the view on top of the stack (help lists its keys). */
  base: ViewModule;
  /** The key's input, for actions that read it (favourite 1–9). */
  input: string;
  backend: DashboardBackend;
  services: UiServices;
  dispatch(m: Msg): void;
  patch(p: Partial<ResourceView>): void;
  flash(text: string, level?: Flash['level']): void;
  quit(): void;
  /** Runs a `:` command line as if typed. */
  execute(line: string, record?: boolean, commandIndex?: number): void;
  switchContext(context: string): void;
}

export interface ViewModule {
  /** "pods", "workloads", "contexts": names the view in help ("help: pods view"). */
  id: string;
  /** Which views this module shows: a resource view whose resource it owns, or the contexts list. */
  kind: View['kind'] | 'help';
  /** For resource modules: the resources it owns (the generic module owns the rest). */
  owns?(ref: ResourceRef): boolean;
  /** Its keys, registered in the one key registry (keys.ts) that `?` help is generated from. */
  keys: KeyBinding[];
  /** false: the shared navigation keys do not apply. */
  navigation?: boolean;
  /** Handles one of its keys' actions (or a shared one it takes over, like `enter`); false = not handled. */
  onAction?(action: string, ctx: ViewContext): boolean;
  /** The rows the cursor moves over. */
  list(ctx: Omit<ViewContext, 'list' | 'cursor' | 'topRow' | 'module'>): CursorList;
  /** What the body shows. */
  body(ctx: ViewContext): BodyModel;
  /** Resource views: columns kdeck adds to the server's (metrics), and a note said once after the title. */
  extraColumns?(ctx: ViewContext): ExtraColumns | undefined;
  titleNote?(ctx: ViewContext): string | undefined;
}
