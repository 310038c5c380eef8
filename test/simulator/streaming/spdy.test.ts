import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inflateSync, constants } from 'node:zlib';
import { SPDY3_DICTIONARY } from '../../../src/simulator/streaming/spdy-dictionary.js';
import { StoredDeflater, SpdyServerSession, dataFrame, decodeHeaderBlock, encodeHeaderBlock, parseFrames, FLAG_FIN } from '../../../src/simulator/streaming/spdy.js';
import { deflateSync } from 'node:zlib';

test('the SPDY/3 dictionary is the 1423 bytes whose zlib id is 0xe3c6a7c2', () => {
  assert.equal(SPDY3_DICTIONARY.length, 1423);
  const z = deflateSync(Buffer.from('x'), { dictionary: SPDY3_DICTIONARY });
  assert.equal(z.readUInt32BE(2), 0xe3c6a7c2);
});

test('stored header blocks form one zlib stream that inflates block by block', () => {
  const d = new StoredDeflater();
  const a = d.next(encodeHeaderBlock({}));
  const b = d.next(encodeHeaderBlock({ streamType: 'data', port: '80' }));
  // Each block ends with the empty stored block of a sync flush.
  assert.deepEqual([...a.subarray(-5)], [0, 0, 0, 0xff, 0xff]);
  const all = inflateSync(Buffer.concat([a, b]), { dictionary: SPDY3_DICTIONARY, finishFlush: constants.Z_SYNC_FLUSH });
  const second = decodeHeaderBlock(all.subarray(4));
  assert.deepEqual(Object.fromEntries(second), { streamtype: ['data'], port: ['80'] });
});

test('frames split anywhere reassemble; a short tail stays pending', () => {
  const f1 = dataFrame(3, 0, Buffer.from('hello'));
  const f2 = dataFrame(3, FLAG_FIN, Buffer.alloc(0));
  const all = Buffer.concat([f1, f2]);
  const first = parseFrames(all.subarray(0, 15));
  assert.equal(first.frames.length, 1);
  assert.equal(first.frames[0].payload.toString(), 'hello');
  assert.equal(first.rest.length, 2);
  const second = parseFrames(Buffer.concat([first.rest, all.subarray(15)]));
  assert.equal(second.frames[0].flags, FLAG_FIN);
});

test('a session answers SYN_STREAM with SYN_REPLY, delivers data and echoes PING', async () => {
  // A client-side SYN_STREAM, compressed the way Go does (real deflate with a sync flush).
  const { deflateSync: _d, createDeflate } = await import('node:zlib');
  void _d;
  const z = createDeflate({ dictionary: SPDY3_DICTIONARY });
  const chunks: Buffer[] = [];
  z.on('data', (c: Buffer) => chunks.push(c));
  z.write(encodeHeaderBlock({ streamType: 'data', port: '80', requestID: '0' }));
  await new Promise<void>((r) => z.flush(constants.Z_SYNC_FLUSH, () => setImmediate(r)));
  const block = Buffer.concat(chunks);
  const syn = Buffer.alloc(18);
  syn.writeUInt16BE(0x8003, 0);
  syn.writeUInt16BE(1, 2);
  syn.writeUIntBE(10 + block.length, 5, 3);
  syn.writeUInt32BE(1, 8);
  const ping = Buffer.from([0x80, 0x03, 0x00, 0x06, 0, 0, 0, 4, 0, 0, 0, 7]);
  const out: Buffer[] = [];
  const got: string[] = [];
  const session = new SpdyServerSession({ write: (b) => out.push(b), buffered: () => 0, end: () => undefined }, (s) => {
    got.push(`stream ${s.id} ${s.header('streamtype')} ${s.header('port')}`);
    s.onData((b) => got.push(`data ${b.toString()}`));
    s.onEnd(() => got.push('fin'));
  });
  session.feed(Buffer.concat([syn, block, dataFrame(1, FLAG_FIN, Buffer.from('GET /')), ping]));
  await new Promise((r) => setTimeout(r, 50));
  assert.deepEqual(got, ['stream 1 data 80', 'data GET /', 'fin']);
  const frames = parseFrames(Buffer.concat(out)).frames;
  assert.deepEqual(frames.map((f) => f.type), [2, 6]); // SYN_REPLY, PING
  assert.equal(frames[1].payload.readUInt32BE(0), 7);
});
