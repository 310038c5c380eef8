// The one terminal hand-over: the dashboard steps aside, a child process (editor, shell, foreground plugin) or a
// stream callback (attach) owns the TTY, then the dashboard comes back exactly as it was, also when the child
// fails to start, exits non-zero or is interrupted. Ink's suspendTerminal() erases its frame, turns raw mode off
// and stops reading keys, and on resume turns them back on and redraws in full; kdeck's alternate screen is
// entered by src/app/screen.tsx (and fullscreen-ink), so leaving and re-entering it is done here around the job.
import { osc52 } from '../inspect/yaml.js';
import { spawn } from 'node:child_process';
import type { SuspendTerminal } from 'ink';
import type { BackgroundJob, HandOverResult, TerminalJob, UiServices } from '../ui-state/services.js';
import { runBackground } from './background.js';
import { CLEAR_SCREEN, CURSOR_HOME, ENTER_ALT_SCREEN, LEAVE_SCREEN } from './screen-codes.js';
import { unwrittenFrames } from './unwritten-frames.js';

/** Back into the alternate screen, home and cleared: Ink repaints all of it. */
const REENTER_SCREEN = ENTER_ALT_SCREEN + CURSOR_HOME + CLEAR_SCREEN;

let handedOver = 0;

/** True while a child owns the terminal: Ctrl-C then belongs to the child, and must not quit kdeck. */
export function terminalHandedOver(): boolean {
  return handedOver > 0;
}

export interface TerminalIo {
  stdin: NodeJS.ReadStream;
  stdout: NodeJS.WriteStream;
}

function write(out: NodeJS.WriteStream, s: string): void {
  try {
    out.write(s);
  } catch {
    // a terminal that went away: the exit paths of run.tsx handle it
  }
}

function runChild(job: Exclude<TerminalJob, (...a: never[]) => unknown>): Promise<HandOverResult> {
  return new Promise((resolve) => {
    let child;
    try {
      child = spawn(job.command, job.args ?? [], { stdio: 'inherit', env: job.env ? { ...process.env, ...job.env } : process.env, cwd: job.cwd });
    } catch (e) {
      resolve({ code: null, error: e as Error });
      return;
    }
    child.once('error', (error) => resolve({ code: null, error }));
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
}

/**
 * Stops Node reading the terminal, so that a line typed for the child is not raced for by our own pending read
 * (Ink's pause only detaches its listener); returns the undo. Uses the TTY handle, as there is no public call.
 */
function stopReading(stdin: NodeJS.ReadStream): () => void {
  const h = (stdin as unknown as { _handle?: { reading?: boolean; readStop?(): number; readStart?(): number } })._handle;
  if (!h || !h.reading || typeof h.readStop !== 'function' || typeof h.readStart !== 'function') return () => {};
  h.readStop();
  h.reading = false;
  return () => {
    if (h.reading) return;
    h.reading = true;
    h.readStart!();
  };
}

/**
 * Suspends the dashboard, runs `job` with the terminal, restores the dashboard. Never throws: how the job ended
 * (exit code, signal, or the error that stopped it) is the result.
 */
export async function handOverTerminal(suspend: SuspendTerminal, job: TerminalJob, io: TerminalIo = { stdin: process.stdin, stdout: process.stdout }): Promise<HandOverResult> {
  let result: HandOverResult = { code: null };
  // Called from a key handler, we are inside Ink's stdin read loop, whose next read() would start reading again:
  // let that key's handling finish first.
  await new Promise((r) => setImmediate(r));
  // Ctrl-C while the child runs goes to the whole foreground process group: the child decides, kdeck stays.
  const ignoreInterrupt = () => {};
  process.on('SIGINT', ignoreInterrupt);
  handedOver++;
  try {
    await suspend(async () => {
      write(io.stdout, LEAVE_SCREEN);
      // A child reads the TTY itself; a stream callback (shell, attach) reads it through io.stdin, so keep reading.
      const resumeReading = typeof job === 'function' ? () => {} : stopReading(io.stdin);
      try {
        if (typeof job === 'function') {
          await job(io);
          result = { code: 0 };
        } else result = await runChild(job);
      } catch (e) {
        result = { code: null, error: e instanceof Error ? e : new Error(String(e)) };
      } finally {
        resumeReading();
        write(io.stdout, REENTER_SCREEN);
      }
    });
  } catch (e) {
    result = { code: null, error: e instanceof Error ? e : new Error(String(e)) };
  } finally {
    handedOver--;
    process.off('SIGINT', ignoreInterrupt);
  }
  return result;
}

/** The services views get (ui-state/services.ts), over one Ink instance's suspendTerminal. */
export function appServices(suspend: SuspendTerminal, io?: TerminalIo, pluginLogs?: string): UiServices {
  return {
    handOverTerminal: (job) => handOverTerminal(suspend, job, io),
    ...(pluginLogs ? { runBackground: (job: BackgroundJob) => runBackground(job, pluginLogs) } : {}),
    // OSC 52 goes straight to the terminal (tmux passes it on with `set-clipboard on`); it never reaches Ink's frame.
    copyToClipboard: (text) => {
      const out = io?.stdout ?? process.stdout;
      if (!out.isTTY) return false;
      out.write(osc52(text));
      return true;
    },
    ...unwrittenFrames(),
  };
}
