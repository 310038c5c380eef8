// Drives the real kdeck binary in a private tmux server, as a person at a terminal would.
import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';

export const REPO = fileURLToPath(new URL('../../..', import.meta.url));

export function requireTmux(): void {
  const r = spawnSync('tmux', ['-V'], { encoding: 'utf8' });
  assert.equal(r.status, 0, 'tmux must be installed for the end-to-end tests');
}

let counter = 0;

export class TmuxSession {
  readonly socket = `kdeck-e2e-${process.pid}-${++counter}`;
  constructor(readonly width = 200, readonly height = 50) {}

  private tmux(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, ...args], { encoding: 'utf8' });
  }

  /** Starts an interactive shell with `env`, then types `command` into it (so quitting returns to the prompt). */
  start(env: Record<string, string>, command: string): void {
    const envArgs = Object.entries(env).map(([k, v]) => `${k}=${v}`);
    this.tmux('-f', '/dev/null', 'new-session', '-d', '-x', String(this.width), '-y', String(this.height), '-c', REPO,
      'env', '-i', ...envArgs, 'PS1=E2E-PROMPT$ ', 'bash', '--norc', '--noprofile');
    this.tmux('set-option', '-g', 'status', 'off');
    this.type(command);
    this.keys('Enter');
  }

  /** Literal text. */
  type(text: string): void {
    this.tmux('send-keys', '-t', '0', '-l', text);
  }

  /** tmux key names: Enter, Escape, C-c, S-Left, PageDown… */
  keys(...names: string[]): void {
    this.tmux('send-keys', '-t', '0', ...names);
  }

  capture(escapes = false): string {
    return this.tmux('capture-pane', '-p', '-t', '0', ...(escapes ? ['-e'] : []));
  }

  alternateScreen(): boolean {
    return this.tmux('display-message', '-p', '-t', '0', '#{alternate_on}').trim() === '1';
  }

  /** The process the shell in the pane runs in the foreground (kdeck), if any. */
  childPid(): number | undefined {
    const shell = this.tmux('display-message', '-p', '-t', '0', '#{pane_pid}').trim();
    const r = spawnSync('pgrep', ['-P', shell], { encoding: 'utf8' });
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
    spawnSync('tmux', ['-L', this.socket, 'kill-server']);
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

/** The line of the screen (captured with escapes) drawn in reverse video: the table cursor. */
export function cursorLine(screenWithEscapes: string): string | undefined {
  // SGR with a parameter exactly 7 (reverse), e.g. ESC[7m or ESC[31;7m, not ESC[37m.
  // eslint-disable-next-line no-control-regex
  const reverse = /\x1b\[(?:[0-9;]*;)?7(?:;[0-9;]*)?m/;
  // eslint-disable-next-line no-control-regex
  const plain = (l: string) => l.replace(/\x1b\[[0-9;]*m/g, '');
  return screenWithEscapes.split('\n').filter((l) => reverse.test(l)).map(plain).find((l) => /^[A-Za-z0-9]/.test(l.trimStart()) && !l.trimStart().startsWith('<'));
}
