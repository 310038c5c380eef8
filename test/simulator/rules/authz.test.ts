import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  accessReview,
  authorize,
  forbiddenError,
  forbiddenMessage,
  rulesReview,
  ruleAllows,
  selfSubjectAccessReviewResponse,
  selfSubjectReviewResponse,
  selfSubjectRulesReviewResponse,
  type Attributes,
  type UserInfo,
} from '../../../src/simulator/authz.js';

const errorFixture = (name: string) => JSON.parse(readFileSync(`/work/shared/fixtures/errors/${name}`, 'utf8'));

const admin: UserInfo = { username: 'admin', groups: ['system:masters'] };
const viewer: UserInfo = { username: 'vic', groups: ['viewer'] };
const jane: UserInfo = { username: 'jane', groups: ['team-a-viewers'] };
const anonymous: UserInfo = { username: 'system:anonymous', groups: ['system:unauthenticated'] };
const nobody: UserInfo = { username: 'bob', groups: [] };

const allowed = (u: UserInfo, a: Attributes) => authorize(u, a).allowed;

describe('authorize', () => {
  test('system:masters may do everything, with an RBAC reason', () => {
    const d = authorize(admin, { verb: 'delete', group: 'apps', resource: 'deployments', namespace: 'x', name: 'web' });
    assert.deepEqual(d, {
      allowed: true,
      reason: 'RBAC: allowed by ClusterRoleBinding "cluster-admin" of ClusterRole "cluster-admin" to Group "system:masters"',
    });
    assert.equal(allowed(admin, { verb: 'get', path: '/metrics' }), true);
    assert.equal(allowed(admin, { verb: 'impersonate', resource: 'users', name: 'jane' }), true);
  });

  test('viewers read everything and write nothing', () => {
    for (const verb of ['get', 'list', 'watch']) {
      assert.equal(allowed(viewer, { verb, resource: 'secrets', namespace: 'kube-system' }), true);
      assert.equal(allowed(viewer, { verb, resource: 'nodes' }), true);
    }
    assert.equal(allowed(viewer, { verb: 'get', resource: 'pods', subresource: 'log', namespace: 'a' }), true);
    assert.equal(allowed(viewer, { verb: 'delete', resource: 'pods', namespace: 'a', name: 'p' }), false);
    assert.equal(allowed(viewer, { verb: 'patch', group: 'apps', resource: 'deployments', subresource: 'scale', namespace: 'a' }), false);
  });

  test('jane reads a few kinds in team-a only', () => {
    const inTeamA = (verb: string, resource: string, group = '', subresource?: string) =>
      allowed(jane, { verb, group, resource, subresource, namespace: 'team-a' });
    for (const [resource, group] of [['pods', ''], ['services', ''], ['configmaps', ''], ['events', ''], ['deployments', 'apps'], ['replicasets', 'apps']] as const) {
      assert.equal(inTeamA('list', resource, group), true, resource);
      assert.equal(inTeamA('watch', resource, group), true, resource);
    }
    assert.equal(inTeamA('get', 'pods', '', 'log'), true);
    assert.equal(inTeamA('create', 'pods', '', 'exec'), false);
    assert.equal(inTeamA('list', 'secrets'), false);
    assert.equal(inTeamA('delete', 'pods'), false);
    assert.equal(inTeamA('list', 'deployments', ''), false, 'the group matters');
    assert.equal(allowed(jane, { verb: 'list', resource: 'pods', namespace: 'default' }), false);
    assert.equal(allowed(jane, { verb: 'list', resource: 'pods' }), false, 'no all-namespaces list');
    assert.equal(allowed(jane, { verb: 'list', resource: 'namespaces' }), false);
    // The group alone is enough, as with a client certificate whose O is team-a-viewers.
    assert.equal(allowed({ username: 'other', groups: ['team-a-viewers'] }, { verb: 'list', resource: 'pods', namespace: 'team-a' }), true);
    assert.equal(
      authorize(jane, { verb: 'list', resource: 'pods', namespace: 'team-a' }).reason,
      'RBAC: allowed by RoleBinding "team-a-viewers/team-a" of Role "team-a-viewer" to User "jane"',
    );
  });

  test('authenticated users may discover and review themselves; anonymous only /version and health; nothing more', () => {
    for (const user of [anonymous, nobody, jane]) {
      for (const path of ['/version', '/healthz', '/readyz', '/livez']) assert.equal(allowed(user, { verb: 'get', path }), true, `${user.username} ${path}`);
      assert.equal(allowed(user, { verb: 'create', group: 'authorization.k8s.io', resource: 'subjectaccessreviews' }), false);
      assert.equal(allowed(user, { verb: 'get', path: '/metrics' }), false);
      assert.equal(allowed(user, { verb: 'post', path: '/api' }), false);
    }
    for (const user of [nobody, jane]) {
      for (const path of ['/api', '/api/v1', '/apis', '/apis/apps/v1', '/openapi/v2', '/openapi/v3']) assert.equal(allowed(user, { verb: 'get', path }), true, `${user.username} ${path}`);
      assert.equal(allowed(user, { verb: 'create', group: 'authorization.k8s.io', resource: 'selfsubjectaccessreviews' }), true);
      assert.equal(allowed(user, { verb: 'create', group: 'authorization.k8s.io', resource: 'selfsubjectrulesreviews' }), true);
      assert.equal(allowed(user, { verb: 'create', group: 'authentication.k8s.io', resource: 'selfsubjectreviews' }), true);
    }
    for (const path of ['/api', '/api/v1', '/apis', '/apis/apps/v1', '/openapi/v2']) assert.equal(allowed(anonymous, { verb: 'get', path }), false, `anonymous ${path}`);
    assert.equal(allowed(anonymous, { verb: 'create', group: 'authentication.k8s.io', resource: 'selfsubjectreviews' }), false);
    assert.equal(allowed(anonymous, { verb: 'list', resource: 'nodes' }), false);
    assert.equal(allowed(nobody, { verb: 'list', resource: 'pods', namespace: 'team-a' }), false);
  });

  test('rule matching: wildcards, */subresource, resource names', () => {
    assert.equal(ruleAllows({ verbs: ['get'], apiGroups: [''], resources: ['*/log'] }, { verb: 'get', group: '', resource: 'pods', subresource: 'log' }), true);
    assert.equal(ruleAllows({ verbs: ['get'], apiGroups: [''], resources: ['pods'] }, { verb: 'get', group: '', resource: 'pods', subresource: 'log' }), false);
    assert.equal(ruleAllows({ verbs: ['get'], apiGroups: [''], resources: ['pods'], resourceNames: ['a'] }, { verb: 'get', resource: 'pods', name: 'b' }), false);
    assert.equal(ruleAllows({ verbs: ['get'], apiGroups: [''], resources: ['pods'] }, { verb: '*', resource: 'pods' }), false, 'a * request needs a * rule');
  });
});

describe('forbidden messages', () => {
  test('namespaced list, as in the fixture', () => {
    const err = forbiddenError(jane, { verb: 'list', group: '', resource: 'pods', namespace: 'demo' });
    assert.equal(err.code, 403);
    assert.deepEqual(err.status, errorFixture('403-forbidden-list.json'));
  });
  test('cluster scope, as in the fixture', () => {
    assert.deepEqual(forbiddenError(anonymous, { verb: 'list', resource: 'nodes' }).status, errorFixture('403-forbidden-cluster.json'));
  });
  test('a named object in a group, as in the fixture', () => {
    const sa: UserInfo = { username: 'system:serviceaccount:demo:viewer', groups: [] };
    const err = forbiddenError(sa, { verb: 'delete', group: 'apps', resource: 'deployments', namespace: 'demo', name: 'web' });
    assert.deepEqual(err.status, errorFixture('403-forbidden-get-named.json'));
  });
  test('subresources and non-resource paths', () => {
    assert.equal(
      forbiddenMessage(jane, { verb: 'create', resource: 'pods', subresource: 'exec', namespace: 'team-a', name: 'web-1' }),
      'pods "web-1" is forbidden: User "jane" cannot create resource "pods/exec" in API group "" in the namespace "team-a"',
    );
    assert.equal(forbiddenMessage(anonymous, { verb: 'get', path: '/metrics' }), 'forbidden: User "system:anonymous" cannot get path "/metrics"');
    assert.equal(forbiddenError(anonymous, { verb: 'get', path: '/x' }).status.details, undefined);
  });
});

describe('self reviews', () => {
  test('access review agrees with authorize', () => {
    const yes = accessReview(jane, { resourceAttributes: { namespace: 'team-a', verb: 'list', resource: 'pods' } });
    assert.equal(yes.allowed, true);
    assert.match(yes.reason ?? '', /^RBAC: allowed by RoleBinding "team-a-viewers\/team-a"/);
    assert.deepEqual(accessReview(jane, { resourceAttributes: { namespace: 'team-a', verb: 'delete', resource: 'pods' } }), { allowed: false });
    assert.equal(accessReview(jane, { nonResourceAttributes: { path: '/version', verb: 'get' } }).allowed, true);
    assert.equal(accessReview(admin, { resourceAttributes: { verb: '*', group: '*', resource: '*' } }).allowed, true);
    assert.equal(accessReview(viewer, { resourceAttributes: { verb: '*', group: '*', resource: '*' } }).allowed, false);
  });

  test('the SSAR response echoes the spec, like the fixtures', () => {
    const req = JSON.parse(readFileSync('/work/shared/fixtures/authz/ssar-request.json', 'utf8'));
    const denied = selfSubjectAccessReviewResponse(nobody, req) as any;
    assert.equal(denied.kind, 'SelfSubjectAccessReview');
    assert.equal(denied.apiVersion, 'authorization.k8s.io/v1');
    assert.deepEqual(denied.spec, req.spec);
    assert.deepEqual(denied.status, { allowed: false });
    const ok = selfSubjectAccessReviewResponse(admin, req) as any;
    assert.equal(ok.status.allowed, true);
  });

  test('rules review lists what authorize allows in that namespace', () => {
    const inTeamA = rulesReview(jane, 'team-a');
    assert.equal(inTeamA.incomplete, false);
    assert.ok(inTeamA.resourceRules.some((r) => r.resources.includes('selfsubjectaccessreviews')));
    assert.ok(inTeamA.resourceRules.some((r) => r.resources.includes('pods/log') && r.verbs.includes('watch')));
    assert.ok(inTeamA.nonResourceRules.some((r) => r.nonResourceURLs.includes('/version')));
    const elsewhere = rulesReview(jane, 'default');
    assert.equal(elsewhere.resourceRules.some((r) => r.resources.includes('pods')), false);
    // Consistency: every resource a rule lists (with its verbs) is allowed by authorize in that namespace.
    for (const rule of inTeamA.resourceRules) {
      for (const verb of rule.verbs) {
        for (const res of rule.resources) {
          const [resource, subresource] = res.split('/');
          assert.equal(allowed(jane, { verb, group: rule.apiGroups[0], resource, subresource, namespace: 'team-a' }), true, `${verb} ${res}`);
        }
      }
    }
    const body = selfSubjectRulesReviewResponse(jane, { spec: { namespace: 'team-a' } }) as any;
    assert.equal(body.kind, 'SelfSubjectRulesReview');
    assert.deepEqual(body.spec, { namespace: 'team-a' });
  });

  test('whoami', () => {
    const body = selfSubjectReviewResponse({ username: 'jane', groups: ['team-a-viewers'], uid: '42' }, new Date('2025-03-01T12:00:00.123Z')) as any;
    assert.deepEqual(body, {
      kind: 'SelfSubjectReview',
      apiVersion: 'authentication.k8s.io/v1',
      metadata: { creationTimestamp: '2025-03-01T12:00:00Z' },
      status: { userInfo: { username: 'jane', uid: '42', groups: ['team-a-viewers', 'system:authenticated'] } },
    });
  });
});
