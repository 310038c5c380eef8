import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { goalTable, readLatest, sizeTable } from '../../bench/summary.js';
import type { WrittenResults } from '../../bench/goals.js';

const base = { date: '2026-12-02T00:00:00.000Z', node: 'v24', loadStart: [1, 1, 1], loadEnd: [1, 1, 1], run: 'r1' };
const engine: WrittenResults = {
  ...base,
  bench: 'engine',
  labels: { syncMs: 'synced ms' },
  rows: [
    { pods: 1000, client: 'kdeck', syncMs: 60 },
    { pods: 1000, client: 'floor', syncMs: 40 },
  ],
  goals: [{ issue: '13', goal: 'sync', measured: '1.50x', target: '≤ 1.3x', met: false }],
};
const ui: WrittenResults = {
  ...base,
  bench: 'ui',
  rows: [{ pods: 1000, client: 'kdeck', keyFrameP99Ms: 25 }],
  goals: [
    { issue: '13', goal: 'key→frame', measured: '25 ms', target: '< 30 ms', met: true },
    { issue: '13', goal: 'flip', measured: 'n/a', target: '< 50 ms', met: false, note: 'not run' },
  ],
};

test('one line per size and client, every bench merged, ratios against the floor of the same size', () => {
  const lines = sizeTable([engine, ui]).split('\n');
  assert.match(lines[0]!, /\| pods +\| client +\| synced ms +\| key frame p99 ms +\|/);
  assert.match(lines[2]!, /\| 1,000 \| floor +\| 40 +\| +\|/);
  assert.match(lines[3]!, /\| 1,000 \| kdeck +\| 60 \(1\.50x\) +\| 25 +\|/);
  assert.equal(lines.length, 4);
});

test('every goal is marked MET, NOT MET or NOT MEASURED', () => {
  const t = goalTable([engine, ui]);
  assert.match(t, /sync .*\| NOT MET +\|/);
  assert.match(t, /key→frame .*\| MET +\|/);
  assert.match(t, /flip .*\| NOT MEASURED \| not run/);
});

test('only the files of this run are read; others are reported stale', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kdeck-summary-'));
  try {
    writeFileSync(join(dir, 'engine.json'), JSON.stringify(engine));
    writeFileSync(join(dir, 'ui.json'), JSON.stringify({ ...ui, run: 'r0' }));
    const { current, stale } = readLatest(dir, 'r1');
    assert.deepEqual(current.map((r) => r.bench), ['engine']);
    assert.deepEqual(stale.map((r) => r.bench), ['ui']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
