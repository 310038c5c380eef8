// `npm run bench [-- --quick] [-- --sizes=1000,5000] [-- --200k]`: the data engine against its peers, in one run, on the
// same simulator. For each size (1,000 / 10,000 / 50,000 pods in 50 namespaces; with --200k also 200,000 pods in
// 2,000 namespaces on 5,000 nodes) the simulator runs in its own process;
// each client runs alone in its own process: the floor (bare undici Table list + line parsing),
// kdeck's informer, @kubernetes/client-node's informer, and `kubectl get pods -A -w`.
// Figures: time until synced, RSS after sync, CPU per 1,000 events and event latency p50/p99 at
// 100 and 1,000 events/s. Prints a table with ratios against the floor and writes bench/results/latest/engine.json
// (figures and issue 13's engine goals, for bench/summary.ts) through bench/goals.ts.
// For a before/after pair in one machine state (`node dist/bench/run.js --sizes=50000 …`):
//   --clients=floor,kdeck   only these clients (default all four);
//   --repeats=N             syncs per client (default 3, 2 with --quick);
//   --baseline=DIR          also an older build's kdeck client (DIR is its built dist/, with node_modules reachable
//                           from it), shown as kdeck-baseline; the node clients then run in rounds (floor, kdeck,
//                           kdeck-baseline, the order of the last two swapped each round) and each round's ratio
//                           to its own floor is printed;
//   --alternate             those rounds without a baseline;
//   --sync-only             no churn windows (syncs only).
import { fork, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as delay } from 'node:timers/promises';
import { treeCpuMs, treeRssMb } from './proc-stats.js';
import type { SyncReport, WindowReport } from './client-protocol.js';
import { times, writeResults, type Goal, type SizeRow } from './goals.js';
import { once } from './child-messages.js';

const here = dirname(fileURLToPath(import.meta.url));
const ext = extname(fileURLToPath(import.meta.url)); // .ts under tsx, .js once built
const sibling = (name: string) => join(here, `${name}${ext}`);

const quick = process.argv.includes('--quick');
const sizesArg = process.argv.find((a) => a.startsWith('--sizes='));
const big = process.argv.includes('--200k');
const sizes = [...(sizesArg ? sizesArg.slice(8).split(',').map(Number) : quick ? [1000, 10_000] : [1000, 10_000, 50_000]), ...(big ? [200_000] : [])];
/** The scale goal's shape (issue 13): 200,000 pods across 2,000 namespaces and 5,000 nodes; smaller sizes in 50 namespaces. */
const shapeOf = (pods: number) => (pods >= 200_000 ? { namespaces: 2000, nodes: 5000 } : { namespaces: 50, nodes: 0 });
const rates = process.argv.includes('--sync-only') ? [] : [100, 1000];
const windowMs = quick ? 2000 : 4000;
const SYNC_TIMEOUT_MS = 180_000;
/** Syncs are repeated (fresh process each time) and the median kept: the machine may be shared. */
const repeatsArg = process.argv.find((a) => a.startsWith('--repeats='));
const repeats = repeatsArg ? Math.max(1, Number(repeatsArg.slice(10))) : quick ? 2 : 3;
const baselineArg = process.argv.find((a) => a.startsWith('--baseline='));
/** An older build's kdeck client, for a before/after pair measured in the same rounds. */
const baselineClient = baselineArg ? resolve(baselineArg.slice(11), 'bench', 'client-kdeck.js') : undefined;
const alternate = !!baselineClient || process.argv.includes('--alternate');


type ClientName = 'floor' | 'kdeck' | 'kdeck-baseline' | 'client-node' | 'kubectl';
const clientsArg = process.argv.find((a) => a.startsWith('--clients='));
const CLIENTS: ClientName[] = [
  ...((clientsArg ? clientsArg.slice(10).split(',') : ['floor', 'kdeck', 'client-node', 'kubectl']) as ClientName[]),
  ...(baselineClient ? (['kdeck-baseline'] as const) : []),
];

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

async function setRate(sim: ChildProcess, rate: number): Promise<void> {
  const ack = once(sim, (m) => m.rateSet === rate, 10_000, 'simulator rate');
  sim.send({ rate });
  await ack;
}

/** A node client process: floor, kdeck or client-node. */
async function measureNodeClient(name: ClientName, sim: ChildProcess, url: string, kubeconfig: string, pods: number, withWindows: boolean): Promise<Result> {
  const file = name === 'floor' ? sibling('client-floor') : name === 'kdeck' ? sibling('client-kdeck') : name === 'kdeck-baseline' ? baselineClient! : sibling('client-node');
  const arg = name === 'floor' ? url : kubeconfig;
  const child = fork(file, [arg], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  const result: Result = { pods, client: name, windows: {} };
  // Its stderr passes through; the tail is kept to tell running out of memory from other failures.
  let stderrTail = '';
  /** A failure the client will not recover from (it would retry until the deadline): ends it at once. */
  let fatal: string | undefined;
  child.stderr!.on('data', (b: Buffer) => {
    process.stderr.write(b);
    stderrTail = (stderrTail + b.toString()).slice(-4000);
    if (!fatal && /Cannot create a string longer than/.test(stderrTail)) {
      fatal = "list over V8's largest string (512 MB)";
      child.kill('SIGKILL');
    }
  });
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
    result.error = fatal ?? (/heap out of memory|Allocation failed/i.test(stderrTail) ? 'out of memory' : (err as Error).message);
  } finally {
    if (child.connected) child.send({ exit: true });
    await Promise.race([new Promise((r) => child.once('exit', r)), delay(3000)]);
    child.kill('SIGKILL');
  }
  return result;
}

/** The last run, carrying the median of every run that did not fail. */
function medianOf(runs: Result[]): Result {
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
  return r;
}

/**
 * --alternate / --baseline: the node clients in rounds, the floor first in each and the others' order swapped every
 * round, so a pair compared is measured in the same machine state; prints each round's ratios to its own floor.
 */
async function measureRounds(clients: ClientName[], sim: ChildProcess, url: string, kubeconfig: string, pods: number): Promise<Result[]> {
  const runs = new Map<ClientName, Result[]>(clients.map((c) => [c, []]));
  const floorFirst = clients.includes('floor') ? ['floor' as const] : [];
  const others = clients.filter((c) => c !== 'floor');
  for (let k = 0; k < repeats; k++) {
    const last = k === repeats - 1;
    const order = [...floorFirst, ...(k % 2 ? others.slice().reverse() : others)];
    const line: string[] = [];
    for (const client of order) {
      process.stderr.write(`bench: ${pods} pods, round ${k + 1}/${repeats}, ${client}…\n`);
      const r = await measureNodeClient(client, sim, url, kubeconfig, pods, last);
      runs.get(client)!.push(r);
      line.push(`${client} ${r.error ? 'failed' : `${fmt(r.syncMs)} ms (CPU ${fmt(r.syncCpuMs)})`}`);
    }
    const floor = runs.get('floor')?.[k]?.syncMs;
    const ratios = others.map((c) => `${c} ${ratio(runs.get(c)![k]?.syncMs, floor).trim() || 'n/a'}`).join(', ');
    console.log(`round ${k + 1} at ${pods} pods (load ${loadavg().map((l) => l.toFixed(2)).join(' ')}): ${line.join('; ')}${floor ? ` → ${ratios}` : ''}`);
  }
  return clients.map((c) => medianOf(runs.get(c)!));
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
    if (r.error && r.syncMs === undefined) return [String(r.pods), r.client, failure(r.error), '', '', '', '', '', ''];
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
    const shape = shapeOf(pods);
    const sim = fork(sibling('sim-process'), [String(pods), String(shape.namespaces), String(shape.nodes)], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    try {
      const { url, kubeconfig } = await once<{ url: string; kubeconfig: string }>(sim, (m) => m.url, 300_000, 'simulator start');
      const roundsOf: ClientName[] = alternate ? CLIENTS.filter((c) => c !== 'kubectl' && c !== 'client-node') : [];
      if (roundsOf.length) results.push(...(await measureRounds(roundsOf, sim, url, kubeconfig, pods)));
      for (const client of CLIENTS.filter((c) => !roundsOf.includes(c))) {
        process.stderr.write(`bench: ${pods} pods, ${client}…\n`);
        // kubectl at 50,000 pods takes tens of seconds per sync (client-node at 200,000 too): once makes the point.
        const n = (client === 'kubectl' && pods >= 50_000) || (client === 'client-node' && pods >= 200_000) ? 1 : repeats;
        const runs: Result[] = [];
        for (let k = 0; k < n; k++) {
          const last = k === n - 1;
          runs.push(client === 'kubectl' ? await measureKubectl(sim, kubeconfig, pods, last) : await measureNodeClient(client, sim, url, kubeconfig, pods, last));
          if (runs[runs.length - 1]!.error) break;
        }
        results.push(medianOf(runs));
      }
    } finally {
      if (sim.connected) sim.send({ stop: true });
      await Promise.race([new Promise((r) => sim.once('exit', r)), delay(5000)]);
      sim.kill('SIGKILL');
    }
  }
  const table = printTable(results);
  console.log(table);
  const file = writeResults('engine', { goals: engineGoals(results), rows: summaryRows(results), labels: LABELS, quick, windowMs, durationMs: Date.now() - t0, results });
  console.log(`\nwritten ${file} (${Math.round((Date.now() - t0) / 1000)} s)`);
}

const LABELS = { syncMs: 'synced ms', rssMb: 'engine RSS MB', cpuPer1kMs: 'CPU ms/1k ev @1000/s' };

/**
 * The figures the one summary table shows per size and client; a client that failed shows why in its synced
 * column ('did not finish in 180 s', 'out of memory'), so a missing figure is never silent.
 */
function summaryRows(results: Result[]): SizeRow[] {
  return results.map((r) =>
    r.error && r.syncMs === undefined
      ? { pods: r.pods, client: r.client, syncMs: failure(r.error) }
      : { pods: r.pods, client: r.client, syncMs: r.syncMs, rssMb: r.rssMb, cpuPer1kMs: r.windows[1000]?.cpuPer1k },
  );
}

function failure(error: string): string {
  if (/timed out: \S+ sync/.test(error)) return `did not finish in ${SYNC_TIMEOUT_MS / 1000} s`;
  if (error === 'out of memory' || error.startsWith('list over')) return error;
  return `failed: ${error.split('\n')[0]!.slice(0, 60)}`;
}

/** Issue 13's engine goals, each against peers of this run. */
function engineGoals(results: Result[]): Goal[] {
  const at = (pods: number, client: ClientName) => results.find((r) => r.pods === pods && r.client === client && !r.error);
  const ratioGoal = (goal: string, target: number, pods: number, a: number | undefined, b: number | undefined, unit: string, peer: string, note?: string): Goal => {
    if (a === undefined || b === undefined) return { issue: '13', goal, measured: 'n/a', target: `≤ ${target}x`, met: false, note: [notMeasured(pods), note].filter(Boolean).join('; ') };
    return { issue: '13', goal, measured: `${times(a, b)} (${a.toFixed(0)} vs ${peer} ${b.toFixed(0)} ${unit})`, target: `≤ ${target}x`, met: a / b <= target, ...(note ? { note } : {}) };
  };
  /** Why a size has no figure: a client failed (and how), or the size was not run. */
  const notMeasured = (pods: number) => {
    const failed = results.filter((r) => r.pods === pods && r.error && r.syncMs === undefined).map((r) => `${r.client}: ${failure(r.error!)}`);
    return failed.length ? failed.join('; ') : `${pods.toLocaleString('en-US')} pods not measured in this run${pods === 200_000 ? '; needs --200k' : ''}`;
  };
  const k50 = at(50_000, 'kdeck');
  const f50 = at(50_000, 'floor');
  // Churn is judged at 50,000 pods; a --quick run has only smaller sizes, so it says which one it used.
  const churnPods = k50 ? 50_000 : Math.max(0, ...results.filter((r) => r.client === 'kdeck' && r.pods < 200_000).map((r) => r.pods));
  const kc = at(churnPods, 'kdeck')?.windows[1000]?.cpuPer1k;
  const kk = at(churnPods, 'kubectl')?.windows[1000]?.cpuPer1k;
  const k200 = at(200_000, 'kdeck');
  const f200 = at(200_000, 'floor');
  return [
    ratioGoal('time until synced at 50,000 pods vs the floor', 1.3, 50_000, k50?.syncMs, f50?.syncMs, 'ms', 'floor',
      // Wall time lets kdeck decode while the list streams (the floor waits for the whole body); its CPU says what it costs.
      k50?.syncCpuMs !== undefined && f50?.syncCpuMs ? `CPU until synced ${times(k50.syncCpuMs, f50.syncCpuMs)} the floor's (${k50.syncCpuMs.toFixed(0)} vs ${f50.syncCpuMs.toFixed(0)} ms)` : undefined),
    ratioGoal(
      `CPU per 1,000 events at 1,000 events/s vs kubectl -w (${churnPods.toLocaleString('en-US')} pods)`, 1, churnPods, kc, kk, 'ms', 'kubectl',
      churnPods === 50_000 ? undefined : 'measured below 50,000 pods (--quick or --sizes)',
    ),
    ratioGoal('engine RSS after sync at 50,000 pods vs the floor', 1.2, 50_000, k50?.rssMb, f50?.rssMb, 'MB', 'floor', 'the dashboard process is measured by the ui bench'),
    ratioGoal('time until synced at 200,000 pods (2,000 namespaces, 5,000 nodes) vs the floor', 3, 200_000, k200?.syncMs, f200?.syncMs, 'ms', 'floor'),
    k200?.rssMb === undefined
      ? { issue: '13', goal: 'engine RSS after sync at 200,000 pods', measured: 'n/a', target: '< 1024 MB', met: false, note: notMeasured(200_000) }
      : { issue: '13', goal: 'engine RSS after sync at 200,000 pods', measured: `${k200.rssMb.toFixed(0)} MB`, target: '< 1024 MB', met: k200.rssMb < 1024 },
  ];
}

await main();
