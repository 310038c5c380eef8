// The data of the current context and view: connection, discovery, the table's informer and its rows, and the
// favourite namespaces. Every value belongs to the current context: while the new context's connection, catalogue
// or informer is pending after a flip, they read as pending (shown as loading), never as the old context's.
import { useEffect, useMemo, useState } from 'react';
import type { AppState } from './app-state.js';
import { top } from './app-state.js';
import type { DashboardBackend } from './backend.js';
import type { Row, RowView } from './engine-types.js';
import { informerKeyString } from '../watch/informer-key.js';
import { rememberNamespace, writeFavourites } from './favourites.js';
import { informerKeyOf, rowViewOptions, savedFavourites, settledParts } from './dashboard-frame.js';

export { informerKeyOf, rowViewOptions };
import { useAsync, useInformer } from './hooks.js';
import { useMetrics } from './metrics-hooks.js';
import { usePulses } from './pulses-hooks.js';
import { useInspectData } from './inspect-data.js';
import { useSearchTexts } from './search-texts.js';
import { needsObject, settingFor } from './custom-views.js';
import { useObjects } from './objects-hook.js';
import type { ViewSetting } from '../config/views.js';
import type { ViewData } from './views/types.js';

export interface ViewDataOptions {
  favourites?: string[];
  favouritesFile?: string;
  /** The dashboard's clock (ages, pulses' windows). */
  now?: number;
  /** views.yaml of the current context: custom columns and default sort per resource. */
  viewSettings?: ViewSetting[];
  /** Asked on each informer notification: true when nothing on screen changed, so the render is skipped. */
  unchanged?: () => boolean;
  /** The table rows of the last frame (metrics are fetched for what is on screen). */
  onScreen?: () => readonly Row[];
}

export function useViewData(backend: DashboardBackend, state: AppState, o: ViewDataOptions): ViewData & { k8sVersion?: string; k8sError?: unknown; version: number } {
  const view = top(state);
  const conn = useAsync(() => backend.connect(state.context), [backend, state.context]);
  const catalogue = useAsync(() => backend.catalogue(state.context), [backend, state.context, conn.value]);
  const k8s = useAsync(() => backend.serverVersion(state.context), [backend, state.context, conn.value]);
  const inspect = useInspectData(backend, state.context, view, catalogue.value);

  const ref = view.kind === 'resource' || view.kind === 'inspect' ? catalogue.value?.resolve(view.resource) : undefined;
  const key = informerKeyOf(state, ref, !!conn.value);
  const setting = ref && catalogue.value ? settingFor(o.viewSettings ?? [], ref, catalogue.value) : undefined;
  const handle = useInformer(backend, key, o.unchanged);
  useSearchTexts(handle.informer);
  const store = handle.informer?.store;
  const rv = view.kind === 'resource' ? view : undefined;
  const opts = rv && store ? rowViewOptions(rv, setting, store.columns) : undefined;
  const { sort, filter: filterSpec } = opts ?? {};
  // An owner drill-down (statefulset → pods) is a store view on the owner index, kept current like any other.
  const rows = useMemo<RowView | undefined>(
    () => (store && opts ? store.view(opts) : undefined),
    [store, sort?.column, sort?.descending, filterSpec?.text, filterSpec?.invert, filterSpec?.regex, rv?.faultsOnly, rv?.ownerUid],
  );
  const objects = useObjects(backend, state.context, ref, key?.namespace, !!setting?.columns.some((c) => c.path && needsObject(c.path.source)) && !!conn.value);
  const pulses = usePulses(backend, state.context, state.namespace, catalogue.value, view.kind === 'panel' && view.panel === 'pulses' && !!conn.value, o.now ?? Date.now());
  // A namespace becomes a favourite only once it showed rows: a typo or a namespace that does not exist never does.
  const shown = !!rv && !!ref?.namespaced && rv.namespace !== undefined && rv.namespace === state.namespace && (store?.size ?? 0) > 0;
  const favourites = useFavourites(state, o, shown);
  // Metrics start once the table's own list is in: at start-up they would otherwise compete with the first rows for
  // the one thread (and a large all-namespaces view fetches them per namespace on screen, metrics-hooks.ts).
  const listed = !!handle.state && handle.state.phase !== 'syncing';
  const metrics = useMetrics(backend, state.context, ref, catalogue.value?.resolve('pods'), key?.namespace, store, !!conn.value && listed, listed, o.onScreen);
  return {
    ...settledParts(conn, catalogue, k8s),
    ref,
    store,
    state: handle.state,
    rows,
    version: handle.version,
    contexts: backend.contexts(),
    favourites,
    ...metrics,
    pulses,
    inspect,
    viewSetting: setting,
    objects,
  };
}

/**
 * The rows `state` shows, from `data` that was resolved for `rendered`: keys of one burst change the state before
 * the next render, so a filter typed and applied in the burst is read from the same store here. Undefined when
 * `state` needs another informer than the one `data` holds (its rows are not loaded yet: nothing to act on).
 */
export function rowsOfState(state: AppState, rendered: AppState, data: ViewData): RowView | undefined {
  if (state === rendered) return data.rows;
  const view = top(state);
  if (view.kind !== 'resource' || !data.store || !data.catalogue) return undefined;
  const key = informerKeyOf(state, data.catalogue.resolve(view.resource), !!data.conn);
  const renderedKey = informerKeyOf(rendered, data.ref, !!data.conn);
  if (!key || !renderedKey || informerKeyString(key) !== informerKeyString(renderedKey)) return undefined;
  return data.store.view(rowViewOptions(view, data.viewSetting, data.store.columns));
}

/** Favourite namespaces: config seeds them, use reorders them (most recent first), the state file keeps them. */
function useFavourites(state: AppState, o: ViewDataOptions, shown: boolean): string[] {
  const [favs, setFavs] = useState<Record<string, string[]>>(() => savedFavourites(o));
  useEffect(() => {
    if (!state.namespace || !shown) return;
    setFavs((f) => {
      const list = rememberNamespace(f[state.context] ?? o.favourites ?? [], state.namespace!);
      if ((f[state.context] ?? []).join() === list.join()) return f;
      const next = { ...f, [state.context]: list };
      if (o.favouritesFile) writeFavourites(o.favouritesFile, { contexts: next });
      return next;
    });
  }, [state.context, state.namespace, shown]);
  return favs[state.context] ?? o.favourites ?? [];
}
