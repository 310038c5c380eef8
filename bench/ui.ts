// `node dist/bench/ui.js [--quick] [--sizes=1000,10000,50000]` (or `node --import tsx bench/ui.ts`):
// the dashboard measured as a user sees it, in tmux, against an in-process simulator:
//  - start: process start → first painted row, and → complete table (the title's count equals the server's),
//    against `kubectl get pods -A` on the same simulator in the same run;
//  - key-to-frame: `j` in the largest table until the cursor row moved on screen;
//  - context flip back to a warm context: Enter on `:ctx -` until the other context's full table is painted;
//  - event-to-screen: a visible pod's status changes in the simulator until the screen shows it (under churn),
//    with kdeck's CPU and RSS over that window.
// Screen times are upper bounds: they include tmux's capture polling (a few ms per capture on a busy machine).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSimulator, type Simulator } from '../src/simulator/index.js';
import { treeCpuMs, treeRssMb } from './proc-stats.js';
import { TmuxPane, cursorRow } from '../test/e2e/helpers/tmux-pane.js';

const here = dirname(fileURLToPath(import.meta.url));
const ext = extname(fileURLToPath(import.meta.url));
const repo = join(here, ext === '.ts' ? '..' : '../..');
const cli = ext === '.ts' ? `${process.execPath} --import tsx ${join(repo, 'src', 'cli.tsx')}` : `${process.execPath} ${join(here, '..', 'kdeck.js')}`;
const quick = process.argv.includes('--quick');
const sizesArg = process.argv.find((a) => a.startsWith('--sizes='));
const sizes = sizesArg ? sizesArg.slice(8).split(',').map(Number) : quick ? [1000, 10_000] : [1000, 10_000, 50_000];
const DEADLINE_MS = 300_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The e2e tests' tmux pane, plus a poll that times how long the screen takes to show something. */
class Pane extends TmuxPane {
  constructor(env: Record<string, string>) {
    super(200, 50, 'kdeck-bench');
    this.openShell(env, '$ ');
  }
  /** Polls as fast as tmux answers; returns ms since `t0` when `pred` first held. */
  async until(pred: (s: string) => boolean, t0: number, what: string, escapes = false): Promise<number> {
    for (;;) {
      const s = this.capture(escapes);
      if (pred(s)) return performance.now() - t0;
      if (performance.now() - t0 > DEADLINE_MS) throw new Error(`timed out: ${what}\n${s}`);
      await sleep(1);
    }
  }
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] : NaN;
};
const ms = (x: number) => (Number.isFinite(x) ? `${x < 100 ? x.toFixed(1) : Math.round(x)} ms` : 'n/a');

async function withSim<T>(opts: Parameters<typeof startSimulator>[0], fn: (sim: Simulator, kubeconfig: string, dir: string) => Promise<T>): Promise<T> {
  const sim = await startSimulator(opts);
  const dir = mkdtempSync(join(tmpdir(), 'kdeck-bench-ui-'));
  const kubeconfig = join(dir, 'kubeconfig.yaml');
  sim.writeKubeconfig(kubeconfig);
  try {
    return await fn(sim, kubeconfig, dir);
  } finally {
    await sim.stop();
    rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  }
}

function envFor(dir: string, kubeconfig: string): Record<string, string> {
  return { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, TERM: 'xterm-256color', KUBECONFIG: kubeconfig, XDG_CONFIG_HOME: join(dir, 'cfg'), XDG_STATE_HOME: join(dir, 'state') };
}

/** Async: the simulator serves from this very process, so kubectl must not block its event loop. */
function kubectlMs(kubeconfig: string, dir: string): Promise<number> {
  const t0 = performance.now();
  const child = spawn('kubectl', ['--kubeconfig', kubeconfig, '--cache-dir', join(dir, 'kubectl-cache'), 'get', 'pods', '-A', '--no-headers'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve, reject) =>
    child.on('close', (code) => (code === 0 ? resolve(performance.now() - t0) : reject(new Error(`kubectl failed: ${err.split('\n')[0]}`)))),
  );
}

interface StartFigures { pods: number; firstRowMs: number; completeMs: number; kubectlMs: number; keyP50?: number; keyP99?: number; flipWarmMs?: number }

async function measureSize(pods: number): Promise<StartFigures> {
  return withSim({ clusters: 2, pods, namespaces: 50, controllers: false, seed: 1 }, async (sim, kubeconfig, dir) => {
    const total = sim.clusters[0].store.list('pods').length;
    const kubectl = await kubectlMs(kubeconfig, dir);
    const pane = new Pane(envFor(dir, kubeconfig));
    try {
      await sleep(200);
      const t0 = performance.now();
      pane.type(`${cli} -A`);
      pane.keys('Enter');
      const firstRowMs = await pane.until((s) => /^NAMESPACE +NAME.*\n\S/m.test(s), t0, 'first row');
      const completeMs = await pane.until((s) => s.includes(`pods(all)[${total}]`), t0, 'complete table');
      // key-to-frame: j moves the cursor one row; time until the screen shows it.
      const keys: number[] = [];
      for (let i = 0; i < 30; i++) {
        const before = cursorRow(pane.capture(true));
        const k0 = performance.now();
        pane.type(i % 2 === 0 ? 'j' : 'k');
        keys.push(await pane.until((s) => cursorRow(s) !== before && cursorRow(s) >= 0, k0, 'cursor move', true));
      }
      // Context flip: to the second cluster (cold), then back (warm) and again.
      const other = sim.clusters[1].contextName;
      const otherTotal = sim.clusters[1].store.list('pods').length;
      pane.type(`:ctx ${other}`);
      let f0 = performance.now();
      pane.keys('Enter');
      await pane.until((s) => s.includes(`ctx: ${other} `) && s.includes(`pods(`) && /\[\d+\]/.test(s), f0, 'cold flip');
      pane.type('0');
      await pane.until((s) => s.includes(`pods(all)[${otherTotal}]`), f0, 'other table');
      pane.type(':ctx -');
      f0 = performance.now();
      pane.keys('Enter');
      // The flip lands on the context's namespace; press 0 right away for the whole (warm) table.
      await pane.until((s) => s.includes(`ctx: ${sim.clusters[0].contextName} `), f0, 'warm flip header');
      pane.type('0');
      const flipWarmMs = await pane.until((s) => s.includes(`pods(all)[${total}]`), f0, 'warm flip table');
      pane.type(':q');
      pane.keys('Enter');
      return { pods: total, firstRowMs, completeMs, kubectlMs: kubectl, keyP50: pct(keys, 50), keyP99: pct(keys, 99), flipWarmMs };
    } finally {
      pane.kill();
    }
  });
}

interface EventFigures { pods: number; churn: number; p50: number; p99: number; cpuPct: number; rssMb: number }

async function measureEvents(pods: number, churn: number): Promise<EventFigures> {
  return withSim({ clusters: 1, pods, namespaces: 50, controllers: false, churn, seed: 2 }, async (sim, kubeconfig, dir) => {
    const store = sim.clusters[0].store;
    const target = store.list('pods').find((p) => (p as { status?: { phase?: string } }).status?.phase === 'Running')!;
    const name = (target as { metadata: { name: string; namespace: string } }).metadata.name;
    const ns = (target as { metadata: { namespace: string } }).metadata.namespace;
    const pane = new Pane(envFor(dir, kubeconfig));
    try {
      await sleep(200);
      const t0 = performance.now();
      pane.type(`${cli} -n ${ns}`);
      pane.keys('Enter');
      await pane.until((s) => s.includes(name), t0, 'target row');
      pane.type(`/${name}`);
      pane.keys('Enter');
      await pane.until((s) => s.includes(`</${name}>`), t0, 'filter');
      const kdeckPid = pane.panePid(); // the shell and kdeck under it (the shell is idle)
      const cpu0 = treeCpuMs(kdeckPid);
      const w0 = performance.now();
      const lat: number[] = [];
      for (let i = 0; i < 20; i++) {
        const cur = store.get('pods', ns, name) as { status?: Record<string, unknown> };
        const reason = `Bench${i}`;
        const e0 = performance.now();
        store.update('pods', { ...cur, status: { ...cur.status, reason } } as never);
        lat.push(await pane.until((s) => s.includes(reason), e0, `status ${reason}`));
        await sleep(50);
      }
      const cpuPct = ((treeCpuMs(kdeckPid) - cpu0) / (performance.now() - w0)) * 100;
      const rssMb = treeRssMb(kdeckPid);
      pane.keys('C-c');
      return { pods, churn, p50: pct(lat, 50), p99: pct(lat, 99), cpuPct, rssMb };
    } finally {
      pane.kill();
    }
  });
}

async function main(): Promise<void> {
  const starts: StartFigures[] = [];
  for (const n of sizes) {
    process.stderr.write(`ui bench: ${n} pods…\n`);
    starts.push(await measureSize(n));
  }
  process.stderr.write('ui bench: events under churn…\n');
  const events = await measureEvents(quick ? 1000 : 10_000, 1000);
  console.log('\nkdeck dashboard (tmux; times include capture polling)');
  console.log('pods    first row   complete    kubectl get -A   kubectl/kdeck   key→frame p50/p99   warm flip');
  for (const s of starts) {
    console.log(
      `${String(s.pods).padEnd(7)} ${ms(s.firstRowMs).padEnd(11)} ${ms(s.completeMs).padEnd(11)} ${ms(s.kubectlMs).padEnd(16)} ${(s.kubectlMs / s.completeMs).toFixed(1).padEnd(15)} ${`${ms(s.keyP50 ?? NaN)} / ${ms(s.keyP99 ?? NaN)}`.padEnd(19)} ${ms(s.flipWarmMs ?? NaN)}`,
    );
  }
  console.log(`\nevent→screen at ${events.pods} pods with ${events.churn} events/s: p50 ${ms(events.p50)}, p99 ${ms(events.p99)}; kdeck CPU ${events.cpuPct.toFixed(0)}% of a core, RSS ${events.rssMb.toFixed(0)} MB`);
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(`ui bench failed: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  },
);
