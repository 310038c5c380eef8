// stream(): long responses over the real transport (HTTPS, a real CA, a token file), read as chunks or lines,
// with backpressure, an abort signal, the one 401 refresh, and typed errors for every way a stream can fail.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { ApiStatusError, ConnectionError, ResponseTooLargeError, StreamIdleError } from '../../src/errors.js';
import { createClient, type SharedKubeClient } from '../../src/transport/client.js';
import { makePki, type TestPki } from '../helpers/pki.js';
import { makeSpec } from '../helpers/spec.js';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

let pki: TestPki;
let server: Server;
let url: string;
let handler: Handler;
let tokenFile: string;
let goodToken = 'tok-1';
let client: SharedKubeClient;
const seenAuth: string[] = [];
let onRejected: (() => void) | undefined;

before(async () => {
  pki = makePki();
  server = createServer({ key: pki.server.keyPem, cert: pki.server.certPem }, (req, res) => {
    seenAuth.push(String(req.headers.authorization));
    if (req.headers.authorization !== `Bearer ${goodToken}`) {
      onRejected?.();
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ kind: 'Status', status: 'Failure', code: 401, reason: 'Unauthorized', message: 'Unauthorized' }));
      return;
    }
    handler(req, res);
  });
  server.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  tokenFile = join(mkdtempSync(join(tmpdir(), 'kdeck-stream-')), 'token');
  writeFileSync(tokenFile, goodToken);
  client = createClient(makeSpec(url, { tls: { caPem: pki.ca.certPem }, credential: { kind: 'tokenFile', path: tokenFile } }));
});
after(async () => {
  await client.close();
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

describe('stream()', () => {
  test('lines arrive as the server writes them, split across chunk boundaries, over TLS with the credential', async () => {
    handler = (req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"n":1}\n{"n"');
      setTimeout(() => res.write(':2}\n\n{"n":3}'), 30);
      setTimeout(() => res.end('\n'), 60);
    };
    const s = await client.stream({ path: '/api/v1/pods', query: { watch: 'true' } });
    assert.equal(s.status, 200);
    const lines: string[] = [];
    for await (const line of s.lines()) lines.push(line);
    assert.deepEqual(lines, ['{"n":1}', '{"n":2}', '{"n":3}']);
    assert.equal(seenAuth.at(-1), `Bearer ${goodToken}`);
  });

  test('a 401 refreshes the token file once and retries; a non-2xx rejects with ApiStatusError', async () => {
    handler = (req, res) => {
      if (req.url?.startsWith('/missing')) {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ kind: 'Status', status: 'Failure', code: 404, reason: 'NotFound', message: 'pods "x" not found' }));
        return;
      }
      res.end('ok\n');
    };
    // The token rotates on the server first; the file is renewed as the old token is refused.
    goodToken = 'tok-2';
    onRejected = () => writeFileSync(tokenFile, goodToken);
    const n = seenAuth.length;
    const s = await client.stream({ path: '/logs' });
    const lines: string[] = [];
    for await (const l of s.lines()) lines.push(l);
    assert.deepEqual(lines, ['ok']);
    assert.deepEqual(seenAuth.slice(n), ['Bearer tok-1', 'Bearer tok-2'], 'one refused attempt, one refresh');
    await assert.rejects(client.stream({ path: '/missing' }), (e: unknown) => e instanceof ApiStatusError && e.code === 404 && /not found/.test(e.message));
  });

  test('backpressure: a reader that stops pulling stops the server (its writes start to buffer)', async () => {
    let written = 0;
    let blocked = false;
    handler = (req, res) => {
      res.writeHead(200);
      const chunk = Buffer.alloc(64 * 1024, 120);
      const pump = () => {
        while (written < 64 * 1024 * 1024) {
          written += chunk.length;
          if (!res.write(chunk)) {
            blocked = true;
            res.once('drain', pump);
            return;
          }
        }
        res.end();
      };
      pump();
      req.on('close', () => res.destroy());
    };
    const s = await client.stream({ path: '/big' });
    const it = s.chunks()[Symbol.asyncIterator]();
    await it.next();
    await delay(300);
    assert.ok(blocked, 'the server saw the socket fill up');
    assert.ok(written < 16 * 1024 * 1024, `the server could write only ${written} bytes while nobody read`);
    s.close();
    assert.equal((await it.next()).done, true, 'after close() the iteration ends quietly');
  });

  test('abort: the caller\'s signal ends the iteration without an error and closes the request', async () => {
    let closed = false;
    handler = (req, res) => {
      res.writeHead(200);
      const t = setInterval(() => res.write('tick\n'), 10);
      req.on('close', () => {
        closed = true;
        clearInterval(t);
      });
    };
    const ac = new AbortController();
    const s = await client.stream({ path: '/follow', signal: ac.signal });
    let n = 0;
    for await (const _ of s.lines()) {
      if (++n === 3) ac.abort();
    }
    assert.equal(n, 3);
    await delay(100);
    assert.ok(closed, 'the server saw the request end');
  });

  test('typed errors: idle, reset mid-stream, a line too long, no headers within timeoutMs', async () => {
    handler = (req, res) => {
      res.writeHead(200);
      if (req.url === '/idle') res.write('one\n'); // then nothing, socket open
      else if (req.url === '/reset') {
        res.write('one\n');
        setTimeout(() => res.socket?.destroy(), 20);
      } else if (req.url === '/long') res.write('x'.repeat(5000));
      // '/slow' never sends headers: writeHead without flushing is held back by node until a write
    };
    const drain = async (path: string, extra: Record<string, unknown> = {}) => {
      const s = await client.stream({ path, what: `test ${path}`, ...extra });
      for await (const _ of s.lines()) {
        // read on
      }
    };
    await assert.rejects(drain('/idle', { idleTimeoutMs: 200 }), (e: unknown) => e instanceof StreamIdleError && /no data .* on test \/idle/.test(e.message));
    await assert.rejects(drain('/reset'), (e: unknown) => e instanceof ConnectionError && e.step === 'reset');
    await assert.rejects(drain('/long', { maxLineBytes: 1000 }), (e: unknown) => e instanceof ResponseTooLargeError && /a line of test \/long/.test(e.message));
    handler = () => undefined; // no answer at all
    await assert.rejects(client.stream({ path: '/slow', timeoutMs: 200 }), (e: unknown) => e instanceof ConnectionError && e.step === 'timeout');
  });
});
