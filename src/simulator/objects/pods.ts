// Pods as kube-apiserver and the kubelet shape them: a spec defaulted like admission does, and a status for
// each lifecycle state the world shows (Pending, ContainerCreating, Running, CrashLoopBackOff, Completed, …).
import type { SimObject } from '../types.js';
import { hashString, SAFE_CHARS } from './random.js';
import { isoSeconds, type OwnerRef } from './meta.js';

export type PodState =
  | 'Unschedulable'
  | 'ContainerCreating'
  | 'Running'
  | 'NotReady'
  | 'CrashLoopBackOff'
  | 'Error'
  | 'ImagePullBackOff'
  | 'Completed'
  | 'Failed';

export interface Container {
  name: string;
  image: string;
  [field: string]: unknown;
}

export interface PodTemplate {
  metadata: { labels?: Record<string, string>; annotations?: Record<string, string>; creationTimestamp?: null };
  spec: { containers: Container[]; initContainers?: Container[]; [field: string]: unknown };
}

/** What a pod's status depends on besides its state. */
export interface PodPlacement {
  nodeName?: string;
  hostIP?: string;
  podIP?: string;
}

export interface PodStatusOptions {
  /** When the pod entered its current state (ms). */
  at: number;
  /** When the pod started (ms); defaults to `at`. */
  startedAt?: number;
  restarts?: number;
  /** When the last container restart finished (ms), for lastState. */
  lastRestartAt?: number;
}

/** A pod made from a controller's template, with the fields the API server and admission add. */
export function podFromTemplate(input: {
  namespace: string;
  name: string;
  generateName?: string;
  uid?: string;
  createdAt: number;
  template: PodTemplate;
  owner?: OwnerRef;
  extraLabels?: Record<string, string>;
  hostname?: string;
  subdomain?: string;
}): SimObject {
  const { template } = input;
  const accessVolume = `kube-api-access-${suffixFrom(input.uid ?? input.name)}`;
  const mount = { name: accessVolume, readOnly: true, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' };
  const withMount = (c: Container): Container => ({
    ...c,
    volumeMounts: [...((c.volumeMounts as unknown[] | undefined) ?? []), mount],
  });
  const spec: Record<string, unknown> = {
    ...template.spec,
    volumes: [...((template.spec.volumes as unknown[] | undefined) ?? []), apiAccessVolume(accessVolume)],
    containers: template.spec.containers.map(withMount),
    serviceAccountName: (template.spec.serviceAccountName as string | undefined) ?? 'default',
    serviceAccount: (template.spec.serviceAccountName as string | undefined) ?? 'default',
    tolerations: [
      ...((template.spec.tolerations as unknown[] | undefined) ?? []),
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    ],
    priority: 0,
    enableServiceLinks: true,
    preemptionPolicy: 'PreemptLowerPriority',
  };
  if (template.spec.initContainers) spec.initContainers = template.spec.initContainers.map(withMount);
  if (input.hostname) spec.hostname = input.hostname;
  if (input.subdomain) spec.subdomain = input.subdomain;
  const metadata: SimObject['metadata'] = {
    name: input.name,
    namespace: input.namespace,
    uid: input.uid,
    creationTimestamp: isoSeconds(input.createdAt),
    labels: { ...(template.metadata.labels ?? {}), ...(input.extraLabels ?? {}) },
  };
  if (input.generateName) metadata.generateName = input.generateName;
  if (template.metadata.annotations) metadata.annotations = { ...template.metadata.annotations };
  if (input.owner) metadata.ownerReferences = [input.owner];
  if (!metadata.uid) delete metadata.uid;
  return { apiVersion: 'v1', kind: 'Pod', metadata, spec, status: { phase: 'Pending', qosClass: qosClass(template.spec.containers) } };
}

function apiAccessVolume(name: string): unknown {
  return {
    name,
    projected: {
      sources: [
        { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
        { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
        { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
      ],
      defaultMode: 420,
    },
  };
}

function suffixFrom(text: string): string {
  let h = hashString(text);
  let s = '';
  for (let i = 0; i < 5; i++) {
    s += SAFE_CHARS[h % SAFE_CHARS.length];
    h = Math.floor(h / SAFE_CHARS.length) + i * 131;
  }
  return s;
}

/** Guaranteed when every container's requests equal its limits, BestEffort with none, else Burstable. */
export function qosClass(containers: Container[]): string {
  let any = false;
  let guaranteed = true;
  for (const c of containers) {
    const r = c.resources as { requests?: Record<string, string>; limits?: Record<string, string> } | undefined;
    const req = r?.requests ?? {};
    const lim = r?.limits ?? {};
    if (Object.keys(req).length || Object.keys(lim).length) any = true;
    if (!lim.cpu || !lim.memory || (req.cpu && req.cpu !== lim.cpu) || (req.memory && req.memory !== lim.memory)) guaranteed = false;
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

function condition(type: string, status: 'True' | 'False', at: number, reason?: string, message?: string): Record<string, unknown> {
  const c: Record<string, unknown> = { type, status, lastProbeTime: null, lastTransitionTime: isoSeconds(at) };
  if (reason) c.reason = reason;
  if (message) c.message = message;
  return c;
}

/** Registry-qualified image name, as the kubelet reports it. */
export function fullImage(image: string): string {
  const slash = image.indexOf('/');
  const first = slash < 0 ? '' : image.slice(0, slash);
  if (slash < 0) return `docker.io/library/${image}`;
  if (!first.includes('.') && !first.includes(':') && first !== 'localhost') return `docker.io/${image}`;
  return image;
}

const imageIds = new Map<string, string>();
function imageId(image: string): string {
  let id = imageIds.get(image);
  if (id === undefined) {
    const full = fullImage(image);
    id = `${full.replace(/:[^/:]+$/, '')}@sha256:${hex64(full)}`;
    imageIds.set(image, id);
  }
  return id;
}

function hex64(text: string): string {
  let out = '';
  let h = hashString(text);
  for (let i = 0; i < 8; i++) {
    h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) >>> 0;
    h = (h + 0x9e3779b9 * (i + 1)) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return out;
}

/** 64 hex digits derived cheaply from the pod uid, container and restart (it is rebuilt on every status change). */
function containerId(podUid: string, name: string, restarts: number): string {
  const base = /^[0-9a-f-]{36}$/.test(podUid) ? podUid.replace(/-/g, '') : hex64(podUid).slice(0, 32);
  const salt = ((hashString(name) ^ Math.imul(restarts + 1, 0x9e3779b1)) >>> 0).toString(16).padStart(8, '0');
  return `containerd://${salt}${base}${base.slice(8, 32)}`;
}

/**
 * The status a pod shows in `state`. Pure: the same pod, state and options give the same status.
 * The first container carries the state (crash loops, pull errors); the others run normally.
 */
export function podStatus(pod: SimObject, state: PodState, placement: PodPlacement, opts: PodStatusOptions): Record<string, unknown> {
  const spec = pod.spec as { containers: Container[] };
  const uid = pod.metadata.uid ?? pod.metadata.name;
  const at = opts.at;
  const started = opts.startedAt ?? at;
  const created = Date.parse(pod.metadata.creationTimestamp ?? '') || started;
  const qos = qosClass(spec.containers);
  const restarts = opts.restarts ?? 0;
  const names = spec.containers.map((c) => c.name);

  if (state === 'Unschedulable') {
    return {
      phase: 'Pending',
      conditions: [
        condition(
          'PodScheduled',
          'False',
          created,
          'Unschedulable',
          '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.',
        ),
      ],
      qosClass: qos,
    };
  }

  const status: Record<string, unknown> = {};
  const hostIPs = placement.hostIP ? { hostIP: placement.hostIP, hostIPs: [{ ip: placement.hostIP }] } : {};
  const podIPs = placement.podIP && state !== 'ContainerCreating' ? { podIP: placement.podIP, podIPs: [{ ip: placement.podIP }] } : {};
  const readyAll = state === 'Running';
  const terminal = state === 'Completed' || state === 'Failed';
  const phase = state === 'ContainerCreating' || state === 'ImagePullBackOff' ? 'Pending' : state === 'Completed' ? 'Succeeded' : state === 'Failed' ? 'Failed' : 'Running';
  const unready = readyAll ? undefined : terminal ? 'PodCompleted' : 'ContainersNotReady';
  const unreadyNames = state === 'NotReady' || state === 'CrashLoopBackOff' || state === 'Error' ? [names[0]] : names;
  const unreadyMsg = terminal ? undefined : `containers with unready status: [${unreadyNames.join(' ')}]`;
  status.phase = phase;
  status.conditions = [
    condition('PodReadyToStartContainers', state === 'ContainerCreating' || terminal ? 'False' : 'True', started + 1000),
    terminal ? condition('Initialized', 'True', started, 'PodCompleted') : condition('Initialized', 'True', started),
    readyAll ? condition('Ready', 'True', at) : condition('Ready', 'False', at, unready, unreadyMsg),
    readyAll ? condition('ContainersReady', 'True', at) : condition('ContainersReady', 'False', at, unready, unreadyMsg),
    condition('PodScheduled', 'True', created),
  ];
  Object.assign(status, hostIPs, podIPs);
  status.startTime = isoSeconds(started);
  status.containerStatuses = spec.containers.map((c, i) => {
    const primary = i === 0;
    const cs: Record<string, unknown> = { name: c.name };
    const lastTerminated =
      primary && restarts > 0
        ? {
            terminated: {
              exitCode: 1,
              reason: 'Error',
              startedAt: isoSeconds((opts.lastRestartAt ?? at) - 20_000),
              finishedAt: isoSeconds(opts.lastRestartAt ?? at),
              containerID: containerId(uid, c.name, restarts - 1),
            },
          }
        : {};
    let ready = false;
    let startedFlag = false;
    const s = primary ? state : state === 'ContainerCreating' || state === 'ImagePullBackOff' ? 'ContainerCreating' : terminal ? state : 'Running';
    switch (s) {
      case 'ContainerCreating':
        cs.state = { waiting: { reason: 'ContainerCreating' } };
        break;
      case 'ImagePullBackOff':
        cs.state = { waiting: { reason: 'ImagePullBackOff', message: `Back-off pulling image "${c.image}"` } };
        break;
      case 'CrashLoopBackOff':
        cs.state = {
          waiting: {
            reason: 'CrashLoopBackOff',
            message: `back-off ${backoffText(restarts)} restarting failed container=${c.name} pod=${pod.metadata.name}_${pod.metadata.namespace}(${uid})`,
          },
        };
        break;
      case 'Error':
      case 'Failed':
        cs.state = { terminated: { exitCode: 1, reason: 'Error', startedAt: isoSeconds(at - 15_000), finishedAt: isoSeconds(at), containerID: containerId(uid, c.name, restarts) } };
        break;
      case 'Completed':
        cs.state = { terminated: { exitCode: 0, reason: 'Completed', startedAt: isoSeconds(started + 2000), finishedAt: isoSeconds(at), containerID: containerId(uid, c.name, restarts) } };
        break;
      case 'NotReady':
        cs.state = { running: { startedAt: isoSeconds(started + 2000) } };
        startedFlag = true;
        break;
      default:
        cs.state = { running: { startedAt: isoSeconds(primary && restarts > 0 ? opts.lastRestartAt ?? at : started + 2000) } };
        ready = true;
        startedFlag = true;
    }
    cs.lastState = lastTerminated;
    cs.ready = ready;
    cs.restartCount = primary ? restarts : 0;
    cs.image = s === 'ContainerCreating' || s === 'ImagePullBackOff' ? c.image : fullImage(c.image);
    cs.imageID = s === 'ContainerCreating' || s === 'ImagePullBackOff' ? '' : imageId(c.image);
    if (s !== 'ContainerCreating' && s !== 'ImagePullBackOff') cs.containerID = containerId(uid, c.name, restarts);
    cs.started = startedFlag;
    return cs;
  });
  status.qosClass = qos;
  return status;
}

/** The kubelet's crash-loop back-off: 10 s doubling per restart, capped at 5 minutes. */
function backoffText(restarts: number): string {
  const seconds = Math.min(300, 10 * 2 ** Math.max(0, restarts - 1));
  return seconds >= 60 ? `${Math.floor(seconds / 60)}m${seconds % 60}s` : `${seconds}s`;
}

/** True when the pod's Ready condition is True. */
export function isPodReady(pod: SimObject): boolean {
  const conditions = (pod.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions;
  return !!conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
}

export function podPhase(pod: SimObject): string {
  return ((pod.status as { phase?: string } | undefined)?.phase ?? 'Pending') as string;
}
