// Creating and gracefully deleting pods for a controller, and writing a controller's status only when it
// changed (one write, one watch event).
import type { SimObject } from '../types.js';
import { RES, controllerRef, isoSeconds, podFromTemplate, qosClass, type PodTemplate } from '../objects/index.js';
import { podKey, type ControllerContext } from './context.js';
import { stamped } from './lifecycle.js';

export interface PodOptions {
  name?: string;
  labels?: Record<string, string>;
  nodeName?: string;
  hostname?: string;
  subdomain?: string;
}

/** Creates a Pending pod of `owner` from `template` (a random name suffix unless `name` is given). */
export function createPod(ctx: ControllerContext, owner: SimObject, template: PodTemplate, now: number, opts: PodOptions = {}): SimObject | undefined {
  for (let attempt = 0; attempt < 3; attempt++) {
    const name = opts.name ?? `${owner.metadata.name}-${ctx.rng.nameSuffix(5)}`;
    if (ctx.store.get(RES.pods, owner.metadata.namespace, name)) {
      if (opts.name) return undefined;
      continue;
    }
    const pod = stamped(
      podFromTemplate({
        namespace: owner.metadata.namespace!,
        name,
        generateName: `${owner.metadata.name}-`,
        uid: ctx.rng.uuid(),
        createdAt: now,
        template,
        owner: controllerRef(owner),
        extraLabels: opts.labels,
        hostname: opts.hostname,
        subdomain: opts.subdomain,
      }),
      now,
    );
    if (opts.nodeName) (pod.spec as Record<string, unknown>).nodeName = opts.nodeName;
    pod.status = { phase: 'Pending', qosClass: qosClass(template.spec.containers) };
    try {
      return ctx.store.create(RES.pods, pod);
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** Graceful deletion as the kubelet sees it: Terminating first, gone a moment later. */
export function terminatePod(ctx: ControllerContext, pod: SimObject, now: number): void {
  const next = stamped(pod, now);
  next.metadata.deletionTimestamp = isoSeconds(now + 30_000);
  next.metadata.deletionGracePeriodSeconds = 30;
  ctx.store.update(RES.pods, next);
  ctx.tasks.push(now + ctx.rng.int(800, 1800), podKey(pod), pod.metadata.uid!, 'remove');
}

export function isReady(pod: SimObject): boolean {
  return !!(pod.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
}

/** Writes `status` to `obj` unless it already says exactly that. */
export function writeStatus(ctx: ControllerContext, resource: string, obj: SimObject, status: Record<string, unknown>, now: number): void {
  if (JSON.stringify(status) === JSON.stringify(obj.status)) return;
  const next = stamped(obj, now);
  next.status = status;
  ctx.store.update(resource, next);
}
