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

  test('a body that is not a Status: short plain text as it is; JSON, HTML or long text as the status and a clean excerpt', () => {
    assert.equal(statusFromBody(429, 'Too many requests, please try again later.').message, 'Too many requests, please try again later.');
    assert.equal(statusFromBody(503, '').message, 'the server answered HTTP 503 Service Unavailable');
    const html = statusFromBody(502, '<html>\n<head><title>502 Bad Gateway</title></head>\n<body>' + 'x'.repeat(500) + '</body></html>');
    assert.match(html.message!, /^HTTP 502 Bad Gateway: <html> <head><title>502 Bad Gateway<\/title><\/head> <body>x+…$/);
    assert.ok(html.message!.length < 160);
    const json = statusFromBody(500, '{"error":"boom\u001b[31m","trace":"' + 'y'.repeat(300) + '"}');
    assert.match(json.message!, /^HTTP 500 Internal Server Error: \{"error":"boom/);
    assert.equal(json.reason, 'InternalError');
    const raw = statusFromBody(500, '{"error":"\u001b]2;owned\u0007"}'); // raw ESC and BEL in the body
    assert.doesNotMatch(raw.message!, /[\u0000-\u001f]/);
  });
});
