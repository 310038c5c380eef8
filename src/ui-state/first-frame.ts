// The model of the dashboard's first frame, built without React from what start-up has already settled (the
// connection, discovery, the server's version and the start view's informer), through the same functions the
// dispatcher's first render runs (dashboard-frame.ts, the view module's body): src/app/pre-paint.ts writes it to the
// terminal while Ink and React are still loading. It reads settled promises only; where the first render would
// read something this cannot (views.yaml columns that need full objects), it gives up and nothing is pre-painted.
import { initialState, top } from './app-state.js';
import { scrollTop } from './cursor.js';
import { settledOutcome } from './settled.js';
import { needsObject, settingFor } from './custom-views.js';
import { frameModel, headerModel, informerKeyOf, offeredActions, rowViewOptions, savedFavourites, settledParts, userConfigFor, viewContext, type ContextEnv } from './dashboard-frame.js';
import { bodyHeightFor } from './frame-layout.js';
import { NO_TERMINAL } from './services.js';
import { resourceView } from './views.js';
import type { DashboardModel, DashboardOptions } from './use-dashboard.js';
import type { ViewData } from './views/types.js';

export type FirstFrameOptions = Omit<DashboardOptions, 'onQuit' | 'services' | 'flashMs' | 'clockMs'>;

const ignore = () => {};

/** The first frame's model, or undefined when this cannot tell what that frame shows. */
export function firstFrameModel(o: FirstFrameOptions, now = Date.now()): Omit<DashboardModel, 'onInput'> | undefined {
  const { backend, context } = o;
  const state = { ...initialState(context, o.namespace, resourceView(o.startResource, o.namespace), o.startResource), flash: o.notice };
  const view = top(state);
  const user = userConfigFor(o, context);
  // The first render shows a broken per-context file's error on the flash line from an effect: a frame later.
  if (user.error) return undefined;
  // What the first render's useAsync reads: the same per-context promises, settled or pending.
  const conn = settledOutcome(backend.connect(context)) ?? {};
  const catalogue = conn.value ? (settledOutcome(backend.catalogue(context)) ?? {}) : {};
  const k8s = conn.value ? (settledOutcome(backend.serverVersion(context)) ?? {}) : {};
  const ref = view.kind === 'resource' ? catalogue.value?.resolve(view.resource) : undefined;
  const key = informerKeyOf(state, ref, !!conn.value);
  // Before its lease is taken, the first render shows the informer start-up opened (peek).
  const informer = key ? backend.peek?.(key) : undefined;
  const store = informer?.store;
  const setting = ref && catalogue.value ? settingFor(user.config.views, ref, catalogue.value) : undefined;
  if (setting?.columns.some((c) => c.path && needsObject(c.path.source))) return undefined;
  const rows = view.kind === 'resource' && store ? store.view(rowViewOptions(view, setting, store.columns)) : undefined;
  const data: ViewData & { k8sVersion?: string; k8sError?: unknown } = {
    ...settledParts(conn, catalogue, k8s),
    ref,
    store,
    state: informer?.state(),
    rows,
    contexts: backend.contexts(),
    favourites: savedFavourites(o)[context] ?? o.favourites ?? [],
    viewSetting: setting,
    aliases: { ...o.aliases, ...user.config.aliases },
  };
  const readOnly = !!o.readOnly || !!backend.readOnlyReason?.(context);
  const tableHeight = bodyHeightFor(o.height);
  // The capability layer's first answer is never in before the first render: action keys are hidden in it.
  const offered = offeredActions(!!backend.capabilities?.(context), undefined, readOnly);
  const env: ContextEnv = {
    user: user.config, runUserKey: () => false, readOnly, offered, tableHeight, width: o.width, now, input: '', backend,
    services: NO_TERMINAL, dispatch: ignore, patch: ignore, flash: ignore, quit: ignore, execute: ignore, switchContext: ignore,
  };
  const ctx = viewContext(state, data, env, undefined, 0);
  ctx.topRow = scrollTop(ctx.cursor, 0, tableHeight, ctx.list.length);
  const header = headerModel(o, state, view, data, readOnly, now);
  const { onInput: _, ...model } = frameModel(ctx, header, ctx.module.body(ctx), user.config.palette, () => ({ resources: [], contexts: [], namespaces: [] }), ignore);
  return model;
}
