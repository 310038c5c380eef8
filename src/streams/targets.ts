// What a port-forward goes to: a pod, or one ready pod of a service or deployment (as kubectl picks one), and
// the container ports to offer (a service's named targetPort resolved on that pod).
import type { KubeClient } from '../transport/types.js';

interface PodLike {
  metadata: { name: string; namespace?: string; deletionTimestamp?: string };
  spec?: { containers?: { name: string; ports?: { name?: string; containerPort: number; protocol?: string }[] }[] };
  status?: { phase?: string; conditions?: { type: string; status: string }[] };
}

export interface ForwardTarget {
  pod: string;
  /** Ports to offer, the likely one first: [remote port, what it is]. */
  ports: { port: number; label: string }[];
}

export type ForwardKind = 'pods' | 'services' | 'deployments';

const ready = (p: PodLike) => p.status?.phase === 'Running' && !p.metadata.deletionTimestamp && (p.status.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');

function containerPorts(p: PodLike, container?: string): { port: number; label: string; name?: string }[] {
  return (p.spec?.containers ?? []).filter((c) => !container || c.name === container)
    .flatMap((c) => (c.ports ?? []).filter((x) => (x.protocol ?? 'TCP') === 'TCP').map((x) => ({ port: x.containerPort, name: x.name, label: `${c.name}:${x.name ?? x.containerPort}` })));
}

function selectorString(sel: Record<string, string>): string {
  return Object.entries(sel).map(([k, v]) => `${k}=${v}`).join(',');
}

async function readyPod(client: KubeClient, ns: string, selector: Record<string, string>, what: string): Promise<PodLike> {
  if (Object.keys(selector).length === 0) throw new Error(`${what} has no selector, so it has no pods to forward to`);
  const list = await client.requestJson<{ items: PodLike[] }>({ path: `/api/v1/namespaces/${encodeURIComponent(ns)}/pods`, query: { labelSelector: selectorString(selector) } });
  const pod = list.items.filter(ready).sort((a, b) => a.metadata.name.localeCompare(b.metadata.name))[0];
  if (!pod) throw new Error(`${what} has no ready pod to forward to`);
  return pod;
}

export async function resolveForwardTarget(client: KubeClient, kind: ForwardKind, namespace: string, name: string, container?: string): Promise<ForwardTarget> {
  const ns = encodeURIComponent(namespace);
  if (kind === 'pods') {
    const pod = await client.requestJson<PodLike>({ path: `/api/v1/namespaces/${ns}/pods/${encodeURIComponent(name)}` });
    return { pod: name, ports: containerPorts(pod, container) };
  }
  if (kind === 'deployments') {
    const d = await client.requestJson<{ spec?: { selector?: { matchLabels?: Record<string, string> } } }>({ path: `/apis/apps/v1/namespaces/${ns}/deployments/${encodeURIComponent(name)}` });
    const pod = await readyPod(client, namespace, d.spec?.selector?.matchLabels ?? {}, `deployment ${name}`);
    return { pod: pod.metadata.name, ports: containerPorts(pod) };
  }
  const svc = await client.requestJson<{ spec?: { selector?: Record<string, string>; ports?: { name?: string; port: number; targetPort?: number | string; protocol?: string }[] } }>({ path: `/api/v1/namespaces/${ns}/services/${encodeURIComponent(name)}` });
  const pod = await readyPod(client, namespace, svc.spec?.selector ?? {}, `service ${name}`);
  const cports = containerPorts(pod);
  const ports = (svc.spec?.ports ?? []).filter((p) => (p.protocol ?? 'TCP') === 'TCP').flatMap((p) => {
    const t = p.targetPort ?? p.port;
    const remote = typeof t === 'number' ? t : /^\d+$/.test(t) ? Number(t) : cports.find((c) => c.name === t)?.port;
    return remote === undefined ? [] : [{ port: remote, label: `${name}:${p.name ?? p.port} → ${remote}` }];
  });
  return { pod: pod.metadata.name, ports: ports.length ? ports : cports };
}
