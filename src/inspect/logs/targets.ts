// Which containers `l` follows: a pod's default container (kubectl's rule), one named container, every container
// (`a`), or the pods of a deployment, statefulset, daemonset, job or service (by their selector).
import type { KubeClient } from '../../transport/types.js';
import { readJson } from '../../api/requests.js';
import { formatLabels, formatSelector, type Obj } from '../describe/writer.js';
import type { LogTarget } from './stream.js';

export const DEFAULT_CONTAINER_ANNOTATION = 'kubectl.kubernetes.io/default-container';

/** The containers of a pod that `l` reads: the one asked for, all (init containers first), or the default. */
export function podTargets(pod: Obj, opts: { container?: string; all?: boolean } = {}): LogTarget[] {
  const ns = pod.metadata?.namespace ?? '';
  const name = pod.metadata?.name ?? '';
  const containers = ((pod.spec?.containers ?? []) as Obj[]).map((c) => c.name as string);
  const init = ((pod.spec?.initContainers ?? []) as Obj[]).map((c) => c.name as string);
  const t = (container: string): LogTarget => ({ namespace: ns, pod: name, container });
  if (opts.container) return [t(opts.container)];
  if (opts.all) return [...init, ...containers].map(t);
  const annotated = pod.metadata?.annotations?.[DEFAULT_CONTAINER_ANNOTATION];
  const first = annotated && containers.includes(annotated) ? annotated : containers[0];
  return first ? [t(first)] : [];
}

/** Kinds whose pods `l` merges. */
export const LOG_OWNER_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'Service']);

/** The label selector of an owner's pods, or undefined for an owner that selects none. */
export function podSelectorOf(obj: Obj): string | undefined {
  const s = obj.kind === 'Service' ? formatLabels(obj.spec?.selector) : formatSelector(obj.spec?.selector);
  return s === '<none>' ? undefined : s;
}

/** The pods of an owner, sorted by name, and their containers to follow. */
export async function ownerTargets(client: KubeClient, obj: Obj, opts: { all?: boolean } = {}): Promise<LogTarget[]> {
  const selector = podSelectorOf(obj);
  if (!selector) return [];
  const ns = obj.metadata?.namespace ?? '';
  const list = await readJson<{ items?: Obj[] }>(client, { path: `/api/v1/namespaces/${encodeURIComponent(ns)}/pods`, query: { labelSelector: selector } });
  const pods = (list.items ?? []).sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
  return pods.flatMap((p) => podTargets(p, opts));
}
