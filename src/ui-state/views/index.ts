// The views of the dashboard, one module per kind. Adding a view = adding one module and one line below.
//
// A module (types.ts ViewModule) declares:
//   - `keys`: its key bindings (keys.ts KeyBinding: action, label, help, match, optional `available(ctx)` to hide
//     the key for read-only or RBAC). They are tried before the shared navigation keys, so a letter may mean
//     something else per view; `?` help is generated from the same list.
//   - `onAction(action, ctx)`: handles its keys (and may take over a shared action such as `enter`).
//   - `list(ctx)` (the rows the cursor moves over) and `body(ctx)` (what it paints: a table, a message, help).
// Resource views are built with `resourceModule({ id, owns, drill, keys, onAction })` (resource-table.ts),
// which adds the shared resource keys (filter, namespaces, sort, wide, faults) and the table body.
// Side effects that need the terminal or a process go through `ctx.services` (services.ts), never directly.
import type { ResourceRef, Row, TableColumn } from '../engine-types.js';
import type { View } from '../views.js';
import type { Drill, resourceModule } from './resource-table.js';
import { aliasesView } from './aliases.js';
import { contextsView } from './contexts.js';
import { pulsesView } from './pulses.js';
import { forwardsView } from './forwards.js';
import { genericResourceView } from './generic.js';
import { helpView } from './help.js';
import { INSPECT_MODULES } from './inspect.js';
import { namespacesView } from './namespaces.js';
import { nodesView } from './nodes.js';
import { podsView } from './pods.js';
import { servicesView } from './services.js';
import type { ViewModule } from './types.js';
import { workloadsView } from './workloads.js';

/** Resource views, most specific first; the generic one owns whatever no other module does. */
export const RESOURCE_VIEWS: ReturnType<typeof resourceModule>[] = [
  podsView,
  workloadsView,
  servicesView,
  nodesView,
  namespacesView,
];

export const VIEWS: ViewModule[] = [...RESOURCE_VIEWS, genericResourceView, contextsView, aliasesView, pulsesView, forwardsView, helpView, ...Object.values(INSPECT_MODULES)];

/** The module that shows `view` (a resource view by its resolved resource), or help while help is open. */
export function moduleFor(view: View, ref: ResourceRef | undefined, helpOpen = false): ViewModule {
  if (helpOpen) return helpView;
  if (view.kind === 'contexts') return contextsView;
  if (view.kind === 'panel') return view.panel === 'aliases' ? aliasesView : view.panel === 'forwards' ? forwardsView : pulsesView;
  if (view.kind === 'inspect') return INSPECT_MODULES[view.mode];
  return (ref && RESOURCE_VIEWS.find((m) => m.owns?.(ref))) || genericResourceView;
}

/** Enter on a row of `ref`: the view it opens, as the resource's module decides. */
export function drillDown(ref: ResourceRef, row: Row, columns: TableColumn[]): Drill {
  return (RESOURCE_VIEWS.find((m) => m.owns?.(ref)) ?? genericResourceView).drill(ref, row, columns);
}

export { contextsView, genericResourceView, helpView, namespacesView, nodesView, podsView, servicesView, workloadsView };
export type { Drill } from './resource-table.js';
export type { BodyModel, CursorList, ViewContext, ViewData, ViewModule } from './types.js';
