// Scale, rollout restart and rollback, sending what kubectl sends (`kubectl scale`, `kubectl rollout restart`,
// `kubectl rollout undo`), so the server ends in the same state.
import type { KubeClient } from '../transport/types.js';
import type { ResourceRef } from '../api/catalogue.js';
import { resourcePath } from '../api/requests.js';
import { JSON_PATCH, MERGE_PATCH, STRATEGIC_MERGE_PATCH, attempt, describeTarget, done, failed, targetPath, type ActionResult, type Target } from './result.js';

/** The annotation `kubectl rollout restart` stamps on the pod template. */
export const RESTARTED_AT = 'kubectl.kubernetes.io/restartedAt';

/** Go's time.RFC3339 in UTC, as kubectl writes it (no fraction). */
export function rfc3339(now: Date): string {
  return now.toISOString().replace(/\.\d+Z$/, 'Z');
}

/** A whole number of replicas from what the user typed, or undefined (nothing is sent for a half-typed value). */
export function parseReplicas(text: string): number | undefined {
  const t = text.trim();
  if (!/^\d{1,6}$/.test(t)) return undefined;
  return Number(t);
}

/** Scales through the scale subresource (a merge patch of spec.replicas, as kubectl scale does). */
export function scale(client: KubeClient, t: Target, replicas: number): Promise<ActionResult> {
  return attempt(async () => {
    if (!Number.isInteger(replicas) || replicas < 0) return failed(`replicas must be a whole number, 0 or more (got ${replicas})`);
    await client.requestJson({ method: 'PATCH', path: targetPath(t, 'scale'), body: { spec: { replicas } }, contentType: MERGE_PATCH });
    return done(`scaled ${describeTarget(t)} to ${replicas}`);
  });
}

/** Rollout restart: a new pod template annotation makes the controller replace every pod. */
export function restart(client: KubeClient, t: Target, now = new Date()): Promise<ActionResult> {
  return attempt(async () => {
    const body = { spec: { template: { metadata: { annotations: { [RESTARTED_AT]: rfc3339(now) } } } } };
    await client.requestJson({ method: 'PATCH', path: targetPath(t), body, contentType: STRATEGIC_MERGE_PATCH });
    return done(`restarted ${describeTarget(t)}`);
  });
}

/** Deployment annotations that a rollback keeps from the deployment rather than taking from the replica set. */
const ANNOTATIONS_TO_SKIP = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  'deployment.kubernetes.io/revision',
  'deployment.kubernetes.io/revision-history',
  'deployment.kubernetes.io/desired-replicas',
  'deployment.kubernetes.io/max-replicas',
  'deprecated.deployment.rollback.to',
]);

type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const HASH_LABEL = 'pod-template-hash';

function withoutHash(template: Any | undefined): Any {
  const copy = structuredClone(template ?? {});
  if (copy.metadata?.labels) {
    delete copy.metadata.labels[HASH_LABEL];
  }
  return copy;
}

const canonical = (v: unknown): string => JSON.stringify(v, (_k, x) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).filter(([, y]) => y !== null).sort(([a], [b]) => (a < b ? -1 : 1))) : x));

const DEPLOYMENTS: ResourceRef = { group: 'apps', version: 'v1', resource: 'deployments', kind: 'Deployment', singular: 'deployment', namespaced: true, shortNames: ['deploy'], verbs: [], categories: [] };

/**
 * Rolls the replica set's deployment back to this replica set's pod template, as `kubectl rollout undo
 * --to-revision` does: one JSON patch replacing spec.template and the annotations.
 */
export function rollback(client: KubeClient, rs: Target): Promise<ActionResult> {
  return attempt(async () => {
    const set = await client.requestJson<Any>({ path: targetPath(rs) });
    const owner = (set.metadata?.ownerReferences ?? []).find((o: Any) => o.controller && o.kind === 'Deployment');
    if (!owner) return failed(`${describeTarget(rs)} has no deployment to roll back`);
    const deploymentPath = resourcePath(DEPLOYMENTS, rs.namespace, owner.name);
    const deployment = await client.requestJson<Any>({ path: deploymentPath });
    const revision = set.metadata?.annotations?.['deployment.kubernetes.io/revision'] ?? '?';
    if (deployment.spec?.paused) return failed("you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again");
    const template = withoutHash(set.spec?.template);
    if (canonical(template) === canonical(withoutHash(deployment.spec?.template))) {
      return done(`skipped rollback of deployment ${rs.namespace}/${owner.name} (current template already matches revision ${revision})`);
    }
    const annotations: Record<string, string> = {};
    for (const [k, v] of Object.entries((deployment.metadata?.annotations ?? {}) as Record<string, string>)) if (ANNOTATIONS_TO_SKIP.has(k)) annotations[k] = v;
    for (const [k, v] of Object.entries((set.metadata?.annotations ?? {}) as Record<string, string>)) if (!ANNOTATIONS_TO_SKIP.has(k)) annotations[k] = v;
    const patch = [
      { op: 'replace', path: '/spec/template', value: template },
      { op: 'replace', path: '/metadata/annotations', value: annotations },
    ];
    await client.requestJson({ method: 'PATCH', path: deploymentPath, body: patch, contentType: JSON_PATCH });
    return done(`rolled back deployment ${rs.namespace}/${owner.name} to revision ${revision} (${rs.name})`);
  });
}
