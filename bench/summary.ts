// Run last by `npm run bench`: reads every bench/results/latest/*.json this run wrote (see bench/goals.ts) and prints
// ONE table (per size: kdeck beside the floor, kubectl and @kubernetes/client-node, every bench's figures merged), then
// every goal marked MET / NOT MET. `--failed=a,b` names the benches whose process failed (printed as missing).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { latestDir, type Goal, type SizeRow, type WrittenResults } from './goals.js';

/** Benches in the order their columns appear; others follow alphabetically. */
const BENCH_ORDER = ['engine', 'ui', 'startup', 'forward', 'logs', 'text'];
const CLIENT_ORDER = ['floor', 'kdeck', 'kubectl', 'client-node'];

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

/** One table: a line per (pods, client), a column per figure, ratios against the floor of the same size. */
export function sizeTable(results: WrittenResults[]): string {
  const labels: Record<string, string> = {};
  const figures: string[] = [];
  const merged = new Map<string, SizeRow>();
  for (const r of results) {
    Object.assign(labels, r.labels ?? {});
    for (const row of (r.rows ?? []) as SizeRow[]) {
      if (typeof row?.pods !== 'number' || typeof row.client !== 'string') continue;
      const key = `${row.pods}\0${row.client}`;
      const into = merged.get(key) ?? { pods: row.pods, client: row.client };
      for (const [k, v] of Object.entries(row)) {
        if (k === 'pods' || k === 'client' || v === undefined) continue;
        into[k] = v;
        if (!figures.includes(k)) figures.push(k);
      }
      merged.set(key, into);
    }
  }
  const rank = (c: string) => (CLIENT_ORDER.includes(c) ? CLIENT_ORDER.indexOf(c) : CLIENT_ORDER.length);
  const rows = [...merged.values()].sort((a, b) => a.pods - b.pods || rank(a.client) - rank(b.client) || a.client.localeCompare(b.client));
  const cells = rows.map((row) => {
    const floor = merged.get(`${row.pods}\0floor`);
    return [
      row.pods.toLocaleString('en-US'),
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
  return markdown(['pods', 'client', ...figures.map((f) => label(f, labels))], cells);
}

export function goalTable(results: WrittenResults[]): string {
  const goals: (Goal & { bench: string })[] = results.flatMap((r) => (r.goals ?? []).map((g) => ({ ...g, bench: r.bench })));
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
  console.log(sizeTable(current));
  console.log('');
  console.log(goalTable(current));
  const goals = current.flatMap((r) => r.goals ?? []);
  console.log(`\n${goals.filter((g) => g.met).length} of ${goals.length} goals met.`);
}

if (process.argv[1] && /summary\.(ts|js)$/.test(process.argv[1])) main();
