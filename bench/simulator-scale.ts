// Scale check of the simulator: time to serve a full JSON list and a full Table list of N pods, and the rate a
// watch receives events at under churn. Usage: node --import tsx bench/simulator-scale.ts [pods] [churn] [seconds]
import { request } from 'node:http';
import { startSimulator } from '../src/simulator/index.js';

const pods = Number(process.argv[2] ?? 50_000);
const churn = Number(process.argv[3] ?? 2000);
const seconds = Number(process.argv[4] ?? 5);
const TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';

function get(url: string, accept: string): Promise<{ ms: number; bytes: number; body: string }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = request(url, { headers: { Accept: accept } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const buf = Buffer.concat(chunks);
        resolve({ ms: performance.now() - t0, bytes: buf.length, body: buf.toString() });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

function watchRate(url: string, ms: number): Promise<{ events: number; lagP50: number; lagP99: number }> {
  return new Promise((resolve, reject) => {
    let events = 0;
    let rest = '';
    const lags: number[] = [];
    const req = request(url, (res) => {
      res.on('data', (c: Buffer) => {
        const now = Date.now();
        const parts = (rest + c.toString()).split('\n');
        rest = parts.pop() ?? '';
        for (const line of parts) {
          events++;
          const m = /"sim\.kdeck\.io\/changed-at":"(\d+)"/.exec(line);
          if (m) lags.push(now - Number(m[1]));
        }
      });
    });
    req.on('error', (e) => (events ? undefined : reject(e)));
    req.end();
    setTimeout(() => {
      req.destroy();
      lags.sort((a, b) => a - b);
      resolve({ events, lagP50: lags[Math.floor(lags.length * 0.5)] ?? NaN, lagP99: lags[Math.floor(lags.length * 0.99)] ?? NaN });
    }, ms);
  });
}

const t0 = performance.now();
const sim = await startSimulator({ pods, namespaces: 20, controllers: false });
const startMs = performance.now() - t0;
const base = sim.clusters[0].url;
const count = sim.clusters[0].store.list('pods').length;
console.log(`simulator with ${count} pods started in ${startMs.toFixed(0)} ms`);

for (const round of [1, 2]) {
  const json = await get(`${base}/api/v1/pods`, 'application/json');
  const table = await get(`${base}/api/v1/pods`, TABLE);
  const paged = await get(`${base}/api/v1/pods?limit=500`, TABLE);
  console.log(`round ${round}: full JSON list ${json.ms.toFixed(0)} ms (${(json.bytes / 1e6).toFixed(1)} MB); full Table list ${table.ms.toFixed(0)} ms (${(table.bytes / 1e6).toFixed(1)} MB); first Table page of 500 ${paged.ms.toFixed(1)} ms`);
}
await sim.stop();

if (churn > 0) {
  const live = await startSimulator({ pods, namespaces: 20, controllers: false, churn });
  const url = `${live.clusters[0].url}/api/v1/pods?watch=true&resourceVersion=${live.clusters[0].store.list('pods').length ? '' : ''}`;
  // Start from "now": first list to get the RV, then watch from it.
  const list = await get(`${live.clusters[0].url}/api/v1/pods?limit=1`, 'application/json');
  const rv = (JSON.parse(list.body) as { metadata: { resourceVersion: string } }).metadata.resourceVersion;
  void url;
  const r = await watchRate(`${live.clusters[0].url}/api/v1/pods?watch=true&resourceVersion=${rv}`, seconds * 1000);
  console.log(`watch under churn ${churn}/s for ${seconds} s: ${(r.events / seconds).toFixed(0)} events/s received; changed-at → received lag p50 ${r.lagP50} ms, p99 ${r.lagP99} ms`);
  await live.stop();
}
