// Background plugins: run detached from the terminal (no stdin, never the TTY), stdout and stderr captured into
// one log file per plugin under $XDG_STATE_HOME/kdeck/plugins/, the tail kept for the result line.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BackgroundJob, BackgroundResult } from '../ui-state/services.js';

/** Kept in memory for the result line; the log file has everything. */
const TAIL_BYTES = 4096;

export function runBackground(job: BackgroundJob, logDir: string): Promise<BackgroundResult> {
  return new Promise((resolve) => {
    const safe = job.name.replace(/[^A-Za-z0-9._-]/g, '_') || 'plugin';
    let logFile: string | undefined = join(logDir, `${safe}.log`);
    let log: ReturnType<typeof createWriteStream> | undefined;
    try {
      mkdirSync(logDir, { recursive: true });
      log = createWriteStream(logFile);
      log.on('error', () => (logFile = undefined));
    } catch {
      logFile = undefined;
    }
    let tail = '';
    const keep = (chunk: Buffer) => {
      log?.write(chunk);
      tail = (tail + chunk.toString('utf8')).slice(-TAIL_BYTES);
    };
    let child;
    try {
      child = spawn(job.command, job.args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...job.env }, detached: true });
    } catch (e) {
      log?.end();
      resolve({ code: null, error: e as Error, logFile });
      return;
    }
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    let settled = false;
    const done = (r: BackgroundResult) => {
      if (settled) return;
      settled = true;
      log?.end();
      resolve({ ...r, output: tail, logFile });
    };
    child.once('error', (error) => done({ code: null, error }));
    child.once('close', (code, signal) => done({ code, signal }));
  });
}
