// The garbage collector (background propagation): when an owner goes, its children whose owners are all
// gone are deleted: pods gracefully (Terminating first), others at once.
import { RES } from '../objects/index.js';
import type { ControllerContext } from './context.js';
import { terminatePod } from './pods.js';
import type { ObjectRef } from './world-index.js';

/** The object with uid `ownerUid` was deleted: collect its orphans. */
export function collect(ctx: ControllerContext, ownerUid: string): void {
  if (ctx.index.exists(ownerUid)) return; // re-created with the same uid: nothing to do
  for (const child of ctx.index.childrenOf(ownerUid)) removeIfOrphan(ctx, child);
  ctx.index.forgetOwner(ownerUid);
}

/** Deletes `ref` if none of its owners exist any more; objects already being deleted are left to whoever deletes them. */
export function removeIfOrphan(ctx: ControllerContext, ref: ObjectRef): void {
  const obj = ctx.store.get(ref.resource, ref.namespace, ref.name);
  if (!obj || obj.metadata.uid !== ref.uid || obj.metadata.deletionTimestamp) return;
  const owners = obj.metadata.ownerReferences ?? [];
  if (!owners.length || owners.some((o) => ctx.index.exists(o.uid))) return;
  if (ref.resource === RES.pods) terminatePod(ctx, obj, Date.now());
  else ctx.store.remove(ref.resource, ref.namespace, ref.name);
}
