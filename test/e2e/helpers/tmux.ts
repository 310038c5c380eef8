// Drives the real kdeck binary in a private tmux server, as a person at a terminal would.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { TmuxPane } from './tmux-pane.js';

export { cursorLine, cursorRow, filteredTo } from './tmux-pane.js';

export const REPO = fileURLToPath(new URL('../../..', import.meta.url));

export function requireTmux(): void {
  const r = spawnSync('tmux', ['-V'], { encoding: 'utf8' });
  assert.equal(r.status, 0, 'tmux must be installed for the end-to-end tests');
}

export class TmuxSession extends TmuxPane {
  constructor(width = 200, height = 50) {
    super(width, height, 'kdeck-e2e');
  }

  /** Starts an interactive shell with `env`, then types `command` into it (so quitting returns to the prompt). */
  start(env: Record<string, string>, command: string): void {
    this.openShell(env, 'E2E-PROMPT$ ', REPO);
    this.type(command);
    this.keys('Enter');
  }

  /** Waits until kdeck has left and the shell's prompt is the screen's last line (the normal screen back). */
  waitForShellPrompt(what = 'the shell prompt back'): Promise<string> {
    return this.waitFor((s) => !this.alternateScreen() && /E2E-PROMPT\$\s*$/.test(s.trimEnd()), what);
  }

  alternateScreen(): boolean {
    return this.tmux('display-message', '-p', '-t', '0', '#{alternate_on}').trim() === '1';
  }

  /** The process the shell in the pane runs in the foreground (kdeck), if any. */
  childPid(): number | undefined {
    const r = spawnSync('pgrep', ['-P', String(this.panePid())], { encoding: 'utf8' });
    const pid = Number(r.stdout.trim().split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  }

  resize(width: number, height: number): void {
    this.tmux('resize-window', '-t', '0', '-x', String(width), '-y', String(height));
  }

  /** Polls the screen until `pred` holds on a settled frame; the deadline is generous (this is not a timing assertion). */
  async waitFor(pred: (screen: string) => boolean, what: string, opts: { escapes?: boolean; timeoutMs?: number } = {}): Promise<string> {
    const deadline = Date.now() + (opts.timeoutMs ?? 90_000);
    // A capture can catch a frame half-written (Ink rewrites changed lines only), so a match must be seen
    // on two captures in a row that are identical.
    let previous: string | undefined;
    while (Date.now() < deadline) {
      const screen = this.capture(opts.escapes);
      if (pred(screen) && screen === previous) return screen;
      previous = screen;
      await new Promise((r) => setTimeout(r, 60));
    }
    assert.fail(`timed out waiting for ${what}; the screen was:\n${this.capture()}`);
  }

  waitForText(text: string | RegExp, opts: { timeoutMs?: number } = {}): Promise<string> {
    return this.waitFor((s) => (typeof text === 'string' ? s.includes(text) : text.test(s)), String(text), opts);
  }

  /**
   * Kills the tmux server (the terminal goes away: SIGHUP) and checks kdeck exits on its own; a kdeck still
   * running after the deadline is killed and reported, so a test run never leaves one behind.
   */
  async close(): Promise<{ leftRunning: boolean }> {
    let pid: number | undefined;
    try {
      pid = this.childPid();
    } catch {
      pid = undefined; // no server (never started or already gone)
    }
    this.kill();
    if (!pid) return { leftRunning: false };
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      try {
        process.kill(pid, 0);
      } catch {
        return { leftRunning: false };
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone meanwhile
    }
    return { leftRunning: true };
  }
}
