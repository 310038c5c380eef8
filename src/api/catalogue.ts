// Discovery and resource names: what the server serves, and how a typed name ("po", "Deployment",
// "deployments.apps", "apps/v1/deployments") maps to a resource, in kubectl's order (core first).
import type { KubeClient } from '../transport/types.js';
import { ApiStatusError, MalformedResponseError } from '../errors.js';
import { readJson } from './requests.js';
import { readBodyText, MAX_JSON_BYTES } from '../transport/body.js';
import { apiStatusError } from '../transport/errors.js';

export interface ResourceRef {
  group: string;
  version: string;
  resource: string;
  kind: string;
  singular: string;
  namespaced: boolean;
  shortNames: string[];
  verbs: string[];
  categories: string[];
  /** Subresources discovery lists for it ("log", "exec", "scale", "eviction"…); the capability layer reads them. */
  subresources?: string[];
}

/** "pods", "deployments.apps": how kubectl names a resource unambiguously. */
export function resourceId(ref: ResourceRef): string {
  return ref.group ? `${ref.resource}.${ref.group}` : ref.resource;
}

const AGGREGATED_ACCEPT =
  'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json';

interface AggregatedList {
  items?: {
    metadata?: { name?: string };
    versions?: {
      version: string;
      resources?: {
        resource: string;
        responseKind?: { group?: string; version?: string; kind?: string };
        scope?: string;
        singularResource?: string;
        verbs?: string[];
        shortNames?: string[];
        categories?: string[];
        subresources?: { subresource: string }[];
      }[];
    }[];
  }[];
}
interface LegacyResourceList {
  groupVersion?: string;
  resources?: { name: string; singularName?: string; namespaced?: boolean; kind: string; verbs?: string[]; shortNames?: string[]; categories?: string[] }[];
}
interface LegacyGroupList {
  groups?: { name: string; versions?: { groupVersion: string; version: string }[]; preferredVersion?: { groupVersion: string; version: string } }[];
}

export class ResourceCatalogue {
  /** Preferred version of every resource, discovery order. */
  private preferred: ResourceRef[] = [];
  /** Every version of every resource (for "plural.version.group"). */
  private everyVersion: ResourceRef[] = [];
  /**
   * Called when resolve() finds nothing: a catalogue read from the disk cache asks the server again then (the
   * registry sets it), as kubectl's cached discovery does on a miss.
   */
  onMiss?: (name: string) => void;

  constructor(refs: ResourceRef[]) {
    this.load(refs);
  }

  private load(refs: ResourceRef[]): void {
    this.everyVersion = refs;
    const seen = new Set<string>();
    this.preferred = [];
    for (const r of refs) {
      const id = `${r.group}/${r.resource}`;
      if (seen.has(id)) continue; // the first version listed is the preferred one
      seen.add(id);
      this.preferred.push(r);
    }
  }

  /** Takes another catalogue's contents (a rediscovery), so whoever holds this one sees them from now on. */
  replaceWith(other: ResourceCatalogue): void {
    this.load(other.everyVersion);
  }

  /** Every version of every resource, in discovery order: what the disk cache keeps. */
  refs(): ResourceRef[] {
    return this.everyVersion.slice();
  }

  /** Aggregated discovery (one request per root) where served, else the legacy walk of every group/version. */
  static async discover(client: KubeClient): Promise<ResourceCatalogue> {
    const [core, groups] = await Promise.all([fetchRoot(client, '/api'), fetchRoot(client, '/apis')]);
    const refs: ResourceRef[] = [];
    if (core.aggregated) refs.push(...fromAggregated(core.body as AggregatedList));
    else refs.push(...fromLegacy(await readJson<LegacyResourceList>(client, { path: '/api/v1' }), ''));
    if (groups.aggregated) refs.push(...fromAggregated(groups.body as AggregatedList));
    else {
      const list = (groups.body as LegacyGroupList).groups ?? [];
      // Preferred version first, then the others: the order resolve() and dedup rely on.
      const gvs = list.flatMap((g) => {
        const pref = g.preferredVersion?.version;
        const versions = (g.versions ?? []).map((v) => v.version);
        return [...(pref ? [pref] : []), ...versions.filter((v) => v !== pref)].map((v) => ({ group: g.name, version: v }));
      });
      const lists = await Promise.all(
        gvs.map(async (gv) => {
          try {
            return fromLegacy(await readJson<LegacyResourceList>(client, { path: `/apis/${gv.group}/${gv.version}` }), gv.group);
          } catch (err) {
            // An aggregated API that is down (503) must not hide everything else, as kubectl carries on too.
            if (err instanceof ApiStatusError) return [];
            throw err;
          }
        }),
      );
      for (const l of lists) refs.push(...l);
    }
    return new ResourceCatalogue(refs);
  }

  all(): ResourceRef[] {
    return this.preferred.slice();
  }

  /** kubectl's resolution: plural/singular, then short names, then Kind, then qualified forms; case-insensitive. */
  resolve(name: string): ResourceRef | undefined {
    const ref = this.lookup(name);
    if (!ref && name.trim()) this.onMiss?.(name);
    return ref;
  }

  private lookup(name: string): ResourceRef | undefined {
    const n = name.trim().toLowerCase();
    if (!n) return undefined;
    const refs = this.preferred;
    const exact = refs.find((r) => r.resource === n || r.singular === n);
    if (exact) return exact;
    const short = refs.find((r) => r.shortNames.includes(n));
    if (short) return short;
    const kind = refs.find((r) => r.kind.toLowerCase() === n);
    if (kind) return kind;
    if (n.includes('/')) {
      // group/version/resource, or version/resource for core
      const parts = n.split('/');
      const [group, version, res] = parts.length === 3 ? parts : ['', parts[0], parts[1]];
      return this.everyVersion.find((r) => r.group === group && r.version === version && matchesName(r, res!));
    }
    const dot = n.indexOf('.');
    if (dot > 0) {
      const head = n.slice(0, dot);
      const rest = n.slice(dot + 1);
      const inGroup = refs.find((r) => r.group === rest && matchesName(r, head));
      if (inGroup) return inGroup;
      const dot2 = rest.indexOf('.');
      const version = dot2 > 0 ? rest.slice(0, dot2) : rest;
      const group = dot2 > 0 ? rest.slice(dot2 + 1) : '';
      return this.everyVersion.find((r) => r.version === version && r.group === group && matchesName(r, head));
    }
    return undefined;
  }

  /** Names starting with prefix (plural, singular, short names, "plural.group"), sorted, unique. */
  completions(prefix: string): string[] {
    const p = prefix.toLowerCase();
    const out = new Set<string>();
    for (const r of this.preferred) {
      for (const n of [r.resource, r.singular, ...r.shortNames, resourceId(r)]) if (n && n.startsWith(p)) out.add(n);
    }
    return [...out].sort();
  }
}

function matchesName(r: ResourceRef, n: string): boolean {
  return r.resource === n || r.singular === n || r.shortNames.includes(n) || r.kind.toLowerCase() === n;
}

async function fetchRoot(client: KubeClient, path: string): Promise<{ aggregated: boolean; body: unknown }> {
  const res = await client.request({ path, headers: { Accept: AGGREGATED_ACCEPT } });
  const text = await readBodyText(res.body, MAX_JSON_BYTES, `discovery (${path})`);
  const type = String(res.headers['content-type'] ?? '');
  if (res.status < 200 || res.status >= 300) throw apiStatusError(res.status, text, res.headers, client.spec);
  try {
    return { aggregated: /as=APIGroupDiscoveryList/.test(type), body: JSON.parse(text) };
  } catch {
    throw new MalformedResponseError(`discovery (${path})`, 'JSON', `text starting ${JSON.stringify(text.slice(0, 40))}`);
  }
}

function fromAggregated(list: AggregatedList): ResourceRef[] {
  const refs: ResourceRef[] = [];
  for (const g of list.items ?? []) {
    const group = g.metadata?.name ?? '';
    for (const v of g.versions ?? []) {
      for (const r of v.resources ?? []) {
        refs.push({
          group,
          version: v.version,
          resource: r.resource,
          kind: r.responseKind?.kind ?? '',
          singular: r.singularResource || (r.responseKind?.kind ?? '').toLowerCase(),
          namespaced: r.scope === 'Namespaced',
          shortNames: r.shortNames ?? [],
          verbs: r.verbs ?? [],
          categories: r.categories ?? [],
          subresources: (r.subresources ?? []).map((s) => s.subresource),
        });
      }
    }
  }
  return refs;
}

function fromLegacy(list: LegacyResourceList, group: string): ResourceRef[] {
  const gv = list.groupVersion ?? 'v1';
  const version = gv.includes('/') ? gv.slice(gv.indexOf('/') + 1) : gv;
  const subresources = new Map<string, string[]>();
  for (const r of list.resources ?? []) {
    const slash = r.name.indexOf('/');
    if (slash > 0) subresources.set(r.name.slice(0, slash), [...(subresources.get(r.name.slice(0, slash)) ?? []), r.name.slice(slash + 1)]);
  }
  return (list.resources ?? [])
    .filter((r) => !r.name.includes('/')) // subresources (pods/log, deployments/scale) are not resources
    .map((r) => ({
      group,
      version,
      resource: r.name,
      kind: r.kind,
      singular: r.singularName || r.kind.toLowerCase(),
      namespaced: !!r.namespaced,
      shortNames: r.shortNames ?? [],
      verbs: r.verbs ?? [],
      categories: r.categories ?? [],
      subresources: subresources.get(r.name) ?? [],
    }));
}
