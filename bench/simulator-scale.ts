// Scale check of the simulator (needs curl): time to serve a full JSON list and a full Table list of N pods, and the rate a
// watch receives events at under churn. Usage: node --import tsx bench/simulator-scale.ts [pods] [churn] [seconds]
import { request } from 'node:http';
import { spawn } from 'node:child_process';
import { startSimulator } from '../src/simulator/index.js';

const pods = Number(process.argv[2] ?? 50_000);
const churn = Number(process.argv[3] ?? 2000);
const seconds = Number(process.argv[4] ?? 5);
const TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';

/**
 * One GET with curl (a separate process, so the client's work is not counted): wall time, and the CPU time this
 * (server) process spent meanwhile, which machine load inflates far less than wall time.
 */
function get(url: string, accept: string): Promise<{ ms: number; cpuMs: number; bytes: number; body: string }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const curl = spawn('curl', ['-s', '-H', `Accept: ${accept}`, '-o', '/dev/null', '-w', '%{size_download}', url]);
    let out = '';
    curl.stdout.on('data', (d: Buffer) => (out += d.toString()));
    curl.on('error', reject);
    curl.on('close', () => {
      const c = process.cpuUsage(c0);
      resolve({ ms: performance.now() - t0, cpuMs: (c.user + c.system) / 1000, bytes: Number(out), body: '' });
    });
  });
}

function getJson(url: string): Promise<{ metadata: { resourceVersion: string } }> {
  return new Promise((resolve, reject) => {
    request(url, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve(JSON.parse(text)));
    }).on('error', reject).end();
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
const load = (await import('node:os')).loadavg()[0];
console.log(`machine load average (1 min): ${load.toFixed(1)} on ${(await import('node:os')).cpus().length} CPUs`);
const sim = await startSimulator({ pods, namespaces: 20, controllers: false });
const startMs = performance.now() - t0;
const base = sim.clusters[0].url;
const count = sim.clusters[0].store.list('pods').length;
console.log(`simulator with ${count} pods started in ${startMs.toFixed(0)} ms`);

for (const round of [1, 2]) {
  const json = await get(`${base}/api/v1/pods`, 'application/json');
  const table = await get(`${base}/api/v1/pods`, TABLE);
  const paged = await get(`${base}/api/v1/pods?limit=500`, TABLE);
  const f = (r: { ms: number; cpuMs: number }) => `${r.ms.toFixed(0)} ms wall / ${r.cpuMs.toFixed(0)} ms CPU`;
  console.log(`round ${round}: full JSON list ${f(json)} (${(json.bytes / 1e6).toFixed(1)} MB); full Table list ${f(table)} (${(table.bytes / 1e6).toFixed(1)} MB); first Table page of 500 ${f(paged)}`);
}
await sim.stop();

if (churn > 0) {
  const live = await startSimulator({ pods, namespaces: 20, controllers: false, churn });
  // Start from "now": first list to get the RV, then watch from it.
  const rv = (await getJson(`${live.clusters[0].url}/api/v1/pods?limit=1`)).metadata.resourceVersion;
  const c0 = process.cpuUsage();
  const r = await watchRate(`${live.clusters[0].url}/api/v1/pods?watch=true&resourceVersion=${rv}`, seconds * 1000);
  const c = process.cpuUsage(c0);
  const cpuS = (c.user + c.system) / 1e6;
  console.log(`watch under churn ${churn}/s for ${seconds} s: ${(r.events / seconds).toFixed(0)} events/s received; changed-at → received lag p50 ${r.lagP50} ms, p99 ${r.lagP99} ms`);
  console.log(`  CPU for making, storing, serializing, sending and receiving them: ${cpuS.toFixed(2)} s, i.e. ${((cpuS * 1e6) / Math.max(1, r.events)).toFixed(0)} µs per event (≈ ${Math.floor(r.events / Math.max(cpuS, 1e-6))} events per CPU-second)`);
  await live.stop();
}
