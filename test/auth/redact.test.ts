// Redaction of secrets from plugin output and URLs.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { forgetSecrets, lastLines, redactSecrets, redactShapes, rememberSecrets, rememberSpecSecrets } from '../../src/auth/redact.js';
import type { ConnectionSpec } from '../../src/kubeconfig/types.js';

describe('redaction', () => {
  test('tokens, bearer headers, keyed secrets and private keys', () => {
    const text = 'Authorization: Bearer abcdef123456\n{"token": "s3cr3t-value"} password=hunter22 eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig\n-----BEGIN EC PRIVATE KEY-----\nMHc\n-----END EC PRIVATE KEY-----';
    const out = redactSecrets(text, ['known-secret']);
    for (const s of ['abcdef123456', 's3cr3t-value', 'hunter22', 'eyJhbGci', 'MHc']) assert.ok(!out.includes(s), s);
    assert.equal(redactSecrets('my known-secret here', ['known-secret']), 'my [redacted] here');
    assert.equal(redactSecrets('via http://user:p4ss@proxy:3128 failed'), 'via http://[redacted]@proxy:3128 failed');
  });
  test('remembered secrets are replaced wherever they appear, in any form', () => {
    rememberSecrets('plain-Secret/with+chars=', 'ab'); // too short values are ignored
    assert.equal(redactSecrets('x plain-Secret/with+chars= y'), 'x [redacted] y');
    assert.equal(redactSecrets(`x ${encodeURIComponent('plain-Secret/with+chars=')} y`), 'x [redacted] y');
    assert.equal(redactSecrets('ab cd'), 'ab cd');
    forgetSecrets();
    assert.equal(redactSecrets('x plain-Secret/with+chars= y'), 'x plain-Secret/with+chars= y');
  });
  test("a spec's secrets: token, password (and its Basic header), URL passwords, client key", () => {
    const spec = {
      server: 'https://admin:url-pass-42@h:6443', proxyUrl: 'http://p:proxy-pass-77@proxy:3128',
      credential: { kind: 'basic', username: 'carol', password: 'basic-pass-99' },
      tls: { insecureSkipTLSVerify: false, clientCertificate: { certPem: 'C', keyPem: 'KEY-MATERIAL-1234' } },
    } as unknown as ConnectionSpec;
    rememberSpecSecrets(spec);
    const basic = Buffer.from('carol:basic-pass-99').toString('base64');
    const out = redactSecrets(`url-pass-42 proxy-pass-77 basic-pass-99 ${basic} KEY-MATERIAL-1234`);
    assert.equal(out, '[redacted] [redacted] [redacted] [redacted] [redacted]');
    forgetSecrets();
  });
  test('a token spoken in prose (plugin stderr)', () => {
    assert.equal(redactSecrets('got token abcdefgh12345678xyz from cache'), 'got token [redacted] from cache');
    assert.equal(redactSecrets('the password is Hunter2Hunter2Hunter2'), 'the password is [redacted]');
    assert.equal(redactSecrets('the token file /var/run/token is empty'), 'the token file /var/run/token is empty');
  });
  test('lastLines keeps the end', () => {
    assert.equal(lastLines('a\n\nb\nc\nd', 2), 'c\nd');
  });
  test('the fast path (text no shape can match is returned as it is) never skips what the full set of shapes redacts', () => {
    const shapes = [
      'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4eXoifQ.c2lnbmF0dXJl', 'Authorization: Bearer abcdef123456', 'basic QWxhZGRpbjpvcGVu',
      'token=abcd1234', '"access_token": "s3cr3tvalue"', 'ID_TOKEN: zzzz9999', 'client-secret=qwerty12', 'Password: hunter22',
      'passwd   Hunter2Hunter2Hunter2x', 'SECRET is abcdefgh12345678xyz', 'https://user:pa55@host:6443/x', 'HTTP://u:p@h',
      '-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----', '-----BEGIN PRIVATE KEY-----',
    ];
    const fillers = ['', ' ', 'kube-system coredns-7db6d8ff4d-x2x9z 1/1 Running 0 3d', 'x', '"', '{', '}', ',', '=', ':', '\n', 'ÄÖ─…'];
    let checked = 0;
    for (const shape of shapes) {
      for (const before of fillers) {
        for (const after of fillers) {
          for (const text of [before + shape + after, (before + shape + after).toUpperCase(), (before + shape + after).toLowerCase()]) {
            assert.equal(redactSecrets(text), redactShapes(text), JSON.stringify(text));
            checked++;
          }
        }
      }
    }
    assert.ok(checked > 1000);
    assert.notEqual(redactSecrets('token=abcd1234'), 'token=abcd1234', 'a shape is still redacted');
    // Table cells and the like, with none of the words: returned unchanged, as the full set leaves them.
    for (const cell of ['analytics', 'backfill-tf6lk', '1/1', 'Running', '293m', '471Mi', '<none>', '10.244.1.7', '175d', 'ReplicaSet/web-7d9c', '']) {
      assert.equal(redactSecrets(cell), cell);
      assert.equal(redactShapes(cell), cell);
    }
  });
});
