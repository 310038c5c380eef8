// An exec or attach session on the whole terminal (after the dashboard handed it over): raw mode, keys to stdin,
// window size to resize, output to the screen; raw mode is undone however it ends (the process exits, the stream
// breaks, the user detaches).
import type { ExecOutcome, ExecSession } from './exec.js';

export interface Tty {
  stdin: NodeJS.ReadStream;
  stdout: NodeJS.WriteStream;
}

/** A session opened before the terminal was handed over, keeping what it printed meanwhile. */
export interface HeldSession {
  session: ExecSession;
  /** Output that arrived before the terminal was ours. */
  early: Buffer[];
  /** Set once the terminal shows the output directly. */
  taken: boolean;
}

/** Starts holding a session's output (stdout and stderr) until runOnTerminal shows it. */
export function holdOutput(session: ExecSession): HeldSession {
  const held: HeldSession = { session, early: [], taken: false };
  const keep = (b: Buffer) => {
    if (!held.taken) held.early.push(b);
  };
  session.onStdout(keep);
  session.onStderr(keep);
  return held;
}

/** What typed keys become: bytes for the process, text to echo locally, or a detach. */
export type KeyFilter = (typed: Buffer) => { forward: Buffer; echo?: string; detach: boolean };

export type TerminalEnd = ExecOutcome | { detached: true };

export interface TerminalOptions {
  /** Absent: every key goes to the process as typed (a shell). */
  keys?: KeyFilter;
  /** Send the window size (a tty); default true. */
  resize?: boolean;
}

export async function runOnTerminal(held: HeldSession, tty: Tty, opts: TerminalOptions = {}): Promise<TerminalEnd> {
  const { session } = held;
  const { stdin, stdout } = tty;
  const wasRaw = stdin.isTTY ? stdin.isRaw : false;
  const write = (b: Buffer | string) => {
    try {
      stdout.write(b);
    } catch {
      // terminal gone
    }
  };
  let detach: () => void = () => undefined;
  const detached = new Promise<{ detached: true }>((resolve) => (detach = () => resolve({ detached: true })));
  // Ink sets the terminal's encoding to utf8, so keys may arrive as strings.
  const onKey = (typed: Buffer | string) => {
    const b = typeof typed === 'string' ? Buffer.from(typed, 'utf8') : typed;
    if (!opts.keys) return session.write(b);
    const k = opts.keys(b);
    if (k.echo) write(k.echo);
    if (k.forward.length) session.write(k.forward);
    if (k.detach) detach();
  };
  const sendSize = opts.resize !== false;
  const onResize = () => session.resize(stdout.columns ?? 80, stdout.rows ?? 24);
  held.taken = true;
  for (const b of held.early.splice(0)) write(b);
  session.onStdout(write);
  session.onStderr(write);
  try {
    if (stdin.isTTY) stdin.setRawMode(true);
    stdin.on('data', onKey);
    stdin.resume();
    if (sendSize) {
      stdout.on('resize', onResize);
      onResize();
    }
    return await Promise.race([session.outcome, detached]);
  } finally {
    stdin.off('data', onKey);
    stdout.off('resize', onResize);
    if (stdin.isTTY) stdin.setRawMode(wasRaw);
    session.close();
  }
}
