// Error responses turned into Status objects.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { statusFromBody, parseRetryAfter } from '../../src/transport/errors.js';

describe('API errors', () => {
  test('Status JSON kept; plain text turned into a Status', () => {
    assert.equal(statusFromBody(404, '{"kind":"Status","code":404,"reason":"NotFound","message":"pods \\"x\\" not found"}').reason, 'NotFound');
    const s = statusFromBody(404, '404 page not found');
    assert.equal(s.reason, 'NotFound');
    assert.equal(s.message, '404 page not found');
    assert.equal(parseRetryAfter('7'), 7);
  });
});
