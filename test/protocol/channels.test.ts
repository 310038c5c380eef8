import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeFrame, encodeClose, encodeFrame, encodePortPrefix, encodeResize, portChannels, STDIN, STDOUT, RESIZE } from '../../src/protocol/channels.js';

test('a frame is the channel byte, then the data', () => {
  const f = encodeFrame(STDIN, 'ls\n');
  assert.deepEqual([...f], [0, 0x6c, 0x73, 0x0a]);
  assert.deepEqual(decodeFrame(f), { channel: STDIN, data: Buffer.from('ls\n') });
  assert.deepEqual(decodeFrame(new Uint8Array([1, 104, 105])), { channel: STDOUT, data: Buffer.from('hi') });
  assert.equal(decodeFrame(new Uint8Array(0)), undefined);
});

test('resize and v5 close frames', () => {
  const r = encodeResize(120, 40);
  assert.equal(r[0], RESIZE);
  assert.deepEqual(JSON.parse(r.subarray(1).toString()), { Width: 120, Height: 40 });
  assert.deepEqual([...encodeClose(STDIN)], [255, 0]);
});

test('port-forward: channels 2i/2i+1 and the little-endian port prefix', () => {
  assert.deepEqual(portChannels(0), { data: 0, error: 1 });
  assert.deepEqual(portChannels(2), { data: 4, error: 5 });
  assert.deepEqual([...encodePortPrefix(1, 8080)], [1, 0x90, 0x1f]);
});
