// Nodes: cordon/uncordon (the patch `kubectl cordon` sends) and drain through the Eviction API, with kubectl
// drain's filters (daemon sets, emptyDir data, unmanaged pods, mirror pods), grace period and timeout, and the
// server's 429 per pod while a PodDisruptionBudget does not allow the eviction (retried until the timeout).
import type { KubeClient } from '../transport/types.js';
import { ApiStatusError } from '../errors.js';
import { STRATEGIC_MERGE_PATCH, attempt, done, failed, type ActionResult } from './result.js';

type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const nodePath = (node: string) => `/api/v1/nodes/${encodeURIComponent(node)}`;
const podPath = (ns: string, name: string) => `/api/v1/namespaces/${encodeURIComponent(ns)}/pods/${encodeURIComponent(name)}`;

/** Cordon (unschedulable) or uncordon; says so when the node already is as asked, sending nothing. */
export function setCordoned(client: KubeClient, node: string, cordon: boolean): Promise<ActionResult> {
  return attempt(async () => {
    const current = await client.requestJson<Any>({ path: nodePath(node) });
    if (!!current.spec?.unschedulable === cordon) return done(`node ${node} already ${cordon ? 'cordoned' : 'uncordoned'}`);
    // kubectl's two-way merge patch: false is the default, so uncordon removes the field.
    await client.requestJson({ method: 'PATCH', path: nodePath(node), body: { spec: { unschedulable: cordon ? true : null } }, contentType: STRATEGIC_MERGE_PATCH });
    return done(`node ${node} ${cordon ? 'cordoned' : 'uncordoned'}`);
  });
}

export interface DrainOptions {
  ignoreDaemonSets: boolean;
  deleteEmptyDirData: boolean;
  /** Also evict pods that no controller will recreate. */
  force: boolean;
  /** Seconds given to each pod; undefined keeps the pod's own. */
  gracePeriodSeconds?: number;
  /** The whole drain gives up after this long. */
  timeoutMs: number;
  /** Pause between attempts after a 429; kubectl waits 5 s. */
  retryMs?: number;
}

export interface PodOutcome {
  namespace: string;
  name: string;
  outcome: 'evicted' | 'skipped' | 'blocked' | 'refused';
  message: string;
}

export interface DrainResult extends ActionResult {
  pods: PodOutcome[];
}

/** Why kubectl drain would not touch (or not dare to touch) a pod; undefined when it is evicted. */
export function drainFilter(pod: Any, opts: DrainOptions): { skip: string } | { block: string } | undefined {
  const annotations = pod.metadata?.annotations ?? {};
  if (annotations['kubernetes.io/config.mirror']) return { skip: 'mirror pod' };
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return undefined;
  const controller = (pod.metadata?.ownerReferences ?? []).find((o: Any) => o.controller);
  if (controller?.kind === 'DaemonSet') {
    return opts.ignoreDaemonSets ? { skip: 'DaemonSet-managed' } : { block: 'cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore)' };
  }
  if ((pod.spec?.volumes ?? []).some((v: Any) => v.emptyDir) && !opts.deleteEmptyDirData) {
    return { block: 'cannot delete Pods with local storage (use --delete-emptydir-data to override)' };
  }
  if (!controller && !opts.force) return { block: 'cannot delete Pods that declare no controller (use --force to override)' };
  return undefined;
}

/** A Status error's message with its causes, as the user needs them ("… budget. The disruption budget web needs 2 …"). */
function statusText(err: unknown): string {
  if (!(err instanceof ApiStatusError)) return err instanceof Error ? err.message : String(err);
  const causes = (err.status.details?.causes ?? []).map((c) => c.message).filter(Boolean);
  return [err.message, ...causes].join(' ');
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function evictUntil(client: KubeClient, pod: Any, opts: DrainOptions, deadline: number, progress: (line: string) => void): Promise<PodOutcome> {
  const ns = pod.metadata.namespace;
  const name = pod.metadata.name;
  const body = {
    apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name, namespace: ns },
    ...(opts.gracePeriodSeconds !== undefined ? { deleteOptions: { gracePeriodSeconds: opts.gracePeriodSeconds } } : {}),
  };
  for (;;) {
    try {
      await client.requestJson({ method: 'POST', path: `${podPath(ns, name)}/eviction`, body });
      break;
    } catch (err) {
      if (err instanceof ApiStatusError && err.code === 404) return { namespace: ns, name, outcome: 'evicted', message: 'already gone' };
      if (!(err instanceof ApiStatusError && err.code === 429)) return { namespace: ns, name, outcome: 'refused', message: statusText(err) };
      const retry = opts.retryMs ?? 5000;
      if (Date.now() + retry > deadline) return { namespace: ns, name, outcome: 'refused', message: statusText(err) };
      progress(`${ns}/${name}: ${statusText(err)} (retrying in ${Math.round(retry / 1000)}s)`);
      await sleep(retry);
    }
  }
  // Wait until the pod is gone (or replaced by another with the same name).
  while (Date.now() < deadline) {
    try {
      const now = await client.requestJson<Any>({ path: podPath(ns, name) });
      if (now.metadata?.uid !== pod.metadata.uid) break;
    } catch (err) {
      if (err instanceof ApiStatusError && err.code === 404) break;
      throw err;
    }
    await sleep(250);
  }
  if (Date.now() >= deadline) return { namespace: ns, name, outcome: 'refused', message: 'evicted, but still terminating when the drain timed out' };
  progress(`${ns}/${name} evicted`);
  return { namespace: ns, name, outcome: 'evicted', message: 'evicted' };
}

/** Drains a node: cordon, then evict every pod kubectl drain would, reporting each pod's outcome. */
export async function drain(client: KubeClient, node: string, opts: DrainOptions, progress: (line: string) => void = () => {}): Promise<DrainResult> {
  const deadline = Date.now() + opts.timeoutMs;
  const cordoned = await setCordoned(client, node, true);
  if (!cordoned.ok) return { ...cordoned, pods: [] };
  let pods: Any[];
  try {
    const list = await client.requestJson<{ items?: Any[] }>({ path: '/api/v1/pods', query: { fieldSelector: `spec.nodeName=${node}` } });
    pods = list.items ?? [];
  } catch (err) {
    return { ...failed(err), pods: [] };
  }
  const outcomes: PodOutcome[] = [];
  const toEvict: Any[] = [];
  for (const pod of pods) {
    const verdict = drainFilter(pod, opts);
    const id = { namespace: pod.metadata.namespace, name: pod.metadata.name };
    if (!verdict) toEvict.push(pod);
    else if ('skip' in verdict) outcomes.push({ ...id, outcome: 'skipped', message: verdict.skip });
    else outcomes.push({ ...id, outcome: 'blocked', message: verdict.block });
  }
  const blocked = outcomes.filter((o) => o.outcome === 'blocked');
  if (blocked.length > 0) {
    // Like kubectl: evict nothing when some pod may not be evicted; the node stays cordoned.
    const reasons = [...new Set(blocked.map((b) => b.message))];
    return { ok: false, message: `node ${node} cordoned, not drained: ${reasons.map((r) => `${r}: ${blocked.filter((b) => b.message === r).map((b) => `${b.namespace}/${b.name}`).join(', ')}`).join('; ')}`, pods: outcomes };
  }
  outcomes.push(...(await Promise.all(toEvict.map((p) => evictUntil(client, p, opts, deadline, progress)))));
  const refused = outcomes.filter((o) => o.outcome === 'refused');
  const evicted = outcomes.filter((o) => o.outcome === 'evicted').length;
  if (refused.length === 0) return { ok: true, message: `node ${node} drained (${evicted} pod${evicted === 1 ? '' : 's'} evicted)`, pods: outcomes };
  return {
    ok: false,
    message: `node ${node} not drained: ${evicted} evicted, ${refused.length} not: ${refused.map((r) => `${r.namespace}/${r.name}: ${r.message}`).join('; ')}`,
    pods: outcomes,
  };
}
