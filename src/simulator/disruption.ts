// PodDisruptionBudgets as the disruption controller keeps them: status (expected, desired and current healthy
// pods, disruptions allowed, the DisruptionAllowed condition) recomputed whenever a budget or a pod in its
// namespace changes. It runs in every simulated cluster, with or without the world's controllers, because the
// eviction subresource (eviction.ts) decides from this status.
import type { MemoryStore } from './store.js';
import type { SimObject } from './types.js';
import { formatLabelSelector } from './printers/kinds.js';
import { parseLabelSelector } from './selectors.js';

export const PDB_KEY = 'poddisruptionbudgets.policy';

type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** How long a pod evicted through a budget still counts as disrupted (the real controller's DeletionTimeout). */
const DISRUPTED_POD_TIMEOUT_MS = 2 * 60_000;

/** Pods a budget selects (policy/v1: an empty selector selects every pod of the namespace, a missing one none). */
export function selectedPods(store: MemoryStore, pdb: SimObject): SimObject[] {
  const sel = (pdb.spec as Any | undefined)?.selector;
  if (!sel) return [];
  const text = formatLabelSelector(sel);
  const selector = parseLabelSelector(text === '<none>' ? '' : text);
  return store.list('pods', pdb.metadata.namespace).filter((p) => selector.matches(p.metadata.labels));
}

export function isPodReady(pod: SimObject): boolean {
  const status = (pod.status ?? {}) as Any;
  return status.phase === 'Running' && (status.conditions ?? []).some((c: Any) => c.type === 'Ready' && c.status === 'True');
}

/** A pod's scale: its controller's replicas (a ReplicaSet owned by a Deployment counts the Deployment's). */
function controllerScale(store: MemoryStore, pod: SimObject): { uid: string; replicas: number } | undefined {
  const ref = pod.metadata.ownerReferences?.find((o) => o.controller);
  if (!ref) return undefined;
  const ns = pod.metadata.namespace;
  const keys: Record<string, string> = { ReplicaSet: 'replicasets.apps', StatefulSet: 'statefulsets.apps', ReplicationController: 'replicationcontrollers' };
  const key = keys[ref.kind];
  if (!key) return undefined;
  const owner = store.get(key, ns, ref.name);
  if (!owner || owner.metadata.uid !== ref.uid) return undefined;
  const deployRef = ref.kind === 'ReplicaSet' ? owner.metadata.ownerReferences?.find((o) => o.controller && o.kind === 'Deployment') : undefined;
  const deploy = deployRef ? store.get('deployments.apps', ns, deployRef.name) : undefined;
  const top = deploy ?? owner;
  return { uid: top.metadata.uid ?? '', replicas: Number((top.spec as Any | undefined)?.replicas ?? 1) };
}

/** intstr: an integer, or "N%" of `total` rounded up (GetScaledValueFromIntOrPercent with roundUp). */
function scaled(value: number | string, total: number): number {
  if (typeof value === 'number') return value;
  const m = /^(\d+)%$/.exec(value);
  return m ? Math.ceil((Number(m[1]) * total) / 100) : Number(value) || 0;
}

/** The status the disruption controller would write for `pdb` now. */
export function computePdbStatus(store: MemoryStore, pdb: SimObject, now = Date.now()): Any {
  const spec = (pdb.spec ?? {}) as Any;
  const previous = (pdb.status ?? {}) as Any;
  const pods = selectedPods(store, pdb);
  // Pods evicted recently still count as disrupted (not healthy) until they are gone or the timeout passes.
  const disruptedPods: Record<string, string> = {};
  for (const [name, at] of Object.entries((previous.disruptedPods ?? {}) as Record<string, string>)) {
    const pod = pods.find((p) => p.metadata.name === name);
    if (pod && !pod.metadata.deletionTimestamp && Date.parse(at) + DISRUPTED_POD_TIMEOUT_MS > now) disruptedPods[name] = at;
  }
  let expectedPods = pods.length;
  if (spec.maxUnavailable !== undefined || typeof spec.minAvailable === 'string') {
    // Percentages and maxUnavailable count against the controllers' scale, as the real controller does.
    const scales = new Map<string, number>();
    let uncontrolled = 0;
    for (const p of pods) {
      const s = controllerScale(store, p);
      if (s) scales.set(s.uid, s.replicas);
      else uncontrolled++;
    }
    expectedPods = [...scales.values()].reduce((a, b) => a + b, 0) + uncontrolled;
  }
  const currentHealthy = pods.filter((p) => !p.metadata.deletionTimestamp && !(p.metadata.name in disruptedPods) && isPodReady(p)).length;
  let desiredHealthy: number;
  if (spec.maxUnavailable !== undefined) desiredHealthy = Math.max(0, expectedPods - scaled(spec.maxUnavailable, expectedPods));
  else if (spec.minAvailable !== undefined) desiredHealthy = scaled(spec.minAvailable, expectedPods);
  else desiredHealthy = expectedPods; // no rule given (the API forbids this): nothing may be disrupted
  const disruptionsAllowed = Math.max(0, currentHealthy - desiredHealthy);
  const allowed = disruptionsAllowed > 0;
  const generation = pdb.metadata.generation ?? 1;
  const old = (previous.conditions ?? []).find((c: Any) => c.type === 'DisruptionAllowed');
  const status = allowed ? 'True' : 'False';
  return {
    ...(Object.keys(disruptedPods).length ? { disruptedPods } : {}),
    disruptionsAllowed,
    currentHealthy,
    desiredHealthy,
    expectedPods,
    observedGeneration: generation,
    conditions: [{
      type: 'DisruptionAllowed',
      status,
      reason: allowed ? 'SufficientPods' : 'InsufficientPods',
      message: '',
      observedGeneration: generation,
      lastTransitionTime: old && old.status === status ? old.lastTransitionTime : new Date(now).toISOString().replace(/\.\d+Z$/, 'Z'),
    }],
  };
}

/** Writes a budget's status when it differs from the stored one; returns the stored budget. */
export function refreshPdb(store: MemoryStore, pdb: SimObject): SimObject {
  const status = computePdbStatus(store, pdb);
  if (JSON.stringify(status) === JSON.stringify(pdb.status ?? {})) return pdb;
  return store.update(PDB_KEY, { ...pdb, status });
}

/**
 * Keeps every budget's status current: after a change to a budget or to a pod in a namespace that has budgets,
 * that namespace's budgets are recomputed once (coalesced per turn of the event loop). Returns the stop function.
 */
export function startDisruptionBudgets(store: MemoryStore): () => void {
  const dirty = new Set<string>();
  let pending: NodeJS.Immediate | undefined;
  const flush = () => {
    pending = undefined;
    const namespaces = [...dirty];
    dirty.clear();
    for (const ns of namespaces) for (const pdb of store.list(PDB_KEY, ns)) refreshPdb(store, pdb);
  };
  for (const pdb of store.list(PDB_KEY)) dirty.add(pdb.metadata.namespace ?? '');
  if (dirty.size) pending = setImmediate(flush);
  const stop = store.subscribe((ev) => {
    if (ev.resource !== 'pods' && ev.resource !== PDB_KEY) return;
    const ns = ev.object.metadata.namespace ?? '';
    if (ev.resource === 'pods' && store.count(PDB_KEY) === 0) return;
    if (ev.resource === PDB_KEY && ev.type === 'DELETED') return;
    dirty.add(ns);
    pending ??= setImmediate(flush);
  });
  return () => {
    stop();
    if (pending) clearImmediate(pending);
  };
}
