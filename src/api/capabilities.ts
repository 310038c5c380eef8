// What the user may do to a resource, answered from discovery (the resource's verbs and subresources), from RBAC
// (a SelfSubjectRulesReview per namespace, a SelfSubjectAccessReview for cluster-scoped checks, cached a few
// minutes per context) and from read-only mode. The UI shows an action's key only when this says yes.
import type { KubeClient } from '../transport/types.js';
import { isReadOnlyClient } from '../transport/read-only.js';
import type { ResourceRef } from './catalogue.js';
import { PromiseCache } from './promise-cache.js';

export type Action =
  | 'delete' | 'kill' | 'scale' | 'restart' | 'rollback' | 'edit' | 'logs' | 'exec' | 'attach' | 'port-forward'
  | 'cordon' | 'drain' | 'trigger' | 'suspend';

export const ALL_ACTIONS: readonly Action[] = ['delete', 'kill', 'scale', 'restart', 'rollback', 'edit', 'logs', 'exec', 'attach', 'port-forward', 'cordon', 'drain', 'trigger', 'suspend'];

/** One permission an action needs: a verb on a resource (or its subresource), checked where the object lives. */
export interface Permission {
  verb: string;
  group: string;
  resource: string;
  subresource?: string;
  /** Cluster-wide (nodes, drain's evictions in every namespace) rather than in the object's namespace. */
  clusterWide?: boolean;
}

/** Actions that only read: read-only mode keeps them. */
const READING: ReadonlySet<Action> = new Set(['logs']);

const SCALABLE = new Set(['Deployment', 'StatefulSet', 'ReplicaSet']);
const RESTARTABLE = new Set(['Deployment', 'StatefulSet', 'DaemonSet']);
const FORWARDS_TO_A_POD = (ref: ResourceRef) => (ref.group === '' && ref.resource === 'services') || (ref.group === 'apps' && ref.resource === 'deployments');

/** What `action` needs on `ref`, or undefined when the action does not apply to this kind (or discovery lacks it). */
export function permissionsFor(ref: ResourceRef, action: Action): Permission[] | undefined {
  const self = (verb: string, subresource?: string): Permission => ({ verb, group: ref.group, resource: ref.resource, ...(subresource ? { subresource } : {}) });
  const served = (verb: string) => ref.verbs.includes(verb);
  const sub = (name: string) => ref.subresources?.includes(name) ?? false;
  const isPod = ref.group === '' && ref.resource === 'pods';
  const isNode = ref.group === '' && ref.resource === 'nodes';
  const isCronJob = ref.group === 'batch' && ref.resource === 'cronjobs';
  switch (action) {
    case 'delete':
      return served('delete') ? [self('delete')] : undefined;
    case 'kill':
      return isPod && served('delete') ? [self('delete')] : undefined;
    case 'edit':
      return served('get') && served('update') ? [self('get'), self('update')] : undefined;
    case 'scale':
      return SCALABLE.has(ref.kind) && ref.group === 'apps' && sub('scale') ? [self('patch', 'scale')] : undefined;
    case 'restart':
      return RESTARTABLE.has(ref.kind) && ref.group === 'apps' && served('patch') ? [self('patch')] : undefined;
    case 'rollback':
      // A replica set is rolled back to by patching its deployment.
      return ref.kind === 'ReplicaSet' && ref.group === 'apps' ? [{ verb: 'patch', group: 'apps', resource: 'deployments' }] : undefined;
    case 'logs':
      return isPod && sub('log') ? [self('get', 'log')] : undefined;
    case 'exec':
      return isPod && sub('exec') ? [self('create', 'exec')] : undefined;
    case 'attach':
      return isPod && sub('attach') ? [self('create', 'attach')] : undefined;
    case 'port-forward':
      // A service or deployment forwards to one of its pods: what it needs is the pods' portforward.
      if (isPod) return sub('portforward') ? [self('create', 'portforward')] : undefined;
      return FORWARDS_TO_A_POD(ref) ? [{ verb: 'create', group: '', resource: 'pods', subresource: 'portforward' }] : undefined;
    case 'cordon':
      return isNode && served('patch') ? [self('patch')] : undefined;
    case 'drain':
      return isNode && served('patch')
        ? [self('patch'), { verb: 'list', group: '', resource: 'pods', clusterWide: true }, { verb: 'create', group: '', resource: 'pods', subresource: 'eviction', clusterWide: true }]
        : undefined;
    case 'trigger':
      return isCronJob ? [self('get'), { verb: 'create', group: 'batch', resource: 'jobs' }] : undefined;
    case 'suspend':
      return isCronJob && served('patch') ? [self('patch')] : undefined;
  }
}

export interface ResourceRule {
  verbs: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
}

const has = (list: readonly string[] | undefined, v: string) => !!list && (list.includes('*') || list.includes(v));

/** Whether an RBAC rule (as a SelfSubjectRulesReview returns it) grants `p` on the object `name`. */
export function ruleGrants(rule: ResourceRule, p: Permission, name?: string): boolean {
  if (!has(rule.verbs, p.verb) || !has(rule.apiGroups, p.group)) return false;
  const wanted = p.subresource ? `${p.resource}/${p.subresource}` : p.resource;
  const resourceOk = (rule.resources ?? []).some((r) => r === '*' || r === wanted || (p.subresource !== undefined && r === `*/${p.subresource}`));
  if (!resourceOk) return false;
  // A rule limited to names grants only those objects; for a whole view (no name) it does not count.
  return !rule.resourceNames?.length || (name !== undefined && rule.resourceNames.includes(name));
}

interface RulesAnswer {
  rules: ResourceRule[];
  incomplete: boolean;
}

export interface CapabilityOptions {
  /** How long answers are kept; default 3 minutes. */
  ttlMs?: number;
  now?: () => number;
}

const DEFAULT_TTL_MS = 3 * 60_000;

/**
 * Answers "may I do this here?" for one context's client. Per namespace one SelfSubjectRulesReview (all rules at
 * once); cluster-wide permissions one SelfSubjectAccessReview each. Answers are cached for `ttlMs`. A failed review
 * counts as "allowed": the server still decides, and its 403 is what the user then sees.
 */
export class Capabilities {
  private readonly rules: PromiseCache<RulesAnswer>;
  private readonly reviews: PromiseCache<boolean>;

  constructor(private readonly client: KubeClient, opts: CapabilityOptions = {}) {
    const cacheOpts = { ttlMs: opts.ttlMs ?? DEFAULT_TTL_MS, ...(opts.now ? { now: opts.now } : {}) };
    this.rules = new PromiseCache(cacheOpts);
    this.reviews = new PromiseCache(cacheOpts);
  }

  /** Whether every request goes out (false in read-only mode, where only reading actions stay). */
  get writable(): boolean {
    return !isReadOnlyClient(this.client);
  }

  private rulesIn(namespace: string): Promise<RulesAnswer> {
    return this.rules.get(namespace, async () => {
      const body = await this.client.requestJson<{ status?: { resourceRules?: ResourceRule[]; incomplete?: boolean } }>({
        method: 'POST',
        path: '/apis/authorization.k8s.io/v1/selfsubjectrulesreviews',
        body: { kind: 'SelfSubjectRulesReview', apiVersion: 'authorization.k8s.io/v1', spec: { namespace } },
      });
      return { rules: body.status?.resourceRules ?? [], incomplete: body.status?.incomplete ?? false };
    });
  }

  private review(p: Permission, namespace: string, name?: string): Promise<boolean> {
    const key = JSON.stringify([p.verb, p.group, p.resource, p.subresource ?? '', namespace, name ?? '']);
    return this.reviews.get(key, async () => {
      const body = await this.client.requestJson<{ status?: { allowed?: boolean } }>({
        method: 'POST',
        path: '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews',
        body: {
          kind: 'SelfSubjectAccessReview', apiVersion: 'authorization.k8s.io/v1',
          spec: { resourceAttributes: { verb: p.verb, group: p.group, resource: p.resource, subresource: p.subresource ?? '', namespace, name: name ?? '' } },
        },
      });
      return body.status?.allowed === true;
    });
  }

  /** Whether RBAC grants `p` in `namespace` ("" or undefined: cluster-wide), for the object `name` if given. */
  async granted(p: Permission, namespace: string | undefined, name?: string): Promise<boolean> {
    try {
      if (p.clusterWide || !namespace) return await this.review(p, '', name);
      const answer = await this.rulesIn(namespace);
      if (answer.rules.some((r) => ruleGrants(r, p, name))) return true;
      // An incomplete answer (an authorizer that cannot list rules) is settled by asking about this one request.
      return answer.incomplete ? await this.review(p, namespace, name) : false;
    } catch {
      return true;
    }
  }

  /** Whether `action` is offered for `ref` in `namespace` (undefined: all namespaces, or a cluster-scoped ref). */
  async allows(ref: ResourceRef, action: Action, namespace?: string, name?: string): Promise<boolean> {
    const needs = permissionsFor(ref, action);
    if (!needs) return false;
    if (!READING.has(action) && !this.writable) return false;
    const ns = ref.namespaced ? namespace : undefined;
    const answers = await Promise.all(needs.map((p) => this.granted(p, ns, name)));
    return answers.every(Boolean);
  }

  /** Every action offered for `ref` in `namespace`. */
  async actions(ref: ResourceRef, namespace?: string): Promise<Set<Action>> {
    const out = new Set<Action>();
    await Promise.all(ALL_ACTIONS.map(async (a) => {
      if (await this.allows(ref, a, namespace)) out.add(a);
    }));
    return out;
  }

  /** Whether `ref` may be listed across all namespaces (so the `0` key is offered). */
  canListAllNamespaces(ref: ResourceRef): Promise<boolean> {
    return this.granted({ verb: 'list', group: ref.group, resource: ref.resource, clusterWide: true }, undefined);
  }
}
