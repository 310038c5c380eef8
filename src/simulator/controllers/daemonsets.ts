// The daemonset controller: one pod per eligible node (node selector and taints), template changes rolled
// one pod at a time (maxUnavailable 1).
import type { SimObject } from '../types.js';
import { RES, daemonSetRevisionFor, type PodTemplate } from '../objects/index.js';
import { childrenOf, type ControllerContext } from './context.js';
import { createPod, isReady, terminatePod, writeStatus } from './pods.js';

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

export function reconcileDaemonSet(ctx: ControllerContext, ds: SimObject, now: number): void {
  if (ds.metadata.deletionTimestamp) return;
  const template = (ds.spec as { template: PodTemplate }).template;
  const revision = daemonSetRevisionFor(template);
  const nodes = ctx.index.nodes
    .map((n) => ctx.store.get(RES.nodes, undefined, n) as NodeShape | undefined)
    .filter((n): n is NodeShape => !!n && eligible(n, template));
  const wanted = new Set(nodes.map((n) => n.metadata.name));
  const pods = childrenOf(ctx, ds.metadata.uid!, RES.pods);
  const onNode = new Map<string, SimObject>();
  for (const p of pods) {
    const node = (p.spec as { nodeName?: string }).nodeName;
    if (p.metadata.deletionTimestamp) {
      if (node) onNode.set(node, p);
      continue;
    }
    if (!node || !wanted.has(node) || onNode.has(node)) terminatePod(ctx, p, now);
    else onNode.set(node, p);
  }
  for (const node of wanted) {
    if (onNode.has(node)) continue;
    const pod = createPod(ctx, ds, template, now, { labels: { 'controller-revision-hash': revision, 'pod-template-generation': String(ds.metadata.generation ?? 1) }, nodeName: node });
    if (pod) ctx.events.record(ds, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`, 'daemonset-controller', now);
  }
  // Rolling update with maxUnavailable 1: replace one old pod when every pod is ready.
  const live = [...onNode.values()].filter((p) => !p.metadata.deletionTimestamp);
  const stale = live.filter((p) => p.metadata.labels?.['controller-revision-hash'] !== revision);
  if (stale.length && live.every(isReady) && live.length === onNode.size) terminatePod(ctx, stale[0], now);
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
