// Read-only mode in the request layer: a wrapped client sends reads and the self reviews, and refuses every
// other request before anything reaches the server.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createClient, type SharedKubeClient } from '../../src/transport/client.js';
import { ReadOnlyError, isMutatingRequest, isReadOnlyClient, readOnlyClient } from '../../src/transport/read-only.js';
import type { KubeRequest } from '../../src/transport/types.js';
import { parseConfig, readOnlyReason } from '../../src/config/config.js';
import { startCountingServer, type CountingServer } from './helpers/counting-server.js';

let server: CountingServer;
let raw: SharedKubeClient;
before(async () => {
  server = await startCountingServer();
  raw = createClient(server.spec());
});
after(async () => {
  await raw.close();
  await server.stop();
});

const MUTATIONS: KubeRequest[] = [
  { method: 'POST', path: '/api/v1/namespaces/default/pods', body: {} },
  { method: 'POST', path: '/api/v1/namespaces/default/pods/web-1/eviction', body: {} },
  { method: 'PUT', path: '/apis/apps/v1/namespaces/default/deployments/web', body: {} },
  { method: 'PUT', path: '/apis/apps/v1/namespaces/default/deployments/web/scale', body: {} },
  { method: 'PATCH', path: '/api/v1/nodes/node-1', body: {}, contentType: 'application/merge-patch+json' },
  { method: 'DELETE', path: '/api/v1/namespaces/default/pods/web-1' },
  { method: 'DELETE', path: '/api/v1/namespaces/default/pods' },
  // A review path with a suffix is not a review.
  { method: 'POST', path: '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews/x', body: {} },
];

test('every mutating request is refused before it leaves the process; reads and reviews go through', async () => {
  const client = readOnlyClient(raw, '--readonly');
  assert.ok(isReadOnlyClient(client));
  assert.ok(!isReadOnlyClient(raw));
  for (const req of MUTATIONS) {
    assert.ok(isMutatingRequest(req), `${req.method} ${req.path} counts as mutating`);
    await assert.rejects(client.request(req), (e: unknown) => e instanceof ReadOnlyError && e.message === `read-only: ${req.method} ${req.path} was not sent (--readonly)`);
    await assert.rejects(client.requestJson(req), ReadOnlyError);
  }
  assert.equal(server.seen.length, 0, 'no refused request reached the server');

  await client.requestJson({ path: '/api/v1/namespaces/default/pods' });
  for (const path of ['/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', '/apis/authorization.k8s.io/v1/selfsubjectrulesreviews', '/apis/authentication.k8s.io/v1/selfsubjectreviews', '/apis/authentication.k8s.io/v1/tokenreviews']) {
    await client.requestJson({ method: 'POST', path, body: {} });
  }
  assert.deepEqual(server.seen.map((r) => r.method), ['GET', 'POST', 'POST', 'POST', 'POST']);
  // The unwrapped client still sends mutations.
  await raw.requestJson(MUTATIONS[0]);
  assert.equal(server.seen.at(-1)?.path, '/api/v1/namespaces/default/pods');
});

test('where read-only comes from: the flag, the context in config.yaml, the global setting', () => {
  const cfg = parseConfig('readOnly: true\ncontexts:\n  dev: {readOnly: false}\n  prod: {readOnly: true}\n', 'c.yaml');
  assert.equal(readOnlyReason(cfg, true, 'dev'), '--readonly');
  assert.equal(readOnlyReason(cfg, false, 'dev'), undefined);
  assert.equal(readOnlyReason(cfg, false, 'prod'), 'readOnly: true for context "prod" in config.yaml');
  assert.equal(readOnlyReason(cfg, false, 'other'), 'readOnly: true in config.yaml');
  assert.equal(readOnlyReason(parseConfig('contexts: {prod: {readOnly: true}}\n', 'c.yaml'), false, 'dev'), undefined);
  assert.throws(() => parseConfig('contexts: {prod: {readOnly: 1}}\n', 'c.yaml'), /"contexts\.prod\.readOnly" must be true or false/);
  assert.throws(() => parseConfig('contexts: {prod: {colour: red}}\n', 'c.yaml'), /"contexts\.prod\.colour" is not a known context setting/);
});
