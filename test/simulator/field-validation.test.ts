// Server-side field validation (field-validation.ts) over real HTTP: Strict refuses undeclared fields with the
// strict decoding error, Warn (the default) answers with Warning headers, Ignore lets them through; every
// seeded object passes.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { builtinCatalogue, findByKey } from '../../src/simulator/resources.js';
import { unknownFields } from '../../src/simulator/field-validation.js';
import type { MemoryStore } from '../../src/simulator/store.js';
import { call } from './http-helpers.js';

describe('field validation', { concurrency: true }, () => {
  let sim: Simulator;
  let base: string;
  const post = (path: string, body: object) => call(base + path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  before(async () => {
    sim = await startSimulator({ controllers: false, pods: 40, seed: 12 });
    base = sim.clusters[0].url;
  });
  after(async () => {
    await sim?.stop();
  });

  test('Strict: undeclared fields, nested ones with their path, are a 400 strict decoding error', async () => {
    const r = await post('/api/v1/namespaces/default/configmaps?fieldValidation=Strict', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'strict' }, bogus: 1, data: { a: 'b' } });
    assert.equal(r.status, 400);
    assert.equal(r.json().message, 'ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: unknown field "bogus"');
    assert.equal(sim.clusters[0].store.get('configmaps', 'default', 'strict'), undefined);
    const dep = await post('/apis/apps/v1/namespaces/default/deployments?fieldValidation=Strict', {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'strict' },
      spec: { selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'x', imagePullPolice: 'Always' }] } } },
    });
    assert.equal(dep.status, 400);
    assert.match(dep.json().message, /strict decoding error: unknown field "spec\.template\.spec\.containers\[0\]\.imagePullPolice"$/);
    const patch = await call(`${base}/apis/apps/v1/namespaces/team-a/deployments/web?fieldValidation=Strict`, { method: 'PATCH', headers: { 'Content-Type': 'application/strategic-merge-patch+json' }, body: JSON.stringify({ spec: { replicaz: 2 } }) });
    assert.equal(patch.status, 400);
    assert.match(patch.json().message, /unknown field "spec\.replicaz"/);
  });

  test('Warn (and no parameter) store the object and answer with Warning headers; Ignore is silent', async () => {
    const warn = await post('/api/v1/namespaces/default/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'warned' }, bogus: 1 });
    assert.equal(warn.status, 201, warn.text);
    assert.equal(warn.headers.warning, '299 - "unknown field \\"bogus\\""');
    const ignore = await post('/api/v1/namespaces/default/configmaps?fieldValidation=Ignore', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'ignored' }, bogus: 1 });
    assert.equal(ignore.status, 201);
    assert.equal(ignore.headers.warning, undefined);
  });

  test('every seeded object passes Strict', () => {
    const store = sim.clusters[0].store as MemoryStore;
    const catalogue = builtinCatalogue(33);
    for (const key of store.resources()) {
      const def = findByKey(key, catalogue);
      if (!def) continue;
      for (const o of store.list(key)) assert.deepEqual(unknownFields(def, o), [], `${key} ${o.metadata.namespace}/${o.metadata.name}`);
    }
  });
});
