import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { goalTable, ISSUE_13, readLatest, sizeColumns, sizeTable, unanswered } from '../../bench/summary.js';
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
  assert.match(lines[2]!, /\| 1,000 +\| floor +\| 40 +\| +\|/);
  assert.match(lines[3]!, /\| 1,000 +\| kdeck +\| 60 \(1\.50x\) +\| 25 +\|/);
  // Every size of issue 13 lists every peer; what no bench measured says so.
  assert.match(lines[4]!, /\| 1,000 +\| kubectl +\| not measured in this run +\| +\|/);
  assert.match(lines[5]!, /\| 1,000 +\| client-node +\| not measured in this run/);
  assert.deepEqual(lines.slice(2).map((l) => l.split('|').slice(1, 3).map((c) => c.trim()).join(' ')), [1000, 10_000, 50_000, 200_000].flatMap((n) => ['floor', 'kdeck', 'kubectl', 'client-node'].map((c) => `${n.toLocaleString('en-US')} ${c}`)));
  assert.match(lines.at(-1)!, /\| 200,000 \| client-node +\| not measured \(needs --200k\)/);
});

test('a client that failed shows why in place of its figure, beside the others', () => {
  const failedRun: WrittenResults = { ...engine, rows: [{ pods: 200_000, client: 'floor', syncMs: 4000 }, { pods: 200_000, client: 'kubectl', syncMs: 'did not finish in 180 s' }, { pods: 200_000, client: 'client-node', syncMs: 'out of memory' }] };
  const t = sizeTable([failedRun]);
  assert.match(t, /\| 200,000 \| kubectl +\| did not finish in 180 s +\|/);
  assert.match(t, /\| 200,000 \| client-node +\| out of memory +\|/);
  assert.match(t, /\| 200,000 \| kdeck +\| not measured \(needs --200k\) +\|/);
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

test('every goal of issue 13 is listed: one no bench reported is NOT MEASURED, saying which bench and why', () => {
  const t = goalTable([engine, ui], ['scale']);
  const rows = t.split('\n').slice(2);
  assert.equal(rows.filter((l) => l.includes('| #13 ')).length, 3 + unanswered([engine, ui]).length);
  // ui reported 'key→frame' (answers the 50,000-row goal) and 'flip'; engine 'sync' answers none of the checklist.
  assert.ok(!unanswered([engine, ui]).some((g) => /warm context flip/.test(g.goal)));
  assert.match(t, /\| scale +\| namespace view key→frame p99 with 2,000 namespaces +\| n\/a +\| < 50 ms +\| NOT MEASURED \| the scale bench failed in this run/);
  assert.match(t, /\| engine +\| time until synced at 200,000 pods vs the floor +\| n\/a .*\| NOT MEASURED \| the engine bench does not report it/);
  assert.match(t, /\| ui +\| first painted row at 1,000 pods .*\| NOT MEASURED \| the ui bench does not report it/);
  assert.equal(unanswered([engine, ui]).length, ISSUE_13.length - 2);
  const all: WrittenResults = { ...base, bench: 'all', goals: ISSUE_13.map((c) => ({ issue: '13', goal: c.goal, measured: '1', target: c.target, met: true })) };
  assert.deepEqual(unanswered([all]), [], 'each checklist goal recognises its own wording');
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
