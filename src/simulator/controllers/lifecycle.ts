// Pod lifecycle steps as pure functions: each returns a new pod (never mutating the stored one), stamped
// with the changed-at annotation. The kubelet's and scheduler's parts of the simulation.
import type { SimObject } from '../types.js';
import { CHANGED_AT, podStatus, type PodState } from '../objects/index.js';

export interface Placement {
  nodeName: string;
  hostIP: string;
  podIP: string;
}

/** A shallow copy with fresh metadata/annotations, stamped with when the simulator changed it. */
export function stamped(obj: SimObject, now: number): SimObject {
  return { ...obj, metadata: { ...obj.metadata, annotations: { ...(obj.metadata.annotations ?? {}), [CHANGED_AT]: String(now) } } };
}

interface PodShape {
  spec: { nodeName?: string; restartPolicy?: string };
  status?: {
    phase?: string;
    hostIP?: string;
    podIP?: string;
    startTime?: string;
    conditions?: { type: string; status: string; reason?: string }[];
    containerStatuses?: { restartCount?: number; lastState?: { terminated?: { finishedAt?: string } } }[];
  };
}

export function restartsOf(pod: SimObject): number {
  return (pod as unknown as PodShape).status?.containerStatuses?.[0]?.restartCount ?? 0;
}

export function placementOf(pod: SimObject): Placement | undefined {
  const p = pod as unknown as PodShape;
  if (!p.spec.nodeName) return undefined;
  return { nodeName: p.spec.nodeName, hostIP: p.status?.hostIP ?? '', podIP: p.status?.podIP ?? '' };
}

/** True for a pod nobody has scheduled yet (no node, no PodScheduled verdict). */
export function needsScheduling(pod: SimObject): boolean {
  const p = pod as unknown as PodShape;
  if (pod.metadata.deletionTimestamp || p.spec.nodeName) return false;
  return !(p.status?.conditions ?? []).some((c) => c.type === 'PodScheduled');
}

/** True for a pod on a node whose containers the kubelet has not started yet. */
export function needsStarting(pod: SimObject): boolean {
  const p = pod as unknown as PodShape;
  if (pod.metadata.deletionTimestamp || !p.spec.nodeName) return false;
  return !p.status?.containerStatuses?.length && (p.status?.phase ?? 'Pending') === 'Pending';
}

function startedAt(pod: SimObject, fallback: number): number {
  const t = Date.parse((pod as unknown as PodShape).status?.startTime ?? '');
  return Number.isNaN(t) ? fallback : t;
}

function lastFinished(pod: SimObject): number | undefined {
  const t = Date.parse((pod as unknown as PodShape).status?.containerStatuses?.[0]?.lastState?.terminated?.finishedAt ?? '');
  return Number.isNaN(t) ? undefined : t;
}

/** The scheduler binds the pod and the kubelet starts creating its containers. */
export function schedule(pod: SimObject, placement: Placement, now: number): SimObject {
  const next = stamped(pod, now);
  next.spec = { ...(pod.spec as object), nodeName: placement.nodeName };
  next.status = podStatus(next, 'ContainerCreating', placement, { at: now, startedAt: now });
  return next;
}

/** Moves a scheduled pod to `state`, keeping its start time and restart history. */
export function transition(pod: SimObject, state: PodState, now: number, opts: { restarts?: number; lastRestartAt?: number; podIP?: string } = {}): SimObject {
  const placement = placementOf(pod);
  if (placement && opts.podIP) placement.podIP = opts.podIP;
  const next = stamped(pod, now);
  const restarts = opts.restarts ?? restartsOf(pod);
  next.status = podStatus(next, state, placement ?? {}, {
    at: now,
    startedAt: startedAt(pod, now),
    restarts,
    lastRestartAt: opts.lastRestartAt ?? lastFinished(pod) ?? (restarts ? now : undefined),
  });
  return next;
}

/** The kubelet's crash-loop back-off, shortened for a live demo: 10 s doubling, capped at 40 s. */
export function backoffMs(restarts: number): number {
  return Math.min(40_000, 10_000 * 2 ** Math.max(0, Math.min(restarts, 6) - 1));
}
