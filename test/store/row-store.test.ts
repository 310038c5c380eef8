import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { RowStore } from '../../src/store/row-store.js';
import type { FilterSpec, RowView } from '../../src/store/row-store.js';
import { madeSearchText } from '../../src/store/search-text.js';
import type { Row, TableColumn } from '../../src/api/row.js';

const columns: TableColumn[] = [
  { name: 'Name', type: 'string', format: 'name', description: '', priority: 0 },
  { name: 'Ready', type: 'string', format: '', description: '', priority: 0 },
  { name: 'Status', type: 'string', format: '', description: '', priority: 0 },
  { name: 'Restarts', type: 'string', format: '', description: '', priority: 0 },
  { name: 'Age', type: 'string', format: '', description: '', priority: 0 },
];

let rv = 1;
function pod(i: number, opts: { ns?: string; status?: string; ready?: string; restarts?: string; created?: number; owners?: string[] } = {}): Row {
  const name = `pod-${String(i).padStart(5, '0')}`;
  return {
    uid: `uid-${i}`,
    namespace: opts.ns ?? `ns-${i % 3}`,
    name,
    cells: [name, opts.ready ?? '1/1', opts.status ?? 'Running', opts.restarts ?? '0', '1m'],
    labels: { app: `a${i % 2}` },
    creationTimestamp: new Date(Date.UTC(2025, 0, 1, 0, 0, opts.created ?? i)).toISOString(),
    ownerUids: opts.owners ?? [],
    resourceVersion: String(rv++),
  };
}

function names(v: RowView): string[] {
  return v.rows(0, v.length).map((r) => r.name);
}

/** The oracle: what a from-scratch view with the same options holds. */
function fresh(store: RowStore, opts: Parameters<RowStore['view']>[0]): string[] {
  const copy = new RowStore();
  copy.setColumns(store.columns);
  for (const r of store.values()) copy.upsert(r);
  return names(copy.view(opts));
}

describe('RowStore', () => {
  test('upsert, remove, counts per namespace, same resourceVersion is a no-op', () => {
    const s = new RowStore();
    s.setColumns(columns);
    for (let i = 0; i < 9; i++) s.upsert(pod(i));
    assert.equal(s.size, 9);
    assert.deepEqual([...s.countsByNamespace()].sort(), [['ns-0', 3], ['ns-1', 3], ['ns-2', 3]]);
    const p = s.get('uid-4')!;
    assert.equal(s.upsert({ ...p }), 'unchanged');
    assert.equal(s.upsert({ ...p, resourceVersion: 'x' }), 'updated');
    assert.equal(s.remove('uid-4')?.name, 'pod-00004');
    assert.equal(s.remove('uid-4'), undefined);
    assert.equal(s.countsByNamespace().get('ns-1'), 2);
    assert.equal(s.size, 8);
  });

  test('default view is namespace then name; sort by a column, descending, and Age youngest first', () => {
    const s = new RowStore();
    s.setColumns(columns);
    s.upsert(pod(1, { ns: 'b', restarts: '10' }));
    s.upsert(pod(2, { ns: 'a', restarts: '9 (5m ago)' }));
    s.upsert(pod(3, { ns: 'a', restarts: '0' }));
    assert.deepEqual(names(s.view({})), ['pod-00002', 'pod-00003', 'pod-00001']);
    assert.deepEqual(names(s.view({ sort: { column: 'Restarts', descending: false } })), ['pod-00003', 'pod-00002', 'pod-00001']);
    assert.deepEqual(names(s.view({ sort: { column: 'Restarts', descending: true } })), ['pod-00001', 'pod-00002', 'pod-00003']);
    assert.deepEqual(names(s.view({ sort: { column: 'Name', descending: true } })), ['pod-00003', 'pod-00002', 'pod-00001']);
    assert.deepEqual(names(s.view({ sort: { column: 'Age', descending: false } })), ['pod-00003', 'pod-00002', 'pod-00001']);
  });

  test('filters: substring, regex, inverse, invalid regex as text, faults only', () => {
    const s = new RowStore();
    s.setColumns(columns);
    s.upsert(pod(1, { status: 'CrashLoopBackOff', ready: '0/1' }));
    s.upsert(pod(2));
    s.upsert(pod(3, { status: 'Running', ready: '1/2' }));
    s.upsert(pod(4, { status: 'Completed', ready: '0/1' }));
    assert.deepEqual(names(s.view({ filter: { text: 'CRASH', regex: false, invert: false } })), ['pod-00001']);
    assert.deepEqual(names(s.view({ filter: { text: 'pod-0000[23]\\b', regex: true, invert: false } })).sort(), ['pod-00002', 'pod-00003']);
    assert.deepEqual(names(s.view({ filter: { text: 'crash', regex: true, invert: true } })).length, 3);
    assert.deepEqual(names(s.view({ filter: { text: '(', regex: true, invert: false } })), []);
    assert.deepEqual(names(s.view({ faultsOnly: true })).sort(), ['pod-00001', 'pod-00003']);
  });

  test('views follow changes incrementally, one by one and in large batches, matching a fresh sort', () => {
    const s = new RowStore();
    s.setColumns(columns);
    const optsList = [
      {},
      { sort: { column: 'Status', descending: false } },
      { sort: { column: 'Restarts', descending: true }, faultsOnly: true },
      { filter: { text: 'ns-1', regex: false, invert: true } },
    ];
    const views = optsList.map((o) => s.view(o));
    for (let i = 0; i < 200; i++) s.upsert(pod(i));
    views.forEach((v, k) => assert.deepEqual(names(v), fresh(s, optsList[k])));
    // Small batches: a few changes between reads.
    let seed = 7;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648) % n);
    const statuses = ['Running', 'Pending', 'Error', 'Completed'];
    for (let round = 0; round < 50; round++) {
      const changes = round % 5 === 0 ? 300 : rnd(10) + 1; // every 5th round is a large batch (merge path)
      for (let c = 0; c < changes; c++) {
        const i = rnd(260);
        if (rnd(5) === 0) s.remove(`uid-${i}`);
        else s.upsert(pod(i, { status: statuses[rnd(4)], restarts: String(rnd(20)), ready: `${rnd(2)}/1` }));
      }
      views.forEach((v, k) => assert.deepEqual(names(v), fresh(s, optsList[k]), `round ${round} view ${k}`));
    }
    const v0 = views[0]!;
    const some = v0.rows(10, 11)[0]!;
    assert.equal(v0.indexOfUid(some.uid), 10);
    assert.equal(v0.indexOfUid('nope'), -1);
  });

  test('views read while a list streams in (batches of new rows, small and large) match a fresh sort', () => {
    const s = new RowStore();
    s.setColumns(columns);
    const optsList = [
      {},
      { sort: { column: 'Name', descending: false } },
      { sort: { column: 'Age', descending: true } },
      { sort: { column: 'Status', descending: false }, filter: { text: 'ns-2', regex: false, invert: true } },
      { ownerUid: 'rs-a' },
    ];
    const views = optsList.map((o) => s.view(o));
    views.forEach((v) => assert.equal(v.length, 0)); // read once empty, so later reads apply queued changes
    let seed = 11;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648) % n);
    const statuses = ['Running', 'Pending', 'Error'];
    // Arrival order is not the sort order: names are shuffled across batches.
    const order = Array.from({ length: 6000 }, (_, i) => i).sort(() => rnd(3) - 1);
    let at = 0;
    for (const size of [1, 5, 17, 300, 2000, 40, 3000, 637]) {
      for (const i of order.slice(at, at + size)) s.upsert(pod(i, { status: statuses[rnd(3)], created: rnd(1000), owners: i % 4 === 0 ? ['rs-a'] : [] }));
      at += size;
      views.forEach((v, k) => assert.deepEqual(names(v), fresh(s, optsList[k]), `after ${at} rows, view ${k}`));
    }
    assert.equal(s.size, 6000);
    assert.equal(s.ownedBy('rs-a').length, 1500);
  });

  test('owner index: an owner view holds exactly its rows, kept up to date as ownership changes', () => {
    const s = new RowStore();
    s.setColumns(columns);
    for (let i = 0; i < 30; i++) s.upsert(pod(i, { owners: i % 3 === 0 ? ['rs-a'] : i % 3 === 1 ? ['rs-b'] : [] }));
    const owned = (o: string) => [...s.values()].filter((r) => r.ownerUids.includes(o)).map((r) => r.uid).sort();
    assert.deepEqual(s.ownedBy('rs-a').map((r) => r.uid).sort(), owned('rs-a'));
    const va = s.view({ ownerUid: 'rs-a', sort: { column: 'Name', descending: true } });
    assert.equal(va.length, 10);
    s.upsert(pod(2, { owners: ['rs-a'] })); // adopted
    s.upsert(pod(3, { owners: [] })); // orphaned
    s.remove('uid-6');
    s.upsert(pod(4, { owners: ['rs-b', 'rs-a'] }));
    assert.deepEqual(names(va), fresh(s, { ownerUid: 'rs-a', sort: { column: 'Name', descending: true } }));
    assert.deepEqual(s.ownedBy('rs-a').map((r) => r.uid).sort(), owned('rs-a'));
    assert.deepEqual(s.ownedBy('rs-b').map((r) => r.uid).sort(), owned('rs-b'));
    assert.deepEqual(s.ownedBy('nobody'), []);
    assert.notEqual(s.view({ ownerUid: 'rs-b' }), va, 'views are keyed by owner too');
  });

  test('a filter typed live is picked from the view it narrows: the same rows as a fresh view, through changes', () => {
    const s = new RowStore();
    s.setColumns(columns);
    for (let i = 0; i < 60; i++) s.upsert(pod(i, { status: i % 4 === 0 ? 'CrashLoopBackOff' : 'Running' }));
    const byAge = { column: 'Age', descending: true };
    s.view({}).length;
    s.view({ sort: byAge }).length;
    const f = (text: string, more: Partial<{ regex: boolean; invert: boolean }> = {}) => ({ text, regex: false, invert: false, ...more });
    const typed = ['c', 'cr', 'CRA', 'crash', 'ns-1 pod-0001', 'p.d-0002', '!crash'];
    for (const [k, text] of typed.entries()) {
      const spec = text.startsWith('!') ? f(text.slice(1), { invert: true }) : f(text, { regex: text.includes('.') });
      for (const sort of [undefined, byAge]) {
        const v = s.view({ sort, filter: spec });
        assert.deepEqual(names(v), fresh(s, { sort, filter: spec }), `${text} ${sort ? 'by age' : ''}`);
        const faults = s.view({ sort, filter: spec, faultsOnly: true });
        assert.deepEqual(names(faults), fresh(s, { sort, filter: spec, faultsOnly: true }), `${text} faults only`);
      }
      // Changes between keystrokes: a wider view's queued changes are applied before rows are picked from it.
      s.upsert(pod(k, { status: 'CrashLoopBackOff', created: 1000 + k }));
      s.remove(`uid-${50 + k}`);
      s.upsert(pod(100 + k, { ns: 'ns-1', status: 'CrashLoopBackOff' }));
    }
  });

  test('filter views are evicted before the tables they narrow: clearing a long filter does not rebuild the table', () => {
    const s = new RowStore();
    s.setColumns(columns);
    for (let i = 0; i < 20; i++) s.upsert(pod(i));
    const table = s.view({});
    assert.equal(table.length, 20);
    for (const text of ['p', 'po', 'pod', 'pod-', 'pod-0', 'pod-00', 'pod-000', 'pod-0001', 'pod-00012', 'x', 'xy']) s.view({ filter: { text, regex: false, invert: false } }).length;
    assert.equal(s.view({}), table, 'the unfiltered view stayed attached');
    s.upsert(pod(99));
    assert.equal(table.length, 21);
  });

  test('many views: evicted views rebuild when read again', () => {
    const s = new RowStore();
    s.setColumns(columns);
    for (let i = 0; i < 20; i++) s.upsert(pod(i));
    const vs = Array.from({ length: 12 }, (_, i) => s.view({ filter: { text: `pod-000${String(i).padStart(2, '0')}`, regex: false, invert: false } }));
    vs.forEach((v) => assert.equal(v.length, 1));
    s.remove('uid-0');
    s.remove('uid-11');
    assert.equal(vs[0]!.length, 0);
    assert.equal(vs[11]!.length, 0);
    assert.equal(vs[5]!.length, 1);
    assert.equal(s.view({ filter: { text: 'pod-00005', regex: false, invert: false } }), vs[5]);
  });
  test('an evicted view read again beside a newer view of the same options: both keep up with changes', () => {
    const s = new RowStore();
    s.setColumns(columns);
    for (let i = 0; i < 20; i++) s.upsert(pod(i));
    const opts = { filter: { text: 'pod-0001', regex: false, invert: false } };
    const old = s.view(opts);
    assert.equal(old.length, 10);
    for (let i = 0; i < 10; i++) s.view({ filter: { text: `pod-000${String(i).padStart(2, '0')}`, regex: false, invert: false } }).length;
    const newer = s.view(opts);
    assert.notEqual(newer, old, 'the old view was evicted, so a new one was made');
    assert.equal(newer.length, 10);
    assert.equal(old.length, 10); // read again: re-attached under the same options
    s.upsert(pod(10, { ns: 'other' }));
    s.remove('uid-12');
    assert.equal(newer.length, 9, 'the newer view still hears of changes');
    assert.equal(old.length, 9);
  });
});

describe('RowStore filter texts made while idle (prepareSearchTexts)', () => {
  const spec = (text: string, more: Partial<FilterSpec> = {}): FilterSpec => ({ text, regex: false, invert: false, ...more });
  const FILTERS: FilterSpec[] = [
    spec('crash'),
    spec('CRASH'),
    spec('pod-0001'),
    spec('ns-1 pod-002'), // spans two fields: searched in the whole text
    spec('pod-00[12]3', { regex: true }),
    spec('running', { invert: true }),
    spec('7 (5m', { regex: false }),
    spec('(', { regex: true }), // an invalid regex matches as text
  ];

  /** The text a filter searches, written out plainly here rather than taken from the store's code. */
  const plainText = (r: Row) => [r.namespace ?? '', r.name, ...r.cells.map((c) => (c === null || c === undefined ? '' : String(c)))].join(' ').toLowerCase();

  /** The oracle: the store's rows the filter matches, by plainText, in the default order. */
  function expected(s: RowStore, f: FilterSpec): string[] {
    let re: RegExp | undefined;
    try {
      re = f.regex ? new RegExp(f.text, 'i') : undefined;
    } catch {
      re = undefined;
    }
    const hit = (r: Row) => (re ? re.test(plainText(r)) : plainText(r).includes(f.text.toLowerCase())) !== f.invert;
    const key = (r: Row) => `${r.namespace}\u0000${r.name}\u0000${r.uid}`;
    return [...s.values()].filter(hit).sort((a, b) => (key(a) < key(b) ? -1 : 1)).map((r) => r.name);
  }

  function row(i: number, restarts: number, status = 'Running'): Row {
    const r = pod(i, { status, restarts: `${restarts} (5m ago)` });
    r.cells.push(null, i % 7); // a missing cell and a number, as Tables have
    return r;
  }

  function checkFilters(s: RowStore, when: string): void {
    for (const f of FILTERS) assert.deepEqual(names(s.view({ filter: f })), expected(s, f), `${when}: ${f.invert ? '!' : ''}${f.text}`);
  }

  test('texts made in slices agree with texts made on demand, through updates, deletes and new rows', () => {
    const s = new RowStore();
    s.setColumns(columns);
    for (let i = 0; i < 3000; i++) s.upsert(row(i, i % 10));
    s.view({}).length; // the table on screen
    checkFilters(s, 'before any text was made');
    let slices = 0;
    let next = 3000;
    while (!s.prepareSearchTexts(0)) {
      slices++;
      // Between slices: one row changed in place, one removed, one new (views splice them), and every third slice a
      // batch of 40 changes (views merge them), then filters read mid-way.
      s.upsert(row(slices * 7, 7, 'CrashLoopBackOff'));
      s.remove(`uid-${slices * 11}`);
      s.upsert(row(next++, 1));
      if (slices % 3 === 0) for (let k = 0; k < 40; k++) s.upsert(row((slices * 97 + k * 13) % 3000, k % 10, k % 2 ? 'CrashLoopBackOff' : 'Running'));
      if (slices % 2 === 0) checkFilters(s, `after slice ${slices}`);
    }
    assert.ok(slices > 5, `made in slices (${slices})`);
    for (const r of s.values()) assert.equal(madeSearchText(r), plainText(r), `text of ${r.name}`);
    checkFilters(s, 'all texts made');
    // Changes after: a changed or new row gets its text with the change.
    for (let k = 0; k < 30; k++) s.upsert(row(k * 31, 3, 'CrashLoopBackOff'));
    for (let k = 0; k < 5; k++) s.remove(`uid-${k * 37 + 1}`);
    s.upsert(row(next++, 2));
    for (const r of s.values()) assert.equal(madeSearchText(r), plainText(r), `text of ${r.name} after the changes`);
    checkFilters(s, 'rows changed after');
    assert.equal(s.prepareSearchTexts(0), true, 'nothing left to do');
  });

  test('before the first call no text is made (a sync pays nothing for them); texts on demand are not kept', () => {
    const s = new RowStore();
    s.setColumns(columns);
    for (let i = 0; i < 50; i++) s.upsert(row(i, 1));
    checkFilters(s, 'cold');
    s.upsert(row(3, 4, 'CrashLoopBackOff'));
    for (const r of s.values()) assert.equal(madeSearchText(r), undefined, r.name);
    while (!s.prepareSearchTexts(5));
    for (const r of s.values()) assert.equal(madeSearchText(r), plainText(r), r.name);
  });

  test('a filter view keeps its rows\' texts in order through splices, in-place changes and merges', () => {
    const s = new RowStore();
    s.setColumns(columns);
    for (let i = 0; i < 500; i++) s.upsert(row(i, i % 10, i % 5 === 0 ? 'CrashLoopBackOff' : 'Running'));
    s.view({}).length;
    while (!s.prepareSearchTexts(5));
    const wide = s.view({ filter: spec('pod-00') }); // narrowed from the table with its texts, and keeps them
    wide.length;
    let next = 500;
    for (let round = 0; round < 6; round++) {
      s.upsert(row(round * 3, 9)); // same place: written in place
      s.remove(`uid-${round * 5 + 2}`); // spliced out
      s.upsert(row(next++, 1)); // spliced in
      if (round % 2) for (let k = 0; k < 30; k++) s.upsert(row(100 + round * 40 + k, round, 'CrashLoopBackOff')); // in place
      else for (let k = 0; k < 30; k++) s.upsert({ ...row(300 + round * 30 + k, round), namespace: `ns-${round + 5}` }); // moved: merged
      while (!s.prepareSearchTexts(5));
      // Narrower filters are picked from `wide` (and the table) by their texts: a text out of place shows up here.
      for (const f of [spec('pod-001'), spec('pod-0012'), spec('pod-00.3', { regex: true }), spec('crash')]) {
        assert.deepEqual(names(s.view({ filter: f })), expected(s, f), `round ${round}: ${f.text}`);
      }
      assert.deepEqual(names(wide), expected(s, spec('pod-00')), `round ${round}: the wide view`);
    }
  });
});
