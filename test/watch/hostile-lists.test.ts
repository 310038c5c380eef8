// Issue 16's informer bounds, against a hostile server over the real transport: an endless list body stops at the
// cap (memory stays flat) and says so; a list trickling at 1 byte/s times out instead of "loading" forever; a gzip
// bomb is capped after decompression; a malformed Table is reported as such, once, not retried in a loop.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { gzipSync } from 'node:zlib';
import { setTimeout as delay } from 'node:timers/promises';
import { createClient } from '../../src/transport/client.js';
import { ListWatchInformer, type InformerOptions, type InformerState } from '../../src/watch/informer.js';
import type { ResourceRef } from '../../src/api/catalogue.js';
import { makeSpec } from '../helpers/spec.js';
import { ResponseTooLargeError } from '../../src/errors.js';

const pods: ResourceRef = { group: '', version: 'v1', resource: 'pods', kind: 'Pod', singular: 'pod', namespaced: true, shortNames: ['po'], verbs: ['list', 'watch'], categories: [] };
const MiB = 1024 * 1024;

type Route = (req: IncomingMessage, res: ServerResponse) => void;
let server: Server;
let url: string;
let route: Route;
const sockets = new Set<Socket>();
let requests = 0;

before(async () => {
  server = createServer((req, res) => {
    requests++;
    route(req, res);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(async () => {
  for (const s of sockets) s.destroy();
  await new Promise((r) => server.close(r));
});

async function withInformer(opts: InformerOptions, fn: (inf: ListWatchInformer) => Promise<void>): Promise<void> {
  const client = createClient(makeSpec(url));
  const inf = new ListWatchInformer(client, { context: 'hostile', resource: pods }, { backoff: { initialMs: 100, maxMs: 400 }, ...opts }).start();
  try {
    await fn(inf);
  } finally {
    await inf.close();
    await client.close();
  }
}

async function waitState(inf: ListWatchInformer, ok: (s: InformerState) => boolean, ms: number): Promise<InformerState> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (ok(inf.state())) return inf.state();
    await delay(20);
  }
  return inf.state();
}

const errorOf = (s: InformerState) => ('error' in s ? s.error : 'lastError' in s ? s.lastError : undefined);

/** Writes filler for as long as the client reads; counts what was written. */
function endless(res: ServerResponse, head: string, counter: { written: number }): void {
  const filler = Buffer.alloc(256 * 1024, 0x20);
  let closed = false;
  res.writeHead(200, { 'content-type': 'application/json' });
  res.write(head);
  const pump = () => {
    while (!closed) {
      counter.written += filler.length;
      if (!res.write(filler)) return void res.once('drain', pump);
    }
  };
  res.on('close', () => (closed = true));
  pump();
}

describe('hostile list responses', () => {
  test('an endless list body stops at the cap, memory stays flat, and the state says what happened', async () => {
    const counter = { written: 0 };
    const seen: string[] = [];
    route = (req, res) => {
      seen.push(new URL(req.url!, url).searchParams.get('resourceVersion') ?? 'unset');
      endless(res, '{"kind":"Table","apiVersion":"meta.k8s.io/v1","rows":[', counter);
    };
    const rss0 = process.memoryUsage().rss;
    await withInformer({ maxListBytes: 8 * MiB }, async (inf) => {
      const s = await waitState(inf, (x) => x.phase === 'failed', 20_000);
      assert.equal(s.phase, 'failed', JSON.stringify(s));
      assert.match(String(errorOf(s)?.message), /the list pods response is larger than 8 MiB; kdeck stopped reading it/);
      assert.match(String(errorOf(s)?.hint), /namespace at a time/);
    });
    assert.deepEqual(seen, ['0', 'unset'], 'the watch-cache list (limit ignored) was too big, so it paged once, then gave up');
    const grew = process.memoryUsage().rss - rss0;
    assert.ok(grew < 150 * MiB, `RSS grew ${Math.round(grew / MiB)} MiB`);
    assert.ok(counter.written < 2 * (8 * MiB) + 16 * MiB, `the server could write only ${Math.round(counter.written / MiB)} MiB in all`);
  });

  test('one-shot JSON answers (discovery, objects, /version) stop at 64 MiB too', async () => {
    const counter = { written: 0 };
    route = (_req, res) => endless(res, '{"kind":"Pod","metadata":{"name":"', counter);
    const client = createClient(makeSpec(url));
    try {
      await assert.rejects(client.requestJson({ path: '/api/v1/namespaces/default/pods/x' }), (e: unknown) =>
        e instanceof ResponseTooLargeError && /the answer to GET \/api\/v1\/namespaces\/default\/pods\/x is larger than 64 MiB/.test(e.message));
    } finally {
      await client.close();
    }
    assert.ok(counter.written < 64 * MiB + 32 * MiB, `the server wrote ${Math.round(counter.written / MiB)} MiB`);
  });

  test('a gzip bomb is capped after decompression', async () => {
    // 64 MiB of spaces compresses to ~64 KiB; 40 gzip members are 2.5 GiB once inflated.
    const member = gzipSync(Buffer.alloc(64 * MiB, 0x20));
    route = (req, res) => {
      assert.match(String(req.headers['accept-encoding']), /gzip/);
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      res.write(gzipSync('{"kind":"Table","rows":['));
      let n = 0;
      const pump = () => {
        while (n++ < 40) if (!res.write(member)) return void res.once('drain', pump);
        res.end();
      };
      pump();
    };
    const rss0 = process.memoryUsage().rss;
    await withInformer({ maxListBytes: 16 * MiB }, async (inf) => {
      const s = await waitState(inf, (x) => x.phase === 'failed', 30_000);
      assert.equal(s.phase, 'failed', JSON.stringify(s));
      assert.match(String(errorOf(s)?.message), /larger than 16 MiB/);
    });
    const grew = process.memoryUsage().rss - rss0;
    assert.ok(grew < 200 * MiB, `RSS grew ${Math.round(grew / MiB)} MiB`);
  });

  test('a list trickling at 1 byte/s leaves "loading" at the list timeout, saying why, and retries', async () => {
    const trickles = new Set<NodeJS.Timeout>();
    route = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const body = '{"kind":"Table","rows":[]}';
      let i = 0;
      const t = setInterval(() => (i < body.length ? res.write(body[i++]) : res.end()), 1000);
      trickles.add(t);
      res.on('close', () => clearInterval(t));
    };
    const before = requests;
    try {
      await withInformer({ listTimeoutMs: 1500 }, async (inf) => {
        const s = await waitState(inf, (x) => x.phase === 'reconnecting', 5000);
        assert.equal(s.phase, 'reconnecting', JSON.stringify(s));
        assert.match(String(errorOf(s)?.message), /list pods did not complete within 1\.5 s \(\d+ bytes received\): the server or the network is very slow/);
        await waitState(inf, () => requests - before >= 2, 5000);
        assert.ok(requests - before >= 2, 'it tried again');
      });
    } finally {
      for (const t of trickles) clearInterval(t);
    }
  });

  test('a list that keeps arriving (a MiB per timeout) completes however long it takes in all; a stall still times out', async () => {
    const rows = 3000;
    const row = (i: number) => `{"cells":["p-${i}"],"object":{"kind":"PartialObjectMetadata","apiVersion":"meta.k8s.io/v1","metadata":{"name":"p-${i}","namespace":"ns","uid":"u-${i}","resourceVersion":"1"${' '.repeat(1200)}}}}`;
    const body = `{"kind":"Table","apiVersion":"meta.k8s.io/v1","metadata":{"resourceVersion":"5"},"columnDefinitions":[{"name":"Name","type":"string","format":"name","description":"","priority":0}],"rows":[${Array.from({ length: rows }, (_, i) => row(i)).join(',')}]}`;
    const timers = new Set<NodeJS.Timeout>();
    let lists = 0;
    route = (req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      if (/[?&]watch=/.test(req.url ?? '')) return void res.flushHeaders(); // the watch that follows: open, quiet
      lists++;
      // ~3.7 MB in 1.2 MiB pieces every 600 ms: about 2.4 s in all, against a 1.5 s list timeout.
      let at = 0;
      const piece = Math.ceil(1.2 * MiB);
      const t = setInterval(() => {
        res.write(body.slice(at, (at += piece)));
        if (at >= body.length) {
          clearInterval(t);
          res.end();
        }
      }, 600);
      timers.add(t);
      res.on('close', () => clearInterval(t));
    };
    try {
      await withInformer({ listTimeoutMs: 1500 }, async (inf) => {
        const s = await waitState(inf, (x) => x.phase === 'live' || x.phase === 'reconnecting', 15_000);
        assert.equal(s.phase, 'live', JSON.stringify(s));
        assert.equal(inf.store.size, rows);
        assert.equal(lists, 1, 'one list, not restarted');
      });
    } finally {
      for (const t of timers) clearInterval(t);
    }
  });

  test('a malformed Table is "malformed response: expected …", stops, and is not retried in a loop', async () => {
    route = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ kind: 'Table', apiVersion: 'meta.k8s.io/v1', metadata: { resourceVersion: '5' }, columnDefinitions: { name: 'Name' }, rows: [] }));
    };
    const before = requests;
    await withInformer({}, async (inf) => {
      const s = await waitState(inf, (x) => x.phase === 'failed', 5000);
      assert.equal(s.phase, 'failed', JSON.stringify(s));
      assert.equal(String(errorOf(s)?.message), 'malformed response: expected Table.columnDefinitions to be a list in the list pods response, got an object');
      await delay(600);
      assert.equal(requests - before, 1, 'asked once');
    });
    route = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('<html>login</html>');
    };
    await withInformer({}, async (inf) => {
      const s = await waitState(inf, (x) => x.phase === 'failed', 5000);
      assert.match(String(errorOf(s)?.message), /^malformed response: expected JSON in the list pods response, got 18 bytes of something else \(starting "<html>login<\/html>"\)$/);
    });
  });
});
