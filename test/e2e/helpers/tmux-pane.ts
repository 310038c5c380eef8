// The one tmux driver: a private tmux server with one shell pane, typed into and read as a person would.
// Shared by the end-to-end tests (helpers/tmux.ts) and the dashboard benchmark (bench/ui.ts).
import { execFileSync, spawnSync } from 'node:child_process';

let counter = 0;

export class TmuxPane {
  readonly socket: string;
  constructor(
    readonly width = 200,
    readonly height = 50,
    label = 'kdeck',
  ) {
    this.socket = `${label}-${process.pid}-${++counter}`;
  }

  tmux(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, ...args], { encoding: 'utf8' });
  }

  /** Opens a bare shell with exactly `env` (no rc files), prompting `prompt`, optionally in `cwd`. */
  openShell(env: Record<string, string>, prompt: string, cwd?: string): void {
    const envArgs = Object.entries(env).map(([k, v]) => `${k}=${v}`);
    this.tmux('-f', '/dev/null', 'new-session', '-d', '-x', String(this.width), '-y', String(this.height), ...(cwd ? ['-c', cwd] : []),
      'env', '-i', ...envArgs, `PS1=${prompt}`, 'bash', '--norc', '--noprofile');
    this.tmux('set-option', '-g', 'status', 'off');
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

  /** The pid of the shell in the pane. */
  panePid(): number {
    return Number(this.tmux('display-message', '-p', '-t', '0', '#{pane_pid}').trim());
  }

  kill(): void {
    spawnSync('tmux', ['-L', this.socket, 'kill-server']);
  }
}

// eslint-disable-next-line no-control-regex
export const stripEscapes = (l: string): string => l.replace(/\x1b\[[0-9;]*m/g, '');

/** The line of the screen (captured with escapes) drawn in reverse video: the table cursor. */
export function cursorLine(screenWithEscapes: string): string | undefined {
  // SGR with a parameter exactly 7 (reverse), e.g. ESC[7m or ESC[31;7m, not ESC[37m.
  // eslint-disable-next-line no-control-regex
  const reverse = /\x1b\[(?:[0-9;]*;)?7(?:;[0-9;]*)?m/;
  return screenWithEscapes.split('\n').filter((l) => reverse.test(l)).map(stripEscapes).find((l) => /^[A-Za-z0-9]/.test(l.trimStart()) && !l.trimStart().startsWith('<'));
}

/** The table filtered (`/NAME` applied: the prompt closed) to one row, NAME, with the cursor on it. */
export function filteredTo(screenWithEscapes: string, name: string): boolean {
  const plain = stripEscapes(screenWithEscapes);
  return plain.includes(`[1] </${name}>`) && !plain.includes('<Enter>apply') && !!cursorLine(screenWithEscapes)?.includes(name);
}

/** Index of the cursor's row among the table rows (0 = first under the column header), or -1. */
export function cursorRow(screenWithEscapes: string): number {
  const lines = screenWithEscapes.split('\n').map(stripEscapes);
  const header = lines.findIndex((l) => /^(NAMESPACE +)?NAME\s/.test(l));
  const c = cursorLine(screenWithEscapes);
  if (header < 0 || c === undefined) return -1;
  const at = lines.indexOf(c, header + 1);
  return at < 0 ? -1 : at - header - 1;
}
