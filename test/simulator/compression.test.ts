// gzip when asked (compression.ts): large bodies compressed, small ones and watches not; the content is the same.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';

function raw(url: string, headers: Record<string, string>): Promise<{ headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('response compression', { concurrency: true }, () => {
  let sim: Simulator;
  let base: string;
  before(async () => {
    sim = await startSimulator({ controllers: false, pods: 300, seed: 4 });
    base = sim.clusters[0].url;
  });
  after(async () => {
    await sim?.stop();
  });

  test('a large list is gzipped when the client accepts gzip, with the same content', async () => {
    const plain = await raw(`${base}/api/v1/pods`, {});
    assert.equal(plain.headers['content-encoding'], undefined);
    const zipped = await raw(`${base}/api/v1/pods`, { 'Accept-Encoding': 'gzip' });
    assert.equal(zipped.headers['content-encoding'], 'gzip');
    assert.ok(zipped.body.length < plain.body.length / 3, `${zipped.body.length} vs ${plain.body.length}`);
    // kube-apiserver's level 1: the gzip header's XFL byte says "fastest" (4), where zlib's default level says 0.
    assert.equal(zipped.body[8], 4, 'compressed at level 1, as kube-apiserver does');
    const a = JSON.parse(gunzipSync(zipped.body).toString());
    const b = JSON.parse(plain.body.toString());
    assert.equal(a.items.length, 300);
    assert.deepEqual(a.items.map((p: { metadata: { name: string } }) => p.metadata.name), b.items.map((p: { metadata: { name: string } }) => p.metadata.name));
  });

  test('small bodies and gzip;q=0 stay plain', async () => {
    const small = await raw(`${base}/api/v1/namespaces/default/services/kubernetes`, { 'Accept-Encoding': 'gzip' });
    assert.equal(small.headers['content-encoding'], undefined);
    assert.equal(JSON.parse(small.body.toString()).metadata.name, 'kubernetes');
    const refused = await raw(`${base}/api/v1/pods`, { 'Accept-Encoding': 'gzip;q=0' });
    assert.equal(refused.headers['content-encoding'], undefined);
  });

  test('a watch is never compressed', async () => {
    const res = await new Promise<import('node:http').IncomingMessage>((resolve, reject) => {
      const req = request(`${base}/api/v1/pods?watch=true&resourceVersion=0`, { headers: { 'Accept-Encoding': 'gzip' } }, resolve);
      req.on('error', reject);
      req.end();
    });
    assert.equal(res.headers['content-encoding'], undefined);
    const first = await new Promise<string>((resolve) => res.once('data', (c: Buffer) => resolve(c.toString())));
    assert.match(first, /^\{"type":"ADDED"/);
    res.destroy();
  });
});
