import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LARGE_VIEW_ROWS, mergePodSnapshots, podMetricScopes } from '../../src/ui-state/metrics-hooks.js';
import { row } from './helpers/fakes.js';

test('metrics scopes: a namespace view its namespace; a small all-namespaces view the whole cluster once synced', () => {
  assert.deepEqual(podMetricScopes('team-a', 90_000, false, []), ['team-a']);
  assert.deepEqual(podMetricScopes(undefined, 0, false, []), [], 'still listing: the size is not known, nothing fetched yet');
  assert.deepEqual(podMetricScopes(undefined, LARGE_VIEW_ROWS, true, []), [undefined]);
});

test('a large all-namespaces view fetches the namespaces on screen only (at most 8), never the whole cluster', () => {
  const screen = ['b', 'a', 'b', 'c'].map((ns, i) => row(`p${i}`, { namespace: ns }));
  assert.deepEqual(podMetricScopes(undefined, 50_000, true, screen), ['a', 'b', 'c']);
  const many = Array.from({ length: 20 }, (_, i) => row(`p${i}`, { namespace: `ns-${String(i).padStart(2, '0')}` }));
  assert.equal(podMetricScopes(undefined, 50_000, true, many).length, 8);
  assert.deepEqual(podMetricScopes(undefined, 50_000, true, []), [], 'nothing on screen yet: nothing fetched');
});

test('snapshots of several namespaces merge their figures; trouble in one is the state', () => {
  const u = (cpu: number) => ({ cpuMillis: cpu, memoryBytes: 1 }) as never;
  const a = { state: { status: 'ok' as const, at: 1 }, usage: new Map([['a/p', u(1)]]), resources: new Map([['uid-a', {} as never]]) };
  const b = { state: { status: 'unavailable' as const, reason: 'forbidden' }, usage: new Map([['b/q', u(2)]]), resources: new Map() };
  const m = mergePodSnapshots([a, b]);
  assert.deepEqual([...m.usage.keys()], ['a/p', 'b/q']);
  assert.deepEqual([...m.resources.keys()], ['uid-a']);
  assert.deepEqual(m.state, b.state);
  assert.equal(mergePodSnapshots([a]), a, 'one feed: its snapshot as it is');
});
