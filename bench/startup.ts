// `node dist/bench/startup.js [--quick] [--runs=N]` (in `npm run bench` after the dashboard's): where kdeck's first
// second goes, at 1,000 pods in 50 namespaces, the simulator in its own process (so its CPU and the tmux polling
// never stall it). Measured in the same run, alternating, median of N runs each:
//  - kdeck `-A` in tmux: Enter → first painted pod row, warm (its compile and discovery caches from an earlier
//    run, as on every start but the first) and cold (empty cache dir), with its KDECK_TRACE_STARTUP breakdown. The
//    first row is the pre-paint's (src/app/pre-paint.ts: written before Ink loads, keys wait unread); so each start
//    also types `:` as soon as the row shows and times Enter → the prompt on screen: the first interactive frame
//    (Ink up, keys handled). The goal is computed on the first row; the interactive figure is printed beside it;
//  - `kubectl get pods -A` (its own discovery cache warm) until it exits: the goal's peer (spawned and timed to its
//    exit: the figure the goal has always been computed against, kept);
//  - the same kubectl typed into the same kind of tmux pane, Enter → first pod row captured: timed exactly as kdeck is,
//    so the report shows how much of the ratio is the method (shell, exec, tmux and the capture polling);
//  - Node's own floor: `node -e 0`, and a bare `import('ink')` (Node plus the UI library, nothing of kdeck).
// --baseline=BIN: another kdeck build (its dist/kdeck.js), started warm in the same runs, alternating, for a
// before/after pair in one machine state; it is reported beside this build and written to the results, never as the goal.
// Results: bench/results/latest/startup.json through bench/goals.ts's writeResults.
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TmuxPane } from '../test/e2e/helpers/tmux-pane.js';
import { writeResults, type Goal } from './goals.js';

const here = dirname(fileURLToPath(import.meta.url));
const built = extname(fileURLToPath(import.meta.url)) === '.js';
const repo = join(here, built ? '../..' : '..');
const kdeck = built ? [join(here, '..', 'kdeck.js')] : ['--import', 'tsx', join(repo, 'src', 'cli.tsx')];
const quick = process.argv.includes('--quick');
const runsArg = process.argv.find((a) => a.startsWith('--runs='));
const baselineArg = process.argv.find((a) => a.startsWith('--baseline='));
const baseline = baselineArg ? [baselineArg.slice(11)] : undefined;
const RUNS = runsArg ? Number(runsArg.slice(7)) : quick ? 3 : 7;
const PODS = 1000;
const DEADLINE_MS = 60_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const median = (xs: number[]) => {
  const s = [...xs].filter(Number.isFinite).sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)]! : NaN;
};
const ms = (x: number) => (Number.isFinite(x) ? `${Math.round(x)} ms` : 'n/a');

function startSim(): Promise<{ child: ChildProcess; kubeconfig: string }> {
  const child = fork(join(here, `sim-process${built ? '.js' : '.ts'}`), [String(PODS), '50'], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'], ...(built ? {} : { execArgv: ['--import', 'tsx'] }) });
  return new Promise((resolve, reject) => {
    child.once('message', (m: { kubeconfig: string }) => resolve({ child, kubeconfig: m.kubeconfig }));
    child.once('exit', (c) => reject(new Error(`simulator exited (${c})`)));
  });
}

/** Wall time of a command until it exits. */
function timed(cmd: string, args: string[], cwd = repo): Promise<number> {
  const t0 = performance.now();
  const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'], cwd });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve, reject) => child.on('close', (code) => (code === 0 ? resolve(performance.now() - t0) : reject(new Error(`${cmd} failed: ${err.split('\n')[0]}`)))));
}

interface Mark {
  mark: string;
  ms: number;
  /** CPU time the process had used by then (kdeck's trace gives it since this bench's comparison of builds). */
  cpu?: number;
  /** The main thread's (a trace of session 6 on; Node 23.9+). */
  mainCpu?: number;
  detail?: string;
}

/** kdeck's first row: the table header with a line under it (the header is drawn with the rows). */
const KDECK_ROW = /^NAMESPACE +NAME.*\n\S/m;
/** kubectl's: any pod line (namespace, name, READY n/m); 1,000 lines scroll its header off the 50-line pane. */
const KUBECTL_ROW = /^\S+ +\S+ +\d+\/\d+ +\S+/m;

interface PaneRun {
  /** Enter → the first capture showing a row. */
  firstRowMs: number;
  /** Enter → the first capture showing the answer to a key typed when the row showed (kdeck only: Ink is up). */
  interactiveMs?: number;
  /** Enter, on the epoch clock (performance.timeOrigin + now), to place a traced process's marks. */
  enterEpoch: number;
  /** Median wall time of one capture-pane while polling (the polling's own resolution). */
  captureMs: number;
}

/** kdeck's answer to `:` typed at the first row: the prompt line (the third) opens with it. */
const PROMPT_OPEN = (screen: string) => /^:/.test(screen.split('\n')[2] ?? '');

/**
 * Types `command` into a fresh pane, sends Enter and polls captures until `row` matches; with `key`, types it then
 * and polls on until `answered`; `after` runs before the pane dies.
 */
async function paneRun(env: Record<string, string>, command: string, row: RegExp, after?: (pane: TmuxPane) => Promise<void>, key?: { type: string; answered: (screen: string) => boolean; close: string }): Promise<PaneRun> {
  const pane = new TmuxPane(200, 50, 'kdeck-bench-startup');
  pane.openShell(env, '$ ');
  try {
    await sleep(150);
    pane.type(command);
    await sleep(50);
    const t0 = performance.now();
    pane.keys('Enter');
    const captures: number[] = [];
    for (;;) {
      const c0 = performance.now();
      const screen = pane.capture();
      captures.push(performance.now() - c0);
      if (row.test(screen)) break;
      if (performance.now() - t0 > DEADLINE_MS) throw new Error(`no row within ${DEADLINE_MS} ms of \`${command}\`:\n${screen}`);
      await sleep(1);
    }
    const firstRowMs = performance.now() - t0;
    let interactiveMs: number | undefined;
    if (key) {
      pane.type(key.type);
      for (;;) {
        const screen = pane.capture();
        if (key.answered(screen)) break;
        if (performance.now() - t0 > DEADLINE_MS) throw new Error(`no answer to ${key.type} within ${DEADLINE_MS} ms of \`${command}\`:\n${screen}`);
        await sleep(1);
      }
      interactiveMs = performance.now() - t0;
      pane.keys(key.close);
    }
    await after?.(pane);
    return { firstRowMs, interactiveMs, enterEpoch: performance.timeOrigin + t0, captureMs: median(captures) };
  } finally {
    pane.kill();
  }
}

/** Waits for a file a process writes as it exits (kdeck's trace: written once, after its cleanup). */
async function readWhenWritten(file: string): Promise<string> {
  const t0 = performance.now();
  while (!existsSync(file)) {
    if (performance.now() - t0 > 10_000) throw new Error(`${file} was not written within 10 s of Ctrl-C`);
    await sleep(20);
  }
  await sleep(20); // written in one writeFileSync; let it finish
  return readFileSync(file, 'utf8');
}

interface KdeckRun extends PaneRun {
  marks: Mark[];
  /** kdeck's process start (performance.timeOrigin) on the epoch clock. */
  timeOrigin: number;
}

/** One kdeck start in a fresh tmux pane: Enter → first pod row on screen; and its start-up trace. */
async function kdeckStart(kubeconfig: string, cacheHome: string, dir: string, i: number, bin = kdeck): Promise<KdeckRun> {
  const trace = join(dir, `trace-${i}.json`);
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, TERM: 'xterm-256color', KUBECONFIG: kubeconfig, XDG_CACHE_HOME: cacheHome, XDG_CONFIG_HOME: join(dir, 'cfg'), XDG_STATE_HOME: join(dir, 'state'), KDECK_TRACE_STARTUP: trace };
  let text = '';
  const run = await paneRun(env, [process.execPath, ...bin, '-A'].join(' '), KDECK_ROW, async (pane) => {
    pane.keys('C-c');
    text = await readWhenWritten(trace);
  }, { type: ':', answered: PROMPT_OPEN, close: 'Escape' });
  const t = JSON.parse(text) as { marks: Mark[]; timeOrigin: number };
  return { ...run, marks: t.marks, timeOrigin: t.timeOrigin };
}

/** `kubectl get pods -A` typed into a fresh tmux pane: Enter → first pod row captured (timed as kdeck is). */
function kubectlInPane(kubeconfig: string, cacheDir: string, dir: string): Promise<PaneRun> {
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, TERM: 'xterm-256color' };
  return paneRun(env, `kubectl --kubeconfig ${kubeconfig} --cache-dir ${cacheDir} get pods -A`, KUBECTL_ROW);
}

/**
 * Where kdeck's Enter → first row goes, on one clock: Enter → kdeck's process started (tmux, the shell's fork and
 * exec, Node before its timeOrigin), process start → the first terminal write showing a row (its trace), that write →
 * the first capture showing it (tmux drawing it, and up to one capture-pane of polling).
 */
function gap(r: KdeckRun): { execMs: number; toRowWriteMs: number; writeToCaptureMs: number } {
  const rowWrite = r.marks.find((m) => m.mark === 'tty:first-row')?.ms ?? NaN;
  const execMs = r.timeOrigin - r.enterEpoch;
  return { execMs, toRowWriteMs: rowWrite, writeToCaptureMs: r.firstRowMs - execMs - rowWrite };
}

/** The trace's phases: ms since the process started at which each was reached (first occurrence). */
const PHASES: [string, string, (m: Mark) => boolean][] = [
  ['node boot', 'node:bootstrapped', (m) => m.mark === 'node:bootstrapped'],
  ['entry (compile cache on)', 'cli:entry', (m) => m.mark === 'cli:entry'],
  ['pre-screen modules', 'app:modules', (m) => m.mark === 'app:modules'],
  ['flags + config', 'config', (m) => m.mark === 'config'],
  ['kubeconfig', 'kubeconfig', (m) => m.mark === 'kubeconfig'],
  ['list request built', 'list:started', (m) => m.mark === 'list:started'],
  ['first TCP+TLS', 'net:connected', (m) => m.mark === 'net:connected'],
  ['list sent', 'http:sent /api/v1/pods', (m) => m.mark === 'http:sent' && m.detail === '/api/v1/pods'],
  ['list answered (headers)', 'http:answered /api/v1/pods', (m) => m.mark === 'http:answered' && m.detail === '/api/v1/pods'],
  ['first rows in the store', 'list:rows', (m) => m.mark === 'list:rows'],
  ['pre-paint modules (layout, chalk; no React)', 'pre-paint:modules', (m) => m.mark === 'pre-paint:modules'],
  ['whole list in the store, watch up (live)', 'list:synced', (m) => m.mark === 'list:synced'],
  ['first screen pre-painted (before Ink; keys wait)', 'tty:pre-paint', (m) => m.mark === 'tty:pre-paint'],
  ['UI modules (Ink, React)', 'ui:modules', (m) => m.mark === 'ui:modules'],
  ['first Ink frame (empty: render(null))', 'ink:first-frame', (m) => m.mark === 'ink:first-frame'],
  ['first dashboard frame (Ink: keys handled from here)', 'ink:first-app-frame', (m) => m.mark === 'ink:first-app-frame'],
  ['first row written to the terminal', 'tty:first-row', (m) => m.mark === 'tty:first-row'],
  ['the `:` typed at the row read by Ink', 'tty:first-key', (m) => m.mark === 'tty:first-key'],
  ['its answer (the prompt) written', 'tty:key-answered', (m) => m.mark === 'tty:key-answered'],
];

function breakdown(traces: Mark[][]): { phase: string; mark: string; medianMs: number; medianCpuMs: number; medianMainCpuMs: number }[] {
  const at = (pick: (m: Mark) => boolean, key: 'ms' | 'cpu' | 'mainCpu') => median(traces.map((t) => t.find(pick)?.[key] ?? NaN));
  return PHASES.map(([phase, mark, pick]) => ({ phase, mark, medianMs: at(pick, 'ms'), medianCpuMs: at(pick, 'cpu'), medianMainCpuMs: at(pick, 'mainCpu') }));
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'kdeck-bench-startup-'));
  const { child, kubeconfig } = await startSim();
  try {
    const kubectlCache = join(dir, 'kubectl-cache');
    await timed('kubectl', ['--kubeconfig', kubeconfig, '--cache-dir', kubectlCache, 'get', 'pods', '-A', '--no-headers']); // warms kubectl's discovery cache
    const warmCache = join(dir, 'cache-warm');
    await kdeckStart(kubeconfig, warmCache, dir, -1); // fills kdeck's compile and discovery caches
    const baseCache = join(dir, 'cache-baseline');
    if (baseline) await kdeckStart(kubeconfig, baseCache, dir, -2, baseline);
    const base: KdeckRun[] = [];
    const k: number[] = [];
    const kPane: PaneRun[] = [];
    const nodeFloor: number[] = [];
    const inkFloor: number[] = [];
    const warm: KdeckRun[] = [];
    const cold: KdeckRun[] = [];
    for (let i = 0; i < RUNS; i++) {
      process.stderr.write(`startup bench: run ${i + 1} of ${RUNS}…\n`);
      k.push(await timed('kubectl', ['--kubeconfig', kubeconfig, '--cache-dir', kubectlCache, 'get', 'pods', '-A', '--no-headers']));
      kPane.push(await kubectlInPane(kubeconfig, kubectlCache, dir));
      nodeFloor.push(await timed(process.execPath, ['-e', '0']));
      inkFloor.push(await timed(process.execPath, ['--input-type=module', '-e', "await import('ink')"]));
      warm.push(await kdeckStart(kubeconfig, warmCache, dir, i));
      if (baseline) base.push(await kdeckStart(kubeconfig, baseCache, dir, 200 + i, baseline));
      const coldCache = join(dir, `cache-cold-${i}`);
      mkdirSync(coldCache);
      cold.push(await kdeckStart(kubeconfig, coldCache, dir, 100 + i));
    }
    const fig = {
      kubectlMs: median(k),
      kubectlPaneMs: median(kPane.map((r) => r.firstRowMs)),
      nodeMs: median(nodeFloor),
      inkMs: median(inkFloor),
      warmMs: median(warm.map((w) => w.firstRowMs)),
      coldMs: median(cold.map((c) => c.firstRowMs)),
      baselineMs: median(base.map((b) => b.firstRowMs)),
      warmInteractiveMs: median(warm.map((w) => w.interactiveMs ?? NaN)),
      coldInteractiveMs: median(cold.map((c) => c.interactiveMs ?? NaN)),
      baselineInteractiveMs: median(base.map((b) => b.interactiveMs ?? NaN)),
    };
    const warmBreakdown = breakdown(warm.map((w) => w.marks));
    const coldBreakdown = breakdown(cold.map((c) => c.marks));
    const baseBreakdown = baseline ? breakdown(base.map((b) => b.marks)) : undefined;
    const ratio = fig.warmMs / fig.kubectlMs;
    const paneRatio = fig.warmMs / fig.kubectlPaneMs;
    const warmGaps = warm.map(gap);
    const g = { execMs: median(warmGaps.map((x) => x.execMs)), toRowWriteMs: median(warmGaps.map((x) => x.toRowWriteMs)), writeToCaptureMs: median(warmGaps.map((x) => x.writeToCaptureMs)), captureMs: median(warm.map((w) => w.captureMs)) };
    const goals: Goal[] = [
      {
        issue: '13',
        goal: 'first row on screen at 1,000 pods vs `kubectl get pods -A` (both with their caches warm)',
        measured: `${ratio.toFixed(2)}x (${Math.round(fig.warmMs)} ms vs ${Math.round(fig.kubectlMs)} ms; the row is pre-painted before Ink loads)`,
        target: '≤ 1.0x',
        met: ratio <= 1,
        note: `keys are handled from the first interactive frame (Ink up): ${Math.round(fig.warmInteractiveMs)} ms, ${(fig.warmInteractiveMs / fig.kubectlMs).toFixed(2)}x kubectl; kubectl timed as kdeck is (tmux, Enter → row captured) ${Math.round(fig.kubectlPaneMs)} ms: ${paneRatio.toFixed(2)}x; cold (no caches) ${Math.round(fig.coldMs)} ms (interactive ${Math.round(fig.coldInteractiveMs)} ms); Node floor: node -e 0 ${Math.round(fig.nodeMs)} ms, bare import('ink') ${Math.round(fig.inkMs)} ms`,
      },
    ];
    writeResults('startup', {
      goals,
      rows: [
        { pods: PODS, client: 'kdeck', firstRowWarmMs: fig.warmMs, firstRowColdMs: fig.coldMs, interactiveWarmMs: fig.warmInteractiveMs, interactiveColdMs: fig.coldInteractiveMs },
        { pods: PODS, client: 'kubectl', firstRowWarmMs: fig.kubectlMs, firstRowPaneMs: fig.kubectlPaneMs },
      ],
      labels: { firstRowWarmMs: 'first row ms (warm)', firstRowColdMs: 'first row ms (cold)', firstRowPaneMs: 'first row ms (tmux, as kdeck)', interactiveWarmMs: 'first interactive frame ms (warm)', interactiveColdMs: 'first interactive frame ms (cold)' },
      references: { nodeEmptyMs: fig.nodeMs, bareInkImportMs: fig.inkMs, kubectlInPaneMs: fig.kubectlPaneMs },
      gap: g,
      breakdown: { warm: warmBreakdown, cold: coldBreakdown, ...(baseBreakdown ? { baseline: baseBreakdown } : {}) },
      ...(baseline ? { baseline: { bin: baseline[0], firstRowWarmMs: fig.baselineMs, interactiveWarmMs: fig.baselineInteractiveMs } } : {}),
      runs: RUNS,
    });
    const x = (v: number) => `${(v / fig.kubectlMs).toFixed(2)}x kubectl`;
    console.log(`\nkdeck start-up at ${PODS} pods (median of ${RUNS}; tmux, Enter → first pod row; and Enter → the answer to \`:\` typed at that row)`);
    console.log(`  kubectl get pods -A   ${ms(fig.kubectlMs)}  (spawned, to its exit: the goal's peer)`);
    console.log(`  the same, in tmux     ${ms(fig.kubectlPaneMs)}  (Enter → first row captured, as kdeck is timed; kdeck ${paneRatio.toFixed(2)}x)`);
    console.log(`                        first row (pre-painted)   first interactive frame (Ink, keys handled)`);
    console.log(`  kdeck, warm caches    ${ms(fig.warmMs).padStart(8)} (${x(fig.warmMs)})   ${ms(fig.warmInteractiveMs).padStart(8)} (${x(fig.warmInteractiveMs)})`);
    console.log(`  kdeck, cold           ${ms(fig.coldMs).padStart(8)} (${x(fig.coldMs)})   ${ms(fig.coldInteractiveMs).padStart(8)} (${x(fig.coldInteractiveMs)})`);
    if (baseline) console.log(`  baseline build, warm  ${ms(fig.baselineMs).padStart(8)} (${x(fig.baselineMs)})   ${ms(fig.baselineInteractiveMs).padStart(8)} (${x(fig.baselineInteractiveMs)})  (${baseline[0]})`);
    console.log(`  the goal (first row on screen ≤ kubectl's) uses the first column: ${ratio.toFixed(2)}x, ${ratio <= 1 ? 'met' : 'not met'}; keys typed before the interactive frame wait, unechoed, and are handled then`);
    console.log(`  node -e 0             ${ms(fig.nodeMs)}`);
    console.log(`  bare import('ink')    ${ms(fig.inkMs)}`);
    console.log(`\n  kdeck warm on one clock (median): Enter → process start ${ms(g.execMs)}, → first row written ${ms(g.toRowWriteMs)}, → captured ${ms(g.writeToCaptureMs)} (one capture-pane ${ms(g.captureMs)})`);
    // CPU: the process's, then its main thread's (the thread each phase waits for; without GC helpers and zlib's pool).
    console.log(`\n  where the time goes (ms since the process started; median)   warm  (CPU used / main thread)      cold${baseline ? '  baseline (CPU / main)' : ''}`);
    const cpu = (x: { medianCpuMs: number; medianMainCpuMs: number }) => `(${ms(x.medianCpuMs)} / ${Number.isFinite(x.medianMainCpuMs) ? Math.round(x.medianMainCpuMs) : 'n/a'})`;
    for (let i = 0; i < warmBreakdown.length; i++) {
      const b = baseBreakdown?.[i];
      const w = warmBreakdown[i]!;
      console.log(`    ${w.phase.padEnd(56)} ${ms(w.medianMs).padStart(8)} ${cpu(w).padStart(18)}  ${ms(coldBreakdown[i]!.medianMs).padStart(8)}${b ? `  ${ms(b.medianMs).padStart(8)} ${cpu(b).padStart(18)}` : ''}`);
    }
  } finally {
    child.send({ stop: true });
    rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(`startup bench failed: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  },
);
