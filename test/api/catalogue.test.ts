// Discovery from the captured fixtures, both aggregated and legacy, and kubectl's name resolution.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { ResourceCatalogue, resourceId } from '../../src/api/catalogue.js';
import { resourcePath } from '../../src/api/requests.js';
import { humanDuration } from '../../src/api/duration.js';
import { decodeListPage } from '../../src/api/table.js';
import { plainClient } from '../helpers/plain-client.js';

const FIX = '/work/shared/fixtures';
const fixture = (p: string) => readFileSync(`${FIX}/${p}`, 'utf8');

function serve(aggregated: boolean): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const wantsAgg = (req.headers.accept ?? '').includes('as=APIGroupDiscoveryList');
    const agg = aggregated && wantsAgg;
    const aggType = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';
    const files: Record<string, [string, string]> = agg
      ? { '/api': ['discovery/aggregated-api.json', aggType], '/apis': ['discovery/aggregated-apis.json', aggType] }
      : { '/api': ['discovery/api.json', 'application/json'], '/apis': ['discovery/apis.json', 'application/json'], '/api/v1': ['discovery/api-v1.json', 'application/json'], '/apis/apps/v1': ['discovery/apis-apps-v1.json', 'application/json'] };
    const f = files[req.url ?? ''];
    if (!f) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('404 page not found');
    res.writeHead(200, { 'content-type': f[1] }).end(fixture(f[0]));
  });
  return new Promise((r) => server.listen(0, '127.0.0.1', () => r({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server })));
}

for (const aggregated of [true, false]) {
  describe(`ResourceCatalogue (${aggregated ? 'aggregated' : 'legacy'} discovery)`, () => {
    let srv: { url: string; server: Server };
    let cat: ResourceCatalogue;
    before(async () => {
      srv = await serve(aggregated);
      const client = plainClient(srv.url);
      cat = await ResourceCatalogue.discover(client);
      await client.close();
    });
    after(() => new Promise<void>((r) => srv.server.close(() => r())));

    test('resolves plural, singular, short name, Kind and qualified names, core first', () => {
      for (const n of ['pods', 'pod', 'po', 'Pod', 'PODS', 'pods.v1.']) assert.equal(cat.resolve(n)?.resource, 'pods', n);
      for (const n of ['deploy', 'deployments', 'Deployment', 'deployments.apps', 'deployments.v1.apps', 'apps/v1/deployments']) {
        const r = cat.resolve(n);
        assert.equal(r && resourceId(r), 'deployments.apps', n);
      }
      if (!aggregated) assert.equal(cat.resolve('events')?.group, '', 'events means core/v1');
      if (aggregated) assert.equal(cat.resolve('ct')?.group, 'stable.example.com', 'CRD short name');
      assert.equal(cat.resolve('nope'), undefined);
      assert.equal(cat.resolve('svc')?.namespaced, true);
      assert.equal(cat.resolve('ns')?.namespaced, false);
    });

    test('subresources are excluded as resources but kept on their parent; completions list names', () => {
      assert.ok(cat.all().every((r) => !r.resource.includes('/')));
      for (const s of ['log', 'exec', 'portforward']) assert.ok(cat.resolve('pods')!.subresources?.includes(s), `pods/${s}`);
      assert.ok(cat.resolve('deploy')!.subresources?.includes('scale'));
      assert.ok(!cat.resolve('configmaps')!.subresources?.includes('scale'));
      assert.ok(cat.all().length >= 6);
      const c = cat.completions('de');
      assert.ok(c.includes('deploy') && c.includes('deployments') && c.includes('deployments.apps'), c.join(','));
      assert.equal(resourcePath(cat.resolve('deploy')!, 'team-a', 'web'), '/apis/apps/v1/namespaces/team-a/deployments/web');
      assert.equal(resourcePath(cat.resolve('ns')!, 'ignored'), '/api/v1/namespaces');
    });
  });
}

describe('Table decoding and ages', () => {
  test('the fixture Table becomes rows with uid, labels and columns', () => {
    const page = decodeListPage(JSON.parse(fixture('table/pods-table.json')));
    assert.equal(page.isTable, true);
    assert.equal(page.columns[0]!.name, 'Name');
    assert.ok(page.rows.length > 0);
    const r = page.rows[0]!;
    assert.ok(r.uid && r.name && r.resourceVersion);
    assert.equal(r.cells[0], r.name);
  });

  test('humanDuration follows kubectl', () => {
    const s = 1000;
    const cases: [number, string][] = [[5 * s, '5s'], [119 * s, '119s'], [125 * s, '2m5s'], [300 * s, '5m'], [3 * 3600 * s - s, '179m'], [3 * 3600 * s + 60 * s, '3h1m'], [30 * 3600 * s, '30h'], [50 * 3600 * s, '2d2h'], [10 * 86400 * s, '10d'], [800 * 86400 * s, '2y70d'], [-5 * s, '<invalid>']];
    for (const [ms, want] of cases) assert.equal(humanDuration(ms), want, String(ms));
  });
});
