import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  escapeFieldValue,
  matchesFields,
  matchesLabels,
  parseFieldSelector,
  parseLabelSelector,
  requiredFieldValue,
  supportedFields,
} from '../../../src/simulator/selectors.js';
import { ApiStatusError } from '../../../src/errors.js';
import type { SimObject } from '../../../src/simulator/types.js';

const labelsMatch = (sel: string, labels: Record<string, string>) => matchesLabels(parseLabelSelector(sel), labels);

function assertBadRequest(fn: () => unknown, message: string | RegExp) {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof ApiStatusError);
    assert.equal(e.code, 400);
    assert.equal(e.status.reason, 'BadRequest');
    assert.equal(e.status.kind, 'Status');
    if (typeof message === 'string') assert.equal(e.status.message, message);
    else assert.match(e.status.message ?? '', message);
    return true;
  });
}

describe('label selectors', () => {
  const web = { app: 'web', tier: 'frontend', replicas: '3' };

  test('equality forms', () => {
    assert.equal(labelsMatch('app=web', web), true);
    assert.equal(labelsMatch('app==web', web), true);
    assert.equal(labelsMatch('app = web', web), true);
    assert.equal(labelsMatch('app=db', web), false);
    assert.equal(labelsMatch('app!=db', web), true);
    assert.equal(labelsMatch('app!=web', web), false);
  });

  test('!= and notin match objects lacking the key', () => {
    assert.equal(labelsMatch('env!=prod', web), true);
    assert.equal(labelsMatch('env notin (prod,staging)', web), true);
    assert.equal(labelsMatch('env in (prod)', web), false);
    assert.equal(labelsMatch('env=', web), false, 'an empty value still needs the key');
    assert.equal(labelsMatch('env=', { env: '' }), true);
  });

  test('set operators, existence and AND', () => {
    assert.equal(labelsMatch('app in (db, web)', web), true);
    assert.equal(labelsMatch('app notin (web)', web), false);
    assert.equal(labelsMatch('tier', web), true);
    assert.equal(labelsMatch('!tier', web), false);
    assert.equal(labelsMatch('!env', web), true);
    assert.equal(labelsMatch('app=web,tier=frontend', web), true);
    assert.equal(labelsMatch('app=web,tier=backend', web), false);
    assert.equal(labelsMatch('', {}), true);
    assert.equal(parseLabelSelector('').empty, true);
    assert.equal(matchesLabels(parseLabelSelector('app'), undefined), false);
    assert.equal(matchesLabels(parseLabelSelector('!app'), undefined), true);
  });

  test('keywords are plain values and keys where a value is expected', () => {
    assert.equal(labelsMatch('in=notin', { in: 'notin' }), true);
    assert.equal(labelsMatch('x in (in, notin)', { x: 'in' }), true);
  });

  test('gt and lt compare integers, and never match non-integers or missing keys', () => {
    assert.equal(labelsMatch('replicas>2', web), true);
    assert.equal(labelsMatch('replicas<2', web), false);
    assert.equal(labelsMatch('replicas>2', { replicas: 'x' }), false);
    assert.equal(labelsMatch('replicas<9', {}), false);
  });

  test('prefixed keys', () => {
    assert.equal(labelsMatch('app.kubernetes.io/name=web', { 'app.kubernetes.io/name': 'web' }), true);
  });

  test('parse errors carry the real messages', () => {
    assertBadRequest(() => parseLabelSelector('env IN (a)'), "unable to parse requirement: found 'IN', expected: in, notin, =, ==, !=, gt, lt");
    assertBadRequest(() => parseLabelSelector('type=app,versionv1.0.1)'), "unable to parse requirement: found ')', expected: in, notin, =, ==, !=, gt, lt");
    assertBadRequest(() => parseLabelSelector('app in (a'), "unable to parse requirement: found '', expected: ',' or ')'");
    assertBadRequest(() => parseLabelSelector('app in a'), "unable to parse requirement: found 'a' expected: '('");
    assertBadRequest(() => parseLabelSelector('app=a b'), "found 'b', expected: ',' or 'end of string'");
    assertBadRequest(() => parseLabelSelector('app=a,'), "found '', expected: identifier after ','");
    assertBadRequest(() => parseLabelSelector('=a'), "found '=', expected: !, identifier, or 'end of string'");
    assertBadRequest(() => parseLabelSelector('x>a'), /values\[0\]: Invalid value: "a": for 'Gt', 'Lt' operators, the value must be an integer/);
    assertBadRequest(() => parseLabelSelector('a/b/c=x'), /unable to parse requirement: <nil>: Invalid value: "a\/b\/c": a qualified name must consist/);
    assertBadRequest(() => parseLabelSelector('app=-bad'), /values\[0\]\[app\]: Invalid value: "-bad": a valid label must be an empty string/);
  });

  test('matching 50,000 label sets is cheap (compiled once)', () => {
    const sel = parseLabelSelector('app in (web,api),tier!=db,!canary');
    let n = 0;
    for (let i = 0; i < 50_000; i++) if (sel.matches({ app: i % 2 ? 'web' : 'db', tier: 'frontend' })) n++;
    assert.equal(n, 25_000);
  });
});

const pod = (name: string, phase: string, node?: string): SimObject => ({
  metadata: { name, namespace: 'demo' },
  spec: { nodeName: node, restartPolicy: 'Always', serviceAccountName: 'default', schedulerName: 'default-scheduler' },
  status: { phase, podIP: '10.0.0.7' },
});

describe('field selectors', () => {
  test('pods: status.phase, spec.nodeName, metadata', () => {
    const running = parseFieldSelector('pods', 'status.phase=Running');
    assert.equal(matchesFields(running, pod('a', 'Running')), true);
    assert.equal(matchesFields(running, pod('a', 'Pending')), false);
    const notOnNode = parseFieldSelector('pods', 'spec.nodeName!=node-1');
    assert.equal(matchesFields(notOnNode, pod('a', 'Pending')), true, 'a missing field reads as ""');
    assert.equal(matchesFields(notOnNode, pod('a', 'Running', 'node-1')), false);
    const both = parseFieldSelector('pods', 'metadata.name==a,metadata.namespace=demo,status.podIP=10.0.0.7,spec.restartPolicy=Always');
    assert.equal(matchesFields(both, pod('a', 'Running')), true);
    assert.equal(matchesFields(both, pod('b', 'Running')), false);
    assert.equal(matchesFields(parseFieldSelector('pods', 'spec.host=n'), pod('a', 'Running', 'n')), true);
    assert.equal(matchesFields(parseFieldSelector('pods', ''), pod('a', 'Running')), true);
  });

  test('other kinds', () => {
    const ev: SimObject = {
      metadata: { name: 'e', namespace: 'demo' },
      involvedObject: { kind: 'Pod', name: 'web-1', namespace: 'demo' },
      reason: 'BackOff',
      type: 'Warning',
      source: { component: 'kubelet' },
    };
    assert.equal(matchesFields(parseFieldSelector('events', 'involvedObject.kind=Pod,involvedObject.name=web-1,type=Warning,source=kubelet'), ev), true);
    assert.equal(matchesFields(parseFieldSelector('events', 'reason!=BackOff'), ev), false);
    const node: SimObject = { metadata: { name: 'n1' }, spec: {} };
    assert.equal(matchesFields(parseFieldSelector('nodes', 'spec.unschedulable=false'), node), true);
    assert.equal(matchesFields(parseFieldSelector('secrets', 'type=Opaque'), { metadata: { name: 's' }, type: 'Opaque' }), true);
    assert.equal(matchesFields(parseFieldSelector('services', 'spec.type=ClusterIP'), { metadata: { name: 's' }, spec: { type: 'ClusterIP' } }), true);
    assert.equal(matchesFields(parseFieldSelector('namespaces', 'status.phase=Active'), { metadata: { name: 'x' }, status: { phase: 'Active' } }), true);
    assert.equal(matchesFields(parseFieldSelector('deployments.apps', 'metadata.name=web'), { metadata: { name: 'web' } }), true);
  });

  test('CRD selectable fields', () => {
    const sel = parseFieldSelector('crontabs.stable.example.com', 'spec.color=blue', ['spec.color']);
    assert.equal(matchesFields(sel, { metadata: { name: 'c' }, spec: { color: 'blue' } }), true);
    assertBadRequest(() => parseFieldSelector('crontabs.stable.example.com', 'spec.color=blue'), 'field label not supported: spec.color');
  });

  test('escaping', () => {
    const sel = parseFieldSelector('configmaps', `metadata.name=${escapeFieldValue('a,b=c\\d')}`);
    assert.equal(requiredFieldValue(sel, 'metadata.name'), 'a,b=c\\d');
    assert.equal(matchesFields(sel, { metadata: { name: 'a,b=c\\d' } }), true);
  });

  test('errors carry the real messages', () => {
    const fixture = JSON.parse(readFileSync('/work/shared/fixtures/errors/400-field-label.json', 'utf8'));
    assert.throws(() => parseFieldSelector('pods', 'spec.foo=bar'), (e: unknown) => {
      assert.ok(e instanceof ApiStatusError);
      assert.deepEqual(e.status, fixture);
      return true;
    });
    assertBadRequest(() => parseFieldSelector('deployments.apps', 'status.phase=Running'), 'field label not supported: status.phase');
    assertBadRequest(() => parseFieldSelector('nodes', 'metadata.namespace=x'), 'field label not supported: metadata.namespace');
    assert.equal(matchesFields(parseFieldSelector('persistentvolumes', 'metadata.namespace='), { metadata: { name: 'pv' } }), true);
    assertBadRequest(() => parseFieldSelector('pods', 'status.phase'), "invalid selector: 'status.phase'; can't understand 'status.phase'");
    assertBadRequest(() => parseFieldSelector('pods', 'metadata.name=a\\b'), 'invalid field selector: invalid escape sequence: \\b');
  });

  test('supported fields and required values', () => {
    assert.ok(supportedFields('pods').includes('spec.nodeName'));
    assert.deepEqual(supportedFields('configmaps'), ['metadata.name', 'metadata.namespace']);
    const sel = parseFieldSelector('pods', 'metadata.name=web-1,status.phase!=Failed');
    assert.equal(requiredFieldValue(sel, 'metadata.name'), 'web-1');
    assert.equal(requiredFieldValue(sel, 'status.phase'), undefined);
  });

  test('matching 50,000 pods is cheap (compiled once)', () => {
    const sel = parseFieldSelector('pods', 'status.phase=Running,spec.nodeName=node-1');
    const pods = Array.from({ length: 50_000 }, (_, i) => pod(`p${i}`, i % 2 ? 'Running' : 'Pending', `node-${i % 4}`));
    assert.equal(pods.filter((p) => sel.matches(p)).length, 12_500);
  });
});
