// `npm run bench [-- --quick] [-- --sizes=…] [-- --200k]`: the text sanitiser's, the filter's, the data engine's, the dashboard's
// (in tmux; at 200,000 pods with --200k), kdeck's start-up (first row at 1,000 pods and where the time goes), logs' and port-forward's benchmarks, each against its peers measured in the same run and given the same arguments; then
// bench/summary.js prints ONE table of every bench's figures per size and every goal, met or not, from the
// bench/results/latest/*.json files this run wrote (KDECK_BENCH_RUN tells them apart from stale ones).
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const args = process.argv.slice(2);
const env = { ...process.env, KDECK_BENCH_RUN: new Date().toISOString() };
const failed = [];
/** [script, the bench name it writes its results under] */
const benches = [['dist/bench/text.js', 'text'], ['dist/bench/filter.js', 'filter'], ['dist/bench/run.js', 'engine'], ['dist/bench/ui.js', 'ui'], ['dist/bench/ui-scale.js', 'scale'], ['dist/bench/startup.js', 'startup'], ['dist/bench/logs.js', 'logs'], ['dist/bench/port-forward.js', 'forward']];
for (const [script, name] of benches) {
  if (!existsSync(script)) continue;
  const r = spawnSync(process.execPath, [script, ...args], { stdio: 'inherit', env });
  if (r.status !== 0) failed.push(name);
}
const s = spawnSync(process.execPath, ['dist/bench/summary.js', `--failed=${failed.join(',')}`], { stdio: 'inherit', env });
process.exit(failed.length ? 1 : (s.status ?? 1));
