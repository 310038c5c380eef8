// The replicaset controller: creates pods up to the desired count (bounded per pass), removes the surplus
// in the order the real one ranks them, and reports counts.
import type { SimObject } from '../types.js';
import { RES, replicaSetStatus, type PodTemplate } from '../objects/index.js';
import { childrenOf, current, refOf, type ControllerContext } from './context.js';
import { createPod, terminatePod, writeStatus } from './pods.js';
import type { ObjectRef } from './world-index.js';

const MAX_CREATES_PER_PASS = 500;

export function reconcileReplicaSet(ctx: ControllerContext, ref: ObjectRef, now: number): void {
  const rs = current(ctx, ref);
  if (!rs) return;
  const desired = (rs.spec as { replicas?: number }).replicas ?? 1;
  const have = ctx.index.podCounts(ref.uid).active;
  if (desired > have) {
    const n = Math.min(desired - have, MAX_CREATES_PER_PASS);
    const template = (rs.spec as { template: PodTemplate }).template;
    for (let i = 0; i < n; i++) {
      const pod = createPod(ctx, rs, template, now);
      if (pod && i < 5) ctx.events.record(rs, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`, 'replicaset-controller', now);
    }
    if (desired - have > n) ctx.requeue('replicasets', ref);
  } else if (desired < have) {
    for (const victim of pickVictims(ctx, ref.uid, have - desired)) {
      terminatePod(ctx, victim, now);
      ctx.events.record(rs, 'Normal', 'SuccessfulDelete', `Deleted pod: ${victim.metadata.name}`, 'replicaset-controller', now);
    }
  }
  const c = ctx.index.podCounts(ref.uid);
  writeStatus(ctx, RES.replicasets, rs, replicaSetStatus(c.active, c.ready, rs.metadata.generation ?? 1), now);
}

/** Pods to remove on scale-down: unscheduled first, then not ready, then the youngest (as the RS controller ranks). */
function pickVictims(ctx: ControllerContext, ownerUid: string, count: number): SimObject[] {
  const pods = childrenOf(ctx, ownerUid, RES.pods).filter((p) => !p.metadata.deletionTimestamp);
  const rank = (p: SimObject) => ((p.spec as { nodeName?: string }).nodeName ? (ctx.index.podReady(refOf(RES.pods, p)) ? 2 : 1) : 0);
  pods.sort((a, b) => rank(a) - rank(b) || (b.metadata.creationTimestamp ?? '').localeCompare(a.metadata.creationTimestamp ?? ''));
  return pods.slice(0, count);
}
