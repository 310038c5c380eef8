// seedCluster: grows a believable cluster in a store from a profile. Deterministic for a seed (names, uids,
// states, shapes; timestamps are relative to `now`). Pod count honours profile.pods exactly.
import type { SimObject, SimStore } from '../types.js';
import { controllerRef, isoSeconds, RES } from './meta.js';
import { Rng } from './random.js';
import { podFromTemplate, podStatus, type PodState, type PodTemplate } from './pods.js';
import {
  APPS,
  appTemplate,
  completedJobStatus,
  daemonSetRevisionFor,
  deploymentStatus,
  makeCronJob,
  makeDaemonSet,
  makeDeployment,
  makeJob,
  makeReplicaSet,
  makeStatefulSet,
  replicaSetStatus,
  type AppKind,
} from './workloads.js';
import {
  makeConfigMap,
  makeCronTab,
  makeCronTabCrd,
  makeEndpoints,
  makeEvent,
  makeIngress,
  makeNamespace,
  makeNode,
  makePersistentVolume,
  makePersistentVolumeClaim,
  makeSecret,
  makeService,
  makeServiceAccount,
  nodeInternalIP,
  nodePodIP,
  type EndpointAddress,
  type ServiceInput,
} from './core.js';

export interface ClusterProfile {
  name: string;
  pods: number;
  /** Application namespaces (team-a first, then shop, payments, …), besides default and kube-*. */
  namespaces: number;
  /** Nodes; default one per 100 pods (3 to 1,000). */
  nodes?: number;
  seed: number;
  /** Kubelet version the nodes report, e.g. "v1.32.4". */
  version?: string;
}

export interface SeedOptions {
  /** The clock the cluster's ages are relative to (ms); defaults to Date.now(). */
  now?: number;
}

export interface SeedSummary {
  pods: number;
  nodes: string[];
  namespaces: string[];
}

const APP_NAMESPACES = [
  'team-a', 'shop', 'payments', 'search', 'analytics', 'auth', 'billing', 'catalog', 'checkout', 'inventory',
  'notifications', 'platform', 'monitoring', 'logging', 'data', 'ml', 'identity', 'reports', 'mobile', 'partners',
];
const STEMS = ['web', 'api', 'worker', 'frontend', 'cache', 'gateway', 'auth', 'search'];
const ZONES = ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'];
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

const FAKE_CA = '-----BEGIN CERTIFICATE-----\nMIIDBTCCAe2gAwIBAgIIDEMOONLYDEMOONLYDEMOONLYkdeckSimulatorFakeCA0\n-----END CERTIFICATE-----\n';

interface PodRecord {
  pod: SimObject;
  ready: boolean;
}

/** Fills `store` with a cluster shaped by `profile`. */
export function seedCluster(store: SimStore, profile: ClusterProfile, options: SeedOptions = {}): SeedSummary {
  return new ClusterSeeder(store, profile, options.now ?? Date.now()).run();
}

class ClusterSeeder {
  private readonly rng: Rng;
  private readonly version: string;
  private readonly clusterBorn: number;
  private podCount = 0;
  private readonly nodes: { name: string; index: number; slots: number }[] = [];
  private workerCursor = 0;
  private readonly usedClusterIPs = new Set<string>();
  private eventBudget: number;

  constructor(
    private readonly store: SimStore,
    private readonly profile: ClusterProfile,
    private readonly now: number,
  ) {
    this.rng = new Rng(profile.seed);
    this.version = profile.version ?? 'v1.32.4';
    this.clusterBorn = now - this.rng.int(60, 400) * DAY;
    this.eventBudget = Math.min(3000, 200 + Math.floor(profile.pods / 20));
  }

  run(): SeedSummary {
    const target = Math.max(0, Math.floor(this.profile.pods));
    const nodeCount = this.profile.nodes ? Math.max(1, Math.floor(this.profile.nodes)) : Math.max(3, Math.min(1000, Math.ceil(target / 100)));
    this.seedNodes(nodeCount);
    const appNamespaces = Array.from({ length: Math.max(1, Math.floor(this.profile.namespaces)) }, (_, i) => APP_NAMESPACES[i] ?? `team-${i + 1}`);
    const allNamespaces = ['default', 'kube-node-lease', 'kube-public', 'kube-system', ...appNamespaces];
    for (const ns of allNamespaces) this.seedNamespaceBasics(ns);
    this.seedCrd();
    this.seedDefaultNamespace();

    const systemBudget = Math.floor(target * 0.3);
    this.seedSystem(systemBudget, nodeCount);
    const appBudget = target - this.podCount;
    const shares = this.splitBudget(appBudget, appNamespaces.length);
    appNamespaces.forEach((ns, i) => this.seedAppNamespace(ns, i, shares[i]));
    return { pods: this.podCount, nodes: this.nodes.map((n) => n.name), namespaces: allNamespaces };
  }

  // ---- helpers --------------------------------------------------------------------------------------------

  private put(resource: string, obj: SimObject): SimObject {
    if (!obj.metadata.uid) obj.metadata.uid = this.rng.uuid();
    return this.store.create(resource, obj);
  }

  private ago(minMs: number, maxMs: number): number {
    return this.now - this.rng.int(minMs, maxMs);
  }

  private clusterIP(): string {
    for (;;) {
      const ip = `10.96.${this.rng.int(0, 255)}.${this.rng.int(1, 254)}`;
      if (!this.usedClusterIPs.has(ip)) {
        this.usedClusterIPs.add(ip);
        return ip;
      }
    }
  }

  /** Budget split with the first share (team-a) getting at least a handful when possible. */
  private splitBudget(total: number, parts: number): number[] {
    const weights = Array.from({ length: parts }, (_, i) => (i === 0 ? 1.2 : 0.6 + this.rng.next()));
    const sum = weights.reduce((a, b) => a + b, 0);
    const shares = weights.map((w) => Math.floor((total * w) / sum));
    let rest = total - shares.reduce((a, b) => a + b, 0);
    for (let i = 0; rest > 0; i = (i + 1) % parts, rest--) shares[i]++;
    const minFirst = Math.min(total, 8);
    for (let i = 1; shares[0] < minFirst && i < parts; i++) {
      const take = Math.min(shares[i], minFirst - shares[0]);
      shares[i] -= take;
      shares[0] += take;
    }
    return shares;
  }

  private nextWorker(): { name: string; index: number; slots: number } {
    const workers = this.nodes.length > 1 ? this.nodes.length - 1 : 1;
    const node = this.nodes[this.nodes.length > 1 ? 1 + (this.workerCursor++ % workers) : 0];
    return node;
  }

  /** Creates one pod in `state` under `owner`, placed on a worker (or `onNode`). */
  private addPod(p: {
    namespace: string;
    name: string;
    generateName?: string;
    template: PodTemplate;
    owner?: SimObject;
    state: PodState;
    createdAt: number;
    restarts?: number;
    extraLabels?: Record<string, string>;
    onNode?: { name: string; index: number; slots: number };
    hostNetwork?: boolean;
    hostname?: string;
    subdomain?: string;
  }): PodRecord {
    // A generated name that is taken gets another suffix, as the API server's generateName retry does
    // (5,000 kube-proxy pods in one namespace do collide).
    let name = p.name;
    while (p.generateName && this.store.get(RES.pods, p.namespace, name)) name = `${p.generateName}${this.rng.nameSuffix(5)}`;
    const uid = this.rng.uuid();
    const pod = podFromTemplate({
      namespace: p.namespace,
      name,
      generateName: p.generateName,
      uid,
      createdAt: p.createdAt,
      template: p.template,
      owner: p.owner ? controllerRef(p.owner) : undefined,
      extraLabels: p.extraLabels,
      hostname: p.hostname,
      subdomain: p.subdomain,
    });
    let placement = {};
    if (p.state !== 'Unschedulable') {
      const node = p.onNode ?? this.nextWorker();
      (pod.spec as Record<string, unknown>).nodeName = node.name;
      const hostIP = nodeInternalIP(node.index);
      placement = { nodeName: node.name, hostIP, podIP: p.hostNetwork ? hostIP : nodePodIP(node.index, node.slots++) };
    }
    const restarts = p.restarts ?? 0;
    const settled = p.state === 'ContainerCreating' || p.state === 'ImagePullBackOff' ? p.createdAt + 2000 : p.createdAt + this.rng.int(4000, 12000);
    pod.status = podStatus(pod, p.state, placement, {
      at: p.state === 'CrashLoopBackOff' ? this.ago(10_000, 5 * MIN) : Math.min(settled, this.now),
      startedAt: p.createdAt + 1000,
      restarts,
      lastRestartAt: restarts ? (p.state === 'CrashLoopBackOff' ? this.ago(10_000, 5 * MIN) : this.ago(HOUR, 5 * DAY)) : undefined,
    });
    const stored = this.put(RES.pods, pod);
    this.podCount++;
    this.podEvents(stored, p.state, restarts);
    return { pod: stored, ready: p.state === 'Running' };
  }

  private event(involved: SimObject, type: 'Normal' | 'Warning', reason: string, message: string, first: number, last: number, count: number, component: string, fieldPath?: string, host?: string): void {
    if (this.eventBudget <= 0) return;
    this.eventBudget--;
    const ns = involved.metadata.namespace ?? 'default';
    this.put(
      RES.events,
      makeEvent({ namespace: ns, involved, fieldPath, type, reason, message, component, host, first, last, count }, this.rng.hex(16)),
    );
  }

  private podEvents(pod: SimObject, state: PodState, restarts: number): void {
    const name = pod.metadata.name;
    const ns = pod.metadata.namespace;
    const node = (pod.spec as { nodeName?: string }).nodeName;
    const image = (pod.spec as { containers: { name: string; image: string }[] }).containers[0];
    const fp = `spec.containers{${image.name}}`;
    const t = Date.parse(pod.metadata.creationTimestamp!);
    switch (state) {
      case 'CrashLoopBackOff':
        this.event(pod, 'Warning', 'BackOff', `Back-off restarting failed container ${image.name} in pod ${name}_${ns}(${pod.metadata.uid})`, t + 60_000, this.ago(5000, 60_000), restarts * 4 + 3, 'kubelet', fp, node);
        break;
      case 'Unschedulable':
        this.event(pod, 'Warning', 'FailedScheduling', '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.', t, this.ago(30_000, 5 * MIN), this.rng.int(2, 40), 'default-scheduler');
        break;
      case 'ImagePullBackOff':
        this.event(pod, 'Warning', 'Failed', `Failed to pull image "${image.image}": rpc error: code = NotFound desc = failed to pull and unpack image "${image.image}": not found`, t + 3000, this.ago(10_000, 2 * MIN), this.rng.int(3, 30), 'kubelet', fp, node);
        break;
      default:
        if (this.rng.chance(0.1) && this.now - t < 10 * DAY) {
          this.event(pod, 'Normal', 'Scheduled', `Successfully assigned ${ns}/${name} to ${node}`, t, t, 1, 'default-scheduler');
          this.event(pod, 'Normal', 'Pulled', `Container image "${image.image}" already present on machine`, t + 1000, t + 1000, 1, 'kubelet', fp, node);
          this.event(pod, 'Normal', 'Created', `Created container ${image.name}`, t + 1000, t + 1000, 1, 'kubelet', fp, node);
          this.event(pod, 'Normal', 'Started', `Started container ${image.name}`, t + 2000, t + 2000, 1, 'kubelet', fp, node);
        }
    }
  }

  /** The lifecycle state of a fresh deployment pod: mostly Running, some broken in the usual ways. */
  private pickState(): { state: PodState; restarts: number } {
    const r = this.rng.next();
    if (r < 0.03) return { state: 'CrashLoopBackOff', restarts: this.rng.int(3, 180) };
    if (r < 0.045) return { state: 'Unschedulable', restarts: 0 };
    if (r < 0.06) return { state: 'ContainerCreating', restarts: 0 };
    if (r < 0.068) return { state: 'ImagePullBackOff', restarts: 0 };
    if (r < 0.08) return { state: 'NotReady', restarts: 0 };
    if (r < 0.18) return { state: 'Running', restarts: this.rng.int(1, 4) };
    return { state: 'Running', restarts: 0 };
  }

  // ---- cluster-wide objects ---------------------------------------------------------------------------------

  private seedNodes(count: number): void {
    const base = this.profile.name;
    for (let i = 0; i < count; i++) {
      const name = i === 0 ? `${base}-control-plane` : i === 1 ? `${base}-worker` : `${base}-worker${i}`;
      const node = makeNode({ name, index: i, controlPlane: i === 0, createdAt: this.clusterBorn + i * MIN, kubeletVersion: this.version, zone: ZONES[i % ZONES.length] });
      const conditions = (node.status as { conditions: { type: string; lastHeartbeatTime: string }[] }).conditions;
      for (const c of conditions) c.lastHeartbeatTime = isoSeconds(this.ago(1000, 40_000));
      this.put(RES.nodes, node);
      this.nodes.push({ name, index: i, slots: 0 });
    }
  }

  private seedNamespaceBasics(ns: string): void {
    const born = ns.startsWith('kube-') || ns === 'default' ? this.clusterBorn : this.clusterBorn + this.rng.int(1, 50) * DAY;
    this.put(RES.namespaces, makeNamespace(ns, born));
    this.put(RES.serviceaccounts, makeServiceAccount(ns, 'default', born));
    this.put(RES.configmaps, makeConfigMap(ns, 'kube-root-ca.crt', born, { 'ca.crt': FAKE_CA }));
  }

  private seedCrd(): void {
    const born = this.clusterBorn + 2 * DAY;
    this.put(RES.crds, makeCronTabCrd(born));
    this.put(RES.crontabs, makeCronTab('default', 'my-new-cron-object', this.ago(MIN, HOUR), '* * * * */5', 'my-awesome-cron-image', 1));
    this.put(RES.crontabs, makeCronTab('team-a', 'nightly-backup', born + DAY, '0 3 * * *', 'ghcr.io/acme/backup:v1.2.0', 1));
    this.put(RES.crontabs, makeCronTab('team-a', 'cache-warmup', born + 3 * DAY, '*/10 * * * *', 'ghcr.io/acme/tools:v1.4.0', 2));
  }

  private seedDefaultNamespace(): void {
    const svc = this.put(RES.services, makeService({ namespace: 'default', name: 'kubernetes', createdAt: this.clusterBorn, clusterIP: '10.96.0.1', ports: [{ name: 'https', port: 443, targetPort: 6443 }], labels: { component: 'apiserver', provider: 'kubernetes' } }));
    this.usedClusterIPs.add('10.96.0.1');
    this.usedClusterIPs.add('10.96.0.10');
    const ep = makeEndpoints(svc, [{ ip: nodeInternalIP(0) }], [], this.clusterBorn);
    delete ep.metadata.annotations;
    ep.metadata.labels = { 'endpointslice.kubernetes.io/skip-mirror': 'true' };
    this.put(RES.endpoints, ep);
  }

  private seedSystem(budget: number, nodeCount: number): void {
    const ns = 'kube-system';
    const cp = this.nodes[0];
    let left = budget;
    // coredns
    const dnsLabels = { 'k8s-app': 'kube-dns' };
    const dnsApp: AppKind = { image: 'registry.k8s.io/coredns/coredns:v1.11.3', port: { name: 'dns-tcp', containerPort: 53 }, cpu: '100m', memory: '70Mi', memoryLimit: '170Mi', probePath: undefined };
    const dnsTemplate = appTemplate('coredns', dnsApp, dnsLabels, { serviceAccount: 'coredns' });
    dnsTemplate.spec.priorityClassName = 'system-cluster-critical';
    this.put(RES.serviceaccounts, makeServiceAccount(ns, 'coredns', this.clusterBorn));
    this.put(RES.configmaps, makeConfigMap(ns, 'coredns', this.clusterBorn, { Corefile: '.:53 {\n    errors\n    health {\n       lameduck 5s\n    }\n    ready\n    kubernetes cluster.local in-addr.arpa ip6.arpa {\n       pods insecure\n       fallthrough in-addr.arpa ip6.arpa\n       ttl 30\n    }\n    prometheus :9153\n    forward . /etc/resolv.conf {\n       max_concurrent 1000\n    }\n    cache 30\n    loop\n    reload\n    loadbalance\n}\n' }));
    const dnsReplicas = Math.min(2, left);
    const dnsRecords = dnsReplicas > 0 ? this.seedDeployment(ns, 'coredns', dnsTemplate, dnsLabels, dnsReplicas, this.clusterBorn, { allRunning: true }) : [];
    left -= dnsReplicas;
    const dnsSvc = this.put(RES.services, makeService({ namespace: ns, name: 'kube-dns', createdAt: this.clusterBorn, clusterIP: '10.96.0.10', selector: dnsLabels, labels: { 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' }, ports: [{ name: 'dns', port: 53, targetPort: 53, protocol: 'UDP' }, { name: 'dns-tcp', port: 53, targetPort: 53 }, { name: 'metrics', port: 9153, targetPort: 9153 }] }));
    this.putEndpoints(dnsSvc, dnsRecords);

    // kube-proxy on every node, if the budget allows all of them
    const proxyLabels = { 'k8s-app': 'kube-proxy' };
    const proxyApp: AppKind = { image: `registry.k8s.io/kube-proxy:${this.version}`, cpu: '10m', memory: '32Mi', command: ['/usr/local/bin/kube-proxy', '--config=/var/lib/kube-proxy/config.conf', '--hostname-override=$(NODE_NAME)'] };
    const proxyTemplate = appTemplate('kube-proxy', proxyApp, proxyLabels, { serviceAccount: 'kube-proxy' });
    proxyTemplate.spec.hostNetwork = true;
    proxyTemplate.spec.priorityClassName = 'system-node-critical';
    proxyTemplate.spec.tolerations = [{ operator: 'Exists' }];
    this.put(RES.serviceaccounts, makeServiceAccount(ns, 'kube-proxy', this.clusterBorn));
    // Without room for a pod on every node there is no DaemonSet (its controller would add pods beyond the budget).
    const proxyCount = left >= nodeCount ? nodeCount : 0;
    if (proxyCount > 0) {
      const ds = this.put(RES.daemonsets, makeDaemonSet({ namespace: ns, name: 'kube-proxy', createdAt: this.clusterBorn, labels: proxyLabels, template: proxyTemplate, nodes: proxyCount, nodeSelector: { 'kubernetes.io/os': 'linux' } }));
      const dsTemplate = (ds.spec as { template: PodTemplate }).template;
      const revision = daemonSetRevisionFor(dsTemplate);
      for (let i = 0; i < proxyCount; i++) {
        this.addPod({ namespace: ns, name: `kube-proxy-${this.rng.nameSuffix(5)}`, generateName: 'kube-proxy-', template: dsTemplate, owner: ds, state: 'Running', createdAt: this.clusterBorn + i * MIN, extraLabels: { 'controller-revision-hash': revision, 'pod-template-generation': '1' }, onNode: this.nodes[i], hostNetwork: true });
      }
    }
    left -= proxyCount;

    // control-plane static pods, owned by the node
    const statics = [
      { name: 'etcd', image: 'registry.k8s.io/etcd:3.5.15-0', cpu: '100m', memory: '100Mi' },
      { name: 'kube-apiserver', image: `registry.k8s.io/kube-apiserver:${this.version}`, cpu: '250m', memory: '512Mi' },
      { name: 'kube-controller-manager', image: `registry.k8s.io/kube-controller-manager:${this.version}`, cpu: '200m', memory: '128Mi' },
      { name: 'kube-scheduler', image: `registry.k8s.io/kube-scheduler:${this.version}`, cpu: '100m', memory: '64Mi' },
    ];
    const cpNode = this.store.get(RES.nodes, undefined, cp.name)!;
    for (const s of statics) {
      if (left <= 0) break;
      const t = appTemplate(s.name, { image: s.image, cpu: s.cpu, memory: s.memory }, { component: s.name, tier: 'control-plane' });
      t.spec.hostNetwork = true;
      t.spec.priorityClassName = 'system-node-critical';
      t.metadata.annotations = { 'kubernetes.io/config.source': 'file', 'kubernetes.io/config.hash': this.rng.hex(32) };
      this.addPod({ namespace: ns, name: `${s.name}-${cp.name}`, template: t, owner: { ...cpNode, metadata: { ...cpNode.metadata } }, state: 'Running', createdAt: this.clusterBorn, onNode: cp, hostNetwork: true });
      left--;
    }
    if (left > 0) {
      const msLabels = { 'k8s-app': 'metrics-server' };
      const msApp: AppKind = { image: 'registry.k8s.io/metrics-server/metrics-server:v0.7.2', port: { name: 'https', containerPort: 10250 }, cpu: '100m', memory: '200Mi', probePath: '/readyz' };
      const t = appTemplate('metrics-server', msApp, msLabels, { serviceAccount: 'metrics-server' });
      this.put(RES.serviceaccounts, makeServiceAccount(ns, 'metrics-server', this.clusterBorn));
      const recs = this.seedDeployment(ns, 'metrics-server', t, msLabels, 1, this.clusterBorn + HOUR, { allRunning: true });
      const svc = this.put(RES.services, makeService({ namespace: ns, name: 'metrics-server', createdAt: this.clusterBorn + HOUR, clusterIP: this.clusterIP(), selector: msLabels, labels: msLabels, ports: [{ name: 'https', port: 443, targetPort: 'https' }] }));
      this.putEndpoints(svc, recs);
    }
    this.put(RES.configmaps, makeConfigMap(ns, 'kube-proxy', this.clusterBorn, { 'config.conf': 'apiVersion: kubeproxy.config.k8s.io/v1alpha1\nkind: KubeProxyConfiguration\nmode: iptables\nclusterCIDR: 10.244.0.0/16\n' }, { app: 'kube-proxy' }));
    this.put(RES.configmaps, makeConfigMap(ns, 'kubeadm-config', this.clusterBorn, { ClusterConfiguration: `apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\nclusterName: ${this.profile.name}\nkubernetesVersion: ${this.version}\nnetworking:\n  podSubnet: 10.244.0.0/16\n  serviceSubnet: 10.96.0.0/12\n` }));
  }

  // ---- workloads ----------------------------------------------------------------------------------------------

  /**
   * A Deployment with its current ReplicaSet (and sometimes an older, scaled-down one) and `replicas` pods.
   * Returns the pods for the Service's endpoints.
   */
  private seedDeployment(
    ns: string,
    name: string,
    template: PodTemplate,
    labels: Record<string, string>,
    replicas: number,
    born: number,
    opts: { allRunning?: boolean; forced?: PodState[] } = {},
  ): PodRecord[] {
    const rolled = !opts.allRunning && this.rng.chance(0.35);
    const revision = rolled ? 2 : 1;
    const dep = this.put(RES.deployments, makeDeployment({ namespace: ns, name, createdAt: born, labels, template, replicas, revision }));
    const owner = controllerRef(dep);
    const rolloutAt = rolled ? Math.min(this.now - MIN, born + this.rng.int(HOUR, 20 * DAY)) : born;
    if (rolled) {
      const oldTemplate: PodTemplate = structuredClone(template);
      for (const c of oldTemplate.spec.containers) c.image = previousTag(c.image);
      const oldRs = makeReplicaSet({ ...dep, spec: { ...(dep.spec as object), template: oldTemplate } }, owner, 0, born, 1);
      oldRs.status = replicaSetStatus(0, 0, 2);
      oldRs.metadata.generation = 2;
      this.put(RES.replicasets, oldRs);
    }
    const rs = this.put(RES.replicasets, makeReplicaSet(dep, owner, replicas, rolloutAt, revision));
    const rsTemplate = (rs.spec as { template: PodTemplate }).template;
    const records: PodRecord[] = [];
    for (let i = 0; i < replicas; i++) {
      const forced = opts.forced?.[i];
      const { state, restarts } = forced ? { state: forced, restarts: forced === 'CrashLoopBackOff' ? this.rng.int(5, 40) : 0 } : opts.allRunning ? { state: 'Running' as PodState, restarts: 0 } : this.pickState();
      const young = state !== 'Running' || this.rng.chance(0.05);
      const createdAt = young ? Math.max(rolloutAt, this.ago(2 * MIN, 3 * HOUR)) : rolloutAt + this.rng.int(0, 20_000);
      records.push(
        this.addPod({ namespace: ns, name: `${rs.metadata.name}-${this.rng.nameSuffix(5)}`, generateName: `${rs.metadata.name}-`, template: rsTemplate, owner: rs, state, restarts, createdAt }),
      );
    }
    const ready = records.filter((r) => r.ready).length;
    rs.status = replicaSetStatus(replicas, ready, 1);
    this.store.update(RES.replicasets, rs);
    dep.status = deploymentStatus(replicas, { replicas, ready, updated: replicas }, rolloutAt + 30_000, 1);
    if (rolled) dep.metadata.generation = 2;
    (dep.status as Record<string, unknown>).observedGeneration = dep.metadata.generation;
    this.store.update(RES.deployments, dep);
    this.event(dep, 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${rs.metadata.name} from 0 to ${replicas}`, rolloutAt, rolloutAt, 1, 'deployment-controller');
    return records;
  }

  private putEndpoints(svc: SimObject, records: PodRecord[]): void {
    const ready: EndpointAddress[] = [];
    const notReady: EndpointAddress[] = [];
    for (const { pod, ready: isReady } of records) {
      const ip = (pod.status as { podIP?: string }).podIP;
      if (!ip) continue;
      const addr: EndpointAddress = { ip, nodeName: (pod.spec as { nodeName?: string }).nodeName, targetRef: { kind: 'Pod', namespace: pod.metadata.namespace!, name: pod.metadata.name, uid: pod.metadata.uid! } };
      (isReady ? ready : notReady).push(addr);
    }
    this.put(RES.endpoints, makeEndpoints(svc, ready, notReady, this.now - this.rng.int(MIN, DAY)));
  }

  private seedAppNamespace(ns: string, index: number, budget: number): void {
    const nsObj = this.store.get(RES.namespaces, undefined, ns)!;
    const born = Date.parse(nsObj.metadata.creationTimestamp!);
    const isTeamA = ns === 'team-a';
    let left = budget;

    // Fixed extras first, dropped when the budget is too small for them.
    const hasStatefulSet = (isTeamA || index % 3 === 1) && left >= 8;
    const stsReplicas = hasStatefulSet ? (isTeamA ? 1 : this.rng.int(1, 3)) : 0;
    const hasJob = left >= 6;
    const hasCron = (isTeamA || index % 2 === 0) && left >= 10;
    const cronRuns = hasCron ? 2 : 0;
    const hasBare = (isTeamA || index % 4 === 3) && left >= 12;
    const hasRunningJob = index % 5 === 4 && left >= 14;
    left -= stsReplicas + (hasJob ? 1 : 0) + cronRuns + (hasBare ? 1 : 0) + (hasRunningJob ? 1 : 0);

    // Deployments share what is left.
    const deployCount = left <= 0 ? 0 : Math.max(isTeamA ? Math.min(3, left) : 1, Math.min(80, Math.ceil(left / 20)));
    const replicaShares = deployCount ? this.splitReplicas(left, deployCount, isTeamA) : [];
    const stemsUsed = new Set<string>();
    let ingressDone = false;
    for (let d = 0; d < deployCount; d++) {
      const stem = STEMS[d % STEMS.length];
      const name = d < STEMS.length ? stem : `${stem}-${Math.floor(d / STEMS.length) + 1}`;
      const app = APPS[stem];
      const labels = { app: name };
      if (!stemsUsed.has(stem)) {
        stemsUsed.add(stem);
        this.put(RES.serviceaccounts, makeServiceAccount(ns, stem, born));
      }
      const template = appTemplate(name, app, labels, { serviceAccount: stem, configMap: `${name}-config` });
      if (app.configMount) this.put(RES.configmaps, makeConfigMap(ns, `${name}-config`, born + HOUR, appConfig(name, ns), { app: name }));
      const depBorn = born + this.rng.int(HOUR, Math.max(HOUR, Math.min(30 * DAY, this.now - born - DAY)));
      // team-a's worker always crash-loops once and has one pod Pending, so every demo shows trouble.
      const forced: PodState[] | undefined = isTeamA && stem === 'worker' ? ['CrashLoopBackOff', 'Unschedulable'] : isTeamA && stem === 'web' ? ['Running', 'Running', 'Running'] : undefined;
      const records = this.seedDeployment(ns, name, template, labels, replicaShares[d], Math.min(depBorn, this.now - HOUR), { forced });
      if (app.port) {
        const type: ServiceInput['type'] = stem === 'frontend' && ns === 'shop' ? 'LoadBalancer' : stem === 'gateway' ? 'NodePort' : 'ClusterIP';
        const svc = this.put(
          RES.services,
          makeService({
            namespace: ns,
            name,
            createdAt: depBorn,
            clusterIP: this.clusterIP(),
            selector: labels,
            labels,
            type,
            loadBalancerIP: type === 'LoadBalancer' ? `203.0.113.${this.rng.int(2, 250)}` : undefined,
            ports: [{ name: app.port.name, port: app.port.containerPort === 80 || app.port.name === 'http' ? 80 : app.port.containerPort, targetPort: app.port.name, nodePort: type === 'ClusterIP' ? undefined : this.rng.int(30000, 32767) }],
          }),
        );
        this.putEndpoints(svc, records);
        if (!ingressDone && (stem === 'web' || stem === 'frontend') && (isTeamA || index % 2 === 1)) {
          ingressDone = true;
          const hosts = isTeamA ? ['web.team-a.example.com'] : [`${ns}.example.com`, `www.${ns}.example.com`];
          this.put(RES.ingresses, makeIngress({ namespace: ns, name, createdAt: depBorn + MIN, hosts, service: name, port: 80, tls: true, address: `203.0.113.${10 + index}` }));
          this.put(RES.secrets, makeSecret(ns, `${name}-tls`, 'kubernetes.io/tls', depBorn, { 'tls.crt': FAKE_CA, 'tls.key': '-----BEGIN PRIVATE KEY-----\nFAKE-DEMO-KEY-NOT-A-SECRET\n-----END PRIVATE KEY-----\n' }));
        }
      }
    }

    this.put(RES.secrets, makeSecret(ns, 'registry-pull', 'kubernetes.io/dockerconfigjson', born, { '.dockerconfigjson': '{"auths":{"ghcr.io":{"auth":"ZGVtbzpub3QtYS1yZWFsLXRva2Vu"}}}' }));
    this.put(RES.secrets, makeSecret(ns, 'app-credentials', 'Opaque', born + HOUR, { username: 'app', password: 'demo-password-not-real', 'database-url': `postgres://app@db.${ns}.svc:5432/app` }));

    if (hasStatefulSet) this.seedStatefulSet(ns, isTeamA ? 'redis' : 'db', stsReplicas, born + DAY);
    if (hasJob) this.seedCompletedJob(ns, 'db-migrate', born + 2 * HOUR);
    if (hasCron) this.seedCronJob(ns, isTeamA ? 'report' : 'cleanup', born + DAY, cronRuns);
    if (hasRunningJob) this.seedRunningJob(ns, 'backfill');
    if (hasBare) {
      // What `kubectl run toolbox -it --image=busybox -- sh` leaves: a shell on a tty as the main process (attach).
      const t = appTemplate('toolbox', { image: 'busybox:1.36.1', cpu: '10m', memory: '16Mi', command: ['sh'] }, { run: 'toolbox' });
      Object.assign(t.spec.containers[0]!, { stdin: true, tty: true });
      this.addPod({ namespace: ns, name: 'toolbox', template: t, state: 'Running', createdAt: this.ago(HOUR, 3 * DAY) });
    }
    if (index % 5 === 2) {
      this.put(RES.persistentvolumeclaims, makePersistentVolumeClaim({ namespace: ns, name: 'uploads', createdAt: this.ago(HOUR, 5 * DAY), size: '20Gi', storageClass: 'gp3-wait' }));
    }
  }

  /** Replica counts summing to `total`; team-a's web gets 3 and worker 2 when the budget allows. */
  private splitReplicas(total: number, count: number, teamA: boolean): number[] {
    const shares = new Array<number>(count).fill(1);
    let rest = total - count;
    if (teamA) {
      const webExtra = Math.min(2, rest);
      shares[0] += webExtra;
      rest -= webExtra;
      if (count > 2 && rest > 0) {
        shares[2] += 1;
        rest -= 1;
      }
    }
    const weights = shares.map((_, i) => (teamA && (i === 0 || i === 2) ? 0 : 0.3 + this.rng.next()));
    const sum = weights.reduce((a, b) => a + b, 0);
    if (sum === 0) {
      shares[0] += rest;
      return shares;
    }
    let given = 0;
    for (let i = 0; i < count; i++) {
      const add = Math.floor((rest * weights[i]) / sum);
      shares[i] += add;
      given += add;
    }
    for (let i = 0; given < rest; i = (i + 1) % count) {
      if (weights[i] > 0) {
        shares[i]++;
        given++;
      }
    }
    return shares;
  }

  private seedStatefulSet(ns: string, name: string, replicas: number, born: number): void {
    const app = name === 'redis' ? APPS.cache : APPS.db;
    const labels = { app: name };
    const template = appTemplate(name, app, labels);
    (template.spec.containers[0] as Record<string, unknown>).volumeMounts = [{ name: 'data', mountPath: name === 'redis' ? '/data' : '/var/lib/postgresql/data' }];
    const storage = name === 'redis' ? '8Gi' : '50Gi';
    const sts = this.put(RES.statefulsets, makeStatefulSet({ namespace: ns, name, createdAt: born, labels, template, replicas, serviceName: name, storage }));
    const revision = (sts.status as { currentRevision: string }).currentRevision;
    const svc = this.put(RES.services, makeService({ namespace: ns, name, createdAt: born, clusterIP: 'None', headless: true, selector: labels, labels, ports: [{ name: app.port!.name, port: app.port!.containerPort, targetPort: app.port!.containerPort }] }));
    const records: PodRecord[] = [];
    for (let i = 0; i < replicas; i++) {
      const podName = `${name}-${i}`;
      const claimName = `data-${podName}`;
      const pvcUid = this.rng.uuid();
      const pvName = `pvc-${pvcUid}`;
      const zone = ZONES[i % ZONES.length];
      this.put(RES.persistentvolumes, makePersistentVolume(pvName, born + i * MIN, storage, { namespace: ns, name: claimName, uid: pvcUid }, 'gp3', zone));
      this.put(RES.persistentvolumeclaims, makePersistentVolumeClaim({ namespace: ns, name: claimName, uid: pvcUid, createdAt: born + i * MIN, size: storage, volumeName: pvName, storageClass: 'gp3', labels }));
      const podTemplate: PodTemplate = { metadata: template.metadata, spec: { ...template.spec, volumes: [{ name: 'data', persistentVolumeClaim: { claimName } }] } };
      records.push(
        this.addPod({
          namespace: ns,
          name: podName,
          generateName: `${name}-`,
          template: podTemplate,
          owner: sts,
          state: 'Running',
          createdAt: born + i * MIN,
          extraLabels: { 'apps.kubernetes.io/pod-index': String(i), 'controller-revision-hash': revision, 'statefulset.kubernetes.io/pod-name': podName },
          hostname: podName,
          subdomain: name,
        }),
      );
    }
    this.putEndpoints(svc, records);
  }

  private jobTemplate(name: string): PodTemplate {
    return appTemplate(name, APPS.batch, {}, { restartPolicy: 'Never' });
  }

  private seedCompletedJob(ns: string, name: string, born: number, owner?: SimObject): SimObject {
    const uid = this.rng.uuid();
    const job = makeJob({ namespace: ns, name, uid, createdAt: born, labels: {}, template: this.jobTemplate(name.replace(/-\d+$/, '')), owner: owner ? controllerRef(owner) : undefined });
    const stored = this.put(RES.jobs, job);
    const podTemplate = (stored.spec as { template: PodTemplate }).template;
    this.addPod({ namespace: ns, name: `${name}-${this.rng.nameSuffix(5)}`, generateName: `${name}-`, template: podTemplate, owner: stored, state: 'Completed', createdAt: born + 500 });
    stored.status = completedJobStatus(born, born + this.rng.int(8000, 40_000), 1);
    this.store.update(RES.jobs, stored);
    this.event(stored, 'Normal', 'Completed', 'Job completed', born + 20_000, born + 20_000, 1, 'job-controller');
    return stored;
  }

  private seedRunningJob(ns: string, name: string): void {
    const uid = this.rng.uuid();
    const born = this.ago(5 * MIN, 40 * MIN);
    const job = this.put(RES.jobs, makeJob({ namespace: ns, name, uid, createdAt: born, labels: {}, template: this.jobTemplate(name) }));
    const podTemplate = (job.spec as { template: PodTemplate }).template;
    this.addPod({ namespace: ns, name: `${name}-${this.rng.nameSuffix(5)}`, generateName: `${name}-`, template: podTemplate, owner: job, state: 'Running', createdAt: born + 500 });
    job.status = { startTime: isoSeconds(born), active: 1, ready: 1, terminating: 0, uncountedTerminatedPods: {} };
    this.store.update(RES.jobs, job);
  }

  private seedCronJob(ns: string, name: string, born: number, runs: number): void {
    const schedule = name === 'report' ? '0 * * * *' : '*/15 * * * *';
    const period = name === 'report' ? HOUR : 15 * MIN;
    const last = Math.floor(this.now / period) * period;
    const cj = this.put(RES.cronjobs, makeCronJob({ namespace: ns, name, createdAt: born, labels: {}, template: this.jobTemplate(name), schedule, lastScheduleAt: last }));
    for (let r = runs - 1; r >= 0; r--) {
      const at = last - r * period;
      this.seedCompletedJob(ns, `${name}-${Math.floor(at / MIN)}`, at, cj);
    }
  }
}

/** Decrements a tag's last number (nginx:1.27.3 → nginx:1.27.2), for an older ReplicaSet's template. */
function previousTag(image: string): string {
  return image.replace(/(\d+)(?!.*\d)/, (d) => String(Math.max(0, Number(d) - 1 || Number(d) + 1)));
}

function appConfig(name: string, ns: string): Record<string, string> {
  return {
    'app.yaml': `server:\n  port: 8080\n  shutdownTimeout: 20s\nlog:\n  level: info\n  format: json\nservice: ${name}\nnamespace: ${ns}\n`,
    FEATURE_FLAGS: 'new-checkout=false,dark-mode=true',
  };
}
