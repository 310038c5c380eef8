import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { goalTable, readLatest, sizeColumns, sizeTable } from '../../bench/summary.js';
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

const forward: WrittenResults = {
  ...base,
  bench: 'forward',
  sizeColumn: 'transfer',
  labels: { mbPerS: 'forward MB/s' },
  rows: [
    { transfer: '1 MB × 200', client: 'kubectl', mbPerS: 50 },
    { transfer: '1 MB × 200', client: 'kdeck', mbPerS: 60 },
    { transfer: '1 MB × 200', client: 'floor', mbPerS: 200 },
    { transfer: '100 MB × 1', client: 'kdeck', mbPerS: 80 },
    { transfer: '100 MB × 1', client: 'floor', mbPerS: 400 },
  ],
  goals: [],
};

test('a bench sized in something else than pods gets its own table, sizes in the order it wrote them', () => {
  assert.deepEqual(sizeColumns([forward, engine, ui]), ['pods', 'transfer']);
  const pods = sizeTable([engine, forward, ui]);
  assert.doesNotMatch(pods, /MB\/s|transfer/, 'the pods table leaves the forward rows out');
  const lines = sizeTable([engine, forward, ui], 'transfer').split('\n');
  assert.match(lines[0]!, /\| transfer +\| client +\| forward MB\/s +\|/);
  assert.match(lines[2]!, /\| 1 MB × 200 \| floor +\| 200 +\|/);
  assert.match(lines[3]!, /\| 1 MB × 200 \| kdeck +\| 60 \(0\.30x\) +\|/);
  assert.match(lines[4]!, /\| 1 MB × 200 \| kubectl +\| 50 \(0\.25x\) +\|/);
  assert.match(lines[5]!, /\| 100 MB × 1 \| floor +\| 400 +\|/);
  assert.match(lines[6]!, /\| 100 MB × 1 \| kdeck +\| 80 \(0\.20x\) +\|/);
  assert.equal(lines.length, 7);
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
