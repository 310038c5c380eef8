import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startFrameTrace, traceEntries, traceMark } from '../../src/ui-state/frame-trace.js';

test('keys and writes carry the process CPU time so far; the other marks do not', () => {
  assert.equal(traceEntries().length, 0, 'nothing is recorded before the trace starts');
  traceMark('key');
  assert.equal(traceEntries().length, 0);
  startFrameTrace();
  traceMark('key');
  // Spend 20 ms of CPU between the key and its frame (however long that takes on a loaded machine).
  const c0 = process.cpuUsage();
  let x = 0;
  while (process.cpuUsage(c0).user < 20_000) x += Math.sqrt(x + 1);
  traceMark('model', undefined, 1);
  traceMark('write', undefined, 0.1, 640);
  traceMark('gc', undefined, 2, 1);
  const [key, model, write, gc] = traceEntries();
  assert.equal(typeof key!.cpu, 'number');
  assert.ok(write!.cpu! - key!.cpu! >= 20, `CPU between key and write: ${write!.cpu! - key!.cpu!} ms (${x > 0})`);
  assert.equal(model!.cpu, undefined);
  assert.equal(gc!.cpu, undefined);
  assert.equal(write!.n, 640);
});
