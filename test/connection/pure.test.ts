// The pure pieces of the connection layer: proxy selection, NO_PROXY matching, redaction, ExecCredential parsing.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { noProxyMatches, proxyForServer, redactProxyUrl } from '../../src/transport/proxy.js';
import { lastLines, redactSecrets } from '../../src/auth/redact.js';
import { parseExecCredential } from '../../src/auth/exec-credential.js';
import { statusFromBody, parseRetryAfter } from '../../src/transport/errors.js';

describe('proxy selection (as client-go)', () => {
  const env = { HTTPS_PROXY: 'proxy.corp:3128', HTTP_PROXY: 'http://plain-proxy:80', NO_PROXY: 'internal.corp,10.0.0.0/8,.svc,192.168.1.5:6443' };
  test('cluster proxy-url wins over the environment', () => {
    assert.equal(proxyForServer('https://api.example.com', 'socks5://s:1080', env), 'socks5://s:1080');
  });
  test('HTTPS_PROXY for https, with a scheme added', () => {
    assert.equal(proxyForServer('https://api.example.com:6443', undefined, env), 'http://proxy.corp:3128');
    assert.equal(proxyForServer('http://api.example.com', undefined, env), 'http://plain-proxy:80');
  });
  test('NO_PROXY: domains, subdomains, CIDRs, ports; loopback never proxied', () => {
    assert.equal(proxyForServer('https://internal.corp', undefined, env), undefined);
    assert.equal(proxyForServer('https://k8s.internal.corp', undefined, env), undefined);
    assert.equal(proxyForServer('https://10.20.30.40:6443', undefined, env), undefined);
    assert.equal(proxyForServer('https://kubernetes.default.svc', undefined, env), undefined);
    assert.equal(proxyForServer('https://192.168.1.5:6443', undefined, env), undefined);
    assert.equal(proxyForServer('https://192.168.1.5:443', undefined, env), 'http://proxy.corp:3128');
    assert.equal(proxyForServer('https://11.0.0.1', undefined, env), 'http://proxy.corp:3128');
    assert.equal(proxyForServer('https://127.0.0.1:6443', undefined, env), undefined);
    assert.equal(proxyForServer('https://localhost:6443', undefined, env), undefined);
    assert.equal(proxyForServer('https://x.example', undefined, { ...env, NO_PROXY: '*' }), undefined);
    assert.equal(noProxyMatches('*.example.com', 'a.example.com', '443'), true);
    assert.equal(noProxyMatches('example.com', 'notexample.com', '443'), false);
  });
  test('proxy credentials are never shown', () => {
    assert.equal(redactProxyUrl('http://user:secret@proxy:3128'), 'http://proxy:3128');
  });
});

describe('redaction', () => {
  test('tokens, bearer headers, keyed secrets and private keys', () => {
    const text = 'Authorization: Bearer abcdef123456\n{"token": "s3cr3t-value"} password=hunter22 eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig\n-----BEGIN EC PRIVATE KEY-----\nMHc\n-----END EC PRIVATE KEY-----';
    const out = redactSecrets(text, ['known-secret']);
    for (const s of ['abcdef123456', 's3cr3t-value', 'hunter22', 'eyJhbGci', 'MHc']) assert.ok(!out.includes(s), s);
    assert.equal(redactSecrets('my known-secret here', ['known-secret']), 'my [redacted] here');
    assert.equal(redactSecrets('via http://user:p4ss@proxy:3128 failed'), 'via http://[redacted]@proxy:3128 failed');
  });
  test('lastLines keeps the end', () => {
    assert.equal(lastLines('a\n\nb\nc\nd', 2), 'c\nd');
  });
});

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

describe('API errors', () => {
  test('Status JSON kept; plain text turned into a Status', () => {
    assert.equal(statusFromBody(404, '{"kind":"Status","code":404,"reason":"NotFound","message":"pods \\"x\\" not found"}').reason, 'NotFound');
    const s = statusFromBody(404, '404 page not found');
    assert.equal(s.reason, 'NotFound');
    assert.equal(s.message, '404 page not found');
    assert.equal(parseRetryAfter('7'), 7);
  });
});
