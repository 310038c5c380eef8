import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  canDecodeProtobuf,
  decodeEnvelope,
  decodeProtobufObject,
  isProtobufContentType,
} from '../../../src/simulator/protobuf.js';
import { ApiStatusError } from '../../../src/errors.js';

const hexFixture = (name: string) =>
  Uint8Array.from(Buffer.from(readFileSync(`/work/shared/fixtures/authz/${name}`, 'utf8').trim(), 'hex'));
const jsonFixture = (name: string) => JSON.parse(readFileSync(`/work/shared/fixtures/authz/${name}`, 'utf8'));

// A tiny encoder, only for building test bodies.
const varint = (n: number): number[] => {
  const out: number[] = [];
  let v = n;
  do {
    out.push((v & 0x7f) | (v > 0x7f ? 0x80 : 0));
    v = Math.floor(v / 128);
  } while (v > 0);
  return out;
};
const bytesField = (field: number, bytes: number[]) => [...varint((field << 3) | 2), ...varint(bytes.length), ...bytes];
const strField = (field: number, s: string) => bytesField(field, [...Buffer.from(s, 'utf8')]);
const intField = (field: number, n: number) => [...varint(field << 3), ...varint(n)];
const envelope = (apiVersion: string, kind: string, raw: number[], contentEncoding = '') =>
  Uint8Array.from([
    0x6b, 0x38, 0x73, 0x00,
    ...bytesField(1, [...strField(1, apiVersion), ...strField(2, kind)]),
    ...bytesField(2, raw),
    ...strField(3, contentEncoding),
    ...strField(4, ''),
  ]);

function assertStatus(fn: () => unknown, code: number, reason: string) {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof ApiStatusError);
    assert.equal(e.code, code);
    assert.equal(e.status.reason, reason);
    return true;
  });
}

describe('protobuf request bodies', () => {
  test('the envelope of kubectl 1.32 auth can-i', () => {
    const env = decodeEnvelope(hexFixture('ssar-request-kubectl-1.32.protobuf.hex'));
    assert.equal(env.apiVersion, 'authorization.k8s.io/v1');
    assert.equal(env.kind, 'SelfSubjectAccessReview');
    assert.equal(env.contentEncoding, '');
    assert.equal(env.contentType, '');
    assert.equal(env.raw.length, 58);
  });

  test('kubectl auth can-i list pods -n demo decodes to the JSON form', () => {
    assert.deepEqual(decodeProtobufObject(hexFixture('ssar-request-kubectl-1.32.protobuf.hex')), jsonFixture('ssar-request.json'));
  });

  test('kubectl auth can-i --list -n demo decodes to the JSON form', () => {
    assert.deepEqual(decodeProtobufObject(hexFixture('ssrr-request-kubectl-1.32.protobuf.hex')), {
      kind: 'SelfSubjectRulesReview',
      apiVersion: 'authorization.k8s.io/v1',
      metadata: {},
      spec: { namespace: 'demo' },
    });
  });

  test('non-resource attributes, subresource, name and selectors', () => {
    const nonResource = envelope('authorization.k8s.io/v1', 'SelfSubjectAccessReview', [
      ...bytesField(1, []),
      ...bytesField(2, bytesField(2, [...strField(1, '/version'), ...strField(2, 'get')])),
    ]);
    assert.deepEqual(decodeProtobufObject(nonResource).spec, { nonResourceAttributes: { path: '/version', verb: 'get' } });

    const resource = envelope('authorization.k8s.io/v1', 'SelfSubjectAccessReview', [
      ...bytesField(2, bytesField(1, [
        ...strField(1, 'team-a'), ...strField(2, 'get'), ...strField(3, 'apps'), ...strField(5, 'deployments'),
        ...strField(6, 'scale'), ...strField(7, 'web'),
        ...bytesField(9, [...strField(1, 'app=web')]),
      ])),
    ]);
    assert.deepEqual(decodeProtobufObject(resource).spec, {
      resourceAttributes: {
        namespace: 'team-a', verb: 'get', group: 'apps', resource: 'deployments', subresource: 'scale', name: 'web',
        labelSelector: { rawSelector: 'app=web' },
      },
    });
  });

  test('SelfSubjectReview (auth whoami) and TokenRequest (create token)', () => {
    assert.deepEqual(decodeProtobufObject(envelope('authentication.k8s.io/v1', 'SelfSubjectReview', [...bytesField(1, [])])), {
      kind: 'SelfSubjectReview',
      apiVersion: 'authentication.k8s.io/v1',
      metadata: {},
    });
    const token = envelope('authentication.k8s.io/v1', 'TokenRequest', [
      ...bytesField(1, [...strField(1, 'viewer'), ...strField(3, 'demo'), ...bytesField(11, [...strField(1, 'a'), ...strField(2, 'b')])]),
      ...bytesField(2, [...strField(1, 'https://kubernetes.default.svc'), ...strField(1, 'other'), ...intField(4, 3600)]),
    ]);
    assert.deepEqual(decodeProtobufObject(token), {
      kind: 'TokenRequest',
      apiVersion: 'authentication.k8s.io/v1',
      metadata: { name: 'viewer', namespace: 'demo', labels: { a: 'b' } },
      spec: { audiences: ['https://kubernetes.default.svc', 'other'], expirationSeconds: 3600 },
    });
  });

  test('Eviction (kubectl drain) keeps a zero grace period, which is a pointer in Go', () => {
    const eviction = envelope('policy/v1', 'Eviction', [
      ...bytesField(1, [...strField(1, 'web-1'), ...strField(3, 'demo')]),
      ...bytesField(2, [...intField(1, 0), ...strField(4, 'Background'), ...strField(5, 'All')]),
    ]);
    assert.deepEqual(decodeProtobufObject(eviction), {
      kind: 'Eviction',
      apiVersion: 'policy/v1',
      metadata: { name: 'web-1', namespace: 'demo' },
      deleteOptions: { gracePeriodSeconds: 0, propagationPolicy: 'Background', dryRun: ['All'] },
    });
  });

  test('unknown types get 415, malformed bodies 400', () => {
    assert.equal(canDecodeProtobuf('example.com/v1', 'Widget'), false);
    assert.equal(canDecodeProtobuf('v1', 'Pod'), true);
    assert.equal(canDecodeProtobuf('authorization.k8s.io/v1', 'SelfSubjectAccessReview'), true);
    assertStatus(() => decodeProtobufObject(envelope('example.com/v1', 'Widget', [])), 415, 'UnsupportedMediaType');
    assertStatus(() => decodeProtobufObject(envelope('authentication.k8s.io/v1', 'SelfSubjectReview', [], 'gzip')), 415, 'UnsupportedMediaType');
    assertStatus(() => decodeProtobufObject(Uint8Array.from(Buffer.from('{"kind":"x"}'))), 400, 'BadRequest');
    const full = hexFixture('ssar-request-kubectl-1.32.protobuf.hex');
    assertStatus(() => decodeProtobufObject(full.subarray(0, 30)), 400, 'BadRequest');
    assertStatus(() => decodeProtobufObject(envelope('authorization.k8s.io/v1', 'SelfSubjectRulesReview', [0x12, 0x05, 0x0a])), 400, 'BadRequest');
  });

  test('content type detection', () => {
    assert.equal(isProtobufContentType('application/vnd.kubernetes.protobuf'), true);
    assert.equal(isProtobufContentType('application/vnd.kubernetes.protobuf; charset=binary'), true);
    assert.equal(isProtobufContentType('application/json'), false);
    assert.equal(isProtobufContentType(undefined), false);
  });
});
