// `node dist/bench/ui.js [--quick] [--sizes=1000,10000,50000]` (or `node --import tsx bench/ui.ts`):
// the dashboard measured as a user sees it, in tmux, against a simulator:
//  - start: process start → first painted row, and → complete table (the title's count equals the server's),
//    against `kubectl get pods -A` on the same simulator in the same run;
//  - key-to-frame: `j`/`k` in the largest table, on screen (until tmux shows the cursor moved) and inside kdeck (its
//    KDECK_TRACE_FRAMES trace: key read → frame written), with the GC pauses each key waited on and kdeck's CPU
//    time within it (the rest of a slow key is waiting for a core: the machine, not the frame);
//  - context flip back to a warm context: Enter on `:ctx -` until the other context's full table is painted (0 is
//    pressed only if the flip did not land back on all namespaces, where the view was left); the median of FLIPS
//    flips with Enter sent once the typed command is on screen, beside one flip the way this bench flipped until
//    session 4 (Enter sent right after the text: it waited behind the prompt's own frame, so that figure counts two
//    frames), how long Enter waited before kdeck read it (tmux's send-keys and anything kdeck was still doing), the
//    bench process's own GC during a flip, and kdeck's CPU per flip (steadier than screen times under load);
//  - RSS after sync beside bench/client-floor.ts holding the same list as one server-side Table;
//  - under 1,000 events/s at the largest size up to 50,000 (simulator in its own process, bench/sim-process.ts):
//    kdeck's CPU per 1,000 events beside `kubectl get pods -A -w`'s, key-to-frame, and event-to-screen (a visible
//    pod's status changed in the simulator until the screen shows it).
// Screen times are upper bounds: they include tmux's send-keys and capture polling (a few ms each on a busy machine).
// Figures and issue-13 goals go to bench/results/latest/ui.json (bench/goals.ts) for the one summary.
import { execFile, fork, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PerformanceObserver } from 'node:perf_hooks';
import { startSimulator, type Simulator } from '../src/simulator/index.js';
import { treeCpuMs, treeRssMb } from './proc-stats.js';
import { TmuxPane, cursorRow } from '../test/e2e/helpers/tmux-pane.js';
import { frameCounts, gcPauses, keyFrames, readTrace, type KeyFrame, type TraceEntry } from './frame-trace.js';
import { times, writeResults, type Goal, type SizeRow } from './goals.js';
import { once } from './child-messages.js';

const here = dirname(fileURLToPath(import.meta.url));
const ext = extname(fileURLToPath(import.meta.url));
const repo = join(here, ext === '.ts' ? '..' : '../..');
const cli = ext === '.ts' ? `${process.execPath} --import tsx ${join(repo, 'src', 'cli.tsx')}` : `${process.execPath} ${join(here, '..', 'kdeck.js')}`;
const quick = process.argv.includes('--quick');
const sizesArg = process.argv.find((a) => a.startsWith('--sizes='));
const sizes = sizesArg ? sizesArg.slice(8).split(',').map(Number) : quick ? [1000, 10_000] : [1000, 10_000, 50_000];
const DEADLINE_MS = 300_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** GC pauses of this process: it serves the simulator and polls tmux, so a pause here delays what the screen times see. */
const benchGc: { t: number; ms: number }[] = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) benchGc.push({ t: performance.timeOrigin + e.startTime, ms: e.duration });
}).observe({ entryTypes: ['gc'] });
const benchGcMs = (from: number, to: number) => benchGc.filter((g) => g.t + g.ms >= from && g.t <= to).reduce((a, g) => a + g.ms, 0);

/** The e2e tests' tmux pane, plus a poll that times how long the screen takes to show something. */
class Pane extends TmuxPane {
  constructor(env: Record<string, string>) {
    super(200, 50, 'kdeck-bench');
    this.openShell(env, '$ ');
  }
  /** Not execFileSync: the simulator serves from this process and must keep serving while tmux answers. */
  captureAsync(escapes: boolean): Promise<string> {
    const args = ['-L', this.socket, 'capture-pane', '-p', '-t', '0', ...(escapes ? ['-e'] : [])];
    return new Promise((resolve, reject) => execFile('tmux', args, { encoding: 'utf8' }, (e, out) => (e ? reject(e) : resolve(out))));
  }
  /** Polls as fast as tmux answers; returns ms since `t0` when `pred` first held. */
  async until(pred: (s: string) => boolean, t0: number, what: string, escapes = false, deadlineMs = DEADLINE_MS): Promise<number> {
    for (;;) {
      const s = await this.captureAsync(escapes);
      if (pred(s)) return performance.now() - t0;
      if (performance.now() - t0 > deadlineMs) throw new Error(`timed out: ${what}\n${s}`);
      await sleep(1);
    }
  }
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] : NaN;
};
const ms = (x: number | undefined) => (x !== undefined && Number.isFinite(x) ? `${x < 100 ? x.toFixed(1) : Math.round(x)} ms` : 'n/a');
/** Wall-clock ms, comparable with the times in kdeck's frame trace. */
const wallNow = () => performance.timeOrigin + performance.now();
/** A pause between keys that does not lock step with kdeck's 33 ms notification rhythm. */
const jitter = () => sleep(20 + Math.floor(Math.random() * 40));

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

function envFor(dir: string, kubeconfig: string, trace?: string): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, TERM: 'xterm-256color', KUBECONFIG: kubeconfig, XDG_CONFIG_HOME: join(dir, 'cfg'), XDG_STATE_HOME: join(dir, 'state'),
    ...(trace ? { KDECK_TRACE_FRAMES: trace } : {}),
  };
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

/** kdeck writes its frame trace when it exits: wait for the file. */
async function traceOf(file: string): Promise<TraceEntry[]> {
  for (let i = 0; i < 100 && !existsSync(file); i++) await sleep(50);
  return existsSync(file) ? readTrace(file) : [];
}

/** `j`/`k` presses: each timed on screen (tmux) and, from kdeck's trace afterwards, inside kdeck. */
async function pressKeys(pane: Pane, n: number): Promise<{ screen: number[]; sent: number[] }> {
  const screen: number[] = [];
  const sent: number[] = [];
  for (let i = 0; i < n; i++) {
    const before = cursorRow(pane.capture(true));
    const k0 = performance.now();
    sent.push(performance.timeOrigin + k0);
    pane.type(i % 2 === 0 ? 'j' : 'k');
    screen.push(await pane.until((s) => cursorRow(s) !== before && cursorRow(s) >= 0, k0, 'cursor move', true));
    await jitter();
  }
  return { screen, sent };
}

interface KeyFigures {
  screenP50: number;
  screenP99: number;
  inP50: number;
  inP99: number;
  /** Keys whose frame waited on a GC pause of 5 ms or more, and the longest such pause. */
  gcKeys: number;
  gcMaxMs: number;
  modelP99: number;
  traced: number;
  /** kdeck's CPU from key handled to frame written (p50 / p99): what "in kdeck" computed; the rest it waited. */
  cpuP50: number;
  cpuP99: number;
  /**
   * On screen from kdeck reading the key (p50 / p99): the screen time less the wait from tmux send-keys to kdeck's
   * read, i.e. without the bench's own send-keys (a tmux client process per key, 7-18 ms). Reported beside the goal's
   * figure (send-keys → capture), which stays the measure.
   */
  fromReadP50: number;
  fromReadP99: number;
}

function fromRead(screen: number[], frames: KeyFrame[]): Pick<KeyFigures, 'fromReadP50' | 'fromReadP99'> {
  const xs = frames.map((f) => screen[f.index]! - (f.sentToWrittenMs - f.inProcessMs)).filter(Number.isFinite);
  return { fromReadP50: pct(xs, 50), fromReadP99: pct(xs, 99) };
}

function keyFigures(screen: number[], frames: KeyFrame[]): KeyFigures {
  const inProc = frames.map((f) => f.inProcessMs);
  const gc = frames.filter((f) => f.gcMs >= 5);
  return {
    screenP50: pct(screen, 50), screenP99: pct(screen, 99), inP50: pct(inProc, 50), inP99: pct(inProc, 99),
    gcKeys: gc.length, gcMaxMs: Math.max(0, ...frames.map((f) => f.gcMs)), modelP99: pct(frames.map((f) => f.modelMs), 99), traced: frames.length,
    cpuP50: pct(frames.map((f) => f.cpuMs).filter(Number.isFinite), 50), cpuP99: pct(frames.map((f) => f.cpuMs).filter(Number.isFinite), 99),
    ...fromRead(screen, frames),
  };
}

interface StartFigures {
  pods: number; firstRowMs: number; completeMs: number; kubectlMs: number; keys: KeyFigures;
  /** Warm flips back, Enter sent once the typed command shows: median on screen, in kdeck, and Enter sent → read. */
  flipWarmMs: number; flipWarmInMs: number; flipKeyWaitMs: number; flipsMs: number[];
  /** The most GC pause time this bench process had within one of those flips (ms). */
  flipBenchGcMs: number;
  /** kdeck's CPU per warm flip (either way; typing `:ctx -` included; its idle rate subtracted), ms. */
  flipCpuMs: number;
  /** One warm flip back measured as before session 4: Enter sent right after the typed text (on screen, in kdeck). */
  flipTypedMs: number; flipTypedInMs: number;
  rssMb: number; floorRssMb?: number;
}

/** Warm flips back measured per size (their median is the figure). */
const FLIPS = 5;

/**
 * A warm flip back: `:ctx -` Enter to `context`, left in all namespaces, until its whole table (`total` rows) is on
 * screen. `enterOnPrompt`: Enter is sent once the screen shows the typed command, as a person presses it, and the
 * capture that first shows the table ends the time; without it (the bench until session 4) Enter follows the text at
 * once and one more capture is taken after the header showed. Returns when Enter was sent (wall clock), and the time.
 */
async function flipBack(pane: Pane, context: string, total: number, enterOnPrompt: boolean): Promise<{ sent: number; ms: number }> {
  pane.type(':ctx -');
  if (enterOnPrompt) await pane.until((s) => s.split('\n').some((l) => l.startsWith(':ctx -')), performance.now(), 'typed command');
  const f0 = performance.now();
  pane.keys('Enter');
  const sent = performance.timeOrigin + f0;
  // Back where it was left (all namespaces); had it landed on the context's namespace, 0 is pressed at once.
  const whole = (s: string) => s.includes(`ctx: ${context} `) && s.includes(`pods(all)[${total}]`);
  let landed = '';
  const header = await pane.until((s) => s.includes(`ctx: ${context} `) && !!(landed = s), f0, 'warm flip header');
  if (enterOnPrompt && whole(landed)) return { sent, ms: header };
  if (!whole(landed)) pane.type('0');
  return { sent, ms: await pane.until(whole, f0, 'warm flip table') };
}

/** Flips to the context left before (`:ctx -`), waits for its whole table, then half a second. */
async function flipAway(pane: Pane, context: string, total: number): Promise<void> {
  pane.type(':ctx -');
  const f0 = performance.now();
  pane.keys('Enter');
  await pane.until((s) => s.includes(`ctx: ${context} `) && s.includes(`pods(all)[${total}]`), f0, 'flip away');
  await sleep(500);
}

/** From kdeck's trace: Enter sent → read, and read → the last frame written before the screen showed the flip. */
function flipInKdeck(entries: TraceEntry[], f: { sent: number; ms: number }): { keyWait: number; inMs: number } {
  const enter = entries.find((e) => e.kind === 'key' && e.t >= f.sent);
  const lastWrite = entries.filter((e) => e.kind === 'write' && e.t + (e.ms ?? 0) <= f.sent + f.ms).pop();
  return { keyWait: enter ? enter.t - f.sent : NaN, inMs: enter && lastWrite ? lastWrite.t + (lastWrite.ms ?? 0) - enter.t : NaN };
}

/** The floor of memory: bench/client-floor.ts holding the same list as one server-side Table in memory. */
async function floorRssMb(url: string): Promise<number> {
  const child = fork(join(here, `client-floor${ext}`), [url], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'], ...(ext === '.ts' ? { execArgv: ['--import', 'tsx'] } : {}) });
  try {
    const synced = await new Promise<{ rssMb: number }>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error('timed out: floor sync')), DEADLINE_MS);
      child.on('message', (m: { synced?: boolean; rssMb?: number }) => m.synced && (clearTimeout(t), resolve(m as { rssMb: number })));
      child.on('exit', (code) => (clearTimeout(t), reject(new Error(`floor exited (${code})`))));
    });
    await sleep(1000); // as the dashboard: measured a second after it holds every row
    return treeRssMb(child.pid!) || synced.rssMb;
  } finally {
    child.kill('SIGKILL');
  }
}

async function measureSize(pods: number): Promise<StartFigures> {
  return withSim({ clusters: 2, pods, namespaces: 50, controllers: false, seed: 1 }, async (sim, kubeconfig, dir) => {
    const total = sim.clusters[0].store.list('pods').length;
    const kubectl = await kubectlMs(kubeconfig, dir);
    const trace = join(dir, 'frames.jsonl');
    const pane = new Pane(envFor(dir, kubeconfig, trace));
    let figures: Pick<StartFigures, 'pods' | 'firstRowMs' | 'completeMs' | 'kubectlMs' | 'rssMb'>;
    let keys: Awaited<ReturnType<typeof pressKeys>>;
    const flips: { sent: number; ms: number }[] = [];
    let typed: { sent: number; ms: number };
    let flipCpuMs = NaN;
    try {
      await sleep(200);
      const t0 = performance.now();
      pane.type(`${cli} -A`);
      pane.keys('Enter');
      const firstRowMs = await pane.until((s) => /^NAMESPACE +NAME.*\n\S/m.test(s), t0, 'first row');
      const completeMs = await pane.until((s) => s.includes(`pods(all)[${total}]`), t0, 'complete table');
      await sleep(1000);
      const rssMb = treeRssMb(pane.panePid());
      // key-to-frame: j moves the cursor one row; time until the screen shows it.
      keys = await pressKeys(pane, 60);
      // Context flip: to the second cluster (cold), then back (warm) and again.
      const other = sim.clusters[1].contextName;
      const otherTotal = sim.clusters[1].store.list('pods').length;
      pane.type(`:ctx ${other}`);
      let f0 = performance.now();
      pane.keys('Enter');
      await pane.until((s) => s.includes(`ctx: ${other} `) && s.includes(`pods(`) && /\[\d+\]/.test(s), f0, 'cold flip');
      pane.type('0');
      await pane.until((s) => s.includes(`pods(all)[${otherTotal}]`), f0, 'other table');
      await sleep(500);
      // Warm flips back (the other context is warm too after the first), then one as this bench flipped before.
      // kdeck's CPU over the warm flips (both ways, typing included) less its idle rate: steadier than screen times
      // on a loaded machine, where a frame waits for a core longer than it computes.
      const home = sim.clusters[0].contextName;
      const kdeckPid = pane.panePid();
      const idle0 = treeCpuMs(kdeckPid);
      const idleT0 = performance.now();
      await sleep(3000);
      const idleRate = (treeCpuMs(kdeckPid) - idle0) / (performance.now() - idleT0);
      const cpu0 = treeCpuMs(kdeckPid);
      const cpuT0 = performance.now();
      for (let i = 0; i < FLIPS; i++) {
        if (i > 0) await flipAway(pane, other, otherTotal);
        flips.push(await flipBack(pane, home, total, true));
      }
      flipCpuMs = (treeCpuMs(kdeckPid) - cpu0 - idleRate * (performance.now() - cpuT0)) / (2 * FLIPS - 1);
      await flipAway(pane, other, otherTotal);
      typed = await flipBack(pane, home, total, false);
      pane.type(':q');
      pane.keys('Enter');
      figures = { pods: total, firstRowMs, completeMs, kubectlMs: kubectl, rssMb };
    } finally {
      pane.kill();
    }
    const entries = await traceOf(trace);
    const inside = flips.map((f) => flipInKdeck(entries, f));
    const typedIn = flipInKdeck(entries, typed);
    const floorRss = await floorRssMb(sim.clusters[0].url);
    return {
      ...figures, keys: keyFigures(keys.screen, keyFrames(entries, keys.sent)),
      flipWarmMs: pct(flips.map((f) => f.ms), 50), flipWarmInMs: pct(inside.map((f) => f.inMs).filter(Number.isFinite), 50),
      flipKeyWaitMs: pct(inside.map((f) => f.keyWait).filter(Number.isFinite), 50), flipsMs: flips.map((f) => f.ms),
      flipBenchGcMs: Math.max(...flips.map((f) => benchGcMs(f.sent, f.sent + f.ms))),
      flipCpuMs, flipTypedMs: typed.ms, flipTypedInMs: typedIn.inMs, floorRssMb: floorRss,
    };
  });
}

interface ChurnFigures {
  pods: number; churn: number;
  keys: KeyFigures;
  eventP50: number; eventP99: number;
  /** Status changes the screen did not show within EVENT_DEADLINE_MS. */
  eventsMissed: number;
  /** Over a window with no keys: CPU as % of a core, pod changes the simulator made, frames kdeck wrote. */
  cpuPct: number; events: number; frames: number; renders: number; rssMb: number;
  /** The header's data phase at the end of the window (live, reconnecting…): a watch that fell behind says so. */
  phase: string;
  kubectlCpuPct?: number; kubectlEvents?: number; kubectlError?: string;
  gc: { count: number; totalMs: number; maxMs: number };
}

const WINDOW_MS = 10_000;
const EVENT_DEADLINE_MS = 15_000;

/** bench/sim-process.ts: the API server in its own process (as in the engine bench), so churn is served at its rate. */
class SimProcess {
  private constructor(private readonly child: ChildProcess, readonly url: string, readonly kubeconfig: string, readonly pods: number) {}
  static async start(pods: number): Promise<SimProcess> {
    const child = fork(join(here, `sim-process${ext}`), [String(pods), '50'], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'], ...(ext === '.ts' ? { execArgv: ['--import', 'tsx'] } : {}) });
    const m = await once<{ url: string; kubeconfig: string; pods: number }>(child, (x) => !!x.url, DEADLINE_MS, 'simulator start');
    return new SimProcess(child, m.url, m.kubeconfig, m.pods);
  }
  /** Sends `msg` and resolves with `pick` of the first answer it accepts (not undefined). */
  async ask<T>(msg: object, pick: (m: Record<string, unknown>) => T | undefined): Promise<T> {
    const r = once<Record<string, unknown>>(this.child, (m) => pick(m) !== undefined, 30_000, `simulator answer to ${Object.keys(msg).join()}`);
    this.child.send(msg);
    return pick(await r) as T;
  }
  async stop(): Promise<void> {
    if (this.child.connected) this.child.send({ stop: true });
    await Promise.race([new Promise((r) => this.child.once('exit', r)), sleep(5000)]);
    this.child.kill('SIGKILL');
  }
}

/** CPU of a process tree over WINDOW_MS, and the pod changes the simulator made meanwhile. */
async function cpuWindow(pid: number, sim: SimProcess): Promise<{ cpuPct: number; events: number; from: number; to: number }> {
  const count = () => sim.ask<number>({ count: true }, (m) => (typeof m.count === 'number' ? m.count : undefined));
  const e0 = await count();
  const from = wallNow();
  const c0 = treeCpuMs(pid);
  const w0 = performance.now();
  await sleep(WINDOW_MS);
  const cpuPct = ((treeCpuMs(pid) - c0) / (performance.now() - w0)) * 100;
  const to = wallNow();
  return { cpuPct, events: (await count()) - e0, from, to };
}

/** `kubectl get pods -A -w` on the same simulator and churn: its CPU over the same window once it printed every row. */
async function kubectlWatchCpu(sim: SimProcess, dir: string): Promise<{ cpuPct: number; events: number }> {
  const child = spawn('kubectl', ['--kubeconfig', sim.kubeconfig, '--cache-dir', join(dir, 'kubectl-w-cache'), 'get', 'pods', '-A', '-w'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let lines = 0;
  let err = '';
  child.stdout!.on('data', (b: Buffer) => {
    for (let i = b.indexOf(10); i !== -1; i = b.indexOf(10, i + 1)) lines++;
  });
  child.stderr!.on('data', (b: Buffer) => (err = (err + b.toString()).slice(-2000)));
  try {
    const t0 = performance.now();
    while (lines < sim.pods + 1) {
      if (child.exitCode !== null) throw new Error(`kubectl -w exited: ${err.trim().split('\n').pop()}`);
      if (performance.now() - t0 > DEADLINE_MS) throw new Error('timed out: kubectl -w sync');
      await sleep(20);
    }
    await sleep(2000);
    const w = await cpuWindow(child.pid!, sim);
    return { cpuPct: w.cpuPct, events: w.events };
  } finally {
    child.kill('SIGKILL');
  }
}

async function measureChurn(pods: number, churn: number): Promise<ChurnFigures> {
  const sim = await SimProcess.start(pods);
  const dir = mkdtempSync(join(tmpdir(), 'kdeck-bench-ui-'));
  try {
    const total = sim.pods;
    const target = await sim.ask<{ namespace: string; name: string }>({ target: true }, (m) => m.target as { namespace: string; name: string } | undefined);
    const trace = join(dir, 'frames.jsonl');
    const pane = new Pane(envFor(dir, sim.kubeconfig, trace));
    let keys: Awaited<ReturnType<typeof pressKeys>>;
    let window: Awaited<ReturnType<typeof cpuWindow>>;
    let rssMb: number;
    let phase = '?';
    let missed = 0;
    const lat: number[] = [];
    try {
      await sleep(200);
      const t0 = performance.now();
      pane.type(`${cli} -A`);
      pane.keys('Enter');
      await pane.until((s) => s.includes(`pods(all)[${total}]`), t0, 'complete table');
      await sim.ask({ rate: churn }, (m) => (m.rateSet === churn ? true : undefined));
      await sleep(2000);
      // CPU with no keys: the store update for every event, and frames only when something on screen changed.
      const kdeckPid = pane.panePid(); // the shell and kdeck under it (the shell is idle)
      window = await cpuWindow(kdeckPid, sim);
      rssMb = treeRssMb(kdeckPid);
      phase = /data: ([a-z]+(?: \(attempt \d+\))?)/.exec(await pane.captureAsync(false))?.[1] ?? '?';
      keys = await pressKeys(pane, 60);
      // event-to-screen: filter to one pod and change its status in the simulator until the screen shows it.
      pane.type(`/${target.name}`);
      pane.keys('Enter');
      await pane.until((s) => s.includes(`</${target.name}>`), t0, 'filter');
      for (let i = 0; i < 20; i++) {
        const reason = `Bench${i}`;
        const e0 = performance.now();
        await sim.ask({ touch: { ...target, reason } }, (m) => (m.touched === reason ? true : undefined));
        try {
          lat.push(await pane.until((s) => s.includes(reason), e0, `status ${reason}`, false, EVENT_DEADLINE_MS));
        } catch {
          missed++;
        }
        await jitter();
      }
      pane.type(':q');
      pane.keys('Enter');
    } finally {
      pane.kill();
    }
    const entries = await traceOf(trace);
    const counts = frameCounts(entries, window.from, window.to);
    let kubectl: { cpuPct?: number; events?: number; error?: string } = {};
    try {
      kubectl = await kubectlWatchCpu(sim, dir);
    } catch (e) {
      kubectl = { error: e instanceof Error ? e.message : String(e) };
    }
    return {
      pods: total, churn, keys: keyFigures(keys.screen, keyFrames(entries, keys.sent)), eventP50: pct(lat, 50), eventP99: pct(lat, 99), eventsMissed: missed,
      cpuPct: window.cpuPct, events: window.events, frames: counts.frames, renders: counts.models, rssMb, phase,
      kubectlCpuPct: kubectl.cpuPct, kubectlEvents: kubectl.events, kubectlError: kubectl.error, gc: gcPauses(entries, window.from, window.to),
    };
  } finally {
    await sim.stop();
    rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  }
}

const n = (x: number) => x.toLocaleString('en-US');
/** CPU ms per 1,000 events over a WINDOW_MS window at `pct`% of a core. */
const cpuPer1kMs = (pct: number, events: number) => (events > 0 ? ((pct / 100) * WINDOW_MS) / (events / 1000) : undefined);

/** What the flip figure is made of, and the figure measured as before session 4 (kept visible: it counts two frames). */
function flipNote(f: StartFigures): string {
  return `median of ${f.flipsMs.length} flips (${f.flipsMs.map((x) => Math.round(x)).join(', ')} ms), Enter sent once the typed command shows; Enter sent → read by kdeck ${ms(f.flipKeyWaitMs)}, read → last frame before the screen showed it ${ms(f.flipWarmInMs)}; the bench's own GC during a flip up to ${ms(f.flipBenchGcMs)}; kdeck's CPU per flip ${ms(f.flipCpuMs)}; measured as before session 4 (one flip, Enter right after the typed text, so behind the prompt's own frame): ${ms(f.flipTypedMs)} (in kdeck ${ms(f.flipTypedInMs)})`;
}

/** The screen time without the bench's send-keys (the goal stays send-keys → capture). */
const readNote = (k: KeyFigures) => `from kdeck's read of the key to the capture that shows it (send-keys left out) p50 / p99 ${ms(k.fromReadP50)} / ${ms(k.fromReadP99)}`;

/** kdeck's CPU within those key→frame intervals (the goal stays the wall time; on a loaded machine the rest is waiting for a core). */
const cpuNote = (k: KeyFigures) => `kdeck's CPU from key to frame p50 / p99 ${ms(k.cpuP50)} / ${ms(k.cpuP99)}`;

function goals(starts: StartFigures[], churn: ChurnFigures): Goal[] {
  const at50 = starts.find((s) => s.pods === 50_000);
  const notRun = (goal: string, target: string): Goal => ({ issue: '13', goal, measured: 'n/a', target, met: false, note: '50,000 pods not measured in this run (--quick or --sizes)' });
  const under = (goal: string, v: number, target: number, note?: string): Goal => ({ issue: '13', goal, measured: ms(v), target: `< ${target} ms`, met: v < target, ...(note ? { note } : {}) });
  const out: Goal[] = [];
  if (at50) {
    out.push(under('key→frame p99 at 50,000 rows, in kdeck (key read → frame written)', at50.keys.inP99, 30, `p50 ${ms(at50.keys.inP50)}; ${at50.keys.gcKeys} of ${at50.keys.traced} keys waited on a GC pause ≥ 5 ms (longest ${ms(at50.keys.gcMaxMs)}); ${cpuNote(at50.keys)}`));
    out.push(under('key→frame p99 at 50,000 rows, on screen (tmux send-keys → capture shows it)', at50.keys.screenP99, 30, `p50 ${ms(at50.keys.screenP50)}; includes tmux's send-keys and capture polling (~6 ms a capture); ${readNote(at50.keys)}`));
    out.push(under('warm flip back to a context at 50,000 pods, on screen', at50.flipWarmMs, 50, flipNote(at50)));
    out.push(
      at50.floorRssMb === undefined
        ? { ...notRun('dashboard RSS after sync at 50,000 pods vs the floor holding the same Table', '≤ 1.2x'), note: 'the floor did not run' }
        : { issue: '13', goal: 'dashboard RSS after sync at 50,000 pods vs the floor holding the same Table', measured: `${times(at50.rssMb, at50.floorRssMb)} (${at50.rssMb.toFixed(0)} vs floor ${at50.floorRssMb.toFixed(0)} MB)`, target: '≤ 1.2x', met: at50.rssMb / at50.floorRssMb <= 1.2 },
    );
  } else {
    out.push(notRun('key→frame p99 at 50,000 rows, in kdeck (key read → frame written)', '< 30 ms'), notRun('key→frame p99 at 50,000 rows, on screen (tmux send-keys → capture shows it)', '< 30 ms'));
    out.push(notRun('warm flip back to a context at 50,000 pods, on screen', '< 50 ms'), notRun('dashboard RSS after sync at 50,000 pods vs the floor holding the same Table', '≤ 1.2x'));
  }
  const at1k = starts.find((s) => s.pods === 1000);
  out.push(
    at1k
      ? { issue: '13', goal: 'first painted row at 1,000 pods vs kubectl get pods -A', measured: `${times(at1k.firstRowMs, at1k.kubectlMs)} (${ms(at1k.firstRowMs)} vs kubectl ${ms(at1k.kubectlMs)})`, target: '≤ 1x', met: at1k.firstRowMs <= at1k.kubectlMs, note: 'here the simulator shares the bench process with tmux polling; bench/startup.ts measures it with the simulator in its own process' }
      : { issue: '13', goal: 'first painted row at 1,000 pods vs kubectl get pods -A', measured: 'n/a', target: '≤ 1x', met: false, note: '1,000 pods not measured in this run (--sizes)' },
  );
  const small = churn.pods < 50_000 ? `measured at ${n(churn.pods)} pods (--quick or --sizes), not 50,000` : undefined;
  out.push(under(`key→frame p99 at ${n(churn.pods)} rows under ${n(churn.churn)} events/s, in kdeck`, churn.keys.inP99, 30, [small, `p50 ${ms(churn.keys.inP50)}`, cpuNote(churn.keys)].filter(Boolean).join('; ')));
  out.push(under(`key→frame p99 at ${n(churn.pods)} rows under ${n(churn.churn)} events/s, on screen (tmux)`, churn.keys.screenP99, 30, [small, `p50 ${ms(churn.keys.screenP50)}`, readNote(churn.keys)].filter(Boolean).join('; ')));
  // Per 1,000 events: the simulator does not always reach the asked rate on a loaded machine, and the two windows differ.
  const kdeck1k = cpuPer1kMs(churn.cpuPct, churn.events);
  const kubectl1k = churn.kubectlCpuPct === undefined ? undefined : cpuPer1kMs(churn.kubectlCpuPct, churn.kubectlEvents ?? 0);
  out.push(
    kubectl1k === undefined || kdeck1k === undefined
      ? { issue: '13', goal: `dashboard CPU per 1,000 events under ${n(churn.churn)} events/s vs kubectl get pods -A -w`, measured: 'n/a', target: '< 1x', met: false, note: churn.kubectlError ? `kubectl -w failed: ${churn.kubectlError}` : 'no events counted' }
      : {
          issue: '13', goal: `dashboard CPU per 1,000 events under ${n(churn.churn)} events/s at ${n(churn.pods)} pods vs kubectl get pods -A -w`,
          measured: `${times(kdeck1k, kubectl1k)} (${kdeck1k.toFixed(0)} vs kubectl ${kubectl1k.toFixed(0)} ms; ${churn.cpuPct.toFixed(0)}% vs ${churn.kubectlCpuPct!.toFixed(0)}% of a core at ${n(churn.events / (WINDOW_MS / 1000))} vs ${n((churn.kubectlEvents ?? 0) / (WINDOW_MS / 1000))} events/s)`,
          target: '< 1x', met: kdeck1k < kubectl1k, ...(small ? { note: small } : {}),
        },
  );
  return out;
}

function rows(starts: StartFigures[], churn: ChurnFigures): SizeRow[] {
  const out: SizeRow[] = [];
  for (const s of starts) {
    out.push({ pods: s.pods, client: 'kdeck', firstRowMs: s.firstRowMs, completeMs: s.completeMs, keyFrameP99Ms: s.keys.inP99, keyScreenP99Ms: s.keys.screenP99, warmFlipMs: s.flipWarmMs, dashRssMb: s.rssMb });
    out.push({ pods: s.pods, client: 'kubectl', completeMs: s.kubectlMs });
    if (s.floorRssMb !== undefined) out.push({ pods: s.pods, client: 'floor', dashRssMb: s.floorRssMb });
  }
  out.push({ pods: churn.pods, client: 'kdeck', churnKeyFrameP99Ms: churn.keys.inP99, churnCpuPer1kMs: cpuPer1kMs(churn.cpuPct, churn.events) });
  if (churn.kubectlCpuPct !== undefined) out.push({ pods: churn.pods, client: 'kubectl', churnCpuPer1kMs: cpuPer1kMs(churn.kubectlCpuPct, churn.kubectlEvents ?? 0) });
  return out;
}

const LABELS = {
  firstRowMs: 'first row ms', completeMs: 'complete table ms', keyFrameP99Ms: 'key→frame p99 ms (in kdeck)', keyScreenP99Ms: 'key→screen p99 ms (tmux)',
  warmFlipMs: 'warm flip ms', dashRssMb: 'RSS MB (dashboard; floor: Table held)', churnKeyFrameP99Ms: 'key→frame p99 ms @1000 ev/s', churnCpuPer1kMs: 'dashboard CPU ms/1k ev',
};

async function main(): Promise<void> {
  const t0 = Date.now();
  const starts: StartFigures[] = [];
  for (const size of sizes) {
    process.stderr.write(`ui bench: ${n(size)} pods…\n`);
    const f = await measureSize(size);
    starts.push(f);
    process.stderr.write(`  first row ${ms(f.firstRowMs)}, complete ${ms(f.completeMs)} (kubectl ${ms(f.kubectlMs)}); key→frame in kdeck ${ms(f.keys.inP50)} / ${ms(f.keys.inP99)}, on screen ${ms(f.keys.screenP50)} / ${ms(f.keys.screenP99)}; warm flip ${ms(f.flipWarmMs)} (${flipNote(f)}); RSS ${f.rssMb.toFixed(0)} MB, floor ${f.floorRssMb?.toFixed(0) ?? '?'} MB\n`);
  }
  const churnPods = Math.max(...sizes.filter((s) => s <= 50_000), 1000);
  process.stderr.write(`ui bench: ${n(churnPods)} pods under 1,000 events/s…\n`);
  const churn = await measureChurn(churnPods, 1000);
  console.log('\nkdeck dashboard (tmux screen times include capture polling; "in kdeck" = key read → frame written, from its frame trace)');
  console.log('pods    first row   complete    kubectl get -A   kubectl/kdeck   key→frame p50/p99 in kdeck   on screen          warm flip   RSS (floor)');
  for (const s of starts) {
    console.log(
      `${String(s.pods).padEnd(7)} ${ms(s.firstRowMs).padEnd(11)} ${ms(s.completeMs).padEnd(11)} ${ms(s.kubectlMs).padEnd(16)} ${(s.kubectlMs / s.completeMs).toFixed(1).padEnd(15)} ${`${ms(s.keys.inP50)} / ${ms(s.keys.inP99)}`.padEnd(28)} ${`${ms(s.keys.screenP50)} / ${ms(s.keys.screenP99)}`.padEnd(18)} ${ms(s.flipWarmMs).padEnd(11)} ${s.rssMb.toFixed(0)} MB (${s.floorRssMb?.toFixed(0) ?? '?'} MB)`,
    );
    console.log(`        keys waiting on GC ≥ 5 ms: ${s.keys.gcKeys}/${s.keys.traced} (longest ${ms(s.keys.gcMaxMs)}); model p99 ${ms(s.keys.modelP99)}; ${cpuNote(s.keys)}; on screen ${readNote(s.keys)}`);
    console.log(`        warm flip: ${flipNote(s)}`);
  }
  const c = churn;
  console.log(`\nunder ${n(c.churn)} events/s at ${n(c.pods)} pods: key→frame p50/p99 in kdeck ${ms(c.keys.inP50)} / ${ms(c.keys.inP99)}, on screen ${ms(c.keys.screenP50)} / ${ms(c.keys.screenP99)} (GC ≥ 5 ms on ${c.keys.gcKeys}/${c.keys.traced} keys, longest ${ms(c.keys.gcMaxMs)}; ${cpuNote(c.keys)}; on screen ${readNote(c.keys)})`);
  console.log(`  event→screen p50 ${ms(c.eventP50)}, p99 ${ms(c.eventP99)}${c.eventsMissed ? `; ${c.eventsMissed} of 20 changes not on screen within ${EVENT_DEADLINE_MS / 1000} s` : ''}; data phase after the window: ${c.phase}`);
  console.log(`  ${WINDOW_MS / 1000} s without keys: kdeck ${c.cpuPct.toFixed(1)}% of a core (${n(c.events)} events, ${c.frames} frames, ${c.renders} renders, GC ${c.gc.count}× ${ms(c.gc.totalMs)} longest ${ms(c.gc.maxMs)}), RSS ${c.rssMb.toFixed(0)} MB`);
  console.log(`  kubectl get pods -A -w: ${c.kubectlCpuPct === undefined ? `failed: ${c.kubectlError}` : `${c.kubectlCpuPct.toFixed(1)}% of a core (${n(c.kubectlEvents ?? 0)} events)`}`);
  const g = goals(starts, churn);
  for (const x of g) console.log(`  ${x.met ? 'MET    ' : x.measured === 'n/a' ? 'NOT RUN' : 'NOT MET'} ${x.goal}: ${x.measured} (target ${x.target})${x.note ? ` — ${x.note}` : ''}`);
  const file = writeResults('ui', { goals: g, rows: rows(starts, churn), labels: LABELS, quick, durationMs: Date.now() - t0, starts, churn });
  console.log(`\nwritten ${file}`);
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(`ui bench failed: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  },
);
