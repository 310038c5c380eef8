// The contract every benchmark of `npm run bench` writes its results through, so that bench/summary.ts (run last)
// can print ONE table of figures per size and every goal marked met or not.
//
//  - `goals`: one entry per goal of an issue, measured in this run against peers of this same run.
//    When a goal could not be measured (e.g. `--quick` skips its size), give `measured: 'n/a'`, `met: false`
//    and say why in `note`: the summary prints it as NOT MEASURED.
//  - `rows`: figures per size and client, `{ pods, client, <figure>: number }`; figures are named with their
//    unit last (`syncMs`, `rssMb`, `cpuPer1kMs`, `keyFrameP99Ms`…). The summary merges the rows of every bench by
//    (pods, client), shows each figure beside the floor's of the same size as a ratio, and labels columns from
//    `labels` (figure → column heading) or, failing that, from the figure's name.
//    A bench whose size is not a pod count names its own size column in `sizeColumn` (e.g. 'transfer', rows
//    `{ transfer: '100 MB × 1', client, … }`): each size column gets a table of its own.
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Goal {
  /** The issue the goal comes from, e.g. '13'. */
  issue: string;
  /** What is promised, in words: 'time until synced at 50,000 pods vs the floor'. */
  goal: string;
  /** What this run measured, with its unit or ratio: '1.21x (955 ms vs 789 ms)'; 'n/a' when not measured. */
  measured: string;
  /** The target, e.g. '≤ 1.3x'. */
  target: string;
  met: boolean;
  note?: string;
}

export interface SizeRow {
  /** The size, under the bench's `sizeColumn` ('pods' unless it says otherwise). */
  pods?: number;
  client: string;
  [figure: string]: number | string | undefined;
}

export interface BenchResults {
  goals: Goal[];
  rows?: SizeRow[] | unknown[];
  /** Column headings for figures in `rows`: { syncMs: 'synced ms' }. */
  labels?: Record<string, string>;
  /** The rows' size column when it is not `pods` (e.g. 'transfer'). */
  sizeColumn?: string;
  [extra: string]: unknown;
}

export interface WrittenResults extends BenchResults {
  bench: string;
  date: string;
  node: string;
  /** `os.loadavg()` when this bench started (this module loaded) and when it wrote its results. */
  loadStart: number[];
  loadEnd: number[];
  /** The id of the `npm run bench` run (KDECK_BENCH_RUN, set by scripts/bench.mjs), so the summary skips stale files. */
  run?: string;
}

const loadStart = loadavg();
const here = dirname(fileURLToPath(import.meta.url));
/** bench/results of the repository, from bench/ (tsx) or dist/bench/ (built). */
export const resultsDir = join(here, extname(fileURLToPath(import.meta.url)) === '.ts' ? '..' : join('..', '..'), 'bench', 'results');
export const latestDir = join(resultsDir, 'latest');

/** Writes bench/results/latest/<bench>.json and a dated copy bench/results/<bench>-<date>.json; returns the dated path. */
export function writeResults(bench: string, data: BenchResults): string {
  const date = new Date().toISOString();
  const out: WrittenResults = { bench, date, node: process.version, loadStart, loadEnd: loadavg(), run: process.env.KDECK_BENCH_RUN, ...data };
  const text = JSON.stringify(out, null, 2);
  mkdirSync(latestDir, { recursive: true });
  writeFileSync(join(latestDir, `${bench}.json`), text);
  const dated = join(resultsDir, `${bench}-${date.replace(/[:.]/g, '-')}.json`);
  writeFileSync(dated, text);
  return dated;
}

/** `a / b` as '1.21x', for goals stated as ratios against a peer of the same run. */
export function times(a: number | undefined, b: number | undefined): string {
  return a === undefined || !b ? 'n/a' : `${(a / b).toFixed(2)}x`;
}
