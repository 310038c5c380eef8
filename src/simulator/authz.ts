// Who may do what in the simulator: a small RBAC-shaped rule table, the authorizer over it, the 403 text exactly as
// kube-apiserver words it, and the answers to SelfSubjectAccessReview / SelfSubjectRulesReview / SelfSubjectReview
// computed from the same table, so that `kubectl auth can-i` agrees with what a request actually gets.

import { statusError } from './resources.js';
import type { ApiStatusError } from '../errors.js';

export interface UserInfo {
  username: string;
  groups: string[];
  uid?: string;
  extra?: Record<string, string[]>;
}

/** A request as the authorizer sees it: a resource request (resource set) or a non-resource one (path set). */
export interface Attributes {
  verb: string;
  group?: string;
  version?: string;
  resource?: string;
  subresource?: string;
  namespace?: string;
  name?: string;
  /** Set only for non-resource requests (e.g. "/version"); its presence is what makes a request non-resource. */
  path?: string;
}

export interface Decision {
  allowed: boolean;
  /** RBAC's explanation when allowed (`RBAC: allowed by …`); empty when denied, as RBAC gives none. */
  reason: string;
}

export interface PolicyRule {
  verbs: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

export interface Subject {
  kind: 'User' | 'Group';
  name: string;
}

/** A role together with its binding, flattened: a ClusterRoleBinding (no namespace) or a RoleBinding in one namespace. */
export interface Binding {
  kind: 'ClusterRoleBinding' | 'RoleBinding';
  name: string;
  namespace?: string;
  roleKind: 'ClusterRole' | 'Role';
  roleName: string;
  subjects: Subject[];
  rules: PolicyRule[];
}

export const ANONYMOUS_USER = 'system:anonymous';
export const UNAUTHENTICATED_GROUP = 'system:unauthenticated';
export const AUTHENTICATED_GROUP = 'system:authenticated';
export const MASTERS_GROUP = 'system:masters';
/** Members may get/list/watch every resource everywhere. */
export const VIEWER_GROUP = 'viewer';
/** The restricted demo user: reads a few kinds in one namespace only. */
export const RESTRICTED_USER = 'jane';
export const RESTRICTED_GROUP = 'team-a-viewers';
export const RESTRICTED_NAMESPACE = 'team-a';

const READ_VERBS = ['get', 'list', 'watch'];
const AUTHENTICATED: Subject[] = [{ kind: 'Group', name: AUTHENTICATED_GROUP }];
const EVERYONE: Subject[] = [
  { kind: 'Group', name: AUTHENTICATED_GROUP },
  { kind: 'Group', name: UNAUTHENTICATED_GROUP },
];

/**
 * The default table, bound as in a real cluster: anonymous users reach only /version and the health
 * endpoints (system:public-info-viewer); discovery, OpenAPI and the self-reviews need an authenticated user.
 */
export const DEFAULT_BINDINGS: readonly Binding[] = [
  {
    kind: 'ClusterRoleBinding', name: 'cluster-admin', roleKind: 'ClusterRole', roleName: 'cluster-admin',
    subjects: [{ kind: 'Group', name: MASTERS_GROUP }],
    rules: [
      { verbs: ['*'], apiGroups: ['*'], resources: ['*'] },
      { verbs: ['*'], nonResourceURLs: ['*'] },
    ],
  },
  {
    kind: 'ClusterRoleBinding', name: 'system:basic-user', roleKind: 'ClusterRole', roleName: 'system:basic-user',
    subjects: AUTHENTICATED,
    rules: [
      { verbs: ['create'], apiGroups: ['authorization.k8s.io'], resources: ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'] },
      { verbs: ['create'], apiGroups: ['authentication.k8s.io'], resources: ['selfsubjectreviews'] },
    ],
  },
  {
    kind: 'ClusterRoleBinding', name: 'system:discovery', roleKind: 'ClusterRole', roleName: 'system:discovery',
    subjects: AUTHENTICATED,
    rules: [
      {
        verbs: ['get'],
        nonResourceURLs: ['/api', '/api/*', '/apis', '/apis/*', '/healthz', '/livez', '/openapi', '/openapi/*', '/readyz', '/version', '/version/'],
      },
    ],
  },
  {
    kind: 'ClusterRoleBinding', name: 'system:public-info-viewer', roleKind: 'ClusterRole', roleName: 'system:public-info-viewer',
    subjects: EVERYONE,
    rules: [{ verbs: ['get'], nonResourceURLs: ['/healthz', '/livez', '/readyz', '/version', '/version/'] }],
  },
  {
    kind: 'ClusterRoleBinding', name: 'viewers', roleKind: 'ClusterRole', roleName: 'view-everything',
    subjects: [{ kind: 'Group', name: VIEWER_GROUP }],
    rules: [{ verbs: READ_VERBS, apiGroups: ['*'], resources: ['*'] }],
  },
  {
    kind: 'RoleBinding', name: RESTRICTED_GROUP, namespace: RESTRICTED_NAMESPACE, roleKind: 'Role', roleName: 'team-a-viewer',
    subjects: [
      { kind: 'User', name: RESTRICTED_USER },
      { kind: 'Group', name: RESTRICTED_GROUP },
    ],
    rules: [
      { verbs: READ_VERBS, apiGroups: [''], resources: ['configmaps', 'events', 'pods', 'pods/log', 'services'] },
      { verbs: READ_VERBS, apiGroups: ['apps'], resources: ['deployments', 'replicasets'] },
      { verbs: READ_VERBS, apiGroups: ['events.k8s.io'], resources: ['events'] },
    ],
  },
];

/** The groups the authenticator would attach: system:authenticated for everyone but the anonymous user. */
export function effectiveGroups(user: UserInfo): string[] {
  const extra = user.username === ANONYMOUS_USER ? UNAUTHENTICATED_GROUP : AUTHENTICATED_GROUP;
  return user.groups.includes(extra) ? user.groups : [...user.groups, extra];
}

function subjectFor(binding: Binding, user: UserInfo, groups: string[]): Subject | undefined {
  return binding.subjects.find((s) => (s.kind === 'User' ? s.name === user.username : groups.includes(s.name)));
}

function appliesIn(binding: Binding, namespace: string | undefined): boolean {
  return binding.kind === 'ClusterRoleBinding' || (namespace !== undefined && namespace !== '' && binding.namespace === namespace);
}

const has = (list: readonly string[] | undefined, value: string) => list !== undefined && (list.includes('*') || list.includes(value));

function resourceMatches(rule: PolicyRule, resource: string, subresource: string | undefined): boolean {
  const combined = subresource ? `${resource}/${subresource}` : resource;
  return (rule.resources ?? []).some((r) => r === '*' || r === combined || (subresource !== undefined && r === `*/${subresource}`));
}

function pathMatches(rule: PolicyRule, path: string): boolean {
  return (rule.nonResourceURLs ?? []).some((u) => u === '*' || u === path || (u.endsWith('*') && path.startsWith(u.slice(0, -1))));
}

/** A request is a non-resource one exactly when it names a path. */
export function isResourceRequest(attrs: Attributes): boolean {
  return attrs.path === undefined;
}

export function ruleAllows(rule: PolicyRule, attrs: Attributes): boolean {
  if (!has(rule.verbs, attrs.verb)) return false;
  if (!isResourceRequest(attrs)) return pathMatches(rule, attrs.path!);
  if (rule.resources === undefined) return false;
  return (
    has(rule.apiGroups, attrs.group ?? '') &&
    resourceMatches(rule, attrs.resource ?? '', attrs.subresource || undefined) &&
    (rule.resourceNames === undefined || rule.resourceNames.length === 0 || rule.resourceNames.includes(attrs.name ?? ''))
  );
}

function describeBinding(b: Binding): string {
  const bindingName = b.kind === 'RoleBinding' ? `${b.name}/${b.namespace}` : b.name;
  return `${b.kind} "${bindingName}" of ${b.roleKind} "${b.roleName}"`;
}

/** Decides a request from the rule table; the reason on success is worded as RBAC words it. */
export function authorize(user: UserInfo, attrs: Attributes, bindings: readonly Binding[] = DEFAULT_BINDINGS): Decision {
  const groups = effectiveGroups(user);
  const isResource = isResourceRequest(attrs);
  for (const b of bindings) {
    // Non-resource URLs are cluster-wide: only ClusterRoleBindings grant them.
    if (isResource ? !appliesIn(b, attrs.namespace) : b.kind !== 'ClusterRoleBinding') continue;
    const subject = subjectFor(b, user, groups);
    if (!subject) continue;
    if (b.rules.some((r) => ruleAllows(r, attrs))) {
      return { allowed: true, reason: `RBAC: allowed by ${describeBinding(b)} to ${subject.kind} "${subject.name}"` };
    }
  }
  return { allowed: false, reason: '' };
}

/** The qualified resource of a request: "pods", "deployments.apps". */
function qualifiedResource(attrs: Attributes): string {
  return attrs.group ? `${attrs.resource}.${attrs.group}` : attrs.resource ?? '';
}

/** The full 403 message, exactly as the real server builds it (responsewriters.Forbidden + errors.NewForbidden). */
export function forbiddenMessage(user: UserInfo, attrs: Attributes): string {
  const who = `User ${JSON.stringify(user.username)}`;
  if (!isResourceRequest(attrs)) {
    return `forbidden: ${who} cannot ${attrs.verb} path ${JSON.stringify(attrs.path ?? '')}`;
  }
  const resource = attrs.subresource ? `${attrs.resource}/${attrs.subresource}` : attrs.resource;
  const where = attrs.namespace ? `in the namespace ${JSON.stringify(attrs.namespace)}` : 'at the cluster scope';
  const detail = `${who} cannot ${attrs.verb} resource ${JSON.stringify(resource)} in API group ${JSON.stringify(attrs.group ?? '')} ${where}`;
  const subject = attrs.name ? `${qualifiedResource(attrs)} ${JSON.stringify(attrs.name)}` : qualifiedResource(attrs);
  return subject === '' ? `forbidden: ${detail}` : `${subject} is forbidden: ${detail}`;
}

/** The 403 Status error for a denied request (details carry group, the resource as `kind`, and the name). */
export function forbiddenError(user: UserInfo, attrs: Attributes): ApiStatusError {
  const details = isResourceRequest(attrs) && attrs.resource
    ? {
        ...(attrs.name ? { name: attrs.name } : {}),
        ...(attrs.group ? { group: attrs.group } : {}),
        kind: attrs.resource,
      }
    : undefined;
  return statusError(403, 'Forbidden', forbiddenMessage(user, attrs), details);
}

// ---- Self reviews ----

export interface ResourceAttributes {
  namespace?: string;
  verb?: string;
  group?: string;
  version?: string;
  resource?: string;
  subresource?: string;
  name?: string;
}

export interface AccessReviewSpec {
  resourceAttributes?: ResourceAttributes;
  nonResourceAttributes?: { path?: string; verb?: string };
}

export interface AccessReviewStatus {
  allowed: boolean;
  denied?: boolean;
  reason?: string;
  evaluationError?: string;
}

/** The status of a SelfSubjectAccessReview for this user. */
export function accessReview(user: UserInfo, spec: AccessReviewSpec, bindings: readonly Binding[] = DEFAULT_BINDINGS): AccessReviewStatus {
  const ra = spec.resourceAttributes;
  const attrs: Attributes = ra
    ? {
        verb: ra.verb ?? '',
        group: ra.group ?? '',
        version: ra.version ?? '',
        resource: ra.resource ?? '',
        subresource: ra.subresource ?? '',
        namespace: ra.namespace ?? '',
        name: ra.name ?? '',
      }
    : { verb: spec.nonResourceAttributes?.verb ?? '', path: spec.nonResourceAttributes?.path ?? '' };
  const decision = authorize(user, attrs, bindings);
  return decision.allowed ? { allowed: true, reason: decision.reason } : { allowed: false };
}

export interface SelfSubjectAccessReview {
  kind?: string;
  apiVersion?: string;
  metadata?: Record<string, unknown>;
  spec?: AccessReviewSpec;
  status?: AccessReviewStatus;
}

/** The whole 201 body for a POSTed SelfSubjectAccessReview: the request echoed with its status filled in. */
export function selfSubjectAccessReviewResponse(user: UserInfo, request: SelfSubjectAccessReview, bindings?: readonly Binding[]): SelfSubjectAccessReview {
  const spec = request.spec ?? {};
  return {
    kind: 'SelfSubjectAccessReview',
    apiVersion: 'authorization.k8s.io/v1',
    metadata: { creationTimestamp: null },
    spec,
    status: accessReview(user, spec, bindings),
  };
}

export interface RulesReviewStatus {
  resourceRules: { verbs: string[]; apiGroups: string[]; resources: string[]; resourceNames?: string[] }[];
  nonResourceRules: { verbs: string[]; nonResourceURLs: string[] }[];
  incomplete: boolean;
  evaluationError?: string;
}

/** The status of a SelfSubjectRulesReview: every rule that applies to this user in the namespace. */
export function rulesReview(user: UserInfo, namespace: string, bindings: readonly Binding[] = DEFAULT_BINDINGS): RulesReviewStatus {
  const groups = effectiveGroups(user);
  const status: RulesReviewStatus = { resourceRules: [], nonResourceRules: [], incomplete: false };
  for (const b of bindings) {
    if (!appliesIn(b, namespace) || !subjectFor(b, user, groups)) continue;
    for (const r of b.rules) {
      if (r.nonResourceURLs) {
        status.nonResourceRules.push({ verbs: [...r.verbs], nonResourceURLs: [...r.nonResourceURLs] });
      } else {
        status.resourceRules.push({
          verbs: [...r.verbs],
          apiGroups: [...(r.apiGroups ?? [])],
          resources: [...(r.resources ?? [])],
          ...(r.resourceNames && r.resourceNames.length > 0 ? { resourceNames: [...r.resourceNames] } : {}),
        });
      }
    }
  }
  return status;
}

/** The whole 201 body for a POSTed SelfSubjectRulesReview. */
export function selfSubjectRulesReviewResponse(user: UserInfo, request: { spec?: { namespace?: string } }, bindings?: readonly Binding[]): object {
  const namespace = request.spec?.namespace ?? '';
  return {
    kind: 'SelfSubjectRulesReview',
    apiVersion: 'authorization.k8s.io/v1',
    metadata: { creationTimestamp: null },
    spec: { namespace },
    status: rulesReview(user, namespace, bindings),
  };
}

/** The whole 201 body for a POSTed SelfSubjectReview (`kubectl auth whoami`). */
export function selfSubjectReviewResponse(user: UserInfo, now: Date = new Date()): object {
  return {
    kind: 'SelfSubjectReview',
    apiVersion: 'authentication.k8s.io/v1',
    metadata: { creationTimestamp: now.toISOString().replace(/\.\d{3}Z$/, 'Z') },
    status: {
      userInfo: {
        username: user.username,
        ...(user.uid ? { uid: user.uid } : {}),
        groups: effectiveGroups(user),
        ...(user.extra && Object.keys(user.extra).length > 0 ? { extra: user.extra } : {}),
      },
    },
  };
}
