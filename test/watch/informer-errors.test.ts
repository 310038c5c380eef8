// What the informer says and does about errors that are not plain network trouble, over the real transport
// against a small HTTP server: a watch event too large to hold, an error body that is not a Status, and a bug
// in kdeck's own code (which must not be dressed up as "connection reset" and retried for ever).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { createClient } from '../../src/transport/client.js';
import { ListWatchInformer, type InformerOptions, type InformerState } from '../../src/watch/informer.js';
import type { ResourceRef } from '../../src/api/catalogue.js';
import { makeSpec } from '../helpers/spec.js';

const pods: ResourceRef = { group: '', version: 'v1', resource: 'pods', kind: 'Pod', singular: 'pod', namespaced: true, shortNames: ['po'], verbs: ['list', 'watch'], categories: [] };
const MiB = 1024 * 1024;

let server: Server;
let url: string;
let route: (req: IncomingMessage, res: ServerResponse, q: URLSearchParams) => void;
const sockets = new Set<Socket>();

before(async () => {
  server = createServer((req, res) => route(req, res, new URL(req.url!, 'http://x').searchParams));
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

const table = (rv: string, names: string[]) => JSON.stringify({
  kind: 'Table', apiVersion: 'meta.k8s.io/v1', metadata: { resourceVersion: rv },
  columnDefinitions: [{ name: 'Name', type: 'string', format: 'name', description: '', priority: 0 }],
  rows: names.map((n) => ({ cells: [n], object: { kind: 'PartialObjectMetadata', metadata: { name: n, namespace: 'default', uid: `uid-${n}`, resourceVersion: rv } } })),
});

async function withInformer(opts: InformerOptions, fn: (inf: ListWatchInformer) => Promise<void>): Promise<void> {
  const client = createClient(makeSpec(url));
  const inf = new ListWatchInformer(client, { context: 'errors', resource: pods }, { backoff: { initialMs: 50, maxMs: 200 }, ...opts }).start();
  try {
    await fn(inf);
  } finally {
    await inf.close();
    await client.close();
  }
}

async function waitState(inf: ListWatchInformer, ok: (s: InformerState) => boolean, ms: number): Promise<InformerState> {
  const end = Date.now() + ms;
  while (Date.now() < end && !ok(inf.state())) await delay(20);
  return inf.state();
}
const errorOf = (s: InformerState) => ('error' in s ? s.error : 'lastError' in s ? s.lastError : undefined);

describe('informer errors', () => {
  test('an 80 MB watch event: "watch event too large" with its size and the limit, then a relist, rows kept', async () => {
    const lists: string[] = [];
    let watches = 0;
    route = (_req, res, q) => {
      if (q.get('watch') !== 'true') {
        lists.push(q.get('resourceVersion') ?? 'unset');
        return void res.writeHead(200, { 'content-type': 'application/json' }).end(table('5', ['web']));
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      if (++watches > 1) return void res.flushHeaders(); // later watches: quiet and healthy
      res.write('{"type":"MODIFIED","object":{"kind":"Table","rows":[{"cells":["');
      const filler = Buffer.alloc(MiB, 0x61);
      let sent = 0;
      const pump = () => {
        while (sent < 80 && !res.destroyed) {
          sent++;
          if (!res.write(filler)) return void res.once('drain', pump);
        }
        res.end('"]}]}}\n');
      };
      res.on('close', () => (sent = 80));
      pump();
    };
    await withInformer({}, async (inf) => {
      const s = await waitState(inf, (x) => errorOf(x) !== undefined, 20_000);
      assert.notEqual(s.phase, 'failed', `not a failed list: ${JSON.stringify(s)}`);
      const message = String(errorOf(s)?.message);
      assert.match(message, /watch event/, message);
      assert.match(message, /larger than 64 MiB/, message);
      assert.match(message, /6[4-9](\.\d)? MiB arrived/, `the size that arrived: ${message}`);
      assert.doesNotMatch(message, /cannot list/);
      await waitState(inf, (x) => x.phase === 'live' && lists.length >= 2, 10_000);
      assert.ok(lists.length >= 2, `relisted after the lost event (lists: ${lists.join(',')})`);
      assert.equal(inf.state().phase, 'live');
      assert.equal(inf.store.size, 1);
    });
  });

  test('a 503 whose body is JSON but not a Status: the status and a short, clean excerpt, not the raw body', async () => {
    const body = JSON.stringify({ error: 'upstream connect error or disconnect/reset before headers', detail: 'x'.repeat(2000), ctl: '\u001b]2;owned\u0007' });
    route = (_req, res) => void res.writeHead(503, { 'content-type': 'application/json' }).end(body);
    await withInformer({}, async (inf) => {
      const s = await waitState(inf, (x) => errorOf(x) !== undefined, 10_000);
      const message = String(errorOf(s)?.message);
      assert.match(message, /^HTTP 503 Service Unavailable: \{"error":"upstream connect error/, message);
      assert.ok(message.length <= 200, `short: ${message.length} characters`);
      assert.doesNotMatch(message, /[\u0000-\u001f\u007f]/, 'no control characters');
      assert.equal(s.phase, 'reconnecting', 'a 503 is retried');
    });
  });

  test('a bug in kdeck inside the informer is an internal error, reported once, not a retried "connection reset"', async () => {
    let requests = 0;
    route = (_req, res, q) => {
      requests++;
      if (q.get('watch') !== 'true') return void res.writeHead(200, { 'content-type': 'application/json' }).end(table('5', ['web']));
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write(JSON.stringify({ type: 'ADDED', object: JSON.parse(table('6', ['api'])) }) + '\n');
    };
    // A programming error in code the informer calls for each event (as a bug in a consumer would throw it).
    const onEvent = () => {
      throw new TypeError("Cannot read properties of undefined (reading 'upsert')");
    };
    await withInformer({ onEvent }, async (inf) => {
      const s = await waitState(inf, (x) => x.phase === 'failed' || errorOf(x) !== undefined, 10_000);
      assert.equal(s.phase, 'failed', JSON.stringify(s));
      const err = errorOf(s)!;
      assert.match(err.message, /internal error/i);
      assert.match(err.message, /TypeError: Cannot read properties of undefined \(reading 'upsert'\)/);
      assert.doesNotMatch(err.message, /connection|reset/);
      assert.match(String(err.hint), /bug in kdeck/);
      await delay(400);
      assert.equal(requests, 2, 'one list and one watch: not retried');
    });
  });
});
