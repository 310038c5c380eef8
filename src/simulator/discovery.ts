// Discovery documents rendered from the resource catalogue: legacy (/api, /api/v1, /apis, /apis/G/V) and the
// aggregated APIGroupDiscoveryList (apidiscovery.k8s.io v2 and v2beta1), plus the Accept negotiation that decides
// which one a client gets. Shapes follow apiserver-protocol.md §6 and the fixtures in shared/fixtures/discovery.

import { groupsInOrder, groupVersion, type ResourceDef } from './resources.js';

export type DiscoveryFormat = 'v2' | 'v2beta1' | 'legacy';

const AGGREGATED_GROUP = 'apidiscovery.k8s.io';
const AGGREGATED_KIND = 'APIGroupDiscoveryList';

/** The Content-Type to answer a discovery request with; clients choose their decoder from it. */
export function discoveryContentType(format: DiscoveryFormat): string {
  return format === 'legacy' ? 'application/json' : `application/json;g=${AGGREGATED_GROUP};v=${format};as=${AGGREGATED_KIND}`;
}

/** Which aggregated versions a server of this minor serves by default: v2beta1 from 1.27 to 1.32, v2 from 1.30. */
export function servesAggregated(format: 'v2' | 'v2beta1', minor: number): boolean {
  return format === 'v2' ? minor >= 30 : minor >= 27 && minor <= 32;
}

interface MediaRange {
  type: string;
  params: Map<string, string>;
  q: number;
  index: number;
}

function parseAccept(accept: string): MediaRange[] {
  return accept
    .split(',')
    .map((part, index) => {
      const [type = '', ...rest] = part.split(';').map((s) => s.trim());
      const params = new Map<string, string>();
      for (const p of rest) {
        const eq = p.indexOf('=');
        if (eq > 0) params.set(p.slice(0, eq).trim().toLowerCase(), p.slice(eq + 1).trim().replace(/^"|"$/g, ''));
      }
      const q = params.has('q') ? Number(params.get('q')) : 1;
      return { type: type.toLowerCase(), params, q: Number.isFinite(q) ? q : 0, index };
    })
    .filter((r) => r.type !== '' && r.q > 0)
    // Higher q first; equal q keeps the client's order (the real server also prefers the client's order).
    .sort((a, b) => b.q - a.q || a.index - b.index);
}

/**
 * Picks the discovery format for a GET /api or /apis: the first Accept entry this server minor can serve.
 * An aggregated version is served only if the client asked for it (answering v2 to kubectl 1.28 breaks it).
 * Anything JSON-compatible (application/json, application/*, * /*) or an absent header falls back to legacy.
 */
export function negotiateDiscovery(acceptHeader: string, minor: number): DiscoveryFormat {
  if (acceptHeader.trim() === '') return 'legacy';
  for (const range of parseAccept(acceptHeader)) {
    if (range.type !== 'application/json') {
      if (range.type === '*/*' || range.type === 'application/*') return 'legacy';
      continue;
    }
    const g = range.params.get('g');
    const v = range.params.get('v');
    const as = range.params.get('as');
    if (g === undefined && v === undefined && as === undefined) return 'legacy';
    if (g === AGGREGATED_GROUP && as === AGGREGATED_KIND && (v === 'v2' || v === 'v2beta1') && servesAggregated(v, minor)) {
      return v;
    }
  }
  return 'legacy';
}

/** The format and the Content-Type header to answer with. */
export function negotiateDiscoveryResponse(acceptHeader: string, minor: number): { format: DiscoveryFormat; contentType: string } {
  const format = negotiateDiscovery(acceptHeader, minor);
  return { format, contentType: discoveryContentType(format) };
}

// ---- Legacy discovery ----

/** GET /api: APIVersions (no apiVersion field, as the real server sends it). */
export function renderApiVersions(serverAddress = '127.0.0.1:6443'): object {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

/** GET /apis: APIGroupList in discovery order. */
export function renderApiGroupList(catalogue: readonly ResourceDef[]): object {
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: groupsInOrder(catalogue).map(renderApiGroup),
  };
}

/** GET /apis/GROUP: one APIGroup, or undefined when the group is not served. */
export function renderApiGroupDocument(catalogue: readonly ResourceDef[], group: string): object | undefined {
  const found = groupsInOrder(catalogue).find((g) => g.name === group);
  return found ? { kind: 'APIGroup', apiVersion: 'v1', ...renderApiGroup(found) } : undefined;
}

function renderApiGroup(g: { name: string; versions: string[] }) {
  const versions = g.versions.map((version) => ({ groupVersion: `${g.name}/${version}`, version }));
  return { name: g.name, versions, preferredVersion: versions[0] };
}

/**
 * GET /api/v1 or /apis/GROUP/VERSION: APIResourceList with each subresource as its own `parent/sub` entry.
 * Undefined when nothing is served at that group/version (the caller answers 404).
 */
export function renderApiResourceList(catalogue: readonly ResourceDef[], group: string, version: string): object | undefined {
  const defs = sortedByPlural(catalogue.filter((d) => d.group === group && d.version === version));
  if (defs.length === 0) return undefined;
  const resources: object[] = [];
  for (const d of defs) {
    resources.push({
      name: d.plural,
      singularName: d.singular,
      namespaced: d.namespaced,
      kind: d.kind,
      verbs: d.verbs,
      ...(d.shortNames.length > 0 ? { shortNames: d.shortNames } : {}),
      ...(d.categories.length > 0 ? { categories: d.categories } : {}),
    });
    for (const s of sortedSubresources(d)) {
      resources.push({
        name: `${d.plural}/${s.name}`,
        singularName: '',
        namespaced: d.namespaced,
        ...(s.group !== undefined ? { group: s.group, version: s.version } : {}),
        kind: s.kind,
        verbs: s.verbs,
      });
    }
  }
  const gv = groupVersion({ group, version });
  // /api/v1 carries no apiVersion; /apis/G/V does.
  return group === ''
    ? { kind: 'APIResourceList', groupVersion: gv, resources }
    : { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: gv, resources };
}

// ---- Aggregated discovery ----

/** GET /api (root 'api') or GET /apis (root 'apis') as an APIGroupDiscoveryList of the given version. */
export function renderAggregatedDiscovery(catalogue: readonly ResourceDef[], root: 'api' | 'apis', format: 'v2' | 'v2beta1'): object {
  const items =
    root === 'api'
      ? [{ metadata: {}, versions: [renderAggregatedVersion(catalogue, '', 'v1')] }]
      : groupsInOrder(catalogue).map((g) => ({
          metadata: { name: g.name },
          versions: g.versions.map((v) => renderAggregatedVersion(catalogue, g.name, v)),
        }));
  return { kind: AGGREGATED_KIND, apiVersion: `${AGGREGATED_GROUP}/${format}`, metadata: {}, items };
}

function renderAggregatedVersion(catalogue: readonly ResourceDef[], group: string, version: string) {
  const defs = sortedByPlural(catalogue.filter((d) => d.group === group && d.version === version));
  return {
    version,
    freshness: 'Current',
    resources: defs.map((d) => {
      const subresources = sortedSubresources(d).map((s) => ({
        subresource: s.name,
        responseKind: { group: s.group ?? '', version: s.version ?? '', kind: s.kind },
        verbs: s.verbs,
      }));
      return {
        resource: d.plural,
        responseKind: { group: '', version: '', kind: d.kind },
        scope: d.namespaced ? 'Namespaced' : 'Cluster',
        singularResource: d.singular,
        verbs: d.verbs,
        ...(d.shortNames.length > 0 ? { shortNames: d.shortNames } : {}),
        ...(d.categories.length > 0 ? { categories: d.categories } : {}),
        ...(subresources.length > 0 ? { subresources } : {}),
      };
    }),
  };
}

function sortedByPlural(defs: ResourceDef[]): ResourceDef[] {
  return [...defs].sort((a, b) => (a.plural < b.plural ? -1 : a.plural > b.plural ? 1 : 0));
}

function sortedSubresources(d: ResourceDef) {
  return [...d.subresources].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** All served group/versions ("v1", "apps/v1", …), for routing /apis/G/V. */
export function servedGroupVersions(catalogue: readonly ResourceDef[]): string[] {
  const out = new Set<string>();
  for (const d of catalogue) out.add(groupVersion(d));
  return [...out];
}
