// What kube-apiserver fills in on create and what its controllers add right after: a service's type,
// cluster IP and port defaults, a secret's type, a deployment's strategy and limits, and every new namespace's
// `default` service account and `kube-root-ca.crt` config map (the serviceaccount controller and root-CA
// publisher do that within milliseconds in a real cluster).
import type { MemoryStore } from './store.js';
import type { SimObject } from './types.js';

type Spec = Record<string, unknown>;

/** Fills in the defaults of a new object of store key `key`, in place. */
export function applyCreateDefaults(store: MemoryStore, key: string, obj: SimObject): void {
  if (key === 'secrets') obj.type ??= 'Opaque';
  else if (key === 'services') defaultService(store, (obj.spec ??= {}) as Spec);
  else if (key === 'deployments.apps') defaultDeployment((obj.spec ??= {}) as Spec);
}

/** What appears beside a new object: a namespace's default service account and root CA bundle. */
export function afterCreate(store: MemoryStore, key: string, created: SimObject): void {
  if (key !== 'namespaces') return;
  const ns = created.metadata.name;
  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  if (!store.get('serviceaccounts', ns, 'default')) {
    store.create('serviceaccounts', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: ns, creationTimestamp: now } });
  }
  if (!store.get('configmaps', ns, 'kube-root-ca.crt')) {
    const source = store.get('configmaps', 'kube-system', 'kube-root-ca.crt');
    const ca = (source?.data as Record<string, string> | undefined)?.['ca.crt'] ?? '';
    store.create('configmaps', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: 'kube-root-ca.crt',
        namespace: ns,
        creationTimestamp: now,
        annotations: { 'kubernetes.io/description': 'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.' },
      },
      data: { 'ca.crt': ca },
    });
  }
}

function defaultService(store: MemoryStore, spec: Spec): void {
  const type = (spec.type as string | undefined) ?? 'ClusterIP';
  spec.type = type;
  if (type === 'ExternalName') return;
  spec.sessionAffinity ??= 'None';
  spec.internalTrafficPolicy ??= 'Cluster';
  if (type === 'NodePort' || type === 'LoadBalancer') spec.externalTrafficPolicy ??= 'Cluster';
  if (type === 'LoadBalancer') spec.allocateLoadBalancerNodePorts ??= true;
  if (spec.clusterIP === undefined || spec.clusterIP === '') spec.clusterIP = allocateClusterIP(store);
  spec.clusterIPs ??= [spec.clusterIP];
  spec.ipFamilies ??= ['IPv4'];
  spec.ipFamilyPolicy ??= 'SingleStack';
  const usedNodePorts = type === 'NodePort' || type === 'LoadBalancer' ? nodePortsInUse(store) : new Set<number>();
  spec.ports = ((spec.ports as Record<string, unknown>[] | undefined) ?? []).map((p) => {
    const port: Record<string, unknown> = { ...p, protocol: p.protocol ?? 'TCP' };
    port.targetPort ??= p.port;
    if ((type === 'NodePort' || type === 'LoadBalancer') && port.nodePort === undefined) {
      let n = 30000 + (hash(`${String(p.port)}/${usedNodePorts.size}`) % 2768);
      while (usedNodePorts.has(n)) n = n === 32767 ? 30000 : n + 1;
      usedNodePorts.add(n);
      port.nodePort = n;
    }
    return port;
  });
}

function defaultDeployment(spec: Spec): void {
  spec.replicas ??= 1;
  spec.revisionHistoryLimit ??= 10;
  spec.progressDeadlineSeconds ??= 600;
  const strategy = (spec.strategy ??= {}) as { type?: string; rollingUpdate?: Record<string, unknown> };
  strategy.type ??= 'RollingUpdate';
  if (strategy.type === 'RollingUpdate') {
    const ru = (strategy.rollingUpdate ??= {});
    ru.maxSurge ??= '25%';
    ru.maxUnavailable ??= '25%';
  }
}

/** A free address of the service range 10.96.0.0/12 (10.96.0.1 is the kubernetes service). */
function allocateClusterIP(store: MemoryStore): string {
  const used = new Set(store.list('services').map((s) => (s.spec as { clusterIP?: string } | undefined)?.clusterIP));
  let n = 1 + (hash(String(store.currentRv())) % 65_000);
  for (;;) {
    const ip = `10.96.${(n >> 8) & 255}.${n & 255}`;
    if ((n & 255) !== 0 && (n & 255) !== 255 && !used.has(ip)) return ip;
    n = (n + 1) % 65_000 || 2;
  }
}

function nodePortsInUse(store: MemoryStore): Set<number> {
  const out = new Set<number>();
  for (const s of store.list('services')) for (const p of ((s.spec as { ports?: { nodePort?: number }[] } | undefined)?.ports ?? [])) if (p.nodePort) out.add(p.nodePort);
  return out;
}

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619) >>> 0;
  return h;
}
