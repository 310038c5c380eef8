// A list page is decoded while it arrives: the first rows reach the store (and the screen) while the rest of the
// page is still on the wire, the informer says "syncing" until the page is complete, and a page that turns out
// malformed half-way is still reported as malformed.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { createClient } from '../../src/transport/client.js';
import { ListWatchInformer, notifyDelayMs } from '../../src/watch/informer.js';
import type { InformerChange } from '../../src/watch/informer.js';
import type { ResourceRef } from '../../src/api/catalogue.js';
import { makeSpec } from '../helpers/spec.js';

const pods: ResourceRef = { group: '', version: 'v1', resource: 'pods', kind: 'Pod', singular: 'pod', namespaced: true, shortNames: ['po'], verbs: ['list', 'watch'], categories: [] };

let server: Server;
let url: string;
let route: (req: IncomingMessage, res: ServerResponse) => void;
const sockets = new Set<Socket>();

before(async () => {
  server = createServer((req, res) => route(req, res));
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(async () => {
  for (const s of sockets) s.destroy();
  await new Promise((r) => server.close(r));
});

const row = (i: number) => ({ cells: [`pod-${i}`, 'Running'], object: { kind: 'PartialObjectMetadata', metadata: { name: `pod-${i}`, namespace: 'default', uid: `u${i}`, resourceVersion: String(i) } } });
const head = JSON.stringify({ kind: 'Table', apiVersion: 'meta.k8s.io/v1', metadata: { resourceVersion: '900' }, columnDefinitions: [{ name: 'Name', type: 'string', format: 'name', description: '', priority: 0 }, { name: 'Status', type: 'string', format: '', description: '', priority: 0 }], rows: [] }).slice(0, -2);
const rowsText = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => JSON.stringify(row(from + k))).join(',');

/** Watches stay silent; the list is written in parts: the first at once, each other when its gate opens (the last ends it). */
function serveList(first: string, ...rest: [Promise<void>, string][]): void {
  route = (req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    if (new URL(req.url!, url).searchParams.get('watch') === 'true') return void res.flushHeaders();
    res.write(first);
    rest.forEach(([gate, text], i) => void gate.then(() => (i === rest.length - 1 ? res.end(text) : res.write(text))));
  };
}

async function until(ok: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (ok()) return true;
    await delay(10);
  }
  return ok();
}

test('the first rows of a list reach the store while the rest of the page is still on the wire', async () => {
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  serveList(`${head}${rowsText(0, 3000)},`, [released, `${rowsText(3000, 5000)}]}`]);
  const client = createClient(makeSpec(url));
  const inf = new ListWatchInformer(client, { context: 'streamed', resource: pods }).start();
  try {
    assert.ok(await until(() => inf.store.size >= 2999, 10_000), `rows before the page ended: ${inf.store.size}`);
    assert.equal(inf.state().phase, 'syncing', 'not live before the page is complete');
    assert.ok(inf.store.size < 5000);
    assert.deepEqual(inf.store.columns.map((c) => c.name), ['Name', 'Status'], 'the columns came with the first rows');
    assert.equal(inf.store.get('u7')?.name, 'pod-7');
    release();
    assert.ok(await until(() => inf.state().phase === 'live', 10_000), JSON.stringify(inf.state()));
    assert.equal(inf.store.size, 5000);
    assert.equal(inf.store.get('u4999')?.cells[1], 'Running');
  } finally {
    release();
    await inf.close();
    await client.close();
  }
});

test('notifyDelayMs: the first notification at once, then one per interval after the last', () => {
  assert.equal(notifyDelayMs(10_000, 0, 250), 0, 'never notified: at once');
  assert.equal(notifyDelayMs(10_100, 10_000, 250), 150);
  assert.equal(notifyDelayMs(10_100, 10_000, 33), 0, 'the interval has passed');
  assert.equal(notifyDelayMs(10_000, 10_000, 33), 33);
});

test('while a list arrives, its first rows are notified at once, then at the list pace; the finished list at once', async () => {
  let sendMore!: () => void;
  let release!: () => void;
  const more = new Promise<void>((r) => (sendMore = r));
  const released = new Promise<void>((r) => (release = r));
  serveList(`${head}${rowsText(0, 3000)},`, [more, `${rowsText(3000, 4000)},`], [released, `${rowsText(4000, 5000)}]}`]);
  const client = createClient(makeSpec(url));
  // A pace no test run reaches: a notification during the list after the first would be a failure.
  const inf = new ListWatchInformer(client, { context: 'paced', resource: pods }, { listNotifyIntervalMs: 600_000 });
  const notes: InformerChange[] = [];
  inf.subscribe((c) => notes.push(c));
  inf.start();
  try {
    assert.ok(await until(() => notes.length === 1 && inf.store.size >= 2999, 10_000), `first rows notified: ${notes.length}, ${inf.store.size} rows`);
    sendMore();
    assert.ok(await until(() => inf.store.size >= 3999, 10_000), `more rows in the store: ${inf.store.size}`);
    await delay(200); // ample for a notification at the usual 33 ms interval
    assert.equal(notes.length, 1, 'no second notification while the list is still arriving');
    release();
    assert.ok(await until(() => notes.some((c) => c.reset), 10_000), 'the finished list is notified without waiting for the list pace');
    assert.equal(inf.store.size, 5000);
    assert.equal(notes.reduce((n, c) => n + c.added, 0), 5000, 'every row was in some notification');
  } finally {
    release();
    sendMore();
    await inf.close();
    await client.close();
  }
});

test('a page that breaks half-way is "malformed response", with what had arrived, not a half list called live', async () => {
  route = (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(`${head}${rowsText(0, 2000)},{"cells":["x"],"object":{]}`);
  };
  const client = createClient(makeSpec(url));
  const inf = new ListWatchInformer(client, { context: 'streamed', resource: pods }).start();
  try {
    assert.ok(await until(() => inf.state().phase === 'failed', 10_000), JSON.stringify(inf.state()));
    const s = inf.state();
    assert.match(String('error' in s ? s.error.message : ''), /^malformed response: expected JSON in the list pods response, got [\d.]+ KiB of something else \(starting "\{\\"kind\\":\\"Table\\"/);
  } finally {
    await inf.close();
    await client.close();
  }
});
