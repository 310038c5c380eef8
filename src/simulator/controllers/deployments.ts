// The deployment controller: one replicaset per pod template (named by its hash, numbered by revision).
// A template change rolls out step by step as the real RollingUpdate strategy does: the new replicaset
// surges by at most maxSurge over the desired count, old ones drain while at most maxUnavailable pods are
// missing (Recreate: old ones to zero first). Old replicasets are kept, scaled to zero, per
// revisionHistoryLimit, so `kubectl rollout history/undo` find them; going back to an old template reuses its
// replicaset under a new revision. Status is summed over the replicasets' pods, and observedGeneration moves
// only with a status computed for that generation: not in a pass that still changed a replicaset, and not
// before every replicaset has observed its own spec.
import type { SimObject } from '../types.js';
import { RES, controllerRef, deploymentStatus, makeReplicaSet, podTemplateHash, type PodTemplate } from '../objects/index.js';
import { childrenOf, current, type ControllerContext } from './context.js';
import { stamped } from './lifecycle.js';
import type { ObjectRef } from './world-index.js';

const REVISION = 'deployment.kubernetes.io/revision';
const REVISION_HISTORY = 'deployment.kubernetes.io/revision-history';
const CHANGE_CAUSE = 'kubernetes.io/change-cause';

interface DeploymentSpec {
  replicas?: number;
  template: PodTemplate;
  paused?: boolean;
  revisionHistoryLimit?: number;
  strategy?: { type?: string; rollingUpdate?: { maxSurge?: number | string; maxUnavailable?: number | string } };
}

/** An int-or-percent of `total` (percentages rounded up for surge, down for unavailability). */
export function resolveIntOrPercent(value: number | string | undefined, fallback: string, total: number, roundUp: boolean): number {
  const v = value ?? fallback;
  if (typeof v === 'number') return v;
  const m = /^(\d+)%$/.exec(v);
  if (!m) return Number(v) || 0;
  const exact = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

/** maxSurge and maxUnavailable as counts; both zero is not allowed, so unavailability becomes 1. */
export function rollingLimits(spec: DeploymentSpec, desired: number): { surge: number; unavailable: number } {
  const ru = spec.strategy?.rollingUpdate;
  const surge = resolveIntOrPercent(ru?.maxSurge, '25%', desired, true);
  let unavailable = resolveIntOrPercent(ru?.maxUnavailable, '25%', desired, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable: Math.min(unavailable, desired) };
}

const replicasOf = (rs: SimObject) => (rs.spec as { replicas?: number }).replicas ?? 0;
const revisionOf = (rs: SimObject) => Number(rs.metadata.annotations?.[REVISION] ?? 0);

export function reconcileDeployment(ctx: ControllerContext, ref: ObjectRef, now: number): void {
  const dep = current(ctx, ref);
  if (!dep) return;
  const spec = dep.spec as DeploymentSpec;
  const desired = spec.replicas ?? 1;
  const hash = podTemplateHash(spec.template);
  let sets = childrenOf(ctx, ref.uid, RES.replicasets).filter((rs) => !rs.metadata.deletionTimestamp);
  const { surge, unavailable } = rollingLimits(spec, desired);
  const recreate = spec.strategy?.type === 'Recreate';
  let changed = false;
  const scale = (rs: SimObject, to: number): SimObject => {
    const from = replicasOf(rs);
    const next = scaleReplicaSet(ctx, rs, to, desired, desired + (recreate ? 0 : surge), now);
    ctx.events.record(dep, 'Normal', 'ScalingReplicaSet', `Scaled ${to > from ? 'up' : 'down'} replica set ${rs.metadata.name} from ${from} to ${to}`, 'deployment-controller', now);
    changed = true;
    sets = sets.map((s) => (s.metadata.uid === next.metadata.uid ? next : s));
    return next;
  };

  const maxRevision = Math.max(0, ...sets.map(revisionOf));
  let active = sets.find((rs) => rs.metadata.labels?.['pod-template-hash'] === hash);
  const old = () => sets.filter((rs) => rs.metadata.uid !== active?.metadata.uid);
  const activePods = (rs: SimObject) => ctx.index.podCounts(rs.metadata.uid!).active;
  const available = (rs: SimObject) => ctx.index.podCounts(rs.metadata.uid!).ready;
  if (spec.paused) {
    // A paused deployment changes nothing but its status.
  } else if (!active) {
    const others = sets.reduce((n, rs) => n + replicasOf(rs), 0);
    const oldPods = sets.reduce((n, rs) => n + activePods(rs), 0);
    const initial = recreate ? (oldPods === 0 && others === 0 ? desired : 0) : others === 0 ? desired : Math.max(0, Math.min(desired, desired + surge - others));
    const rs = stamped(makeReplicaSet(dep, controllerRef(dep), initial, now, maxRevision + 1), now);
    rs.metadata.uid = ctx.rng.uuid();
    rs.metadata.annotations!['deployment.kubernetes.io/desired-replicas'] = String(desired);
    rs.metadata.annotations!['deployment.kubernetes.io/max-replicas'] = String(desired + (recreate ? 0 : surge));
    const cause = dep.metadata.annotations?.[CHANGE_CAUSE];
    if (cause) rs.metadata.annotations![CHANGE_CAUSE] = cause;
    try {
      active = ctx.store.create(RES.replicasets, rs);
    } catch {
      return;
    }
    sets = [...sets, active];
    changed = true;
    if (initial > 0) ctx.events.record(dep, 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${rs.metadata.name} from 0 to ${initial}`, 'deployment-controller', now);
  } else if (revisionOf(active) < maxRevision) {
    // Back to an older template (rollout undo): its replicaset becomes the newest revision.
    const next = stamped(active, now);
    const history = [active.metadata.annotations?.[REVISION_HISTORY], active.metadata.annotations?.[REVISION]].filter(Boolean).join(',');
    next.metadata.annotations![REVISION] = String(maxRevision + 1);
    next.metadata.annotations![REVISION_HISTORY] = history;
    const cause = dep.metadata.annotations?.[CHANGE_CAUSE];
    if (cause) next.metadata.annotations![CHANGE_CAUSE] = cause;
    else delete next.metadata.annotations![CHANGE_CAUSE];
    active = ctx.store.update(RES.replicasets, next);
    sets = sets.map((s) => (s.metadata.uid === active!.metadata.uid ? active! : s));
    changed = true;
  }

  if (!spec.paused && active) {
    const olds = old().filter((rs) => replicasOf(rs) > 0).sort((a, b) => revisionOf(a) - revisionOf(b));
    if (recreate) {
      for (const rs of olds) scale(rs, 0);
      const oldPods = old().reduce((n, rs) => n + activePods(rs), 0);
      if (oldPods === 0 && replicasOf(active) !== desired) active = scale(active, desired);
    } else if (olds.length === 0) {
      if (replicasOf(active) !== desired) active = scale(active, desired);
    } else {
      // Surge: grow the new replicaset up to desired + maxSurge pods in total.
      const total = () => sets.reduce((n, rs) => n + replicasOf(rs), 0);
      if (replicasOf(active) > desired) active = scale(active, desired);
      else if (replicasOf(active) < desired && total() < desired + surge) active = scale(active, Math.min(desired, replicasOf(active) + desired + surge - total()));
      // Drain: shrink old replicasets while at least desired - maxUnavailable pods stay available.
      const minAvailable = desired - unavailable;
      const newUnavailable = Math.max(0, replicasOf(active) - available(active));
      let budget = total() - minAvailable - newUnavailable;
      // Unhealthy old pods go first: removing them costs no availability.
      for (const rs of olds) {
        if (budget <= 0) break;
        const cur = sets.find((s) => s.metadata.uid === rs.metadata.uid)!;
        const unhealthy = Math.max(0, replicasOf(cur) - available(cur));
        const cut = Math.min(unhealthy, budget);
        if (cut > 0) {
          scale(cur, replicasOf(cur) - cut);
          budget -= cut;
        }
      }
      let canLose = sets.reduce((n, rs) => n + available(rs), 0) - minAvailable;
      budget = Math.min(budget, canLose);
      for (const rs of olds) {
        if (budget <= 0 || canLose <= 0) break;
        const cur = sets.find((s) => s.metadata.uid === rs.metadata.uid)!;
        const cut = Math.min(replicasOf(cur), budget);
        if (cut > 0) {
          scale(cur, replicasOf(cur) - cut);
          budget -= cut;
          canLose -= cut;
        }
      }
    }
    pruneHistory(ctx, sets.filter((rs) => rs.metadata.uid !== active!.metadata.uid), spec.revisionHistoryLimit ?? 10);
  }
  if (!active) return;

  let replicas = 0;
  let ready = 0;
  for (const rs of sets) {
    const c = ctx.index.podCounts(rs.metadata.uid!);
    replicas += c.active;
    ready += c.ready;
  }
  const updated = activePods(active);
  const generation = dep.metadata.generation ?? 1;
  // Every replicaset must have acted on its own spec before this status speaks for this generation.
  const settled = !changed && sets.every((rs) => ((rs.status as { observedGeneration?: number } | undefined)?.observedGeneration ?? 0) >= (rs.metadata.generation ?? 1));
  const prevObserved = (dep.status as { observedGeneration?: number } | undefined)?.observedGeneration;
  const status = deploymentStatus(desired, { replicas, ready, updated }, now, settled ? generation : (prevObserved ?? 0));
  if (!settled && prevObserved === undefined) delete status.observedGeneration;
  const complete = updated === desired && replicas === desired && ready === desired;
  if (!complete) {
    const progressing = (status.conditions as Record<string, unknown>[]).find((c) => c.type === 'Progressing')!;
    progressing.reason = 'ReplicaSetUpdated';
    progressing.message = `ReplicaSet "${active.metadata.name}" is progressing.`;
  }
  const revision = active.metadata.annotations?.[REVISION] ?? '1';
  if (sameStatus(dep.status, status) && dep.metadata.annotations?.[REVISION] === revision) return;
  const next = stamped(dep, now);
  next.metadata.annotations![REVISION] = revision;
  next.status = keepTransitionTimes(dep.status, status);
  ctx.store.update(RES.deployments, next);
}

function scaleReplicaSet(ctx: ControllerContext, rs: SimObject, replicas: number, desired: number, max: number, now: number): SimObject {
  const next = stamped(rs, now);
  next.spec = { ...(rs.spec as object), replicas };
  next.metadata.annotations!['deployment.kubernetes.io/desired-replicas'] = String(desired);
  next.metadata.annotations!['deployment.kubernetes.io/max-replicas'] = String(max);
  return ctx.store.update(RES.replicasets, next);
}

/** Deletes the oldest drained replicasets beyond `limit` (the revision history kubectl rollout reads). */
function pruneHistory(ctx: ControllerContext, olds: SimObject[], limit: number): void {
  const drained = olds.filter((rs) => replicasOf(rs) === 0 && ctx.index.podCounts(rs.metadata.uid!).active === 0).sort((a, b) => revisionOf(a) - revisionOf(b));
  for (const rs of drained.slice(0, Math.max(0, drained.length - limit))) ctx.store.remove(RES.replicasets, rs.metadata.namespace, rs.metadata.name);
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
