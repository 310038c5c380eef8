// `node dist/bench/port-forward.js [--quick]`: throughput through a port-forward (issue 11), kdeck's beside
// `kubectl port-forward` to the same pod of the same simulator in the same run, and a floor: the same bytes from the
// pod's in-process responder over a plain TCP port of the simulator's process (no API server, no forward).
// The simulator, kdeck's forward (bench/forward-kdeck.ts: the real kubeconfig, transport and
// src/streams/port-forward.ts) and kubectl each run in their own process; real curl fetches GET /bytes/N through each
// (every response checked: status 200 and N bytes). Workloads: many 1 MB responses a few connections at a time, and
// one 100 MB response on one connection. Each is repeated with the clients in rotating order; the median is kept.
// Figures: MB/s (1 MB = 1,000,000 bytes), the forwarding process tree's CPU ms per MB carried, and the simulator's
// (the API server's side of the forward plus the pod's responder; for the floor, the responder alone).
// Writes bench/results/latest/forward.json through bench/goals.ts.
import { execFile, fork, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as delay } from 'node:timers/promises';
import { processTree, treeCpuMs } from './proc-stats.js';
import { times, writeResults, type Goal, type SizeRow } from './goals.js';
import { once } from './child-messages.js';
import type { ForwardTarget } from './sim-process.js';

const here = dirname(fileURLToPath(import.meta.url));
const ext = extname(fileURLToPath(import.meta.url));
const sibling = (name: string) => join(here, `${name}${ext}`);
const quick = process.argv.includes('--quick');
const MB = 1_000_000;
const repeats = quick ? 2 : 3;

interface Workload {
  name: string;
  bytes: number;
  count: number;
  parallel: number;
}
const WORKLOADS: Workload[] = quick
  ? [{ name: '1 MB × 40, 8 at a time', bytes: MB, count: 40, parallel: 8 }, { name: '20 MB × 1', bytes: 20 * MB, count: 1, parallel: 1 }]
  : [{ name: '1 MB × 200, 8 at a time', bytes: MB, count: 200, parallel: 8 }, { name: '100 MB × 1', bytes: 100 * MB, count: 1, parallel: 1 }];

type ClientName = 'floor' | 'kdeck' | 'kubectl';
const CLIENTS: ClientName[] = ['floor', 'kdeck', 'kubectl'];

interface Run {
  mbPerS: number;
  /** The forwarder's process tree (kdeck's or kubectl's). */
  cpuMsPerMb?: number;
  /** The simulator's process: the API server's side of the forward (and the pod's responder). */
  serverCpuMsPerMb: number;
}

/** `kubectl port-forward` on a free local port; resolves with that port once kubectl says it is forwarding. */
function kubectlForward(kubeconfig: string, cache: string, t: ForwardTarget): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn('kubectl', ['--kubeconfig', kubeconfig, '--cache-dir', cache, '-n', t.namespace, 'port-forward', `pod/${t.pod}`, `:${t.port}`, '--address', '127.0.0.1'], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`kubectl port-forward did not start: ${err.trim()}`)), 30_000);
    child.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /Forwarding from 127\.0\.0\.1:(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, port: Number(m[1]) });
      }
    });
    child.stderr!.on('data', (b: Buffer) => (err += b.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`kubectl port-forward exited (${code}): ${err.trim()}`));
    });
  });
}

/** Fetches the workload with curl through 127.0.0.1:port; checks every response; returns wall ms. */
function curlWorkload(port: number, w: Workload): Promise<number> {
  const url = `http://127.0.0.1:${port}/bytes/${w.bytes}`;
  const args = ['-sS', '--max-time', '300', '-w', '%{http_code} %{size_download}\\n'];
  if (w.parallel > 1) args.push('--parallel', '--parallel-max', String(w.parallel));
  for (let i = 0; i < w.count; i++) args.push('-o', '/dev/null', url);
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    execFile('curl', args, { maxBuffer: 1 << 24 }, (err, stdout, stderr) => {
      const ms = performance.now() - t0;
      if (err) return reject(new Error(`curl through port ${port}: ${err.message} ${stderr}`));
      const lines = stdout.trim().split('\n');
      const bad = lines.filter((l) => l !== `200 ${w.bytes}`);
      if (lines.length !== w.count || bad.length) return reject(new Error(`curl through port ${port}: ${lines.length} of ${w.count} responses, wrong ones: ${bad.slice(0, 3).join('; ')}`));
      resolve(ms);
    });
  });
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

async function stopChild(child: ChildProcess | undefined, viaIpc: boolean): Promise<void> {
  if (!child || child.exitCode !== null) return;
  if (viaIpc && child.connected) child.send({ exit: true });
  else child.kill('SIGTERM');
  await Promise.race([new Promise((r) => child.once('exit', r)), delay(3000)]);
  for (const p of child.pid ? processTree(child.pid).reverse() : []) {
    try {
      process.kill(p, 'SIGKILL');
    } catch {
      // gone
    }
  }
}

async function main(): Promise<void> {
  const t0 = Date.now();
  const cache = mkdtempSync(join(tmpdir(), 'kdeck-bench-forward-'));
  const sim = fork(sibling('sim-process'), ['20', '1'], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  let kdeck: ChildProcess | undefined;
  let kubectl: ChildProcess | undefined;
  const runs = new Map<string, Run[]>();
  let target: ForwardTarget;
  try {
    const { kubeconfig } = await once<{ kubeconfig: string }>(sim, (m) => m.url, 120_000, 'simulator start');
    const reply = once<{ forward: ForwardTarget }>(sim, (m) => m.forward, 10_000, 'forward target');
    sim.send({ forward: true });
    target = (await reply).forward;
    kdeck = fork(sibling('forward-kdeck'), [kubeconfig, target.namespace, target.pod, String(target.port)], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    const kdeckPort = (await once<{ port: number }>(kdeck, (m) => typeof m.port === 'number', 30_000, "kdeck's forward")).port;
    const kc = await kubectlForward(kubeconfig, cache, target);
    kubectl = kc.child;
    const ports: Record<ClientName, number> = { floor: target.directPort, kdeck: kdeckPort, kubectl: kc.port };
    const pids: Partial<Record<ClientName, number>> = { kdeck: kdeck.pid, kubectl: kubectl.pid };
    console.log(`\nport-forward benchmark: pod ${target.namespace}/${target.pod}:${target.port}; curl GET /bytes/N through the floor (direct), kdeck and kubectl port-forward${quick ? ' (--quick)' : ''}`);

    // Warm up every path (connections, JIT) before measuring.
    for (const c of CLIENTS) await curlWorkload(ports[c], { name: 'warm-up', bytes: MB, count: 8, parallel: 4 });
    for (const w of WORKLOADS) {
      for (let k = 0; k < repeats; k++) {
        // Rotate the order so no client always runs first (or last) on a shared machine.
        const order = CLIENTS.map((_, i) => CLIENTS[(i + k) % CLIENTS.length]!);
        for (const c of order) {
          process.stderr.write(`bench: forward ${w.name}, ${c} (${k + 1}/${repeats})…\n`);
          const pid = pids[c];
          const cpu0 = pid ? treeCpuMs(pid) : 0;
          const server0 = treeCpuMs(sim.pid!);
          const ms = await curlWorkload(ports[c], w);
          const mb = (w.bytes * w.count) / MB;
          const run: Run = { mbPerS: mb / (ms / 1000), serverCpuMsPerMb: (treeCpuMs(sim.pid!) - server0) / mb, ...(pid ? { cpuMsPerMb: (treeCpuMs(pid) - cpu0) / mb } : {}) };
          runs.set(`${w.name}\0${c}`, [...(runs.get(`${w.name}\0${c}`) ?? []), run]);
        }
      }
    }
  } finally {
    await stopChild(kdeck, true);
    await stopChild(kubectl, false);
    if (sim.connected) sim.send({ stop: true });
    await Promise.race([new Promise((r) => sim.once('exit', r)), delay(5000)]);
    sim.kill('SIGKILL');
    rmSync(cache, { recursive: true, force: true });
  }

  const rows: SizeRow[] = [];
  for (const w of WORKLOADS) {
    // kdeck's row first, so the summary's columns come in the order of its figures (the floor has no forwarder CPU).
    for (const c of ['kdeck', 'kubectl', 'floor'] as const) {
      const rs = runs.get(`${w.name}\0${c}`) ?? [];
      const cpu = rs.flatMap((r) => (r.cpuMsPerMb === undefined ? [] : [r.cpuMsPerMb]));
      rows.push({ transfer: w.name, client: c, mbPerS: median(rs.map((r) => r.mbPerS)), ...(cpu.length ? { cpuMsPerMb: median(cpu) } : {}), serverCpuMsPerMb: median(rs.map((r) => r.serverCpuMsPerMb)) });
    }
  }
  const at = (w: Workload, c: ClientName) => rows.find((r) => r.transfer === w.name && r.client === c)!;
  for (const w of WORKLOADS) {
    console.log(`  ${w.name}:`);
    for (const c of CLIENTS) {
      const r = at(w, c);
      const all = (runs.get(`${w.name}\0${c}`) ?? []).map((x) => x.mbPerS.toFixed(0)).join(', ');
      const cpu = r.cpuMsPerMb === undefined ? '' : `, CPU ${(r.cpuMsPerMb as number).toFixed(1)} ms/MB`;
      console.log(`    ${c.padEnd(8)} ${(r.mbPerS as number).toFixed(0).padStart(5)} MB/s (runs: ${all})${cpu}, simulator CPU ${(r.serverCpuMsPerMb as number).toFixed(1)} ms/MB`);
    }
  }
  const goals: Goal[] = WORKLOADS.map((w) => {
    const k = at(w, 'kdeck').mbPerS as number;
    const b = at(w, 'kubectl').mbPerS as number;
    const cpu = (c: ClientName) => (at(w, c).cpuMsPerMb as number | undefined)?.toFixed(1) ?? 'n/a';
    return {
      issue: '11',
      goal: `port-forward throughput, ${w.name}: kdeck vs kubectl port-forward`,
      measured: `${times(k, b)} (${k.toFixed(0)} vs kubectl ${b.toFixed(0)} MB/s; floor ${(at(w, 'floor').mbPerS as number).toFixed(0)})`,
      target: '≥ 1.00x (as fast as kubectl)',
      met: k >= b,
      note: `forwarder CPU per MB: kdeck ${cpu('kdeck')}, kubectl ${cpu('kubectl')} ms`,
    };
  });
  const file = writeResults('forward', {
    goals, rows, sizeColumn: 'transfer', labels: { mbPerS: 'forward MB/s', cpuMsPerMb: 'forwarder CPU ms/MB', serverCpuMsPerMb: 'simulator CPU ms/MB' },
    quick, target: { namespace: target.namespace, pod: target.pod, port: target.port }, runs: Object.fromEntries(runs), durationMs: Date.now() - t0,
  });
  console.log(`\nwritten ${file} (${Math.round((Date.now() - t0) / 1000)} s)`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
