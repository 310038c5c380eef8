// Paging (list.ts): every page of a continued list comes from the snapshot of the first page, whatever
// changes in between (etcd reads the continued pages at the first page's revision).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { call } from './http-helpers.js';

describe('list paging', () => {
  let sim: Simulator;
  let base: string;
  before(async () => {
    sim = await startSimulator({ controllers: false, pods: 80, seed: 6 });
    base = sim.clusters[0].url;
  });
  after(async () => {
    await sim?.stop();
  });

  test('pages after the first show the first page snapshot: no later creates, deletes or updates', async () => {
    const store = sim.clusters[0].store;
    const before = (await call(`${base}/api/v1/pods`)).json();
    const first = (await call(`${base}/api/v1/pods?limit=5`)).json();
    assert.ok(first.metadata.continue);
    const names = (l: { items: { metadata: { namespace: string; name: string } }[] }) => l.items.map((p) => `${p.metadata.namespace}/${p.metadata.name}`);
    const rest = before.items.slice(5);
    // Change the part not read yet: delete one, modify one, add one that sorts into it.
    const gone = rest[3];
    const changed = rest[10];
    store.remove('pods', gone.metadata.namespace, gone.metadata.name);
    const cur = store.get('pods', changed.metadata.namespace, changed.metadata.name)!;
    store.update('pods', { ...cur, metadata: { ...cur.metadata, labels: { ...cur.metadata.labels, touched: 'yes' } } });
    store.create('pods', { ...structuredClone(rest[0]), metadata: { name: `${rest[0].metadata.name}-late`, namespace: rest[0].metadata.namespace } });
    const seen = [...first.items];
    let token = first.metadata.continue as string;
    while (token) {
      const page = (await call(`${base}/api/v1/pods?limit=7&continue=${token}`)).json();
      assert.equal(page.metadata.resourceVersion, first.metadata.resourceVersion, 'every page names the snapshot RV');
      seen.push(...page.items);
      token = page.metadata.continue ?? '';
    }
    assert.deepEqual(names({ items: seen }), names(before));
    const again = seen.find((p) => p.metadata.name === changed.metadata.name && p.metadata.namespace === changed.metadata.namespace)!;
    assert.equal(again.metadata.labels.touched, undefined, 'the update came after the snapshot');
    assert.equal(again.metadata.resourceVersion, changed.metadata.resourceVersion);
    // A fresh list sees the changes.
    const now = (await call(`${base}/api/v1/pods`)).json();
    assert.equal(now.items.length, before.items.length);
    assert.ok(!names(now).includes(`${gone.metadata.namespace}/${gone.metadata.name}`));
  });
});
