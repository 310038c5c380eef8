// What every controller module shares: the store, the index of what it holds, the seeded randomness, the
// event recorder, the kubelet's step queue, and a way to ask for another reconcile pass.
import type { SimObject, SimStore } from '../types.js';
import { RES, type Rng } from '../objects/index.js';
import type { EventRecorder } from './events.js';
import type { TaskQueue } from './tasks.js';
import type { ObjectRef, WorldIndex } from './world-index.js';

/** The kinds reconciled by owner (a change to a child marks its owner). */
export type Controlled = 'deployments' | 'replicasets' | 'jobs' | 'statefulsets' | 'daemonsets';

export const OWNER_KINDS: Record<string, Controlled | undefined> = {
  Deployment: 'deployments',
  ReplicaSet: 'replicasets',
  Job: 'jobs',
  StatefulSet: 'statefulsets',
  DaemonSet: 'daemonsets',
};

export interface ControllerContext {
  store: SimStore;
  index: WorldIndex;
  rng: Rng;
  events: EventRecorder;
  tasks: TaskQueue;
  /** Reconciles `ref` again in the next pass (work left over from a bounded pass). */
  requeue(kind: Controlled, ref: ObjectRef): void;
}

export function refOf(resource: string, o: SimObject): ObjectRef {
  return { resource, namespace: o.metadata.namespace, name: o.metadata.name, uid: o.metadata.uid ?? '' };
}

export function podKey(o: SimObject): string {
  return `${o.metadata.namespace ?? ''}/${o.metadata.name}`;
}

export function splitKey(key: string): [string, string] {
  const i = key.indexOf('/');
  return [key.slice(0, i), key.slice(i + 1)];
}

/** The live object `ref` names, or undefined when it is gone, was re-created (another uid) or is being deleted. */
export function current(ctx: ControllerContext, ref: ObjectRef): SimObject | undefined {
  const obj = ctx.store.get(ref.resource, ref.namespace, ref.name);
  return obj && obj.metadata.uid === ref.uid && !obj.metadata.deletionTimestamp ? obj : undefined;
}

/** The objects of `resource` whose owner is `ownerUid` (from the index, so no scan). */
export function childrenOf(ctx: ControllerContext, ownerUid: string, resource: string): SimObject[] {
  return ctx.index
    .childrenOf(ownerUid, resource)
    .map((r) => ctx.store.get(resource, r.namespace, r.name))
    .filter((o): o is SimObject => !!o);
}
