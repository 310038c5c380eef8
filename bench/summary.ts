// Run last by `npm run bench`: reads every bench/results/latest/*.json this run wrote (see bench/goals.ts) and prints
// ONE table (per size: kdeck beside the floor, kubectl and @kubernetes/client-node, every bench's figures merged; a
// bench sized otherwise than in pods, e.g. the forward bench's transfers, gets a table of its own), then every goal
// marked MET / NOT MET. `--failed=a,b` names the benches whose process failed (printed as missing).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { latestDir, type Goal, type SizeRow, type WrittenResults } from './goals.js';

/** Benches in the order their columns appear; others follow alphabetically. */
const BENCH_ORDER = ['engine', 'ui', 'startup', 'forward', 'logs', 'text'];
const CLIENT_ORDER = ['floor', 'kdeck', 'kubectl', 'client-node'];
/** The sizes issue 13 asks the one table for. */
const POD_SIZES = [1000, 10_000, 50_000, 200_000];

export function readLatest(dir = latestDir, run = process.env.KDECK_BENCH_RUN): { current: WrittenResults[]; stale: WrittenResults[] } {
  let files: string[] = [];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.json'));
  } catch {
    // no bench wrote anything yet
  }
  const all = files.map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as WrittenResults);
  const rank = (b: string) => (BENCH_ORDER.includes(b) ? BENCH_ORDER.indexOf(b) : BENCH_ORDER.length);
  all.sort((a, b) => rank(a.bench) - rank(b.bench) || a.bench.localeCompare(b.bench));
  const current = run ? all.filter((r) => r.run === run) : all;
  return { current, stale: all.filter((r) => !current.includes(r)) };
}

function label(figure: string, labels: Record<string, string>): string {
  if (labels[figure]) return labels[figure]!;
  const words = figure.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.replace(/ ms$/, ' ms').replace(/ mb$/, ' MB');
}

function fmt(v: number): string {
  return Math.abs(v) >= 10 ? v.toFixed(0) : v.toFixed(1);
}

function markdown(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => '| ' + cells.map((c, i) => (c ?? '').padEnd(widths[i]!)).join(' | ') + ' |';
  return [line(head), '|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|', ...rows.map(line)].join('\n');
}

/** The size columns the results use ('pods' unless a bench names another in `sizeColumn`), 'pods' first. */
export function sizeColumns(results: WrittenResults[]): string[] {
  const cols = [...new Set(results.filter((r) => (r.rows ?? []).length > 0).map((r) => r.sizeColumn ?? 'pods'))];
  return cols.sort((a, b) => Number(b === 'pods') - Number(a === 'pods'));
}

/**
 * One table for one size column: a line per (size, client), a column per figure of every bench using that size
 * column, ratios against the floor of the same size. Pod counts sort by number, other sizes (e.g. '1 MB × 200')
 * stay in the order the bench wrote them.
 */
export function sizeTable(results: WrittenResults[], column = 'pods'): string {
  const labels: Record<string, string> = {};
  const figures: string[] = [];
  const merged = new Map<string, SizeRow>();
  const order: (string | number)[] = [];
  for (const r of results) {
    if ((r.sizeColumn ?? 'pods') !== column) continue;
    Object.assign(labels, r.labels ?? {});
    for (const row of (r.rows ?? []) as SizeRow[]) {
      const size = row?.[column];
      if ((typeof size !== 'number' && typeof size !== 'string') || typeof row.client !== 'string') continue;
      if (!order.includes(size)) order.push(size);
      const key = `${size}\0${row.client}`;
      const into = merged.get(key) ?? { [column]: size, client: row.client };
      for (const [k, v] of Object.entries(row)) {
        if (k === column || k === 'client' || v === undefined) continue;
        into[k] = v;
        if (!figures.includes(k)) figures.push(k);
      }
      merged.set(key, into);
    }
  }
  if (column === 'pods' && merged.size > 0) {
    // Every size of issue 13 shows every peer: one that no bench measured says so instead of being left out.
    const firstFigure = figures[0];
    for (const size of POD_SIZES) {
      for (const client of CLIENT_ORDER) {
        if (merged.has(`${size}\0${client}`) || !firstFigure) continue;
        merged.set(`${size}\0${client}`, { pods: size, client, [firstFigure]: size === 200_000 ? 'not measured (needs --200k)' : 'not measured in this run' });
      }
    }
  }
  const rank = (c: string) => (CLIENT_ORDER.includes(c) ? CLIENT_ORDER.indexOf(c) : CLIENT_ORDER.length);
  const sizeRank = (v: string | number) => (typeof v === 'number' ? v : Number.MAX_SAFE_INTEGER - order.length + order.indexOf(v));
  const sizeOf = (row: SizeRow) => row[column] as string | number;
  const rows = [...merged.values()].sort((a, b) => sizeRank(sizeOf(a)) - sizeRank(sizeOf(b)) || rank(a.client) - rank(b.client) || a.client.localeCompare(b.client));
  const cells = rows.map((row) => {
    const size = sizeOf(row);
    const floor = merged.get(`${size}\0floor`);
    return [
      typeof size === 'number' ? size.toLocaleString('en-US') : size,
      row.client,
      ...figures.map((f) => {
        const v = row[f];
        if (v === undefined) return '';
        if (typeof v !== 'number') return String(v);
        const base = floor?.[f];
        return row.client !== 'floor' && typeof base === 'number' && base > 0 ? `${fmt(v)} (${(v / base).toFixed(2)}x)` : fmt(v);
      }),
    ];
  });
  return markdown([labels[column] ?? column, 'client', ...figures.map((f) => label(f, labels))], cells);
}

/**
 * Issue 13's goals, each with the bench expected to report it and how its goal text is recognised: a goal no bench
 * of this run reported (the bench failed, was not run, or does not measure it yet) is still listed, as NOT
 * MEASURED with the reason, so the table always answers for every goal of the issue.
 */
export const ISSUE_13: { goal: string; target: string; bench: string; match: RegExp }[] = [
  { goal: 'first painted row at 1,000 pods vs kubectl get pods -A', target: '≤ 1x', bench: 'ui', match: /first (painted )?row/i },
  { goal: 'time until synced at 50,000 pods vs the floor', target: '≤ 1.3x', bench: 'engine', match: /synced at 50,000/i },
  { goal: 'key→frame p99 at 50,000 rows', target: '< 30 ms', bench: 'ui', match: /key.?(→|to|-)?.?frame(?!.*(events|churn|namespace|:ns|follow))/i },
  { goal: 'key→frame p99 at 50,000 rows while 1,000 events/s arrive', target: '< 30 ms', bench: 'ui', match: /key.?(→|to|-)?.?frame.*(events|churn)/i },
  { goal: 'warm context flip back', target: '< 50 ms', bench: 'ui', match: /flip/i },
  { goal: 'CPU per 1,000 events vs kubectl -w', target: '≤ 1x', bench: 'engine', match: /CPU.*(1,000 events|events\/s)/i },
  { goal: 'time until synced at 200,000 pods vs the floor', target: '≤ 3x', bench: 'engine', match: /synced at 200,000/i },
  { goal: 'dashboard RSS with 200,000 pods', target: '< 1024 MB', bench: 'scale', match: /dashboard RSS.*200,000/i },
  { goal: 'namespace view key→frame p99 with 2,000 namespaces', target: '< 50 ms', bench: 'scale', match: /namespace view/i },
  { goal: 'filter over 200,000 rows', target: '< 100 ms', bench: 'scale', match: /filter over/i },
  { goal: 'dashboard RSS at 50,000 pods vs the floor-table', target: '≤ 1.2x', bench: 'ui', match: /dashboard RSS.*50,000/i },
];

/** The checklist goals of `ISSUE_13` that no goal of issue 13 in `results` answers, as NOT MEASURED goals. */
export function unanswered(results: WrittenResults[], failed: string[] = []): (Goal & { bench: string })[] {
  const reported = results.flatMap((r) => (r.goals ?? []).filter((g) => g.issue === '13'));
  const ran = new Set(results.map((r) => r.bench));
  return ISSUE_13.filter((c) => !reported.some((g) => c.match.test(g.goal))).map((c) => ({
    issue: '13',
    bench: c.bench,
    goal: c.goal,
    measured: 'n/a',
    target: c.target,
    met: false,
    note: failed.includes(c.bench) ? `the ${c.bench} bench failed in this run` : ran.has(c.bench) ? `the ${c.bench} bench does not report it` : `the ${c.bench} bench did not run`,
  }));
}

export function goalTable(results: WrittenResults[], failed: string[] = []): string {
  const goals: (Goal & { bench: string })[] = [...results.flatMap((r) => (r.goals ?? []).map((g) => ({ ...g, bench: r.bench }))), ...unanswered(results, failed)];
  const verdict = (g: Goal) => (g.measured === 'n/a' ? 'NOT MEASURED' : g.met ? 'MET' : 'NOT MET');
  return markdown(
    ['issue', 'bench', 'goal', 'measured', 'target', 'result', 'note'],
    goals.map((g) => [`#${g.issue}`, g.bench, g.goal, g.measured, g.target, verdict(g), g.note ?? '']),
  );
}

function main(): void {
  const failed = (process.argv.find((a) => a.startsWith('--failed='))?.slice(9) ?? '').split(',').filter(Boolean);
  const { current, stale } = readLatest();
  const load = (l: number[] | undefined) => (l ? l.map((x) => x.toFixed(1)).join(' ') : '?');
  console.log(`\n=== kdeck benchmark summary (${current[0]?.node ?? process.version}; all ratios against peers of the same run) ===\n`);
  for (const r of current) console.log(`  ${r.bench.padEnd(8)} ${r.date}  load average ${load(r.loadStart)} → ${load(r.loadEnd)}`);
  for (const f of failed) console.log(`  ${f.padEnd(8)} FAILED in this run: its figures and goals are missing`);
  for (const r of stale) console.log(`  ${r.bench.padEnd(8)} (stale file from ${r.date}, not from this run: left out)`);
  console.log('');
  for (const column of sizeColumns(current)) {
    console.log(sizeTable(current, column));
    console.log('');
  }
  console.log(goalTable(current, failed));
  const goals = [...current.flatMap((r) => r.goals ?? []), ...unanswered(current, failed)];
  const open = goals.filter((g) => g.measured === 'n/a').length;
  console.log(`\n${goals.filter((g) => g.met).length} of ${goals.length} goals met; ${open} not measured in this run.`);
}

if (process.argv[1] && /summary\.(ts|js)$/.test(process.argv[1])) main();
