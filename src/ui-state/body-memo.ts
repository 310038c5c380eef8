// The table body of the last frame, reused while everything it is made from is the same. Typing at the `:` prompt
// (or a `-l` selector at `/`) changes the prompt line only, yet each key made the table's model again (every row
// on screen read, cut to its columns and fitted: most of the dashboard's model at 50,000 rows).
import type { BodyModel, ViewContext } from './views/types.js';
import { resourceBody } from './views/resource-table.js';

/**
 * What a resource view's body (resource-table.ts resourceBody, with its metrics columns and note) reads: the view,
 * the cursor and window, the clock, the context's connection and the view's data (`version` counts the store's
 * changes: its rows are read live). Undefined for any other body: those are made every frame.
 */
export function tableBodyInputs(ctx: ViewContext, version: number): unknown[] | undefined {
  if (ctx.module.body !== resourceBody) return undefined;
  const { state, data: d } = ctx;
  return [
    ctx.module.id, ctx.module.extraColumns, ctx.module.titleNote, ctx.view, state.mode, state.context, state.previousContext, ctx.cursor, ctx.topRow,
    ctx.tableHeight, ctx.width, ctx.now, ctx.backend, d.conn, d.connError, d.catalogue, d.catalogueError, d.ref, d.store, d.state, d.rows, version,
    d.podMetrics, d.nodeMetrics, d.podsPerNode, d.viewSetting, d.objects,
  ];
}

export class BodyMemo {
  private inputs?: unknown[];
  private last?: BodyModel;

  /** `make()`'s body, or the last one when `inputs` (tableBodyInputs) are the same as its. */
  body(inputs: unknown[] | undefined, make: () => BodyModel): BodyModel {
    const was = this.inputs;
    if (inputs && was && this.last && inputs.length === was.length && inputs.every((x, i) => Object.is(x, was[i]))) return this.last;
    this.last = make();
    this.inputs = inputs;
    return this.last;
  }
}
