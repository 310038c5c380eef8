// Cron jobs: trigger a run now (the Job `kubectl create job --from=cronjob/NAME` makes) and suspend/resume.
import { randomBytes } from 'node:crypto';
import type { KubeClient } from '../transport/types.js';
import type { ResourceRef } from '../api/catalogue.js';
import { resourcePath } from '../api/requests.js';
import { MERGE_PATCH, attempt, describeTarget, done, targetPath, type ActionResult, type Target } from './result.js';

type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const JOBS: ResourceRef = { group: 'batch', version: 'v1', resource: 'jobs', kind: 'Job', singular: 'job', namespaced: true, shortNames: [], verbs: [], categories: [] };

/** "<cronjob>-manual-<5 chars>", trimmed so the name stays a valid 63-character label. */
export function manualJobName(cronJob: string, suffix = randomBytes(3).toString('hex').slice(0, 5)): string {
  return `${cronJob.slice(0, 63 - '-manual-'.length - suffix.length)}-manual-${suffix}`;
}

/** The Job kubectl builds from a cron job: its template, the manual-instantiation annotation, owned by the cron job. */
export function jobFromCronJob(cj: Any, name: string): Any {
  const template = cj.spec?.jobTemplate ?? {};
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name,
      namespace: cj.metadata?.namespace,
      annotations: { 'cronjob.kubernetes.io/instantiate': 'manual', ...(template.metadata?.annotations ?? {}) },
      ...(template.metadata?.labels ? { labels: template.metadata.labels } : {}),
      ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: cj.metadata?.name, uid: cj.metadata?.uid, controller: true }],
    },
    spec: template.spec ?? {},
  };
}

export function trigger(client: KubeClient, t: Target, jobName = manualJobName(t.name)): Promise<ActionResult> {
  return attempt(async () => {
    const cj = await client.requestJson<Any>({ path: targetPath(t) });
    await client.requestJson({ method: 'POST', path: resourcePath(JOBS, t.namespace), body: jobFromCronJob(cj, jobName) });
    return done(`triggered ${describeTarget(t)}: job ${jobName} created`);
  });
}

export function setSuspended(client: KubeClient, t: Target, suspend: boolean): Promise<ActionResult> {
  return attempt(async () => {
    await client.requestJson({ method: 'PATCH', path: targetPath(t), body: { spec: { suspend } }, contentType: MERGE_PATCH });
    return done(`${suspend ? 'suspended' : 'resumed'} ${describeTarget(t)}`);
  });
}
