// The shell of `s`: /bin/bash, else /bin/sh (as k9s), opened before the terminal is handed over so that a
// refusal (403, container not running) is a message on the dashboard and the terminal never goes raw for it.
import type { KubeClient } from '../transport/types.js';
import { startExec, type ExecOutcome, type ExecTarget } from './exec.js';
import { holdOutput, runOnTerminal, type HeldSession, type Tty } from './on-terminal.js';

const SHELLS = ['/bin/bash', '/bin/sh'];
/** How long to wait for a first byte before handing over anyway. */
const FIRST_OUTPUT_MS = 2000;

/** A program the image does not have: the runtime's error, before any output. */
function missingProgram(o: ExecOutcome): boolean {
  return 'error' in o && /no such file or directory|executable file not found|not found/i.test(o.error);
}

export interface OpenShell extends HeldSession {
  shell: string;
}

/** Opens a tty shell; throws the API error when the server refuses it, or when no shell exists in the image. */
export async function openShell(client: KubeClient, target: ExecTarget, size: { columns: number; rows: number }): Promise<OpenShell> {
  let last: ExecOutcome | undefined;
  for (const shell of SHELLS) {
    const session = await startExec(client, { ...target, command: [shell], stdin: true, tty: true });
    const opened: OpenShell = { ...holdOutput(session), shell };
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

/** Runs an open shell on the terminal until it ends; resolves with how it ended. */
export async function runShellOnTerminal(open: OpenShell, tty: Tty): Promise<ExecOutcome> {
  const end = await runOnTerminal(open, tty);
  return 'detached' in end ? { error: 'detached' } : end;
}
