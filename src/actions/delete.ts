// Delete (propagation, grace period, force) and kill (a pod now: grace 0), as `kubectl delete` sends them.
import type { KubeClient } from '../transport/types.js';
import { attempt, describeTarget, done, targetPath, type ActionResult, type Target } from './result.js';

export type Propagation = 'Background' | 'Foreground' | 'Orphan';

export interface DeleteOptions {
  propagation?: Propagation;
  /** Seconds; undefined keeps the object's own grace period. */
  gracePeriodSeconds?: number;
  /** Skip graceful deletion: with no grace period given, grace 0 (kubectl --force). */
  force?: boolean;
}

/**
 * kubectl's rules: --grace-period=0 without --force means 1 (so nothing is removed by accident before it
 * stopped), --force without a grace period means 0.
 */
export function effectiveGrace(opts: DeleteOptions): number | undefined {
  if (opts.gracePeriodSeconds === 0 && !opts.force) return 1;
  if (opts.force && opts.gracePeriodSeconds === undefined) return 0;
  return opts.gracePeriodSeconds;
}

export function deleteBody(opts: DeleteOptions): Record<string, unknown> {
  const grace = effectiveGrace(opts);
  return {
    kind: 'DeleteOptions',
    apiVersion: 'v1',
    ...(grace !== undefined ? { gracePeriodSeconds: grace } : {}),
    propagationPolicy: opts.propagation ?? 'Background',
  };
}

interface Deleted {
  kind?: string;
  metadata?: { deletionTimestamp?: string; uid?: string };
}

/** Deletes one object; a Terminating one is said to be so (the server keeps its first deletion going). */
export function deleteResource(client: KubeClient, t: Target, opts: DeleteOptions = {}, wasTerminating = false): Promise<ActionResult> {
  return attempt(async () => {
    const answer = await client.requestJson<Deleted>({ method: 'DELETE', path: targetPath(t), body: deleteBody(opts) });
    const what = describeTarget(t);
    if (wasTerminating && effectiveGrace(opts) !== 0) return done(`${what} is already terminating; asked again`);
    const pending = answer?.kind !== 'Status' && answer?.metadata?.deletionTimestamp;
    return done(pending ? `deleting ${what} (terminating)` : `deleted ${what}`);
  });
}

/** Kill: the pod goes at once (grace 0, force), as `kubectl delete pod --grace-period=0 --force`. */
export function killPod(client: KubeClient, t: Target): Promise<ActionResult> {
  return attempt(async () => {
    await client.requestJson({ method: 'DELETE', path: targetPath(t), body: deleteBody({ gracePeriodSeconds: 0, force: true }) });
    return done(`killed ${describeTarget(t)}`);
  });
}
