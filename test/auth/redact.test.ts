// Redaction of secrets from plugin output and URLs.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { lastLines, redactSecrets } from '../../src/auth/redact.js';

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
