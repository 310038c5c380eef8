// Shared helpers for building object metadata: resource keys, timestamps, owner references.
import type { ObjectMeta, SimObject } from '../types.js';

/** Store keys of the resources the world uses ("plural" for core, "plural.group" otherwise). */
export const RES = {
  namespaces: 'namespaces',
  nodes: 'nodes',
  pods: 'pods',
  services: 'services',
  endpoints: 'endpoints',
  configmaps: 'configmaps',
  secrets: 'secrets',
  serviceaccounts: 'serviceaccounts',
  events: 'events',
  persistentvolumes: 'persistentvolumes',
  persistentvolumeclaims: 'persistentvolumeclaims',
  deployments: 'deployments.apps',
  replicasets: 'replicasets.apps',
  statefulsets: 'statefulsets.apps',
  daemonsets: 'daemonsets.apps',
  jobs: 'jobs.batch',
  cronjobs: 'cronjobs.batch',
  ingresses: 'ingresses.networking.k8s.io',
  crds: 'customresourcedefinitions.apiextensions.k8s.io',
  crontabs: 'crontabs.stable.example.com',
} as const;

/** Annotation every controller-made change carries: when the simulator changed the object (ms since epoch). */
export const CHANGED_AT = 'sim.kdeck.io/changed-at';

/** RFC 3339 with second precision, as metav1.Time serialises. */
export function isoSeconds(ms: number): string {
  const sec = Math.floor(ms / 1000);
  let text = isoCache.get(sec);
  if (text === undefined) {
    // Seeding formats ~15 times per pod; many of them repeat, and toISOString is not free at 50,000 pods.
    if (isoCache.size > 100_000) isoCache.clear();
    text = new Date(sec * 1000).toISOString().replace('.000Z', 'Z');
    isoCache.set(sec, text);
  }
  return text;
}
const isoCache = new Map<number, string>();

/** RFC 3339 with microseconds, as metav1.MicroTime serialises (events' eventTime). */
export function isoMicros(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

export function parseTime(value: unknown): number | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : t;
}

export type OwnerRef = NonNullable<ObjectMeta['ownerReferences']>[number];

/** The controller owner reference a child of `owner` carries. */
export function controllerRef(owner: SimObject): OwnerRef {
  return {
    apiVersion: owner.apiVersion ?? 'v1',
    kind: owner.kind ?? 'Unknown',
    name: owner.metadata.name,
    uid: owner.metadata.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}

export function meta(fields: ObjectMeta): ObjectMeta {
  return fields;
}

/** The label selector string as kubectl formats matchLabels ("a=b,c=d"). */
export function formatLabels(labels: Record<string, string> | undefined): string {
  if (!labels) return '';
  return Object.keys(labels)
    .sort()
    .map((k) => `${k}=${labels[k]}`)
    .join(',');
}
