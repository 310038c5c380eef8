// The statefulset controller: ordinal pods with their claims, one step at a time as OrderedReady does
// (lowest missing ordinal first, highest surplus removed first), template changes rolling the highest
// ordinal of an old revision first.
import type { SimObject } from '../types.js';
import { RES, makePersistentVolume, makePersistentVolumeClaim, statefulSetRevisionFor, type PodTemplate } from '../objects/index.js';
import { childrenOf, type ControllerContext } from './context.js';
import { stamped } from './lifecycle.js';
import { createPod, isReady, terminatePod, writeStatus } from './pods.js';

interface StatefulSetSpec {
  replicas?: number;
  serviceName?: string;
  template: PodTemplate;
  volumeClaimTemplates?: { metadata: { name: string }; spec: { resources?: { requests?: { storage?: string } }; storageClassName?: string } }[];
}

export function reconcileStatefulSet(ctx: ControllerContext, sts: SimObject, now: number): void {
  if (sts.metadata.deletionTimestamp) return;
  const spec = sts.spec as StatefulSetSpec;
  const name = sts.metadata.name;
  const desired = spec.replicas ?? 1;
  const revision = statefulSetRevisionFor(name, spec.template);
  const pods = childrenOf(ctx, sts.metadata.uid!, RES.pods);
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
    else if (surplus !== undefined) terminatePod(ctx, byOrdinal.get(surplus)!, now);
    else if (stale) terminatePod(ctx, stale[1], now);
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

function createOrdinal(ctx: ControllerContext, sts: SimObject, spec: StatefulSetSpec, i: number, revision: string, now: number): void {
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
  const pod = createPod(ctx, sts, template, now, {
    name: podName,
    labels: { 'apps.kubernetes.io/pod-index': String(i), 'controller-revision-hash': revision, 'statefulset.kubernetes.io/pod-name': podName },
    hostname: podName,
    subdomain: spec.serviceName,
  });
  if (pod) ctx.events.record(sts, 'Normal', 'SuccessfulCreate', `create Pod ${podName} in StatefulSet ${name} successful`, 'statefulset-controller', now);
}
