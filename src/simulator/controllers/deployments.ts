// The deployment controller: one replicaset per pod template (named by its hash, numbered by revision), the
// current one scaled to the desired count and the old ones to zero, and the deployment's status summed
// over its replicasets' pods.
import type { SimObject } from '../types.js';
import { RES, controllerRef, deploymentStatus, makeReplicaSet, podTemplateHash, type PodTemplate } from '../objects/index.js';
import { childrenOf, current, type ControllerContext } from './context.js';
import { stamped } from './lifecycle.js';
import type { ObjectRef } from './world-index.js';

const REVISION = 'deployment.kubernetes.io/revision';

export function reconcileDeployment(ctx: ControllerContext, ref: ObjectRef, now: number): void {
  const dep = current(ctx, ref);
  if (!dep) return;
  const spec = dep.spec as { replicas?: number; template: PodTemplate; paused?: boolean };
  const desired = spec.replicas ?? 1;
  const hash = podTemplateHash(spec.template);
  const sets = childrenOf(ctx, ref.uid, RES.replicasets).filter((rs) => !rs.metadata.deletionTimestamp);
  let active = sets.find((rs) => rs.metadata.labels?.['pod-template-hash'] === hash);
  const revisionOf = (rs: SimObject) => Number(rs.metadata.annotations?.[REVISION] ?? 0);
  if (!active) {
    const revision = Math.max(0, ...sets.map(revisionOf)) + 1;
    const rs = stamped(makeReplicaSet(dep, controllerRef(dep), desired, now, revision), now);
    rs.metadata.uid = ctx.rng.uuid();
    try {
      active = ctx.store.create(RES.replicasets, rs);
    } catch {
      return;
    }
    ctx.events.record(dep, 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${rs.metadata.name} from 0 to ${desired}`, 'deployment-controller', now);
  } else if ((active.spec as { replicas?: number }).replicas !== desired) {
    const from = (active.spec as { replicas?: number }).replicas ?? 0;
    active = scaleReplicaSet(ctx, active, desired, now);
    ctx.events.record(dep, 'Normal', 'ScalingReplicaSet', `Scaled ${desired > from ? 'up' : 'down'} replica set ${active.metadata.name} from ${from} to ${desired}`, 'deployment-controller', now);
  }
  for (const old of sets) {
    const n = (old.spec as { replicas?: number }).replicas ?? 0;
    if (old === active || old.metadata.uid === active.metadata.uid || n === 0) continue;
    scaleReplicaSet(ctx, old, 0, now);
    ctx.events.record(dep, 'Normal', 'ScalingReplicaSet', `Scaled down replica set ${old.metadata.name} from ${n} to 0`, 'deployment-controller', now);
  }
  let replicas = 0;
  let ready = 0;
  for (const rs of sets) {
    const c = ctx.index.podCounts(rs.metadata.uid!);
    replicas += c.active;
    ready += c.ready;
  }
  const updated = ctx.index.podCounts(active.metadata.uid!).active;
  if (!sets.some((s) => s.metadata.uid === active!.metadata.uid)) replicas += updated;
  const generation = dep.metadata.generation ?? 1;
  const status = deploymentStatus(desired, { replicas, ready, updated }, now, generation);
  const revision = active.metadata.annotations?.[REVISION] ?? '1';
  if (sameStatus(dep.status, status) && dep.metadata.annotations?.[REVISION] === revision) return;
  const next = stamped(dep, now);
  next.metadata.annotations![REVISION] = revision;
  next.status = keepTransitionTimes(dep.status, status);
  ctx.store.update(RES.deployments, next);
}

function scaleReplicaSet(ctx: ControllerContext, rs: SimObject, replicas: number, now: number): SimObject {
  const next = stamped(rs, now);
  next.spec = { ...(rs.spec as object), replicas };
  next.metadata.annotations!['deployment.kubernetes.io/desired-replicas'] = String(replicas);
  next.metadata.annotations!['deployment.kubernetes.io/max-replicas'] = String(Math.ceil(replicas * 1.25));
  return ctx.store.update(RES.replicasets, next);
}

/** Compares deployment statuses on what they say (counts, conditions' type/status/reason), not on times. */
function sameStatus(a: unknown, b: unknown): boolean {
  const shape = (s: unknown) => {
    const st = (s ?? {}) as Record<string, unknown>;
    const conditions = ((st.conditions as { type: string; status: string; reason?: string }[] | undefined) ?? []).map((c) => `${c.type}=${c.status}/${c.reason}`);
    return JSON.stringify({ ...st, conditions });
  };
  return shape(a) === shape(b);
}

/** Keeps a condition's lastTransitionTime while its status does not change. */
function keepTransitionTimes(prev: unknown, next: Record<string, unknown>): Record<string, unknown> {
  const before = new Map((((prev ?? {}) as { conditions?: Record<string, unknown>[] }).conditions ?? []).map((c) => [c.type as string, c]));
  next.conditions = ((next.conditions as Record<string, unknown>[] | undefined) ?? []).map((c) => {
    const old = before.get(c.type as string);
    return old && old.status === c.status ? { ...c, lastTransitionTime: old.lastTransitionTime } : c;
  });
  return next;
}
