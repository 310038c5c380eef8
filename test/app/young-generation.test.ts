// capYoungGeneration: V8's young generation stops growing at the cap, whatever survives, and grows again once the
// cap is lifted. Each case runs in its own Node process (the flag it sets is process-wide), under the same load: a
// plain process shows the load grows the young generation well past the cap, so the capped figure means something.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const fixture = fileURLToPath(new URL('./fixtures/young-generation-load.ts', import.meta.url));
const MiB = 1024 * 1024;
/**
 * The most a 4 MiB cap may hold: both semi-spaces at the cap (8 MiB), or one doubling past it, which the module allows
 * (a GC reaches its observer a few event-loop turns late; under load a run ended at 9.5 MiB). Uncapped, this load
 * takes V8 to its 128 MiB maximum.
 */
const CAPPED_MAX = 2 * 2 * 4 * MiB;

function run(mode: 'plain' | 'cap' | 'cap-then-uncap'): { atHalf: number; atEnd: number } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', fixture, mode], { encoding: 'utf8', timeout: 120_000 });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as { atHalf: number; atEnd: number };
}

test('without the cap the load grows the young generation past 16 MiB; with a 4 MiB cap it stays at 2 x 4 MiB, at most one doubling past', () => {
  const plain = run('plain');
  assert.ok(plain.atEnd > CAPPED_MAX, `plain: ${plain.atEnd / MiB} MiB`);
  const capped = run('cap');
  assert.ok(capped.atEnd <= CAPPED_MAX, `capped: ${capped.atEnd / MiB} MiB`);
});

test('once the cap is lifted the young generation grows again', () => {
  const r = run('cap-then-uncap');
  assert.ok(r.atHalf <= CAPPED_MAX, `capped half: ${r.atHalf / MiB} MiB`);
  assert.ok(r.atEnd > r.atHalf, `after uncap: ${r.atEnd / MiB} MiB, capped: ${r.atHalf / MiB} MiB`);
});
