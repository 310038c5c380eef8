// ExecCredential parsing.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseExecCredential } from '../../src/auth/exec-credential.js';

describe('ExecCredential parsing', () => {
  const v1 = 'client.authentication.k8s.io/v1';
  test('token with expiry', () => {
    const r = parseExecCredential(JSON.stringify({ kind: 'ExecCredential', apiVersion: v1, status: { token: 't', expirationTimestamp: '2030-01-01T00:00:00Z' } }), v1);
    assert.deepEqual(r, { token: 't', clientCertificate: undefined, expiresAt: Date.parse('2030-01-01T00:00:00Z') });
  });
  test('problems are described without quoting output', () => {
    const half = parseExecCredential(JSON.stringify({ kind: 'ExecCredential', apiVersion: v1, status: { clientCertificateData: 'CERT' } }), v1);
    assert.match((half as { problem: string }).problem, /only one of clientCertificateData and clientKeyData/);
    const badTime = parseExecCredential(JSON.stringify({ kind: 'ExecCredential', apiVersion: v1, status: { token: 'tok-zzz', expirationTimestamp: 'soon' } }), v1);
    assert.match((badTime as { problem: string }).problem, /RFC 3339/);
    assert.ok(!JSON.stringify(badTime).includes('tok-zzz'));
  });
});
