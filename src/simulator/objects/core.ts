// Core and networking objects: namespaces, nodes, services, endpoints, config, secrets, service accounts,
// events, volumes and claims, ingresses, and the example CRD with its objects.
import type { SimObject } from '../types.js';
import { isoSeconds } from './meta.js';

export function makeNamespace(name: string, createdAt: number, uid?: string): SimObject {
  const metadata: SimObject['metadata'] = { name, creationTimestamp: isoSeconds(createdAt), labels: { 'kubernetes.io/metadata.name': name } };
  if (uid) metadata.uid = uid;
  return { apiVersion: 'v1', kind: 'Namespace', metadata, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } };
}

export interface NodeInput {
  name: string;
  index: number;
  controlPlane: boolean;
  createdAt: number;
  kubeletVersion: string;
  zone: string;
  uid?: string;
}

export function nodeInternalIP(index: number): string {
  // 240 a block keeps the last octet within 10-249.
  return `10.0.${Math.floor(index / 240)}.${10 + (index % 240)}`;
}

/**
 * The pod CIDR of node `index`: 10.244.<i>.0/24, spilling into 10.245.x … 10.255.x for big clusters and, past the
 * 3,072nd node, into 10.100.x … (every octet stays a valid 0-255).
 */
export function nodePodIP(index: number, slot: number): string {
  const block = Math.floor(index / 256);
  const second = block < 12 ? 244 + block : 100 + block - 12;
  return `10.${second}.${index % 256}.${2 + (slot % 250)}`;
}

export function makeNode(input: NodeInput): SimObject {
  const labels: Record<string, string> = {
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': input.name,
    'kubernetes.io/os': 'linux',
    'node.kubernetes.io/instance-type': input.controlPlane ? 'm6i.large' : 'm6i.2xlarge',
    'topology.kubernetes.io/region': 'eu-west-1',
    'topology.kubernetes.io/zone': input.zone,
  };
  if (input.controlPlane) {
    labels['node-role.kubernetes.io/control-plane'] = '';
    labels['node.kubernetes.io/exclude-from-external-load-balancers'] = '';
  }
  const cpu = input.controlPlane ? '2' : '8';
  const memKi = input.controlPlane ? 8_029_184 : 32_617_452;
  const spec: Record<string, unknown> = { podCIDR: `10.${244 + Math.floor(input.index / 256)}.${input.index % 256}.0/24`, podCIDRs: [`10.${244 + Math.floor(input.index / 256)}.${input.index % 256}.0/24`], providerID: `aws:///${input.zone}/i-0${(input.index * 7919 + 0xabcde).toString(16).padStart(16, '0')}` };
  if (input.controlPlane) spec.taints = [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }];
  const metadata: SimObject['metadata'] = {
    name: input.name,
    creationTimestamp: isoSeconds(input.createdAt),
    labels,
    annotations: {
      'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///run/containerd/containerd.sock',
      'node.alpha.kubernetes.io/ttl': '0',
      'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
    },
  };
  if (input.uid) metadata.uid = input.uid;
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata,
    spec,
    status: {
      capacity: { cpu, 'ephemeral-storage': '104845292Ki', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: `${memKi}Ki`, pods: '110' },
      allocatable: { cpu: input.controlPlane ? '1930m' : '7910m', 'ephemeral-storage': '96625420948', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: `${memKi - 102_400}Ki`, pods: '110' },
      conditions: nodeConditions(input.createdAt, input.createdAt + 30_000, true),
      addresses: [
        { type: 'InternalIP', address: nodeInternalIP(input.index) },
        { type: 'Hostname', address: input.name },
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        machineID: hex32(input.name),
        systemUUID: hex32(input.name + '/uuid').replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5'),
        bootID: hex32(input.name + '/boot').replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5'),
        kernelVersion: '6.1.112-122.189.amzn2023.x86_64',
        osImage: 'Amazon Linux 2023.6.20241031',
        containerRuntimeVersion: 'containerd://1.7.22',
        kubeletVersion: input.kubeletVersion,
        kubeProxyVersion: input.kubeletVersion,
        operatingSystem: 'linux',
        architecture: 'amd64',
      },
    },
  };
}

function hex32(text: string): string {
  let out = '';
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  for (let i = 0; i < 4; i++) {
    h = (Math.imul(h ^ (h >>> 13), 0x5bd1e995) + i) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return out;
}

/** A node's conditions: pressure conditions False, Ready True (or Unknown when not ready), heartbeat `at`. */
export function nodeConditions(since: number, heartbeat: number, ready: boolean): unknown[] {
  const hb = isoSeconds(heartbeat);
  const t = isoSeconds(since);
  const c = (type: string, status: string, reason: string, message: string) => ({ type, status, lastHeartbeatTime: hb, lastTransitionTime: t, reason, message });
  return [
    c('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
    c('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
    c('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
    ready
      ? c('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status')
      : c('Ready', 'Unknown', 'NodeStatusUnknown', 'Kubelet stopped posting node status.'),
  ];
}

export interface ServiceInput {
  namespace: string;
  name: string;
  createdAt: number;
  clusterIP: string;
  selector?: Record<string, string>;
  ports: { name?: string; port: number; targetPort: number | string; nodePort?: number; protocol?: 'TCP' | 'UDP' }[];
  type?: 'ClusterIP' | 'NodePort' | 'LoadBalancer';
  loadBalancerIP?: string;
  labels?: Record<string, string>;
  headless?: boolean;
  uid?: string;
}

export function makeService(input: ServiceInput): SimObject {
  const type = input.type ?? 'ClusterIP';
  const clusterIP = input.headless ? 'None' : input.clusterIP;
  const spec: Record<string, unknown> = {
    ports: input.ports.map((p) => {
      const out: Record<string, unknown> = {};
      if (p.name) out.name = p.name;
      out.protocol = p.protocol ?? 'TCP';
      out.port = p.port;
      out.targetPort = p.targetPort;
      if (p.nodePort) out.nodePort = p.nodePort;
      return out;
    }),
  };
  if (input.selector) spec.selector = input.selector;
  spec.clusterIP = clusterIP;
  spec.clusterIPs = [clusterIP];
  spec.type = type;
  spec.sessionAffinity = 'None';
  if (type !== 'ClusterIP') spec.externalTrafficPolicy = 'Cluster';
  spec.ipFamilies = ['IPv4'];
  spec.ipFamilyPolicy = 'SingleStack';
  spec.internalTrafficPolicy = 'Cluster';
  if (type === 'LoadBalancer') spec.allocateLoadBalancerNodePorts = true;
  const status: Record<string, unknown> = { loadBalancer: {} };
  if (type === 'LoadBalancer' && input.loadBalancerIP) status.loadBalancer = { ingress: [{ ip: input.loadBalancerIP, ipMode: 'VIP' }] };
  const metadata: SimObject['metadata'] = { name: input.name, namespace: input.namespace, creationTimestamp: isoSeconds(input.createdAt) };
  if (input.uid) metadata.uid = input.uid;
  if (input.labels) metadata.labels = input.labels;
  return { apiVersion: 'v1', kind: 'Service', metadata, spec, status };
}

export interface EndpointAddress {
  ip: string;
  nodeName?: string;
  targetRef?: { kind: string; namespace: string; name: string; uid: string };
}

/** Endpoints for a service, truncated at 1000 addresses as the endpoints controller does. */
export function makeEndpoints(
  service: SimObject,
  ready: EndpointAddress[],
  notReady: EndpointAddress[],
  at: number,
): SimObject {
  const ports = ((service.spec as { ports: { name?: string; port: number; targetPort: number | string; protocol?: string }[] }).ports ?? []).map((p) => {
    const out: Record<string, unknown> = {};
    if (p.name) out.name = p.name;
    out.port = typeof p.targetPort === 'number' ? p.targetPort : p.port;
    out.protocol = p.protocol ?? 'TCP';
    return out;
  });
  const metadata: SimObject['metadata'] = {
    name: service.metadata.name,
    namespace: service.metadata.namespace,
    creationTimestamp: service.metadata.creationTimestamp,
    labels: { ...(service.metadata.labels ?? {}), 'endpoints.kubernetes.io/managed-by': 'endpoint-controller' },
    annotations: { 'endpoints.kubernetes.io/last-change-trigger-time': isoSeconds(at) },
  };
  const total = ready.length + notReady.length;
  if (total > 1000) metadata.annotations!['endpoints.kubernetes.io/over-capacity'] = 'truncated';
  const r = ready.slice(0, 1000);
  const nr = notReady.slice(0, Math.max(0, 1000 - r.length));
  const subset: Record<string, unknown> = {};
  if (r.length) subset.addresses = r;
  if (nr.length) subset.notReadyAddresses = nr;
  subset.ports = ports;
  const obj: SimObject = { apiVersion: 'v1', kind: 'Endpoints', metadata };
  if (r.length || nr.length) obj.subsets = [subset];
  return obj;
}

export function makeConfigMap(namespace: string, name: string, createdAt: number, data: Record<string, string>, labels?: Record<string, string>): SimObject {
  const metadata: SimObject['metadata'] = { name, namespace, creationTimestamp: isoSeconds(createdAt) };
  if (labels) metadata.labels = labels;
  if (name === 'kube-root-ca.crt') metadata.annotations = { 'kubernetes.io/description': 'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.' };
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata, data };
}

const b64 = (s: string) => Buffer.from(s).toString('base64');

/** A secret with made-up, clearly fake values (never real credentials). */
export function makeSecret(namespace: string, name: string, type: string, createdAt: number, data: Record<string, string>): SimObject {
  const encoded: Record<string, string> = {};
  for (const [k, v] of Object.entries(data)) encoded[k] = b64(v);
  return { apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace, creationTimestamp: isoSeconds(createdAt) }, data: encoded, type };
}

export function makeServiceAccount(namespace: string, name: string, createdAt: number): SimObject {
  return { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace, creationTimestamp: isoSeconds(createdAt) } };
}

export interface EventInput {
  namespace: string;
  name?: string;
  involved: SimObject;
  fieldPath?: string;
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
  component: string;
  host?: string;
  first: number;
  last: number;
  count: number;
}

/** A core/v1 Event about `involved`, named like the event recorder names them (`<object>.<hex>`). */
export function makeEvent(input: EventInput, hexSuffix: string): SimObject {
  const inv = input.involved;
  const involvedObject: Record<string, unknown> = {
    kind: inv.kind,
    namespace: inv.metadata.namespace,
    name: inv.metadata.name,
    uid: inv.metadata.uid,
    apiVersion: inv.apiVersion,
    resourceVersion: inv.metadata.resourceVersion,
  };
  if (input.fieldPath) involvedObject.fieldPath = input.fieldPath;
  const source: Record<string, string> = { component: input.component };
  if (input.host) source.host = input.host;
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: input.name ?? `${inv.metadata.name}.${hexSuffix}`, namespace: input.namespace, creationTimestamp: isoSeconds(input.first) },
    involvedObject,
    reason: input.reason,
    message: input.message,
    source,
    firstTimestamp: isoSeconds(input.first),
    lastTimestamp: isoSeconds(input.last),
    count: input.count,
    type: input.type,
    eventTime: null,
    reportingComponent: input.component,
    reportingInstance: input.host ?? '',
  };
}

export function makePersistentVolume(name: string, createdAt: number, size: string, claim: { namespace: string; name: string; uid?: string } | undefined, storageClass: string, zone: string): SimObject {
  const spec: Record<string, unknown> = {
    capacity: { storage: size },
    csi: { driver: 'ebs.csi.aws.com', fsType: 'ext4', volumeHandle: `vol-0${name.replace(/[^0-9a-f]/g, '').slice(0, 16)}`, volumeAttributes: { 'storage.kubernetes.io/csiProvisionerIdentity': '1730000000000-8081-ebs.csi.aws.com' } },
    accessModes: ['ReadWriteOnce'],
    persistentVolumeReclaimPolicy: 'Delete',
    storageClassName: storageClass,
    volumeMode: 'Filesystem',
    nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'topology.kubernetes.io/zone', operator: 'In', values: [zone] }] }] } },
  };
  if (claim) spec.claimRef = { kind: 'PersistentVolumeClaim', namespace: claim.namespace, name: claim.name, uid: claim.uid, apiVersion: 'v1' };
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name, creationTimestamp: isoSeconds(createdAt), annotations: { 'pv.kubernetes.io/provisioned-by': 'ebs.csi.aws.com', 'volume.kubernetes.io/provisioner-deletion-secret-name': '', 'volume.kubernetes.io/provisioner-deletion-secret-namespace': '' }, finalizers: ['external-provisioner.volume.kubernetes.io/finalizer', 'kubernetes.io/pv-protection'] },
    spec,
    status: claim ? { phase: 'Bound', lastPhaseTransitionTime: isoSeconds(createdAt) } : { phase: 'Available', lastPhaseTransitionTime: isoSeconds(createdAt) },
  };
}

export function makePersistentVolumeClaim(input: { namespace: string; name: string; uid?: string; createdAt: number; size: string; volumeName?: string; storageClass: string; labels?: Record<string, string> }): SimObject {
  const bound = !!input.volumeName;
  const metadata: SimObject['metadata'] = {
    name: input.name,
    namespace: input.namespace,
    creationTimestamp: isoSeconds(input.createdAt),
    annotations: bound
      ? { 'pv.kubernetes.io/bind-completed': 'yes', 'pv.kubernetes.io/bound-by-controller': 'yes', 'volume.beta.kubernetes.io/storage-provisioner': 'ebs.csi.aws.com', 'volume.kubernetes.io/storage-provisioner': 'ebs.csi.aws.com' }
      : { 'volume.beta.kubernetes.io/storage-provisioner': 'ebs.csi.aws.com', 'volume.kubernetes.io/storage-provisioner': 'ebs.csi.aws.com' },
    finalizers: ['kubernetes.io/pvc-protection'],
  };
  if (input.uid) metadata.uid = input.uid;
  if (input.labels) metadata.labels = input.labels;
  const spec: Record<string, unknown> = { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: input.size } }, storageClassName: input.storageClass, volumeMode: 'Filesystem' };
  if (bound) spec.volumeName = input.volumeName;
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata,
    spec,
    status: bound ? { phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: input.size } } : { phase: 'Pending' },
  };
}

export function makeIngress(input: { namespace: string; name: string; createdAt: number; hosts: string[]; service: string; port: number; tls: boolean; address?: string }): SimObject {
  const spec: Record<string, unknown> = {
    ingressClassName: 'nginx',
    rules: input.hosts.map((host) => ({ host, http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: input.service, port: { number: input.port } } } }] } })),
  };
  if (input.tls) spec.tls = [{ hosts: input.hosts, secretName: `${input.name}-tls` }];
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name: input.name, namespace: input.namespace, generation: 1, creationTimestamp: isoSeconds(input.createdAt), annotations: { 'nginx.ingress.kubernetes.io/proxy-body-size': '8m' } },
    spec,
    status: { loadBalancer: input.address ? { ingress: [{ ip: input.address }] } : {} },
  };
}

/** The example CRD every simulated cluster serves: crontabs.stable.example.com (short name ct). */
export function makeCronTabCrd(createdAt: number): SimObject {
  const t = isoSeconds(createdAt);
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'crontabs.stable.example.com', generation: 1, creationTimestamp: t },
    spec: {
      group: 'stable.example.com',
      names: { plural: 'crontabs', singular: 'crontab', kind: 'CronTab', listKind: 'CronTabList', shortNames: ['ct'], categories: ['all'] },
      scope: 'Namespaced',
      versions: [
        {
          name: 'v1',
          served: true,
          storage: true,
          schema: {
            openAPIV3Schema: {
              type: 'object',
              properties: {
                spec: { type: 'object', properties: { cronSpec: { type: 'string' }, image: { type: 'string' }, replicas: { type: 'integer' } } },
                status: { type: 'object', properties: { lastRunTime: { type: 'string', format: 'date-time' } } },
              },
            },
          },
          subresources: { status: {} },
          additionalPrinterColumns: [
            { name: 'Spec', type: 'string', description: 'The cron spec defining the interval a CronJob is run', jsonPath: '.spec.cronSpec' },
            { name: 'Replicas', type: 'integer', description: 'The number of jobs launched by the CronJob', jsonPath: '.spec.replicas' },
            { name: 'Image', type: 'string', priority: 1, description: 'The image the CronTab runs', jsonPath: '.spec.image' },
            { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
          ],
        },
      ],
      conversion: { strategy: 'None' },
    },
    status: {
      conditions: [
        { type: 'NamesAccepted', status: 'True', lastTransitionTime: t, reason: 'NoConflicts', message: 'no conflicts found' },
        { type: 'Established', status: 'True', lastTransitionTime: t, reason: 'InitialNamesAccepted', message: 'the initial names have been accepted' },
      ],
      acceptedNames: { plural: 'crontabs', singular: 'crontab', kind: 'CronTab', listKind: 'CronTabList', shortNames: ['ct'], categories: ['all'] },
      storedVersions: ['v1'],
    },
  };
}

export function makeCronTab(namespace: string, name: string, createdAt: number, cronSpec: string, image: string, replicas: number): SimObject {
  return {
    apiVersion: 'stable.example.com/v1',
    kind: 'CronTab',
    metadata: { name, namespace, generation: 1, creationTimestamp: isoSeconds(createdAt) },
    spec: { cronSpec, image, replicas },
  };
}

