// The catalogue of resources the simulator serves, as data, shaped after what kube-apiserver 1.28–1.33 reports
// in discovery (names, kinds, verbs, short names, categories, subresources). Discovery rendering, routing,
// authorization and printing all read this one table; CRD objects add entries through catalogueWithCrds().

import { ApiStatusError, type Status } from '../errors.js';
import type { SimObject } from './types.js';

/** The kind a response carries when it is not the parent's own group/version (e.g. deployments/scale → autoscaling/v1 Scale). */
export interface SubresourceDef {
  name: string;
  kind: string;
  /** Set only when the kind lives in another group/version than the parent resource. */
  group?: string;
  version?: string;
  verbs: string[];
}

/** One printer column of a custom resource, as in a CRD's additionalPrinterColumns. */
export interface PrinterColumnDef {
  name: string;
  type: string;
  format?: string;
  description?: string;
  priority?: number;
  jsonPath: string;
}

export interface ResourceDef {
  group: string;
  version: string;
  plural: string;
  singular: string;
  kind: string;
  listKind: string;
  namespaced: boolean;
  verbs: string[];
  shortNames: string[];
  categories: string[];
  subresources: SubresourceDef[];
  /** First server minor version that serves it (undefined: every supported minor). */
  sinceMinor?: number;
  /** Last server minor version that serves it (undefined: every later minor). */
  untilMinor?: number;
  /** Defined by a CustomResourceDefinition rather than built in. */
  custom?: boolean;
  /** CRDs only: the version's additionalPrinterColumns (empty: Name and Age). */
  printerColumns?: PrinterColumnDef[];
  /** CRDs only: field paths from the version's selectableFields, without the leading dot. */
  selectableFields?: string[];
  /** CRDs only: JSON paths for the scale subresource. */
  scalePaths?: { specReplicasPath: string; statusReplicasPath: string; labelSelectorPath?: string };
}

// Verb sets as the real registries declare them (verbs are always sorted alphabetically in discovery).
const CRUD = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const CRUD_NO_COLLECTION = ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'];
const CREATE = ['create'];
const READ = ['get', 'list'];
const GET_PATCH_UPDATE = ['get', 'patch', 'update'];
const PROXY = ['create', 'delete', 'get', 'patch', 'update'];

const status = (kind: string): SubresourceDef => ({ name: 'status', kind, verbs: GET_PATCH_UPDATE });
const scale: SubresourceDef = { name: 'scale', kind: 'Scale', group: 'autoscaling', version: 'v1', verbs: GET_PATCH_UPDATE };

interface Entry {
  plural: string;
  kind: string;
  namespaced: boolean;
  verbs?: string[];
  shortNames?: string[];
  categories?: string[];
  subresources?: SubresourceDef[];
  singular?: string;
  sinceMinor?: number;
  untilMinor?: number;
}

function defs(group: string, version: string, entries: Entry[]): ResourceDef[] {
  return entries.map((e) => ({
    group,
    version,
    plural: e.plural,
    singular: e.singular ?? e.kind.toLowerCase(),
    kind: e.kind,
    listKind: `${e.kind}List`,
    namespaced: e.namespaced,
    verbs: e.verbs ?? CRUD,
    shortNames: e.shortNames ?? [],
    categories: e.categories ?? [],
    subresources: e.subresources ?? [],
    ...(e.sinceMinor !== undefined ? { sinceMinor: e.sinceMinor } : {}),
    ...(e.untilMinor !== undefined ? { untilMinor: e.untilMinor } : {}),
  }));
}

const ALL = ['all'];

const core = defs('', 'v1', [
  { plural: 'bindings', kind: 'Binding', namespaced: true, verbs: CREATE },
  { plural: 'componentstatuses', kind: 'ComponentStatus', namespaced: false, verbs: READ, shortNames: ['cs'] },
  { plural: 'configmaps', kind: 'ConfigMap', namespaced: true, shortNames: ['cm'] },
  { plural: 'endpoints', kind: 'Endpoints', singular: 'endpoints', namespaced: true, shortNames: ['ep'] },
  { plural: 'events', kind: 'Event', namespaced: true, shortNames: ['ev'] },
  { plural: 'limitranges', kind: 'LimitRange', namespaced: true, shortNames: ['limits'] },
  {
    plural: 'namespaces', kind: 'Namespace', namespaced: false, verbs: CRUD_NO_COLLECTION, shortNames: ['ns'],
    subresources: [{ name: 'finalize', kind: 'Namespace', verbs: ['update'] }, status('Namespace')],
  },
  {
    plural: 'nodes', kind: 'Node', namespaced: false, shortNames: ['no'],
    subresources: [{ name: 'proxy', kind: 'NodeProxyOptions', verbs: PROXY }, status('Node')],
  },
  {
    plural: 'persistentvolumeclaims', kind: 'PersistentVolumeClaim', namespaced: true, shortNames: ['pvc'],
    subresources: [status('PersistentVolumeClaim')],
  },
  {
    plural: 'persistentvolumes', kind: 'PersistentVolume', namespaced: false, shortNames: ['pv'],
    subresources: [status('PersistentVolume')],
  },
  {
    plural: 'pods', kind: 'Pod', namespaced: true, shortNames: ['po'], categories: ALL,
    subresources: [
      { name: 'attach', kind: 'PodAttachOptions', verbs: ['create', 'get'] },
      { name: 'binding', kind: 'Binding', verbs: CREATE },
      { name: 'ephemeralcontainers', kind: 'Pod', verbs: GET_PATCH_UPDATE },
      { name: 'eviction', kind: 'Eviction', group: 'policy', version: 'v1', verbs: CREATE },
      { name: 'exec', kind: 'PodExecOptions', verbs: ['create', 'get'] },
      { name: 'log', kind: 'Pod', verbs: ['get'] },
      { name: 'portforward', kind: 'PodPortForwardOptions', verbs: ['create', 'get'] },
      { name: 'proxy', kind: 'PodProxyOptions', verbs: PROXY },
      status('Pod'),
    ],
  },
  { plural: 'podtemplates', kind: 'PodTemplate', namespaced: true },
  {
    plural: 'replicationcontrollers', kind: 'ReplicationController', namespaced: true, shortNames: ['rc'], categories: ALL,
    subresources: [scale, status('ReplicationController')],
  },
  {
    plural: 'resourcequotas', kind: 'ResourceQuota', namespaced: true, shortNames: ['quota'],
    subresources: [status('ResourceQuota')],
  },
  { plural: 'secrets', kind: 'Secret', namespaced: true },
  {
    plural: 'serviceaccounts', kind: 'ServiceAccount', namespaced: true, shortNames: ['sa'],
    subresources: [{ name: 'token', kind: 'TokenRequest', group: 'authentication.k8s.io', version: 'v1', verbs: CREATE }],
  },
  {
    plural: 'services', kind: 'Service', namespaced: true, shortNames: ['svc'], categories: ALL,
    subresources: [{ name: 'proxy', kind: 'ServiceProxyOptions', verbs: PROXY }, status('Service')],
  },
]);

const apps = defs('apps', 'v1', [
  { plural: 'controllerrevisions', kind: 'ControllerRevision', namespaced: true },
  { plural: 'daemonsets', kind: 'DaemonSet', namespaced: true, shortNames: ['ds'], categories: ALL, subresources: [status('DaemonSet')] },
  { plural: 'deployments', kind: 'Deployment', namespaced: true, shortNames: ['deploy'], categories: ALL, subresources: [scale, status('Deployment')] },
  { plural: 'replicasets', kind: 'ReplicaSet', namespaced: true, shortNames: ['rs'], categories: ALL, subresources: [scale, status('ReplicaSet')] },
  { plural: 'statefulsets', kind: 'StatefulSet', namespaced: true, shortNames: ['sts'], categories: ALL, subresources: [scale, status('StatefulSet')] },
]);

const hpa = (version: string) =>
  defs('autoscaling', version, [
    {
      plural: 'horizontalpodautoscalers', kind: 'HorizontalPodAutoscaler', namespaced: true, shortNames: ['hpa'], categories: ALL,
      subresources: [status('HorizontalPodAutoscaler')],
    },
  ]);

const builtins: ResourceDef[] = [
  ...core,
  ...apps,
  ...defs('events.k8s.io', 'v1', [{ plural: 'events', kind: 'Event', namespaced: true, shortNames: ['ev'] }]),
  ...defs('authentication.k8s.io', 'v1', [
    { plural: 'selfsubjectreviews', kind: 'SelfSubjectReview', namespaced: false, verbs: CREATE, sinceMinor: 28 },
    { plural: 'tokenreviews', kind: 'TokenReview', namespaced: false, verbs: CREATE },
  ]),
  // Beta in 1.27 (kubectl 1.27's auth whoami asks for it); 1.28 serves v1.
  ...defs('authentication.k8s.io', 'v1beta1', [{ plural: 'selfsubjectreviews', kind: 'SelfSubjectReview', namespaced: false, verbs: CREATE, sinceMinor: 27, untilMinor: 27 }]),
  ...defs('authorization.k8s.io', 'v1', [
    { plural: 'localsubjectaccessreviews', kind: 'LocalSubjectAccessReview', namespaced: true, verbs: CREATE },
    { plural: 'selfsubjectaccessreviews', kind: 'SelfSubjectAccessReview', namespaced: false, verbs: CREATE },
    { plural: 'selfsubjectrulesreviews', kind: 'SelfSubjectRulesReview', namespaced: false, verbs: CREATE },
    { plural: 'subjectaccessreviews', kind: 'SubjectAccessReview', namespaced: false, verbs: CREATE },
  ]),
  ...hpa('v2'),
  ...hpa('v1'),
  ...defs('batch', 'v1', [
    { plural: 'cronjobs', kind: 'CronJob', namespaced: true, shortNames: ['cj'], categories: ALL, subresources: [status('CronJob')] },
    { plural: 'jobs', kind: 'Job', namespaced: true, categories: ALL, subresources: [status('Job')] },
  ]),
  ...defs('networking.k8s.io', 'v1', [
    { plural: 'ingressclasses', kind: 'IngressClass', namespaced: false },
    { plural: 'ingresses', kind: 'Ingress', namespaced: true, shortNames: ['ing'], subresources: [status('Ingress')] },
    { plural: 'networkpolicies', kind: 'NetworkPolicy', namespaced: true, shortNames: ['netpol'] },
  ]),
  ...defs('policy', 'v1', [
    { plural: 'poddisruptionbudgets', kind: 'PodDisruptionBudget', namespaced: true, shortNames: ['pdb'], subresources: [status('PodDisruptionBudget')] },
  ]),
  ...defs('rbac.authorization.k8s.io', 'v1', [
    { plural: 'clusterrolebindings', kind: 'ClusterRoleBinding', namespaced: false },
    { plural: 'clusterroles', kind: 'ClusterRole', namespaced: false },
    { plural: 'rolebindings', kind: 'RoleBinding', namespaced: true },
    { plural: 'roles', kind: 'Role', namespaced: true },
  ]),
  ...defs('storage.k8s.io', 'v1', [{ plural: 'storageclasses', kind: 'StorageClass', namespaced: false, shortNames: ['sc'] }]),
  ...defs('apiextensions.k8s.io', 'v1', [
    {
      plural: 'customresourcedefinitions', kind: 'CustomResourceDefinition', namespaced: false, shortNames: ['crd', 'crds'],
      categories: ['api-extensions'], subresources: [status('CustomResourceDefinition')],
    },
  ]),
  ...defs('scheduling.k8s.io', 'v1', [{ plural: 'priorityclasses', kind: 'PriorityClass', namespaced: false, shortNames: ['pc'] }]),
  ...defs('coordination.k8s.io', 'v1', [{ plural: 'leases', kind: 'Lease', namespaced: true }]),
  ...defs('discovery.k8s.io', 'v1', [{ plural: 'endpointslices', kind: 'EndpointSlice', namespaced: true }]),
  ...defs('metrics.k8s.io', 'v1beta1', [
    { plural: 'nodes', kind: 'NodeMetrics', singular: '', namespaced: false, verbs: READ },
    { plural: 'pods', kind: 'PodMetrics', singular: '', namespaced: true, verbs: READ },
  ]),
];

/**
 * Group order in /apis, as kube-apiserver sorts built-in groups by their priority. CRD groups come after these
 * (sorted by name), and the aggregated metrics.k8s.io comes last (its APIService priority is the lowest).
 */
export const BUILTIN_GROUP_ORDER: readonly string[] = [
  'apps', 'events.k8s.io', 'authentication.k8s.io', 'authorization.k8s.io', 'autoscaling', 'batch',
  'networking.k8s.io', 'policy', 'rbac.authorization.k8s.io', 'storage.k8s.io', 'apiextensions.k8s.io',
  'scheduling.k8s.io', 'coordination.k8s.io', 'discovery.k8s.io',
];
const LAST_GROUPS = ['metrics.k8s.io'];

/** The store key of a resource: "pods" for the core group, "deployments.apps" otherwise. */
export function resourceKey(group: string, plural: string): string {
  return group === '' ? plural : `${plural}.${group}`;
}

/**
 * The store key a resource's objects live under: its own, except events.k8s.io events, which share the core
 * events' storage (event-versions.ts converts between the two shapes).
 */
export function storageKey(group: string, plural: string): string {
  return group === 'events.k8s.io' && plural === 'events' ? 'events' : resourceKey(group, plural);
}

/** "apps/v1" or "v1". */
export function groupVersion(def: Pick<ResourceDef, 'group' | 'version'>): string {
  return def.group === '' ? def.version : `${def.group}/${def.version}`;
}

/** The built-in resources a server of this minor version serves. */
export function builtinCatalogue(minor = 33): ResourceDef[] {
  return builtins.filter((d) => (d.sinceMinor === undefined || d.sinceMinor <= minor) && (d.untilMinor === undefined || minor <= d.untilMinor));
}

/** Built-ins plus one entry per served version of each CRD object. */
export function catalogueWithCrds(crds: SimObject[], minor = 33): ResourceDef[] {
  return [...builtinCatalogue(minor), ...crds.flatMap(resourcesFromCrd)];
}

export function findResource(group: string, version: string, plural: string, catalogue: readonly ResourceDef[] = builtins): ResourceDef | undefined {
  return catalogue.find((d) => d.group === group && d.version === version && d.plural === plural);
}

/** The preferred (first listed) version of a resource, by its store key. */
export function findByKey(key: string, catalogue: readonly ResourceDef[] = builtins): ResourceDef | undefined {
  return catalogue.find((d) => resourceKey(d.group, d.plural) === key);
}

export function findSubresource(def: ResourceDef, name: string): SubresourceDef | undefined {
  return def.subresources.find((s) => s.name === name);
}

/** Groups in discovery order, each with its versions most-preferred first. */
export function groupsInOrder(catalogue: readonly ResourceDef[]): { name: string; versions: string[] }[] {
  const versions = new Map<string, string[]>();
  for (const d of catalogue) {
    if (d.group === '') continue;
    const list = versions.get(d.group) ?? [];
    if (!list.includes(d.version)) list.push(d.version);
    versions.set(d.group, list);
  }
  const rank = (g: string): [number, string] => {
    const builtin = BUILTIN_GROUP_ORDER.indexOf(g);
    if (builtin >= 0) return [builtin, ''];
    const last = LAST_GROUPS.indexOf(g);
    if (last >= 0) return [2000 + last, ''];
    return [1000, g];
  };
  return [...versions.keys()]
    .sort((a, b) => {
      const [ra, na] = rank(a);
      const [rb, nb] = rank(b);
      return ra - rb || (na < nb ? -1 : na > nb ? 1 : 0);
    })
    .map((name) => ({ name, versions: versions.get(name)!.sort(compareKubeVersions) }));
}

/**
 * Kubernetes version priority (apimachinery's CompareKubeAwareVersionStrings): GA before beta before alpha,
 * higher numbers first, and non-kube-like strings last in lexical order. Returns <0 when a is preferred.
 */
export function compareKubeVersions(a: string, b: string): number {
  const parse = (v: string): [number, number, number] | undefined => {
    const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(v);
    if (!m) return undefined;
    const stability = m[2] === undefined ? 2 : m[2] === 'beta' ? 1 : 0;
    return [stability, Number(m[1]), m[3] === undefined ? 0 : Number(m[3])];
  };
  const pa = parse(a);
  const pb = parse(b);
  if (!pa || !pb) {
    if (pa) return -1;
    if (pb) return 1;
    return a < b ? -1 : a > b ? 1 : 0;
  }
  return pb[0] - pa[0] || pb[1] - pa[1] || pb[2] - pa[2];
}

// ---- Custom resources ----

interface CrdVersion {
  name?: string;
  served?: boolean;
  subresources?: { status?: unknown; scale?: { specReplicasPath?: string; statusReplicasPath?: string; labelSelectorPath?: string } };
  additionalPrinterColumns?: PrinterColumnDef[];
  selectableFields?: { jsonPath?: string }[];
}

interface CrdSpec {
  group?: string;
  scope?: string;
  names?: { plural?: string; singular?: string; kind?: string; listKind?: string; shortNames?: string[]; categories?: string[] };
  versions?: CrdVersion[];
}

/** The resource entries a CustomResourceDefinition object defines: one per served version, preferred first. */
export function resourcesFromCrd(crd: SimObject): ResourceDef[] {
  const spec = crd.spec as CrdSpec | undefined;
  const names = spec?.names;
  if (!spec?.group || !names?.plural || !names.kind) return [];
  const served = (spec.versions ?? []).filter((v) => v.served !== false && v.name);
  served.sort((a, b) => compareKubeVersions(a.name!, b.name!));
  return served.map((v) => {
    const subresources: SubresourceDef[] = [];
    if (v.subresources?.scale) subresources.push(scale);
    if (v.subresources?.status) subresources.push(status(names.kind!));
    const scaleSpec = v.subresources?.scale;
    return {
      group: spec.group!,
      version: v.name!,
      plural: names.plural!,
      singular: names.singular ?? names.kind!.toLowerCase(),
      kind: names.kind!,
      listKind: names.listKind ?? `${names.kind}List`,
      namespaced: spec.scope !== 'Cluster',
      verbs: CRUD,
      shortNames: names.shortNames ?? [],
      categories: names.categories ?? [],
      subresources,
      custom: true,
      printerColumns: v.additionalPrinterColumns ?? [],
      selectableFields: (v.selectableFields ?? [])
        .map((f) => (f.jsonPath ?? '').replace(/^\./, ''))
        .filter((f) => f !== ''),
      ...(scaleSpec
        ? {
            scalePaths: {
              specReplicasPath: scaleSpec.specReplicasPath ?? '.spec.replicas',
              statusReplicasPath: scaleSpec.statusReplicasPath ?? '.status.replicas',
              ...(scaleSpec.labelSelectorPath ? { labelSelectorPath: scaleSpec.labelSelectorPath } : {}),
            },
          }
        : {}),
    };
  });
}

// ---- Errors the rules throw ----

/**
 * An API error as the real server words it: the rules modules (selectors, patch, authz) throw these, and the HTTP
 * layer answers `err.code` with `err.status` as the body.
 */
export function statusError(
  code: number,
  reason: string,
  message: string,
  details?: NonNullable<Status['details']>,
): ApiStatusError {
  return new ApiStatusError({
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    ...(details ? { details } : {}),
    code,
  });
}
