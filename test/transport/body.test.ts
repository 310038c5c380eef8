// Bodies a caller inflates itself (compressedBody + inflatedBody): a gzip answer comes back as sent and is inflated
// in large pieces; an answer the server did not compress is read as it is; a broken gzip body fails when read.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { createClient } from '../../src/transport/client.js';
import { INFLATE_CHUNK_BYTES, inflatedBody, readBodyChunks } from '../../src/transport/body.js';
import { makeSpec } from '../helpers/spec.js';

let server: Server;
let url: string;
let route: (req: IncomingMessage, res: ServerResponse) => void;

before(async () => {
  server = createServer((req, res) => route(req, res));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => new Promise((r) => server.close(r)));

/** 4 MiB of JSON-ish text that compresses well. */
const text = JSON.stringify({ rows: Array.from({ length: 40_000 }, (_, i) => ({ cells: [`pod-${i}`, 'Running'] })) });

async function read(compressedBody: boolean): Promise<{ text: string; pieces: number[]; encoding: unknown }> {
  const client = createClient(makeSpec(url));
  try {
    const res = await client.request({ path: '/list', compressedBody });
    const pieces: number[] = [];
    const parts: Buffer[] = [];
    await readBodyChunks(inflatedBody(res), 64 * 1024 * 1024, 'the list', (c) => {
      pieces.push(c.length);
      parts.push(c);
    });
    return { text: Buffer.concat(parts).toString('utf8'), pieces, encoding: res.headers['content-encoding'] };
  } finally {
    await client.close();
  }
}

test('a gzip answer to a compressedBody request arrives compressed and is inflated in large pieces', async () => {
  route = (req, res) => {
    assert.match(String(req.headers['accept-encoding']), /gzip/);
    res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    res.end(gzipSync(text));
  };
  const got = await read(true);
  assert.equal(got.encoding, 'gzip', 'the transport left it compressed');
  assert.equal(got.text, text);
  assert.ok(Math.max(...got.pieces) > 16 * 1024 && Math.max(...got.pieces) <= INFLATE_CHUNK_BYTES, `pieces up to ${Math.max(...got.pieces)} bytes`);
  // Without compressedBody the transport inflates it (and says nothing of gzip): inflatedBody leaves it alone.
  const inflatedByTransport = await read(false);
  assert.equal(inflatedByTransport.encoding, undefined);
  assert.equal(inflatedByTransport.text, text);
});

test('an answer the server did not compress is read as it is', async () => {
  route = (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(text);
  };
  assert.equal((await read(true)).text, text);
});

test('a gzip body cut short fails when read, not with half a list taken for the whole', async () => {
  route = (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    const gz = gzipSync(text);
    res.end(gz.subarray(0, gz.length >> 1));
  };
  await assert.rejects(read(true));
});

test('a compressedBody request rides the connection the API requests opened (one pool, not a second handshake)', async () => {
  let connections = 0;
  const count = () => connections++;
  server.on('connection', count);
  route = (req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', ...(req.url === '/list' ? { 'content-encoding': 'gzip' } : {}) });
    res.end(req.url === '/list' ? gzipSync(text) : '{"major":"1"}');
  };
  const client = createClient(makeSpec(url));
  try {
    // Two API requests first: undici may open a second connection for the second (the first one not yet idle).
    for (let i = 0; i < 2; i++) assert.deepEqual(await client.requestJson({ path: '/version' }), { major: '1' });
    const opened = connections;
    const res = await client.request({ path: '/list', compressedBody: true });
    let inflated = '';
    await readBodyChunks(inflatedBody(res), 64 * 1024 * 1024, 'the list', (c) => (inflated += c.toString('utf8')));
    assert.equal(inflated, text);
    assert.equal(connections, opened, 'the list reused an idle connection of /version');
  } finally {
    server.off('connection', count);
    await client.close();
  }
});

/** A response whose compressed body has already arrived, in `pieces` small reads (as a server's gzip does, ~10 KiB each). */
function pendingResponse(pieces: number): { res: Parameters<typeof inflatedBody>[0]; body: Readable } {
  const gz = gzipSync(text);
  const size = Math.ceil(gz.length / pieces);
  const body = new Readable({ read() {} });
  for (let i = 0; i < gz.length; i += size) body.push(gz.subarray(i, i + size));
  body.push(null);
  return { res: { status: 200, headers: { 'content-encoding': 'gzip' }, body } as unknown as Parameters<typeof inflatedBody>[0], body };
}

test('compressed reads that piled up go to zlib together: the reader gets a few large pieces, not one per read', async () => {
  const { res } = pendingResponse(200);
  const pieces: number[] = [];
  const parts: Buffer[] = [];
  await readBodyChunks(inflatedBody(res), 64 * 1024 * 1024, 'the list', (c) => {
    pieces.push(c.length);
    parts.push(c);
  });
  assert.equal(Buffer.concat(parts).toString('utf8'), text);
  // 200 reads written one by one made a piece each; piled up, they are one write, cut in INFLATE_CHUNK_BYTES pieces.
  assert.ok(pieces.length <= Math.ceil(text.length / INFLATE_CHUNK_BYTES) + 1, `${pieces.length} pieces for ${text.length} bytes`);
});

test('a reader that stops early ends the compressed body too', async () => {
  const { res, body } = pendingResponse(200);
  await assert.rejects(
    readBodyChunks(inflatedBody(res), 64 * 1024 * 1024, 'the list', () => {
      throw new Error('enough');
    }),
    /enough/,
  );
  await new Promise((r) => setImmediate(r));
  assert.ok(body.destroyed, 'the compressed body was destroyed');
});
