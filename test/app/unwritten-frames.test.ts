// src/app/unwritten-frames.ts: offered only when the loaded Ink defines the flag (the bundle's rewritten Ink); the
// warm frame is drawn and flushed with the flag set, the real one restored and flushed with it cleared, in one call.
import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { setFrameFlush, unwrittenFrames } from '../../src/app/unwritten-frames.js';

const KEY = Symbol.for('kdeck.unwrittenFrames');
const flags = globalThis as unknown as Record<symbol, boolean | undefined>;
afterEach(() => {
  delete flags[KEY];
  setFrameFlush(undefined);
});

test('absent unless the loaded Ink honours unwritten frames', () => {
  delete flags[KEY];
  assert.equal(unwrittenFrames().unwrittenFrame, undefined);
  flags[KEY] = false;
  assert.equal(typeof unwrittenFrames().unwrittenFrame, 'function');
});

test('the warm frame is rendered with the flag set, the real one after it with the flag cleared, both at once', () => {
  flags[KEY] = false;
  const seen: string[] = [];
  setFrameFlush(() => seen.push(`flush ${flags[KEY]}`));
  unwrittenFrames().unwrittenFrame!(
    () => seen.push(`draw ${flags[KEY]}`),
    () => seen.push(`restore ${flags[KEY]}`),
  );
  assert.deepEqual(seen, ['draw true', 'flush true', 'restore false', 'flush false']);
  assert.equal(flags[KEY], false);
});

test('nothing is drawn before Ink is started (no flush yet), and a failing draw still restores the real frame', () => {
  flags[KEY] = false;
  const seen: string[] = [];
  unwrittenFrames().unwrittenFrame!(() => seen.push('draw'), () => seen.push('restore'));
  assert.equal(seen.length, 0, 'nothing drawn');
  setFrameFlush(() => seen.push(`flush ${flags[KEY]}`));
  assert.throws(() => unwrittenFrames().unwrittenFrame!(() => { throw new Error('boom'); }, () => seen.push('restore')), /boom/);
  assert.deepEqual(seen, ['restore', 'flush false']);
  assert.equal(flags[KEY], false);
});
