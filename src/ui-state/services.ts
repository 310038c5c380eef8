// What views may ask of the program around them, behind a small seam: the app layer (src/app/) provides the real
// services; component tests pass fakes. Views never touch the terminal, a process or Ink directly.

/** What to run with the terminal: a command (editor, shell, plugin) or a callback that owns the TTY meanwhile. */
export type TerminalJob =
  | { command: string; args?: string[]; env?: Record<string, string | undefined>; cwd?: string }
  | ((tty: { stdin: NodeJS.ReadStream; stdout: NodeJS.WriteStream }) => Promise<void>);

/** How a hand-over ended: the child's exit code (or signal), or the error that stopped it. */
export interface HandOverResult {
  code: number | null;
  signal?: string | null;
  error?: Error;
}

/** A program run without the terminal (a background plugin). */
export interface BackgroundJob {
  name: string;
  command: string;
  args: string[];
  env: Record<string, string>;
}

export interface BackgroundResult extends HandOverResult {
  /** The end of what it printed (stdout and stderr interleaved). */
  output?: string;
  /** Where all of it was written. */
  logFile?: string;
}

export interface UiServices {
  /**
   * Suspends the dashboard (leaves the alternate screen, raw mode off, stops reading keys), runs `job` on the
   * terminal, then restores the screen exactly (alternate screen, raw mode, full redraw), also when `job` fails.
   * Used by the editor (issue 10), the shell (issue 11) and foreground plugins (issue 12).
   */
  handOverTerminal(job: TerminalJob): Promise<HandOverResult>;
  /** Runs `job` detached from the terminal with its output captured (background plugins); absent: not supported. */
  runBackground?(job: BackgroundJob): Promise<BackgroundResult>;
  /** Puts text on the clipboard through the terminal (OSC 52); false when there is no terminal to ask. */
  copyToClipboard?(text: string): boolean;
  /**
   * Runs `draw` (a state change React renders at once) with the frame it makes computed but not written, then
   * `restore` (the real state back) before any key or event is handled: warms the key path (warm-key-path.ts);
   * absent: not supported.
   */
  unwrittenFrame?(draw: () => void, restore: () => void): void;
}

/** For tests and non-interactive runs: a hand-over that reports it cannot run. */
export const NO_TERMINAL: UiServices = {
  handOverTerminal: async () => ({ code: null, error: new Error('no terminal to hand over') }),
};
