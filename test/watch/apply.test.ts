// StoreApplier: what a list or an event means for the rows; the one reconcile-after-list.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { RowStore } from '../../src/store/row-store.js';
import type { Row } from '../../src/api/row.js';
import { StoreApplier, type ChangeCounts } from '../../src/watch/apply.js';

const row = (i: number, rv = '1'): Row => ({ uid: `u${i}`, namespace: 'ns', name: `p${i}`, cells: [`p${i}`], labels: {}, ownerUids: [], resourceVersion: rv });

function sum(changes: ChangeCounts[]): ChangeCounts {
  return changes.reduce((a, c) => ({ added: a.added + c.added, updated: a.updated + c.updated, removed: a.removed + c.removed, reset: a.reset || c.reset }), { added: 0, updated: 0, removed: 0, reset: false });
}

describe('StoreApplier', () => {
  test('a relist diffs: unchanged rows keep their identity, changed ones update, unseen ones go at finish', () => {
    const store = new RowStore();
    const changes: ChangeCounts[] = [];
    const apply = new StoreApplier(store, (c) => changes.push(c));
    const first = [row(1), row(2), row(3)];
    const l1 = apply.relist();
    first.forEach((r) => l1.upsert(r));
    l1.finish();
    assert.deepEqual(sum(changes), { added: 3, updated: 0, removed: 0, reset: true });
    changes.length = 0;

    const l2 = apply.relist();
    l2.upsert(first[0]!);
    l2.upsert(row(2, '2'));
    l2.upsert(row(4));
    assert.equal(store.size, 4, 'nothing is removed before the list is complete (no empty flash)');
    l2.finish();
    assert.deepEqual(sum(changes), { added: 1, updated: 1, removed: 1, reset: true });
    assert.equal(store.get('u1'), first[0], 'an unchanged row is the same object');
    assert.deepEqual([...store.values()].map((r) => r.uid).sort(), ['u1', 'u2', 'u4']);
  });

  test('a row deleted during a streamed list is not kept by it; plain events count one by one', () => {
    const store = new RowStore();
    const changes: ChangeCounts[] = [];
    const apply = new StoreApplier(store, (c) => changes.push(c));
    apply.upsert(row(9));
    const l = apply.relist();
    l.upsert(row(1));
    l.remove('u1');
    l.finish();
    assert.equal(store.size, 0);
    changes.length = 0;
    apply.upsert(row(5));
    apply.upsert(row(5)); // same resourceVersion: nothing
    apply.upsert(row(5, '2'));
    apply.remove('u5');
    apply.remove('u5');
    assert.deepEqual(sum(changes), { added: 1, updated: 1, removed: 1, reset: false });
  });

  test('a streamed batch of a list page is one change; the first list into an empty store and a later one both reconcile', () => {
    const store = new RowStore();
    const changes: ChangeCounts[] = [];
    const apply = new StoreApplier(store, (c) => changes.push(c));
    const l1 = apply.relist();
    l1.upsertAll([row(1), row(2), row(3)]);
    l1.upsertAll([row(4)]);
    assert.deepEqual(changes, [{ added: 3, updated: 0, removed: 0, reset: false }, { added: 1, updated: 0, removed: 0, reset: false }]);
    l1.remove('u4');
    l1.finish();
    assert.deepEqual([...store.values()].map((r) => r.uid), ['u1', 'u2', 'u3']);
    changes.length = 0;
    const l2 = apply.relist();
    l2.upsertAll([row(1), row(3, '2')]);
    l2.finish();
    assert.deepEqual(sum(changes), { added: 0, updated: 1, removed: 1, reset: true });
    assert.deepEqual([...store.values()].map((r) => r.uid), ['u1', 'u3']);
  });
});
