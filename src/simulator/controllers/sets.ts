// StatefulSet and DaemonSet controllers: ordinal pods with their claims (OrderedReady, highest ordinal
// removed first) and one pod per eligible node; template changes roll pods one at a time.
import type { SimObject, SimStore } from '../types.js';
import {
  RES,
  daemonSetRevisionFor,
  makePersistentVolume,
  makePersistentVolumeClaim,
  statefulSetRevisionFor,
  type PodTemplate,
  type Rng,
} from '../objects/index.js';
import type { EventRecorder } from './events.js';
import { stamped } from './lifecycle.js';
import type { WorldIndex } from './world-index.js';

/** What the set controllers need from the controller loop. */
export interface SetContext {
  store: SimStore;
  index: WorldIndex;
  rng: Rng;
  events: EventRecorder;
  /** Creates a pod of `owner` from `template` (name, labels, node and volumes as given). */
  createPod(owner: SimObject, template: PodTemplate, now: number, opts: { name?: string; labels?: Record<string, string>; nodeName?: string; hostname?: string; subdomain?: string }): SimObject | undefined;
  terminatePod(pod: SimObject, now: number): void;
}

function ownedPods(ctx: SetContext, ownerUid: string): SimObject[] {
  return ctx.index
    .childrenOf(ownerUid, RES.pods)
    .map((r) => ctx.store.get(RES.pods, r.namespace, r.name))
    .filter((p): p is SimObject => !!p && p.metadata.uid !== undefined);
}

function isReady(pod: SimObject): boolean {
  return !!(pod.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
}

function writeStatus(ctx: SetContext, resource: string, obj: SimObject, status: Record<string, unknown>, now: number): void {
  if (JSON.stringify(status) === JSON.stringify(obj.status)) return;
  const next = stamped(obj, now);
  next.status = status;
  ctx.store.update(resource, next);
}

interface StatefulSetSpec {
  replicas?: number;
  serviceName?: string;
  template: PodTemplate;
  volumeClaimTemplates?: { metadata: { name: string }; spec: { resources?: { requests?: { storage?: string } }; storageClassName?: string } }[];
}

export function reconcileStatefulSet(ctx: SetContext, sts: SimObject, now: number): void {
  if (sts.metadata.deletionTimestamp) return;
  const spec = sts.spec as StatefulSetSpec;
  const name = sts.metadata.name;
  const desired = spec.replicas ?? 1;
  const revision = statefulSetRevisionFor(name, spec.template);
  const pods = ownedPods(ctx, sts.metadata.uid!);
  const byOrdinal = new Map<number, SimObject>();
  for (const p of pods) {
    const ordinal = Number(p.metadata.name.slice(name.length + 1));
    if (Number.isInteger(ordinal)) byOrdinal.set(ordinal, p);
  }
  const live = pods.filter((p) => !p.metadata.deletionTimestamp);
  const settling = pods.some((p) => p.metadata.deletionTimestamp) || live.some((p) => !isReady(p));
  // One step at a time, as OrderedReady does: create the lowest missing ordinal once all others are ready,
  // else remove the highest surplus ordinal, else replace the highest pod of an old revision.
  if (!settling) {
    let missing = -1;
    for (let i = 0; i < desired; i++) {
      if (!byOrdinal.has(i)) {
        missing = i;
        break;
      }
    }
    const surplus = [...byOrdinal.keys()].filter((i) => i >= desired).sort((a, b) => b - a)[0];
    const stale = [...byOrdinal.entries()].filter(([, p]) => p.metadata.labels?.['controller-revision-hash'] !== revision).sort((a, b) => b[0] - a[0])[0];
    if (missing >= 0) createOrdinal(ctx, sts, spec, missing, revision, now);
    else if (surplus !== undefined) ctx.terminatePod(byOrdinal.get(surplus)!, now);
    else if (stale) ctx.terminatePod(stale[1], now);
  }
  const current = ctx.index.podCounts(sts.metadata.uid!);
  const updated = live.filter((p) => p.metadata.labels?.['controller-revision-hash'] === revision).length;
  const prev = (sts.status ?? {}) as { currentRevision?: string; collisionCount?: number };
  writeStatus(
    ctx,
    RES.statefulsets,
    sts,
    {
      observedGeneration: sts.metadata.generation ?? 1,
      replicas: current.active,
      readyReplicas: current.ready,
      currentReplicas: updated === current.active ? current.active : current.active - updated,
      updatedReplicas: updated,
      currentRevision: updated === current.active && updated === desired ? revision : prev.currentRevision ?? revision,
      updateRevision: revision,
      collisionCount: prev.collisionCount ?? 0,
      availableReplicas: current.ready,
    },
    now,
  );
}

function createOrdinal(ctx: SetContext, sts: SimObject, spec: StatefulSetSpec, i: number, revision: string, now: number): void {
  const name = sts.metadata.name;
  const ns = sts.metadata.namespace!;
  const podName = `${name}-${i}`;
  const volumes = [...((spec.template.spec.volumes as unknown[] | undefined) ?? [])];
  for (const vct of spec.volumeClaimTemplates ?? []) {
    const claimName = `${vct.metadata.name}-${podName}`;
    volumes.push({ name: vct.metadata.name, persistentVolumeClaim: { claimName } });
    if (ctx.store.get(RES.persistentvolumeclaims, ns, claimName)) continue;
    const size = vct.spec.resources?.requests?.storage ?? '1Gi';
    const storageClass = vct.spec.storageClassName ?? 'gp3';
    const uid = ctx.rng.uuid();
    const pvName = `pvc-${uid}`;
    try {
      ctx.store.create(RES.persistentvolumes, stamped(makePersistentVolume(pvName, now, size, { namespace: ns, name: claimName, uid }, storageClass, 'eu-west-1a'), now));
      const pvc = stamped(makePersistentVolumeClaim({ namespace: ns, name: claimName, uid, createdAt: now, size, volumeName: pvName, storageClass, labels: sts.metadata.labels }), now);
      ctx.store.create(RES.persistentvolumeclaims, pvc);
    } catch {
      // already there: reuse it
    }
  }
  const template: PodTemplate = { metadata: spec.template.metadata, spec: { ...spec.template.spec, volumes } };
  const pod = ctx.createPod(sts, template, now, {
    name: podName,
    labels: { 'apps.kubernetes.io/pod-index': String(i), 'controller-revision-hash': revision, 'statefulset.kubernetes.io/pod-name': podName },
    hostname: podName,
    subdomain: spec.serviceName,
  });
  if (pod) ctx.events.record(sts, 'Normal', 'SuccessfulCreate', `create Pod ${podName} in StatefulSet ${name} successful`, 'statefulset-controller', now);
}

interface NodeShape {
  metadata: SimObject['metadata'];
  spec?: { taints?: { key: string; effect: string }[]; unschedulable?: boolean };
}

/** Whether a DaemonSet pod with `template` may run on `node` (node selector and taints). */
function eligible(node: NodeShape, template: PodTemplate): boolean {
  const selector = (template.spec.nodeSelector as Record<string, string> | undefined) ?? {};
  for (const [k, v] of Object.entries(selector)) if (node.metadata.labels?.[k] !== v) return false;
  const tolerations = (template.spec.tolerations as { key?: string; operator?: string; effect?: string }[] | undefined) ?? [];
  for (const taint of node.spec?.taints ?? []) {
    if (taint.effect !== 'NoSchedule' && taint.effect !== 'NoExecute') continue;
    const tolerated = tolerations.some((t) => (t.operator === 'Exists' && !t.key) || (t.key === taint.key && (!t.effect || t.effect === taint.effect)));
    if (!tolerated) return false;
  }
  return true;
}

export function reconcileDaemonSet(ctx: SetContext, ds: SimObject, now: number): void {
  if (ds.metadata.deletionTimestamp) return;
  const template = (ds.spec as { template: PodTemplate }).template;
  const revision = daemonSetRevisionFor(template);
  const nodes = ctx.index.nodes
    .map((n) => ctx.store.get(RES.nodes, undefined, n) as NodeShape | undefined)
    .filter((n): n is NodeShape => !!n && eligible(n, template));
  const wanted = new Set(nodes.map((n) => n.metadata.name));
  const pods = ownedPods(ctx, ds.metadata.uid!);
  const onNode = new Map<string, SimObject>();
  for (const p of pods) {
    const node = (p.spec as { nodeName?: string }).nodeName;
    if (p.metadata.deletionTimestamp) {
      if (node) onNode.set(node, p);
      continue;
    }
    if (!node || !wanted.has(node) || onNode.has(node)) ctx.terminatePod(p, now);
    else onNode.set(node, p);
  }
  for (const node of wanted) {
    if (onNode.has(node)) continue;
    const pod = ctx.createPod(ds, template, now, { labels: { 'controller-revision-hash': revision, 'pod-template-generation': String(ds.metadata.generation ?? 1) }, nodeName: node });
    if (pod) ctx.events.record(ds, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`, 'daemonset-controller', now);
  }
  // Rolling update with maxUnavailable 1: replace one old pod when every pod is ready.
  const live = [...onNode.values()].filter((p) => !p.metadata.deletionTimestamp);
  const stale = live.filter((p) => p.metadata.labels?.['controller-revision-hash'] !== revision);
  if (stale.length && live.every(isReady) && live.length === onNode.size) ctx.terminatePod(stale[0], now);
  const ready = live.filter(isReady).length;
  const updated = live.length - stale.length;
  writeStatus(
    ctx,
    RES.daemonsets,
    ds,
    {
      currentNumberScheduled: live.length,
      numberMisscheduled: 0,
      desiredNumberScheduled: wanted.size,
      numberReady: ready,
      observedGeneration: ds.metadata.generation ?? 1,
      updatedNumberScheduled: updated,
      numberAvailable: ready,
      ...(wanted.size - ready > 0 ? { numberUnavailable: wanted.size - ready } : {}),
    },
    now,
  );
}
