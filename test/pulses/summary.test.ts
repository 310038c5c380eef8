import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countDeployments, countNodes, countPods, sparkline, UsageHistory, warningsPerMinute } from '../../src/pulses/summary.js';
import type { Row, TableColumn } from '../../src/api/row.js';

const col = (name: string): TableColumn => ({ name, type: 'string', format: '', description: '', priority: 0 });
const row = (name: string, cells: unknown[], extra: Partial<Row> = {}): Row => ({ uid: name, name, cells, labels: {}, ownerUids: [], resourceVersion: '1', ...extra });

test('pods by health, deployments and nodes ready', () => {
  const pc = [col('Name'), col('Ready'), col('Status'), col('Restarts'), col('Age')];
  const pods = [row('a', ['a', '1/1', 'Running', 0, '1m']), row('b', ['b', '0/1', 'Pending', 0, '1m']), row('c', ['c', '0/1', 'CrashLoopBackOff', 3, '1m']), row('d', ['d', '0/1', 'Completed', 0, '1m']), row('e', ['e', '1/1', 'Running', 0, '1m'], { deletionTimestamp: 'x' })];
  assert.deepEqual(countPods(pods, pc), { ok: 1, pending: 1, failing: 1, completed: 1, terminating: 1 });
  const dc = [col('Name'), col('Ready'), col('Up-to-date'), col('Available'), col('Age')];
  assert.deepEqual(countDeployments([row('x', ['x', '2/2']), row('y', ['y', '1/3']), row('z', ['z', '0/0'])], dc), { ready: 2, notReady: 1 });
  const nc = [col('Name'), col('Status')];
  assert.deepEqual(countNodes([row('n1', ['n1', 'Ready']), row('n2', ['n2', 'Ready,SchedulingDisabled']), row('n3', ['n3', 'NotReady'])], nc), { ready: 2, notReady: 1 });
});

test('warning events per minute from LAST SEEN, oldest minute first', () => {
  const ec = [col('Last Seen'), col('Type'), col('Reason')];
  const now = Date.parse('2026-01-01T00:10:00Z');
  const ev = [
    row('1', ['10s', 'Warning', 'BackOff']),
    row('2', ['50s', 'Warning', 'BackOff']),
    row('3', ['2m30s', 'Warning', 'Failed']),
    row('4', ['30s', 'Normal', 'Pulled']),
    row('5', ['11m', 'Warning', 'Old']),
    row('6', ['<unknown>', 'Warning', 'X'], { creationTimestamp: '2026-01-01T00:05:30Z' }),
  ];
  assert.deepEqual(warningsPerMinute(ev, ec, now), [0, 0, 0, 0, 0, 1, 0, 1, 0, 2]);
});

test('sparklines and the 10-minute usage history', () => {
  assert.equal(sparkline([0, 0.5, 1], 3, 1), '▁▅█');
  assert.equal(sparkline([1, 1], 4, 2), '  ▅▅');
  assert.equal(sparkline([3], 1, 1), '█', 'over 100% is a full bar, not a crash');
  const h = new UsageHistory();
  const t0 = 1_000_000;
  for (let i = 0; i < 50; i++) h.push(t0 + i * 15_000, i / 100, 0.5);
  h.push(t0 + 49 * 15_000, 9, 9); // the same sample again is ignored
  const s = h.series(t0 + 49 * 15_000);
  assert.equal(s.cpu.length, 40);
  assert.equal(s.cpu[39], 0.49);
  assert.equal(h.series(t0 + 49 * 15_000 + 11 * 60_000).cpu.length, 0, 'older than 10 minutes drops out');
});
