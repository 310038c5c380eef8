// Redaction of secrets from plugin output and URLs.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { forgetSecrets, lastLines, redactSecrets, rememberSecrets, rememberSpecSecrets } from '../../src/auth/redact.js';
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
});
