// The store as etcd in miniature: one global RV, bounded history with compaction, cached serialization.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryStore } from '../../src/simulator/store.js';
import type { SimEvent } from '../../src/simulator/types.js';

test('every write to any resource takes the next global resourceVersion', () => {
  const s = new MemoryStore({ startRv: 100 });
  const a = s.create('configmaps', { metadata: { name: 'a', namespace: 'ns' }, data: {} });
  const d = s.create('deployments.apps', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd', namespace: 'ns' }, spec: { replicas: 1 } });
  const a2 = s.update('configmaps', { ...a, data: { x: '1' } });
  assert.deepEqual([a.metadata.resourceVersion, d.metadata.resourceVersion, a2.metadata.resourceVersion], ['101', '102', '103']);
  assert.equal(s.currentRv(), 103);
  assert.equal(d.metadata.generation, 1);
  const d2 = s.update('deployments.apps', { ...d, metadata: { ...d.metadata, labels: { x: 'y' } } });
  assert.equal(d2.metadata.generation, 1, 'metadata changes keep the generation');
  const d3 = s.update('deployments.apps', { ...d2, spec: { replicas: 2 } });
  assert.equal(d3.metadata.generation, 2, 'spec changes bump it');
  const gone = s.remove('configmaps', 'ns', 'a');
  assert.equal(gone?.metadata.resourceVersion, '106', 'the DELETED state carries the RV of the deletion');
});

test('writes copy their input; listeners see ADDED/MODIFIED/DELETED', () => {
  const s = new MemoryStore();
  const seen: string[] = [];
  const off = s.subscribe((e: SimEvent) => seen.push(`${e.type} ${e.object.metadata.name}`));
  const input = { metadata: { name: 'x', namespace: 'n', labels: { a: '1' } }, data: {} };
  s.create('configmaps', input);
  input.metadata.labels.a = 'changed';
  assert.equal(s.get('configmaps', 'n', 'x')?.metadata.labels?.a, '1');
  s.update('configmaps', { ...s.get('configmaps', 'n', 'x')!, data: { k: 'v' } });
  s.remove('configmaps', 'n', 'x');
  off();
  s.create('configmaps', { metadata: { name: 'y', namespace: 'n' } });
  assert.deepEqual(seen, ['ADDED x', 'MODIFIED x', 'DELETED x']);
  assert.throws(() => s.create('configmaps', { metadata: { name: 'y', namespace: 'n' } }), /already exists/);
});

test('a stored object is what a JSON round trip of the input gives (undefined dropped, kind and apiVersion first)', () => {
  const s = new MemoryStore();
  const shared = { cpu: '100m' };
  const input = {
    metadata: { name: 'p', namespace: 'n', annotations: { gone: undefined as unknown as string } },
    spec: { a: [1, undefined, Infinity, 'x'], r: shared, s: shared, when: new Date(0), empty: {}, n: null },
    kind: 'Pod',
    apiVersion: 'v1',
  };
  const stored = s.create('pods', input);
  const { kind, apiVersion, ...rest } = input;
  const expected = JSON.parse(JSON.stringify({ kind, apiVersion, ...rest, metadata: stored.metadata }));
  assert.deepEqual(stored, expected);
  assert.deepEqual(Object.keys(stored).slice(0, 2), ['kind', 'apiVersion']);
  assert.equal(s.entry('pods', 'n', 'p')!.fullJson('Pod', 'v1'), JSON.stringify(expected));
  shared.cpu = '1';
  const spec = stored.spec as { r: { cpu: string }; s: { cpu: string } };
  assert.deepEqual([spec.r.cpu, spec.s.cpu], ['100m', '100m'], 'nothing of the input is shared');
  assert.notEqual(spec.r, spec.s);
});

test('history is bounded: resuming from an RV older than the window is "expired"; compact() forgets it all', () => {
  const s = new MemoryStore({ historySize: 3, startRv: 10 });
  for (let i = 0; i < 5; i++) s.create('configmaps', { metadata: { name: `c${i}`, namespace: 'n' } });
  assert.equal(s.eventsSince('configmaps', 11), 'expired');
  const recent = s.eventsSince('configmaps', 12);
  assert.ok(Array.isArray(recent));
  assert.deepEqual((recent as { stored: { object: { metadata: { name: string } } } }[]).map((e) => e.stored.object.metadata.name), ['c2', 'c3', 'c4']);
  s.compact();
  assert.equal(s.eventsSince('configmaps', 14), 'expired');
  assert.deepEqual(s.eventsSince('configmaps', 15), []);
});

test('entries come in key order and per namespace; serialization matches JSON.stringify', () => {
  const s = new MemoryStore();
  for (const [ns, name] of [['b', 'z'], ['a', 'y'], ['b', 'a'], ['a-x', 'q']]) {
    s.create('pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: ns }, spec: { containers: [] } });
  }
  assert.deepEqual(s.entries('pods').map((e) => e.key), ['a-x/q', 'a/y', 'b/a', 'b/z']);
  assert.deepEqual(s.entries('pods', 'b').map((e) => e.key), ['b/a', 'b/z']);
  const e = s.entry('pods', 'b', 'a')!;
  const { kind: _k, apiVersion: _a, ...rest } = e.object;
  assert.equal(e.body(), JSON.stringify(rest));
  assert.deepEqual(JSON.parse(e.fullJson('Pod', 'v1')), e.object);
  assert.ok(e.fullJson('Pod', 'v1').startsWith('{"kind":"Pod","apiVersion":"v1",'));
});
