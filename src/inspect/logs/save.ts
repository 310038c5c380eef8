// Ctrl-S in the logs view: the buffered lines, as shown (filter applied, escapes kept visible), to a new file under
// $XDG_STATE_HOME/kdeck/logs/ (default ~/.local/state/kdeck/logs/).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { savedLogsDir } from '../../config/paths.js';

/** Writes the lines and returns the file's path. `title` names the file ("deploy-api" → deploy-api-20260102-030405.log). */
export function saveLogLines(title: string, lines: string[], now = new Date(), env: Record<string, string | undefined> = process.env): string {
  const dir = savedLogsDir(env);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  const safe = title.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 100) || 'logs';
  const file = join(dir, `${safe}-${stamp}.log`);
  writeFileSync(file, lines.length ? `${lines.join('\n')}\n` : '', { mode: 0o600, flag: 'wx' });
  return file;
}
