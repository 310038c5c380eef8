import { test } from 'node:test';
import assert from 'node:assert/strict';
import { frameCounts, gcPauses, keyFrames, type TraceEntry } from '../../bench/frame-trace.js';

// A key sent at 100, read at 104, modelled in 3 ms, a GC pause of 20 ms, the frame written at 130 (2 ms);
// a second key sent at 200 that kdeck read at 201 and painted at once (written 206, 1 ms).
const trace: TraceEntry[] = [
  { kind: 'write', t: 90, ms: 1, n: 900 }, // an event frame before the key: not its frame
  { kind: 'key', t: 104, cpu: 500 },
  { kind: 'model', t: 104.5, ms: 3 },
  { kind: 'gc', t: 108, ms: 20, n: 4 },
  { kind: 'write', t: 129, ms: 0.5, n: 8 }, // synchronized-output bracket, not a frame
  { kind: 'write', t: 130, ms: 2, n: 640, cpu: 520 },
  { kind: 'key', t: 201 },
  { kind: 'model', t: 201.5, ms: 2 },
  { kind: 'write', t: 206, ms: 1, n: 500 },
  { kind: 'gc', t: 400, ms: 1, n: 1 },
];

test('each sent key is matched with the key kdeck read after it and the first frame written after that', () => {
  const [a, b] = keyFrames(trace, [100, 200]);
  assert.deepEqual(a, { index: 0, inProcessMs: 28, sentToWrittenMs: 32, gcMs: 20, modelMs: 3, cpuMs: 20 });
  assert.deepEqual(b, { index: 1, inProcessMs: 6, sentToWrittenMs: 7, gcMs: 0, modelMs: 2, cpuMs: Number.NaN }, 'a trace without CPU marks says so');
});

test('a key kdeck never read is left out rather than matched with a later one', () => {
  // Sent at 150 and 200: kdeck read no key between them (104 was before, 201 after the second), so 150 has no frame.
  const frames = keyFrames(trace, [150, 200]);
  assert.equal(frames.length, 1);
  assert.equal(frames[0]!.inProcessMs, 6);
  assert.equal(frames[0]!.index, 1, 'the second key sent: the bench pairs it with that key\'s screen time');
});

test('GC pauses and frame counts over a window', () => {
  assert.deepEqual(gcPauses(trace), { count: 2, totalMs: 21, maxMs: 20 });
  assert.deepEqual(gcPauses(trace, 300, 500), { count: 1, totalMs: 1, maxMs: 1 });
  assert.deepEqual(frameCounts(trace, 0, 250), { frames: 3, models: 2, modelMs: 5 });
});
