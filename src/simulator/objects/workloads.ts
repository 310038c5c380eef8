// Workload controllers' objects (Deployment, ReplicaSet, StatefulSet, DaemonSet, Job, CronJob) and the
// container images the demo apps run. Statuses are computed from counts so controllers can reuse them.
import type { SimObject } from '../types.js';
import { isoSeconds, type OwnerRef } from './meta.js';
import type { Container, PodTemplate } from './pods.js';
import { templateHash } from './random.js';

export interface AppKind {
  image: string;
  port?: { name: string; containerPort: number };
  cpu: string;
  memory: string;
  cpuLimit?: string;
  memoryLimit?: string;
  probePath?: string;
  command?: string[];
  env?: Record<string, string>;
  /** Without a liveness probe (readiness only), as many sidecar-carrying apps run. */
  noLiveness?: boolean;
  /** Mount the app's ConfigMap at /etc/<name>. */
  configMount?: boolean;
  sidecar?: boolean;
}

/** The kinds of app the demo namespaces run; the key is the name stem. */
export const APPS: Record<string, AppKind> = {
  web: { image: 'nginx:1.27.3', port: { name: 'http', containerPort: 80 }, cpu: '100m', memory: '128Mi', cpuLimit: '500m', memoryLimit: '256Mi', probePath: '/', configMount: true },
  frontend: { image: 'ghcr.io/acme/frontend:v3.8.2', port: { name: 'http', containerPort: 3000 }, cpu: '200m', memory: '256Mi', cpuLimit: '1', memoryLimit: '512Mi', probePath: '/healthz', env: { NODE_ENV: 'production' } },
  api: { image: 'ghcr.io/acme/api:v2.14.1', port: { name: 'http', containerPort: 8080 }, cpu: '250m', memory: '256Mi', cpuLimit: '1', memoryLimit: '512Mi', probePath: '/healthz', env: { LOG_LEVEL: 'info' }, noLiveness: true, sidecar: true },
  worker: { image: 'ghcr.io/acme/worker:v2.14.1', cpu: '500m', memory: '512Mi', cpuLimit: '2', memoryLimit: '1Gi', command: ['/app/worker', '--queue=default', '--concurrency=8'], env: { LOG_LEVEL: 'info' } },
  cache: { image: 'redis:7.2.5-alpine', port: { name: 'redis', containerPort: 6379 }, cpu: '100m', memory: '256Mi', cpuLimit: '100m', memoryLimit: '256Mi' },
  gateway: { image: 'envoyproxy/envoy:v1.31.2', port: { name: 'http', containerPort: 8080 }, cpu: '100m', memory: '128Mi', cpuLimit: '500m', memoryLimit: '256Mi', probePath: '/ready' },
  auth: { image: 'quay.io/keycloak/keycloak:25.0.6', port: { name: 'http', containerPort: 8080 }, cpu: '500m', memory: '1Gi', cpuLimit: '2', memoryLimit: '2Gi', probePath: '/health/ready', env: { KC_HEALTH_ENABLED: 'true' } },
  search: { image: 'docker.elastic.co/elasticsearch/elasticsearch:8.15.2', port: { name: 'http', containerPort: 9200 }, cpu: '1', memory: '2Gi', cpuLimit: '2', memoryLimit: '4Gi', env: { 'discovery.type': 'single-node' } },
  db: { image: 'postgres:16.4', port: { name: 'postgres', containerPort: 5432 }, cpu: '500m', memory: '1Gi', cpuLimit: '2', memoryLimit: '2Gi', env: { PGDATA: '/var/lib/postgresql/data/pgdata', POSTGRES_DB: 'app' } },
  batch: { image: 'ghcr.io/acme/tools:v1.4.0', cpu: '100m', memory: '64Mi', command: ['/bin/sh', '-c', 'echo migrating; sleep 5; echo done'] },
};

function envList(app: AppKind): unknown[] {
  const env: unknown[] = Object.entries(app.env ?? {}).map(([name, value]) => ({ name, value }));
  env.push({ name: 'POD_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } });
  return env;
}

function probe(app: AppKind, initialDelaySeconds: number): unknown {
  const action = app.probePath ? { httpGet: { path: app.probePath, port: app.port!.name, scheme: 'HTTP' } } : { tcpSocket: { port: app.port!.containerPort } };
  return { ...action, initialDelaySeconds, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 };
}

/** A container as the API server stores it after defaulting. */
export function appContainer(name: string, app: AppKind, configName?: string): Container {
  const c: Container = { name, image: app.image };
  if (app.command) c.command = app.command;
  if (app.port) c.ports = [{ name: app.port.name, containerPort: app.port.containerPort, protocol: 'TCP' }];
  c.env = envList(app);
  const resources: Record<string, unknown> = { requests: { cpu: app.cpu, memory: app.memory } };
  if (app.cpuLimit || app.memoryLimit) resources.limits = { cpu: app.cpuLimit ?? app.cpu, memory: app.memoryLimit ?? app.memory };
  c.resources = resources;
  if (app.port) {
    if (!app.noLiveness) c.livenessProbe = probe(app, 10);
    c.readinessProbe = probe(app, 5);
  }
  if (configName) c.volumeMounts = [{ name: 'config', readOnly: true, mountPath: `/etc/${name}` }];
  c.terminationMessagePath = '/dev/termination-log';
  c.terminationMessagePolicy = 'File';
  c.imagePullPolicy = 'IfNotPresent';
  return c;
}

const LOG_SHIPPER: Container = {
  name: 'log-shipper',
  image: 'fluent/fluent-bit:3.1.9',
  resources: { limits: { memory: '64Mi' }, requests: { cpu: '10m', memory: '32Mi' } },
  terminationMessagePath: '/dev/termination-log',
  terminationMessagePolicy: 'File',
  imagePullPolicy: 'IfNotPresent',
};

/** The pod template of an app named `name` of kind `app`. */
export function appTemplate(
  name: string,
  app: AppKind,
  labels: Record<string, string>,
  opts: { serviceAccount?: string; restartPolicy?: string; configMap?: string } = {},
): PodTemplate {
  const configName = app.configMount ? opts.configMap ?? `${name}-config` : undefined;
  const containers = [appContainer(name.replace(/-\d+$/, '').slice(0, 63), app, configName)];
  if (app.sidecar) containers.push({ ...LOG_SHIPPER });
  const spec: PodTemplate['spec'] = { containers };
  if (configName) spec.volumes = [{ name: 'config', configMap: { name: configName, defaultMode: 420 } }];
  spec.restartPolicy = opts.restartPolicy ?? 'Always';
  spec.terminationGracePeriodSeconds = 30;
  spec.dnsPolicy = 'ClusterFirst';
  if (opts.serviceAccount) spec.serviceAccountName = opts.serviceAccount;
  spec.securityContext = {};
  spec.schedulerName = 'default-scheduler';
  return { metadata: { creationTimestamp: null, labels: { ...labels } }, spec };
}

/** pod-template-hash of a template, stable for equal templates whatever their key order. */
export function podTemplateHash(template: unknown): string {
  return templateHash(canonicalJson(template));
}

/** JSON with object keys sorted, so equal values always give equal text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

export interface WorkloadInput {
  namespace: string;
  name: string;
  uid?: string;
  createdAt: number;
  labels: Record<string, string>;
  template: PodTemplate;
}

function baseMeta(input: WorkloadInput, extra: Partial<SimObject['metadata']> = {}): SimObject['metadata'] {
  const m: SimObject['metadata'] = {
    name: input.name,
    namespace: input.namespace,
    uid: input.uid,
    generation: 1,
    creationTimestamp: isoSeconds(input.createdAt),
    labels: { ...input.labels },
    ...extra,
  };
  if (!m.uid) delete m.uid;
  return m;
}

export function makeDeployment(input: WorkloadInput & { replicas: number; revision?: number }): SimObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: baseMeta(input, { annotations: { 'deployment.kubernetes.io/revision': String(input.revision ?? 1) } }),
    spec: {
      replicas: input.replicas,
      selector: { matchLabels: { ...input.labels } },
      template: input.template,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
    },
    status: deploymentStatus(input.replicas, { replicas: 0, ready: 0, updated: 0 }, input.createdAt, 1),
  };
}

/** A Deployment's status from its pods' counts. */
export function deploymentStatus(
  desired: number,
  counts: { replicas: number; ready: number; updated: number },
  at: number,
  observedGeneration: number,
): Record<string, unknown> {
  const available = counts.ready;
  const status: Record<string, unknown> = {
    observedGeneration,
    replicas: counts.replicas,
    updatedReplicas: counts.updated,
    readyReplicas: counts.ready,
    availableReplicas: available,
  };
  if (counts.replicas - available > 0) status.unavailableReplicas = counts.replicas - available;
  const minAvailable = desired - Math.floor(desired * 0.25);
  const time = isoSeconds(at);
  status.conditions = [
    available >= minAvailable
      ? { type: 'Available', status: 'True', lastUpdateTime: time, lastTransitionTime: time, reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' }
      : { type: 'Available', status: 'False', lastUpdateTime: time, lastTransitionTime: time, reason: 'MinimumReplicasUnavailable', message: 'Deployment does not have minimum availability.' },
    { type: 'Progressing', status: 'True', lastUpdateTime: time, lastTransitionTime: time, reason: 'NewReplicaSetAvailable', message: 'ReplicaSet has successfully progressed.' },
  ];
  for (const k of ['replicas', 'updatedReplicas', 'readyReplicas', 'availableReplicas']) if (status[k] === 0) delete status[k];
  return status;
}

/** A Deployment's ReplicaSet for its current template (name `<deployment>-<pod-template-hash>`). */
export function makeReplicaSet(deployment: SimObject, owner: OwnerRef, replicas: number, createdAt: number, revision: number): SimObject {
  const dspec = deployment.spec as { template: PodTemplate; selector: { matchLabels: Record<string, string> } };
  const hash = podTemplateHash(dspec.template);
  const labels = { ...(dspec.template.metadata.labels ?? {}), 'pod-template-hash': hash };
  const template: PodTemplate = { metadata: { ...dspec.template.metadata, labels }, spec: dspec.template.spec };
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: `${deployment.metadata.name}-${hash}`,
      namespace: deployment.metadata.namespace,
      generation: 1,
      creationTimestamp: isoSeconds(createdAt),
      labels,
      annotations: {
        'deployment.kubernetes.io/desired-replicas': String((deployment.spec as { replicas: number }).replicas),
        'deployment.kubernetes.io/max-replicas': String(Math.ceil((deployment.spec as { replicas: number }).replicas * 1.25)),
        'deployment.kubernetes.io/revision': String(revision),
      },
      ownerReferences: [owner],
    },
    spec: { replicas, selector: { matchLabels: { ...dspec.selector.matchLabels, 'pod-template-hash': hash } }, template },
    status: replicaSetStatus(0, 0, 1),
  };
}

export function replicaSetStatus(replicas: number, ready: number, observedGeneration: number): Record<string, unknown> {
  const s: Record<string, unknown> = { replicas, fullyLabeledReplicas: replicas, readyReplicas: ready, availableReplicas: ready, observedGeneration };
  if (!ready) {
    delete s.readyReplicas;
    delete s.availableReplicas;
  }
  if (!replicas) delete s.fullyLabeledReplicas;
  return s;
}

export function makeStatefulSet(input: WorkloadInput & { replicas: number; serviceName: string; storage: string }): SimObject {
  const hash = statefulSetRevisionFor(input.name, input.template);
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: baseMeta(input),
    spec: {
      replicas: input.replicas,
      selector: { matchLabels: { ...input.labels } },
      template: input.template,
      serviceName: input.serviceName,
      podManagementPolicy: 'OrderedReady',
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
      revisionHistoryLimit: 10,
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
      volumeClaimTemplates: [
        {
          apiVersion: 'v1',
          kind: 'PersistentVolumeClaim',
          metadata: { name: 'data', creationTimestamp: null },
          spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: input.storage } }, volumeMode: 'Filesystem' },
          status: { phase: 'Pending' },
        },
      ],
    },
    status: {
      observedGeneration: 1,
      replicas: input.replicas,
      readyReplicas: input.replicas,
      currentReplicas: input.replicas,
      updatedReplicas: input.replicas,
      currentRevision: hash,
      updateRevision: hash,
      collisionCount: 0,
      availableReplicas: input.replicas,
    },
  };
}

/** ControllerRevision name of a StatefulSet's template ("<name>-<hash>"), as its pods' controller-revision-hash. */
export function statefulSetRevisionFor(name: string, template: unknown): string {
  return `${name}-${podTemplateHash(template)}`;
}

/** controller-revision-hash of a DaemonSet's template (the hash alone, as DaemonSet pods carry it). */
export function daemonSetRevisionFor(template: unknown): string {
  return podTemplateHash(template);
}

export function statefulSetRevision(sts: SimObject): string {
  return ((sts.status as { currentRevision?: string }).currentRevision ?? `${sts.metadata.name}-0`) as string;
}

export function makeDaemonSet(input: WorkloadInput & { nodes: number; nodeSelector?: Record<string, string> }): SimObject {
  const template = input.template;
  if (input.nodeSelector) template.spec.nodeSelector = input.nodeSelector;
  const n = input.nodes;
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: baseMeta(input, { annotations: { 'deprecated.daemonset.template.generation': '1' } }),
    spec: {
      selector: { matchLabels: { ...input.labels } },
      template,
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } },
      revisionHistoryLimit: 10,
    },
    status: { currentNumberScheduled: n, numberMisscheduled: 0, desiredNumberScheduled: n, numberReady: n, observedGeneration: 1, updatedNumberScheduled: n, numberAvailable: n },
  };
}

export function makeJob(input: WorkloadInput & { owner?: OwnerRef; uid: string; completions?: number; parallelism?: number }): SimObject {
  const selectorLabels = { 'batch.kubernetes.io/controller-uid': input.uid };
  const podLabels = {
    ...input.template.metadata.labels,
    'batch.kubernetes.io/controller-uid': input.uid,
    'batch.kubernetes.io/job-name': input.name,
    'controller-uid': input.uid,
    'job-name': input.name,
  };
  const meta = baseMeta(input, { labels: { ...input.labels, ...podLabels } });
  if (input.owner) meta.ownerReferences = [input.owner];
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: meta,
    spec: {
      parallelism: input.parallelism ?? 1,
      completions: input.completions ?? 1,
      backoffLimit: 6,
      selector: { matchLabels: selectorLabels },
      manualSelector: false,
      template: { metadata: { ...input.template.metadata, labels: podLabels }, spec: input.template.spec },
      completionMode: 'NonIndexed',
      suspend: false,
      podReplacementPolicy: 'TerminatingOrFailed',
    },
    status: { startTime: isoSeconds(input.createdAt), active: 1, ready: 0, terminating: 0, uncountedTerminatedPods: {} },
  };
}

/** Job status once all its pods succeeded. */
export function completedJobStatus(startedAt: number, completedAt: number, succeeded: number): Record<string, unknown> {
  const t = isoSeconds(completedAt);
  return {
    conditions: [
      { type: 'SuccessCriteriaMet', status: 'True', lastProbeTime: t, lastTransitionTime: t, reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods' },
      { type: 'Complete', status: 'True', lastProbeTime: t, lastTransitionTime: t, reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods' },
    ],
    startTime: isoSeconds(startedAt),
    completionTime: t,
    succeeded,
    terminating: 0,
    uncountedTerminatedPods: {},
    ready: 0,
  };
}

export function makeCronJob(input: WorkloadInput & { schedule: string; suspend?: boolean; lastScheduleAt?: number }): SimObject {
  const status: Record<string, unknown> = {};
  if (input.lastScheduleAt) {
    status.lastScheduleTime = isoSeconds(input.lastScheduleAt);
    status.lastSuccessfulTime = isoSeconds(input.lastScheduleAt + 9000);
  }
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: baseMeta(input),
    spec: {
      schedule: input.schedule,
      concurrencyPolicy: 'Forbid',
      suspend: input.suspend ?? false,
      jobTemplate: { metadata: { creationTimestamp: null }, spec: { backoffLimit: 2, template: input.template } },
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 1,
    },
    status,
  };
}
