// `node dist/bench/logs.js [--quick]` (or `node --import tsx bench/logs.ts`): one pod writing 5,000 lines a
// second, followed by the real kdeck in tmux for 5 minutes (--quick: 30 s):
//  - kdeck's RSS (process tree) after 10 s of following and at the end (target < 200 MB, flat within 10%);
//  - key→frame while following: `w` (wrap on/off) until the status line changes (target p99 < 50 ms);
//  - line→screen: the newest timestamp on screen against the time it was written (timestamps on with `t`;
//    target p99 < 100 ms); includes tmux capture time and the simulator's 10 ms flush;
//  - beside `kubectl logs -f` on the same pod in the same run: its CPU % and RSS.
// The simulator runs in this process; kdeck and kubectl are measured as process trees from /proc.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSimulator } from '../src/simulator/index.js';
import { processTree, treeCpuMs, treeRssMb } from './proc-stats.js';
import { TmuxPane } from '../test/e2e/helpers/tmux-pane.js';

const here = dirname(fileURLToPath(import.meta.url));
const ext = extname(fileURLToPath(import.meta.url));
const repo = join(here, ext === '.ts' ? '..' : '../..');
const cli = ext === '.ts' ? `${process.execPath} --import tsx ${join(repo, 'src', 'cli.tsx')}` : `${process.execPath} ${join(here, '..', 'kdeck.js')}`;
const quick = process.argv.includes('--quick');
const DURATION_S = quick ? 30 : 300;
const KUBECTL_S = quick ? 15 : 60;
const RATE = 5000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] : NaN;
};
const f1 = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : 'n/a');

/** The newest kubelet timestamp on the screen, as epoch ms (µs kept as a fraction). */
function newestStamp(screen: string): number | undefined {
  let best: number | undefined;
  for (const m of screen.matchAll(/(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)\.(\d{9})Z/g)) {
    const t = Date.parse(`${m[1]}Z`) + Number(m[2].slice(0, 6)) / 1000;
    if (best === undefined || t > best) best = t;
  }
  return best;
}

async function main(): Promise<void> {
  const sim = await startSimulator({ controllers: false, pods: 10, namespaces: 1, seed: 42, logRate: RATE });
  const dir = mkdtempSync(join(tmpdir(), 'kdeck-bench-logs-'));
  const kubeconfig = join(dir, 'kubeconfig.yaml');
  sim.writeKubeconfig(kubeconfig);
  const pod = sim.clusters[0].store.list('pods').find((p) => (p.status as { phase?: string }).phase === 'Running' && (p.spec as { containers: unknown[] }).containers.length === 1)!;
  const ns = pod.metadata.namespace!;
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, TERM: 'xterm-256color', KUBECONFIG: kubeconfig, XDG_CONFIG_HOME: join(dir, 'cfg'), XDG_STATE_HOME: join(dir, 'state') };
  const pane = new TmuxPane(160, 45, 'kdeck-bench-logs');
  console.log(`\nlogs benchmark: pod ${ns}/${pod.metadata.name} writing ${RATE} lines/s, followed for ${DURATION_S} s${quick ? ' (--quick)' : ''}`);
  try {
    pane.openShell(env, '$ ');
    pane.type(`exec ${cli} -n ${ns} 2>${join(dir, 'kdeck.err')}`);
    pane.keys('Enter');
    const until = async (pred: (s: string) => boolean, what: string, limitMs = 60_000) => {
      const t0 = performance.now();
      for (;;) {
        const s = pane.capture();
        if (pred(s)) return performance.now() - t0;
        if (performance.now() - t0 > limitMs) throw new Error(`timed out: ${what}\n${s}`);
        await sleep(1);
      }
    };
    await until((s) => s.includes(pod.metadata.name), 'the pods table');
    // Put the cursor on the pod, then l (logs, following) and t (timestamps).
    const names = sim.clusters[0].store.list('pods', ns).map((p) => p.metadata.name).sort();
    for (let i = 0; i < names.indexOf(pod.metadata.name); i++) pane.keys('j');
    await sleep(300);
    pane.type('l');
    await until((s) => s.includes('following'), 'the logs view');
    pane.type('t');
    await until((s) => newestStamp(s) !== undefined, 'timestamps on screen');
    const kdeckPid = pane.panePid();

    const lineLag: number[] = [];
    const keyLag: number[] = [];
    let rssStart = NaN;
    const cpu0 = treeCpuMs(kdeckPid);
    const t0 = performance.now();
    let nextKey = t0 + 2000;
    let wrapOn = false;
    while (performance.now() - t0 < DURATION_S * 1000) {
      const screen = pane.capture();
      const stamp = newestStamp(screen);
      if (stamp !== undefined) lineLag.push(Date.now() - stamp);
      if (Number.isNaN(rssStart) && performance.now() - t0 > 10_000) rssStart = treeRssMb(kdeckPid);
      if (performance.now() >= nextKey) {
        // key→frame: w toggles wrap; the status line says "wrap" while it is on.
        wrapOn = !wrapOn;
        const k0 = performance.now();
        pane.type('w');
        for (;;) {
          const s = pane.capture().split('\n').find((l) => l.includes('following')) ?? '';
          if (/ · wrap/.test(s) === wrapOn) break;
          if (performance.now() - k0 > 5000) break;
        }
        keyLag.push(performance.now() - k0);
        nextKey = performance.now() + 1000;
      }
      await sleep(50);
    }
    const elapsed = performance.now() - t0;
    const cpuPct = ((treeCpuMs(kdeckPid) - cpu0) / elapsed) * 100;
    const rssEnd = treeRssMb(kdeckPid);
    pane.keys('C-c');

    // kubectl logs -f on the same pod, same simulator, same run.
    const kdir = join(dir, 'kubectl');
    const child = spawn('kubectl', ['--kubeconfig', kubeconfig, '--cache-dir', join(kdir, 'cache'), 'logs', '-f', '-n', ns, pod.metadata.name, '--tail', '200', '--timestamps'], { stdio: ['ignore', 'pipe', 'ignore'] });
    let bytes = 0;
    child.stdout.on('data', (d: Buffer) => (bytes += d.length));
    await sleep(3000);
    const kc0 = treeCpuMs(child.pid!);
    const kt0 = performance.now();
    await sleep(KUBECTL_S * 1000);
    const kubectlCpu = ((treeCpuMs(child.pid!) - kc0) / (performance.now() - kt0)) * 100;
    const kubectlRss = treeRssMb(child.pid!);
    for (const p of processTree(child.pid!).reverse()) {
      try {
        process.kill(p, 'SIGKILL');
      } catch {
        // gone
      }
    }

    const flat = Math.abs(rssEnd - rssStart) / rssStart;
    const lines = [
      `kdeck RSS: ${f1(rssStart)} MB after 10 s, ${f1(rssEnd)} MB after ${DURATION_S} s (${(flat * 100).toFixed(1)}% change; target < 200 MB, flat within 10%: ${rssEnd < 200 && flat <= 0.1 ? 'met' : 'not met'})`,
      `kdeck CPU while following: ${f1(cpuPct)}% of a core`,
      `key→frame while following (w, ${keyLag.length} presses): p50 ${f1(pct(keyLag, 50))} ms, p99 ${f1(pct(keyLag, 99))} ms (target < 50 ms: ${pct(keyLag, 99) < 50 ? 'met' : 'not met'})`,
      `line→screen (${lineLag.length} samples): p50 ${f1(pct(lineLag, 50))} ms, p99 ${f1(pct(lineLag, 99))} ms (target < 100 ms: ${pct(lineLag, 99) < 100 ? 'met' : 'not met'})`,
      `kubectl logs -f, same pod, ${KUBECTL_S} s: ${f1(kubectlCpu)}% of a core, RSS ${f1(kubectlRss)} MB (${(bytes / 1e6).toFixed(1)} MB read)`,
    ];
    for (const l of lines) console.log(`  ${l}`);
    writeFileSync(join(tmpdir(), 'kdeck-bench-logs.txt'), `${lines.join('\n')}\n`);
  } finally {
    pane.kill();
    await sim.stop();
    rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
