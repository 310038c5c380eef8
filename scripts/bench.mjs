// `npm run bench [-- --quick] [-- --sizes=…]`: the text sanitiser's, the data engine's, the dashboard's (in tmux), then logs',
// each against its peers measured in the same run. Both take the same arguments.
import { spawnSync } from 'node:child_process';

const args = process.argv.slice(2);
for (const script of ['dist/bench/text.js', 'dist/bench/run.js', 'dist/bench/ui.js', 'dist/bench/logs.js']) {
  const r = spawnSync(process.execPath, [script, ...args], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
