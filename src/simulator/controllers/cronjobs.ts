// The cronjob controller: starts a job when a schedule comes due (minute-step, hourly and daily schedules),
// keeps the cronjob's active list and last times, and trims finished jobs to the newest 3.
import type { SimObject } from '../types.js';
import { RES, controllerRef, isoSeconds, type PodTemplate } from '../objects/index.js';
import { childrenOf, type ControllerContext } from './context.js';
import { stamped } from './lifecycle.js';
import type { ObjectRef } from './world-index.js';

const KEEP_FINISHED = 3;

/** Starts the due runs of the cronjobs `refs` names. */
export function runCronJobs(ctx: ControllerContext, refs: Iterable<ObjectRef>, now: number): void {
  for (const ref of refs) {
    const cj = ctx.store.get(RES.cronjobs, ref.namespace, ref.name);
    if (!cj || cj.metadata.uid !== ref.uid) continue;
    const spec = cj.spec as { schedule: string; suspend?: boolean; jobTemplate: { spec: Record<string, unknown> } };
    if (spec.suspend) continue;
    const period = schedulePeriodMs(spec.schedule);
    const status = (cj.status ?? {}) as { lastScheduleTime?: string };
    const last = Date.parse(status.lastScheduleTime ?? '') || Date.parse(cj.metadata.creationTimestamp ?? '') || now;
    const due = Math.floor(now / period) * period;
    if (due <= last) continue;
    const name = `${ref.name}-${Math.floor(due / 60_000)}`;
    const template = (spec.jobTemplate.spec.template ?? { metadata: {}, spec: { containers: [] } }) as PodTemplate;
    const uid = ctx.rng.uuid();
    const podLabels = { ...(template.metadata?.labels ?? {}), 'batch.kubernetes.io/controller-uid': uid, 'batch.kubernetes.io/job-name': name, 'controller-uid': uid, 'job-name': name };
    const job: SimObject = stamped(
      {
        apiVersion: 'batch/v1',
        kind: 'Job',
        metadata: { name, namespace: ref.namespace, uid, labels: podLabels, ownerReferences: [controllerRef(cj)], creationTimestamp: isoSeconds(now) },
        spec: { parallelism: 1, completions: 1, backoffLimit: 6, ...spec.jobTemplate.spec, selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } }, manualSelector: false, template: { metadata: { ...template.metadata, labels: podLabels }, spec: template.spec }, completionMode: 'NonIndexed', suspend: false, podReplacementPolicy: 'TerminatingOrFailed' },
        status: { startTime: isoSeconds(now), active: 0, ready: 0, terminating: 0, uncountedTerminatedPods: {} },
      },
      now,
    );
    try {
      ctx.store.create(RES.jobs, job);
    } catch {
      continue;
    }
    const next = stamped(cj, now);
    const st = { ...((cj.status as Record<string, unknown> | undefined) ?? {}) };
    st.lastScheduleTime = isoSeconds(due);
    st.active = [...((st.active as unknown[] | undefined) ?? []), { kind: 'Job', namespace: ref.namespace, name, uid, apiVersion: 'batch/v1', resourceVersion: '' }];
    next.status = st;
    ctx.store.update(RES.cronjobs, next);
    ctx.events.record(cj, 'Normal', 'SuccessfulCreate', `Created job ${name}`, 'cronjob-controller', now);
    const finished = childrenOf(ctx, ref.uid, RES.jobs)
      .filter((j) => !!(j.status as { completionTime?: string } | undefined)?.completionTime)
      .sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
    for (const old of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) ctx.store.remove(RES.jobs, old.metadata.namespace, old.metadata.name);
  }
}

/** A finished job leaves its cronjob's active list and sets its lastSuccessfulTime. */
export function cronJobFinished(ctx: ControllerContext, job: SimObject, now: number): void {
  const owner = job.metadata.ownerReferences?.find((o) => o.kind === 'CronJob');
  if (!owner) return;
  const cj = ctx.store.get(RES.cronjobs, job.metadata.namespace, owner.name);
  if (!cj || cj.metadata.uid !== owner.uid) return;
  const next = stamped(cj, now);
  const status = { ...((cj.status as Record<string, unknown> | undefined) ?? {}) };
  const active = ((status.active as { uid: string }[] | undefined) ?? []).filter((a) => a.uid !== job.metadata.uid);
  if (active.length) status.active = active;
  else delete status.active;
  status.lastSuccessfulTime = isoSeconds(now);
  next.status = status;
  ctx.store.update(RES.cronjobs, next);
}

/** The period of the schedules the world uses: "*\/N * * * *" (N minutes), "M * * * *" (hourly), else daily. */
export function schedulePeriodMs(schedule: string): number {
  const [minute = '*', hour = '*'] = schedule.trim().split(/\s+/);
  const step = /^\*\/(\d+)$/.exec(minute);
  if (step) return Math.max(1, Number(step[1])) * 60_000;
  if (minute === '*') return 60_000;
  if (hour === '*') return 3_600_000;
  return 86_400_000;
}
