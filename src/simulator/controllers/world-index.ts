// What the controllers know about the store without scanning it: objects by uid, children by owner uid,
// per-owner pod counts, and a dense list of pods for O(1) random picks. Kept current from store events.
import type { SimEvent, SimObject, SimStore } from '../types.js';
import { isPodReady, podPhase, RES } from '../objects/index.js';

export interface ObjectRef {
  resource: string;
  namespace?: string;
  name: string;
  uid: string;
}

export interface PodCounts {
  /** Pods without a deletionTimestamp. */
  active: number;
  ready: number;
  succeeded: number;
  failed: number;
}

interface PodInfo {
  ref: ObjectRef;
  ownerUid?: string;
  ready: boolean;
  terminating: boolean;
  phase: string;
  slot: number;
}

export function refKey(resource: string, namespace: string | undefined, name: string): string {
  return `${resource}|${namespace ?? ''}|${name}`;
}

export class WorldIndex {
  private readonly byUid = new Map<string, ObjectRef>();
  private readonly children = new Map<string, Map<string, ObjectRef>>();
  private readonly ownersOf = new Map<string, string[]>();
  private readonly counts = new Map<string, PodCounts>();
  private readonly pods = new Map<string, PodInfo>();
  private readonly podSlots: string[] = [];
  readonly nodes: string[] = [];

  constructor(private readonly store: SimStore) {}

  /** Fills the index from the store once (at start). */
  load(resources: string[]): void {
    for (const r of resources) for (const o of this.store.list(r)) this.apply({ type: 'ADDED', resource: r, object: o });
  }

  apply(event: SimEvent): void {
    const { resource, object } = event;
    const meta = object.metadata;
    const uid = meta.uid;
    if (!uid) return;
    const key = refKey(resource, meta.namespace, meta.name);
    const owner = meta.ownerReferences?.find((r) => r.controller) ?? meta.ownerReferences?.[0];
    for (const prevOwner of this.ownersOf.get(key) ?? []) this.children.get(prevOwner)?.delete(key);
    this.ownersOf.delete(key);
    if (event.type === 'DELETED') {
      this.byUid.delete(uid);
      if (resource === RES.pods) this.dropPod(key);
      if (resource === RES.nodes) {
        const i = this.nodes.indexOf(meta.name);
        if (i >= 0) this.nodes.splice(i, 1);
      }
      return;
    }
    const ref: ObjectRef = { resource, namespace: meta.namespace, name: meta.name, uid };
    this.byUid.set(uid, ref);
    for (const o of meta.ownerReferences ?? []) {
      let set = this.children.get(o.uid);
      if (!set) this.children.set(o.uid, (set = new Map()));
      set.set(key, ref);
    }
    if (meta.ownerReferences?.length) this.ownersOf.set(key, meta.ownerReferences.map((o) => o.uid));
    if (resource === RES.pods) this.notePod(key, ref, owner?.uid, object);
    if (resource === RES.nodes && event.type === 'ADDED' && !this.nodes.includes(meta.name)) this.nodes.push(meta.name);
  }

  private countsOf(uid: string): PodCounts {
    let c = this.counts.get(uid);
    if (!c) this.counts.set(uid, (c = { active: 0, ready: 0, succeeded: 0, failed: 0 }));
    return c;
  }

  private adjust(info: PodInfo, sign: 1 | -1): void {
    if (!info.ownerUid) return;
    const c = this.countsOf(info.ownerUid);
    if (!info.terminating) c.active += sign;
    if (info.ready && !info.terminating) c.ready += sign;
    if (info.phase === 'Succeeded') c.succeeded += sign;
    if (info.phase === 'Failed') c.failed += sign;
  }

  private notePod(key: string, ref: ObjectRef, ownerUid: string | undefined, pod: SimObject): void {
    const prev = this.pods.get(key);
    if (prev) this.adjust(prev, -1);
    const info: PodInfo = {
      ref,
      ownerUid,
      ready: isPodReady(pod),
      terminating: !!pod.metadata.deletionTimestamp,
      phase: podPhase(pod),
      slot: prev?.slot ?? this.podSlots.length,
    };
    if (!prev) this.podSlots.push(key);
    this.pods.set(key, info);
    this.adjust(info, 1);
  }

  private dropPod(key: string): void {
    const info = this.pods.get(key);
    if (!info) return;
    this.adjust(info, -1);
    this.pods.delete(key);
    const last = this.podSlots.pop()!;
    if (last !== key) {
      this.podSlots[info.slot] = last;
      this.pods.get(last)!.slot = info.slot;
    }
  }

  exists(uid: string): boolean {
    return this.byUid.has(uid);
  }

  childrenOf(uid: string, resource?: string): ObjectRef[] {
    const set = this.children.get(uid);
    if (!set) return [];
    const out: ObjectRef[] = [];
    for (const ref of set.values()) if (!resource || ref.resource === resource) out.push(ref);
    return out;
  }

  /** Forget the children list of a gone owner (after they have been collected). */
  forgetOwner(uid: string): void {
    this.children.delete(uid);
    this.counts.delete(uid);
  }

  podCounts(ownerUid: string): PodCounts {
    return this.counts.get(ownerUid) ?? { active: 0, ready: 0, succeeded: 0, failed: 0 };
  }

  podCount(): number {
    return this.podSlots.length;
  }

  /** The pod in slot i (0 ≤ i < podCount()), as "ns/name". */
  podAt(i: number): ObjectRef | undefined {
    return this.pods.get(this.podSlots[i])?.ref;
  }

  podReady(ref: ObjectRef): boolean {
    return this.pods.get(refKey(RES.pods, ref.namespace, ref.name))?.ready ?? false;
  }
}
