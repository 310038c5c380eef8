// The published bin, as `npm run build` makes it (scripts/bundle.mjs), built once per test process into a temp dir
// from the checkout's current sources: tests that drive "the real kdeck" run what users run (the bundle), never
// a stale dist/ and never the TypeScript sources through tsx, which can hide a break that only the bundle has.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
let built: string | undefined;

/** The path of the bundled kdeck.js (built on first use; removed when the test process exits). */
export function bundledBin(): string {
  if (built) return built;
  const out = mkdtempSync(join(tmpdir(), 'kdeck-bin-'));
  const b = spawnSync(process.execPath, ['scripts/bundle.mjs', '--outdir', join(out, 'dist')], { cwd: REPO, encoding: 'utf8' });
  if (b.status !== 0) throw new Error(`the bundle did not build:\n${b.stderr}${b.stdout}`);
  process.once('exit', () => rmSync(out, { recursive: true, force: true }));
  built = join(out, 'dist', 'kdeck.js');
  return built;
}
