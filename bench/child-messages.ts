// Waiting on a bench's child process (the simulator, a measured client): its next IPC message that matches.
import type { ChildProcess } from 'node:child_process';

/** The child's first message for which `pred` holds; rejects on timeout or when the child exits first. */
export function once<T>(child: ChildProcess, pred: (m: any) => boolean, timeoutMs: number, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => done(new Error(`timed out: ${what}`)), timeoutMs);
    const onMsg = (m: unknown) => {
      if (pred(m)) done(undefined, m as T);
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null) => done(new Error(`${what}: process exited (${signal ?? code})`));
    function done(err?: Error, v?: T) {
      clearTimeout(timer);
      child.off('message', onMsg);
      child.off('exit', onExit);
      if (err) reject(err);
      else resolve(v as T);
    }
    child.on('message', onMsg);
    child.on('exit', onExit);
  });
}
