// The shell of `s`: /bin/bash, else /bin/sh (as k9s), opened before the terminal is handed over so that a
// refusal (403, container not running) is a message on the dashboard and the terminal never goes raw for it.
import type { KubeClient } from '../transport/types.js';
import { startExec, type ExecOutcome, type ExecSession, type ExecTarget } from './exec.js';

const SHELLS = ['/bin/bash', '/bin/sh'];
/** How long to wait for a first byte before handing over anyway. */
const FIRST_OUTPUT_MS = 2000;

/** A program the image does not have: the runtime's error, before any output. */
function missingProgram(o: ExecOutcome): boolean {
  return 'error' in o && /no such file or directory|executable file not found|not found/i.test(o.error);
}

export interface OpenShell {
  session: ExecSession;
  shell: string;
  /** Output that arrived before the terminal was ours. */
  early: Buffer[];
  /** Set once the terminal shows the output directly. */
  taken: boolean;
}

/** Opens a tty shell; throws the API error when the server refuses it, or when no shell exists in the image. */
export async function openShell(client: KubeClient, target: ExecTarget, size: { columns: number; rows: number }): Promise<OpenShell> {
  let last: ExecOutcome | undefined;
  for (const shell of SHELLS) {
    const session = await startExec(client, { ...target, command: [shell], stdin: true, tty: true });
    const opened: OpenShell = { session, shell, early: [], taken: false };
    session.onStdout((b) => {
      if (!opened.taken) opened.early.push(b);
    });
    session.resize(size.columns, size.rows);
    const first = await Promise.race([
      new Promise<'output'>((r) => session.onStdout(() => r('output'))),
      session.outcome,
      new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), FIRST_OUTPUT_MS).unref()),
    ]);
    if (first === 'output' || first === 'timeout') return opened;
    last = first;
    if (!missingProgram(first)) break;
  }
  const why = last && 'error' in last ? last.error : `exit code ${last && 'exitCode' in last ? last.exitCode : '?'}`;
  throw new Error(`no shell in ${target.pod}${target.container ? `/${target.container}` : ''}: ${why}`);
}

export interface Tty {
  stdin: NodeJS.ReadStream;
  stdout: NodeJS.WriteStream;
}

/**
 * Runs an open shell on the terminal: raw mode, keys to stdin, window size to resize, output to the screen;
 * raw mode is undone however it ends. Resolves with how the shell ended.
 */
export async function runShellOnTerminal(open: OpenShell, tty: Tty): Promise<ExecOutcome> {
  const { session } = open;
  const { stdin, stdout } = tty;
  const wasRaw = stdin.isTTY ? stdin.isRaw : false;
  const onKey = (b: Buffer) => session.write(b);
  const onResize = () => session.resize(stdout.columns ?? 80, stdout.rows ?? 24);
  const write = (b: Buffer) => {
    try {
      stdout.write(b);
    } catch {
      // terminal gone
    }
  };
  open.taken = true;
  for (const b of open.early.splice(0)) write(b);
  session.onStdout(write);
  try {
    if (stdin.isTTY) stdin.setRawMode(true);
    stdin.on('data', onKey);
    stdin.resume();
    stdout.on('resize', onResize);
    onResize();
    return await session.outcome;
  } finally {
    stdin.off('data', onKey);
    stdout.off('resize', onResize);
    if (stdin.isTTY) stdin.setRawMode(wasRaw);
    session.close();
  }
}
