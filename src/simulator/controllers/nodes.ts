// Node heartbeats: each node's conditions get a fresh lastHeartbeatTime every heartbeatMs, the nodes spread
// evenly over the ticks so no tick writes them all.
import { RES, isoSeconds } from '../objects/index.js';
import type { ControllerContext } from './context.js';
import { stamped } from './lifecycle.js';

export function heartbeats(ctx: ControllerContext, tickNo: number, tickMs: number, heartbeatMs: number, now: number): void {
  const buckets = Math.max(1, Math.round(heartbeatMs / tickMs));
  const nodes = ctx.index.nodes;
  const bucket = tickNo % buckets;
  for (let i = bucket; i < nodes.length; i += buckets) {
    const node = ctx.store.get(RES.nodes, undefined, nodes[i]);
    if (!node) continue;
    const next = stamped(node, now);
    const status = { ...((node.status as Record<string, unknown>) ?? {}) };
    const hb = isoSeconds(now);
    status.conditions = ((status.conditions as Record<string, unknown>[] | undefined) ?? []).map((c) => ({ ...c, lastHeartbeatTime: hb }));
    next.status = status;
    ctx.store.update(RES.nodes, next);
  }
}
