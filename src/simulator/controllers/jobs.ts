// The job controller: runs up to `parallelism` pods until `completions` succeed, then marks the job
// Complete and tells its cronjob.
import { RES, completedJobStatus, isoSeconds, type PodTemplate } from '../objects/index.js';
import { current, type ControllerContext } from './context.js';
import { cronJobFinished } from './cronjobs.js';
import { stamped } from './lifecycle.js';
import { createPod, writeStatus } from './pods.js';
import type { ObjectRef } from './world-index.js';

export function reconcileJob(ctx: ControllerContext, ref: ObjectRef, now: number): void {
  const job = current(ctx, ref);
  if (!job) return;
  const spec = job.spec as { completions?: number; parallelism?: number; template: PodTemplate; suspend?: boolean };
  const status = (job.status ?? {}) as { conditions?: { type: string; status: string }[]; startTime?: string };
  if (status.conditions?.some((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True')) return;
  const completions = spec.completions ?? 1;
  const c = ctx.index.podCounts(ref.uid);
  const startTime = Date.parse(status.startTime ?? '') || now;
  if (c.succeeded >= completions) {
    const next = stamped(job, now);
    next.status = completedJobStatus(startTime, now, c.succeeded);
    ctx.store.update(RES.jobs, next);
    ctx.events.record(job, 'Normal', 'Completed', 'Job completed', 'job-controller', now);
    cronJobFinished(ctx, job, now);
    return;
  }
  const running = c.active - c.succeeded - c.failed;
  const want = spec.suspend ? 0 : Math.min(spec.parallelism ?? 1, completions - c.succeeded) - running;
  for (let i = 0; i < want; i++) {
    const pod = createPod(ctx, job, spec.template, now);
    if (pod) ctx.events.record(job, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`, 'job-controller', now);
  }
  const after = ctx.index.podCounts(ref.uid);
  const active = after.active - after.succeeded - after.failed;
  const next: Record<string, unknown> = { startTime: isoSeconds(startTime), active, ready: after.ready, terminating: 0, uncountedTerminatedPods: {} };
  if (after.succeeded) next.succeeded = after.succeeded;
  writeStatus(ctx, RES.jobs, job, next, now);
}
