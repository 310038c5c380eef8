// `npm run bench [-- --quick] [-- --sizes=1000,5000]`: the data engine against its peers, in one run, on the same simulator.
// For each size (1,000 / 10,000 / 50,000 pods in 50 namespaces) the simulator runs in its own process;
// each client runs alone in its own process: the floor (bare undici Table list + line parsing),
// kdeck's informer, @kubernetes/client-node's informer, and `kubectl get pods -A -w`.
// Figures: time until synced, RSS after sync, CPU per 1,000 events and event latency p50/p99 at
// 100 and 1,000 events/s. Prints a table with ratios against the floor and writes bench/results/*.json.
import { fork, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as delay } from 'node:timers/promises';
import { treeCpuMs, treeRssMb } from './proc-stats.js';
import type { SyncReport, WindowReport } from './client-protocol.js';

const here = dirname(fileURLToPath(import.meta.url));
const ext = extname(fileURLToPath(import.meta.url)); // .ts under tsx, .js once built
const sibling = (name: string) => join(here, `${name}${ext}`);

const quick = process.argv.includes('--quick');
const sizesArg = process.argv.find((a) => a.startsWith('--sizes='));
const sizes = sizesArg ? sizesArg.slice(8).split(',').map(Number) : quick ? [1000, 10_000] : [1000, 10_000, 50_000];
const rates = [100, 1000];
const windowMs = quick ? 2000 : 4000;
const SYNC_TIMEOUT_MS = 180_000;
/** Syncs are repeated (fresh process each time) and the median kept: the machine may be shared. */
const repeats = quick ? 2 : 3;

type ClientName = 'floor' | 'kdeck' | 'client-node' | 'kubectl';
const CLIENTS: ClientName[] = ['floor', 'kdeck', 'client-node', 'kubectl'];

interface Result {
  pods: number;
  client: ClientName;
  syncMs?: number;
  syncCpuMs?: number;
  rssMb?: number;
  rows?: number;
  error?: string;
  /** Every sync measured (the figure shown is their median). */
  syncRuns?: number[];
  syncCpuRuns?: number[];
  rssRuns?: number[];
  windows: Record<number, { events: number; cpuPer1k?: number; p50?: number; p99?: number }>;
}

function once<T>(child: ChildProcess, pred: (m: any) => boolean, timeoutMs: number, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => done(new Error(`timed out: ${what}`)), timeoutMs);
    const onMsg = (m: unknown) => {
      if (pred(m)) done(undefined, m as T);
    };
    const onExit = (code: number | null) => done(new Error(`${what}: process exited (${code})`));
    function done(err?: Error, v?: T) {
      clearTimeout(timer);
      child.off('message', onMsg);
      child.off('exit', onExit);
      if (err) reject(err);
      else resolve(v as T);
    }
    child.on('message', onMsg);
    child.on('exit', onExit);
  });
}

async function setRate(sim: ChildProcess, rate: number): Promise<void> {
  const ack = once(sim, (m) => m.rateSet === rate, 10_000, 'simulator rate');
  sim.send({ rate });
  await ack;
}

/** A node client process: floor, kdeck or client-node. */
async function measureNodeClient(name: ClientName, sim: ChildProcess, url: string, kubeconfig: string, pods: number, withWindows: boolean): Promise<Result> {
  const file = name === 'floor' ? 'client-floor' : name === 'kdeck' ? 'client-kdeck' : 'client-node';
  const arg = name === 'floor' ? url : kubeconfig;
  const child = fork(sibling(file), [arg], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const result: Result = { pods, client: name, windows: {} };
  try {
    const s = await once<SyncReport>(child, (m) => m.synced, SYNC_TIMEOUT_MS, `${name} sync`);
    Object.assign(result, { syncMs: s.syncMs, syncCpuMs: s.syncCpuMs, rssMb: s.rssMb, rows: s.rows });
    if (s.rows !== pods) throw new Error(`synced with ${s.rows} of ${pods} rows`);
    for (const rate of withWindows ? rates : []) {
      await setRate(sim, rate);
      await delay(500);
      const begun = once(child, (m) => m.begun, 10_000, 'begin');
      child.send({ begin: true });
      await begun;
      await delay(windowMs);
      const w = once<WindowReport>(child, (m) => m.window, 10_000, 'window');
      child.send({ end: true });
      const r = await w;
      await setRate(sim, 0);
      result.windows[rate] = { events: r.events, cpuPer1k: r.events ? (r.cpuMs / r.events) * 1000 : undefined, p50: r.p50, p99: r.p99 };
      await delay(300);
    }
  } catch (err) {
    result.error = (err as Error).message;
  } finally {
    if (child.connected) child.send({ exit: true });
    await Promise.race([new Promise((r) => child.once('exit', r)), delay(3000)]);
    child.kill('SIGKILL');
  }
  return result;
}

/** kubectl get pods -A -w: synced when every row is printed; CPU and RSS of its process tree from /proc. */
async function measureKubectl(sim: ChildProcess, kubeconfig: string, pods: number, withWindows: boolean): Promise<Result> {
  const cache = mkdtempSync(join(tmpdir(), 'kdeck-bench-kubectl-'));
  const started = Date.now();
  const child = spawn('kubectl', ['--kubeconfig', kubeconfig, '--cache-dir', cache, 'get', 'pods', '-A', '-w'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const result: Result = { pods, client: 'kubectl', windows: {} };
  let lines = 0;
  let stderr = '';
  let partial = '';
  /** While a window is open: when each pod's line arrived (kubectl prints no annotation to read). */
  let arrivals: [string, number][] | undefined;
  child.stdout!.on('data', (b: Buffer) => {
    const now = Date.now();
    for (let i = b.indexOf(10); i !== -1; i = b.indexOf(10, i + 1)) lines++;
    if (!arrivals) return;
    const text = partial + b.toString('utf8');
    const all = text.split('\n');
    partial = all.pop()!;
    for (const l of all) {
      const name = l.split(/\s+/)[1]; // NAMESPACE NAME …
      if (name) arrivals.push([name, now]);
    }
  });
  child.stderr!.on('data', (b: Buffer) => (stderr += b.toString()).slice(-2000));
  try {
    const end = Date.now() + SYNC_TIMEOUT_MS;
    while (lines < pods + 1) {
      if (child.exitCode !== null) throw new Error(`kubectl exited: ${stderr.trim().split('\n').pop()}`);
      if (Date.now() > end) throw new Error('timed out: kubectl sync');
      await delay(5);
    }
    result.syncMs = Date.now() - started;
    result.syncCpuMs = treeCpuMs(child.pid!);
    result.rssMb = treeRssMb(child.pid!);
    result.rows = lines - 1;
    for (const rate of withWindows ? rates : []) {
      await setRate(sim, rate);
      await delay(500);
      const recording = once<{ changes: [string, number[]][] }>(sim, (m) => m.changes, 10_000, 'simulator changes');
      sim.send({ record: true });
      arrivals = [];
      partial = '';
      const l0 = lines;
      const c0 = treeCpuMs(child.pid!);
      await delay(windowMs);
      const events = lines - l0;
      const cpu = treeCpuMs(child.pid!) - c0;
      const seen = arrivals;
      arrivals = undefined;
      sim.send({ dump: true });
      const changed = new Map((await recording).changes);
      await setRate(sim, 0);
      const lat = latencies(seen, changed);
      result.windows[rate] = { events, cpuPer1k: events ? (cpu / events) * 1000 : undefined, p50: pct(lat, 50), p99: pct(lat, 99) };
      await delay(300);
    }
  } catch (err) {
    result.error = (err as Error).message;
  } finally {
    child.kill('SIGKILL');
    rmSync(cache, { recursive: true, force: true });
  }
  return result;
}

/** For each printed line: arrival minus the latest change of that pod made before it. */
function latencies(arrivals: [string, number][], changed: Map<string, number[]>): number[] {
  const out: number[] = [];
  for (const [name, at] of arrivals) {
    const times = changed.get(name);
    if (!times) continue;
    let best: number | undefined;
    for (const t of times) if (t <= at) best = t;
    if (best !== undefined) out.push(at - best);
  }
  return out.sort((a, b) => a - b);
}

function pct(sorted: number[], p: number): number | undefined {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : undefined;
}

function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)]!;
}

function fmt(v: number | undefined, digits = 0): string {
  return v === undefined || Number.isNaN(v) ? 'n/a' : v.toFixed(digits);
}
function ratio(v: number | undefined, floor: number | undefined): string {
  return v === undefined || !floor ? '' : ` (${(v / floor).toFixed(2)}x)`;
}

function printTable(results: Result[]): string {
  const head = ['pods', 'client', 'synced ms', 'sync CPU ms', 'RSS MB', 'CPU ms/1k ev @100/s', 'CPU ms/1k ev @1000/s', 'lat p50/p99 ms @100/s', 'lat p50/p99 ms @1000/s'];
  const rows = results.map((r) => {
    const f = results.find((x) => x.pods === r.pods && x.client === 'floor');
    if (r.error) return [String(r.pods), r.client, `error: ${r.error}`, '', '', '', '', '', ''];
    const w = (rate: number) => r.windows[rate];
    const cpu = (rate: number) => `${fmt(w(rate)?.cpuPer1k)}${r.client === 'floor' ? '' : ratio(w(rate)?.cpuPer1k, f?.windows[rate]?.cpuPer1k)}`;
    const lat = (rate: number) => (w(rate)?.p50 === undefined ? 'n/a' : `${fmt(w(rate)?.p50)}/${fmt(w(rate)?.p99)}`);
    return [
      String(r.pods),
      r.client,
      `${fmt(r.syncMs)}${r.client === 'floor' ? '' : ratio(r.syncMs, f?.syncMs)}`,
      `${fmt(r.syncCpuMs)}${r.client === 'floor' ? '' : ratio(r.syncCpuMs, f?.syncCpuMs)}`,
      `${fmt(r.rssMb)}${r.client === 'floor' ? '' : ratio(r.rssMb, f?.rssMb)}`,
      cpu(100),
      cpu(1000),
      lat(100),
      lat(1000),
    ];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => '| ' + cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ') + ' |';
  return [line(head), '|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|', ...rows.map(line)].join('\n');
}

async function main(): Promise<void> {
  const results: Result[] = [];
  const t0 = Date.now();
  for (const pods of sizes) {
    const sim = fork(sibling('sim-process'), [String(pods), '50'], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    try {
      const { url, kubeconfig } = await once<{ url: string; kubeconfig: string }>(sim, (m) => m.url, 300_000, 'simulator start');
      for (const client of CLIENTS) {
        process.stderr.write(`bench: ${pods} pods, ${client}…\n`);
        // kubectl at 50,000 pods takes tens of seconds per sync: once is enough to make the point.
        const n = client === 'kubectl' && pods >= 50_000 ? 1 : repeats;
        const runs: Result[] = [];
        for (let k = 0; k < n; k++) {
          const last = k === n - 1;
          runs.push(client === 'kubectl' ? await measureKubectl(sim, kubeconfig, pods, last) : await measureNodeClient(client, sim, url, kubeconfig, pods, last));
          if (runs[runs.length - 1]!.error) break;
        }
        const r = runs[runs.length - 1]!;
        const ok = runs.filter((x) => !x.error);
        r.syncRuns = ok.map((x) => x.syncMs!);
        r.rssRuns = ok.map((x) => x.rssMb!);
        r.syncCpuRuns = ok.map((x) => x.syncCpuMs!);
        if (ok.length) {
          r.syncMs = median(r.syncRuns);
          r.syncCpuMs = median(r.syncCpuRuns);
          r.rssMb = median(r.rssRuns);
        }
        results.push(r);
      }
    } finally {
      if (sim.connected) sim.send({ stop: true });
      await Promise.race([new Promise((r) => sim.once('exit', r)), delay(5000)]);
      sim.kill('SIGKILL');
    }
  }
  const table = printTable(results);
  console.log(table);
  const dir = join(here, '..', '..', 'bench', 'results');
  const outDir = ext === '.ts' ? join(here, 'results') : dir;
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, `engine-${new Date().toISOString().replace(/[:.]/g, '-')}${quick ? '-quick' : ''}.json`);
  writeFileSync(file, JSON.stringify({ date: new Date().toISOString(), quick, windowMs, node: process.version, durationMs: Date.now() - t0, results }, null, 2));
  console.log(`\nwritten ${file} (${Math.round((Date.now() - t0) / 1000)} s)`);
}

await main();
