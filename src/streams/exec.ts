// Exec and attach as a client: one WebSocket (v5.channel.k8s.io, else v4), stdin/stdout/stderr/resize channels,
// and the end-of-command Status read as an exit code (remotecommand v4+; see docs/streaming-protocol.md).
import { ERROR, EXEC_PROTOCOLS, STDERR, STDIN, STDOUT, decodeFrame, encodeClose, encodeFrame, encodeResize } from '../protocol/channels.js';
import { upgrade } from '../transport/upgrade.js';
import type { KubeClient } from '../transport/types.js';

export interface ExecTarget {
  namespace: string;
  pod: string;
  container?: string;
}

export interface ExecOptions extends ExecTarget {
  /** exec: the command; attach: omit it. */
  command?: string[];
  stdin: boolean;
  tty: boolean;
  signal?: AbortSignal;
}

/** How a command ended: its exit code, or the reason it could not run (or the stream broke). */
export type ExecOutcome = { exitCode: number } | { error: string };

export interface ExecSession {
  readonly protocol: string;
  write(data: Uint8Array | string): void;
  /** stdin's end (v5 only: [255, 0]; under v4 there is no way to say it). */
  endInput(): void;
  resize(width: number, height: number): void;
  onStdout(fn: (b: Buffer) => void): void;
  onStderr(fn: (b: Buffer) => void): void;
  readonly outcome: Promise<ExecOutcome>;
  close(): void;
}

interface StatusLike {
  status?: string;
  message?: string;
  reason?: string;
  details?: { causes?: { reason?: string; message?: string }[] };
}

/** The error channel's Status → an outcome (client-go remotecommand errorDecoderV4). */
export function interpretStatus(text: string): ExecOutcome {
  let s: StatusLike;
  try {
    s = JSON.parse(text) as StatusLike;
  } catch {
    return { error: text.trim() || 'the server ended the command with an unreadable status' };
  }
  if (s.status === 'Success') return { exitCode: 0 };
  if (s.reason === 'NonZeroExitCode') {
    const cause = s.details?.causes?.find((c) => c.reason === 'ExitCode');
    const code = Number(cause?.message);
    if (Number.isInteger(code)) return { exitCode: code };
  }
  return { error: s.message ?? 'the command failed' };
}

export async function startExec(client: KubeClient, o: ExecOptions): Promise<ExecSession> {
  const attach = o.command === undefined;
  const query: Record<string, string | string[] | boolean> = { stdout: true, stderr: !o.tty, stdin: o.stdin, tty: o.tty };
  if (!attach) query.command = o.command!;
  if (o.container) query.container = o.container;
  const ws = await upgrade(client, {
    path: `/api/v1/namespaces/${encodeURIComponent(o.namespace)}/pods/${encodeURIComponent(o.pod)}/${attach ? 'attach' : 'exec'}`,
    query, protocols: EXEC_PROTOCOLS, what: `${attach ? 'attach to' : 'exec in'} pod ${o.pod}`, ...(o.signal ? { signal: o.signal } : {}),
  });
  const out: ((b: Buffer) => void)[] = [];
  const err: ((b: Buffer) => void)[] = [];
  let status = '';
  ws.onMessage((m) => {
    const f = decodeFrame(m);
    if (!f) return;
    if (f.channel === STDOUT) for (const fn of out) fn(f.data);
    else if (f.channel === STDERR) for (const fn of err) fn(f.data);
    else if (f.channel === ERROR) status += f.data.toString('utf8');
  });
  const outcome = ws.closed.then(({ code, reason }): ExecOutcome => {
    if (status) return interpretStatus(status);
    if (o.signal?.aborted) return { error: 'closed' };
    return { error: `the stream ended without a status (WebSocket close ${code}${reason ? `: ${reason}` : ''})` };
  });
  const v5 = ws.protocol.startsWith('v5');
  return {
    protocol: ws.protocol,
    write: (d) => ws.send(encodeFrame(STDIN, d)),
    endInput: () => {
      if (v5) ws.send(encodeClose(STDIN));
    },
    resize: (w, h) => ws.send(encodeResize(w, h)),
    onStdout: (fn) => out.push(fn),
    onStderr: (fn) => err.push(fn),
    outcome,
    close: () => ws.close(),
  };
}
