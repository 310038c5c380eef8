// The objects the describe test compares with `kubectl describe`: one or more of every kind with a describer,
// plus a custom resource for the generic one. Names come from the seeded simulator (seed 7).
import type { ResourceRef } from '../../src/api/catalogue.js';

const ref = (group: string, version: string, resource: string, kind: string, namespaced = true): ResourceRef =>
  ({ group, version, resource, kind, singular: kind.toLowerCase(), namespaced, shortNames: [], verbs: ['get', 'list'], categories: [] });

export const REFS = {
  pods: ref('', 'v1', 'pods', 'Pod'),
  deployments: ref('apps', 'v1', 'deployments', 'Deployment'),
  replicasets: ref('apps', 'v1', 'replicasets', 'ReplicaSet'),
  statefulsets: ref('apps', 'v1', 'statefulsets', 'StatefulSet'),
  daemonsets: ref('apps', 'v1', 'daemonsets', 'DaemonSet'),
  jobs: ref('batch', 'v1', 'jobs', 'Job'),
  services: ref('', 'v1', 'services', 'Service'),
  nodes: ref('', 'v1', 'nodes', 'Node', false),
  namespaces: ref('', 'v1', 'namespaces', 'Namespace', false),
  configmaps: ref('', 'v1', 'configmaps', 'ConfigMap'),
  secrets: ref('', 'v1', 'secrets', 'Secret'),
  persistentvolumeclaims: ref('', 'v1', 'persistentvolumeclaims', 'PersistentVolumeClaim'),
  crontabs: ref('stable.example.com', 'v1', 'crontabs', 'CronTab'),
  serviceaccounts: ref('', 'v1', 'serviceaccounts', 'ServiceAccount'),
} satisfies Record<string, ResourceRef>;

export type Resource = keyof typeof REFS;
