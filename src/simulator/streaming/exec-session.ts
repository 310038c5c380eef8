// One exec or attach in a simulated container, independent of the wire (WebSocket channels or SPDY streams):
// input in, stdout/stderr out, and one result at the end (an exit code, or an error the runtime would give).
import type { SimObject } from '../types.js';
import { BuiltinShell, InteractiveSession, ShellExit, hasProgram, imageFamily, type ContainerInfo } from './shell.js';
import type { MainProcesses } from './main-process.js';

export interface ExecRequest {
  pod: SimObject;
  container: string;
  /** exec: the command; attach: empty (the container's main process). */
  command: string[];
  attach: boolean;
  stdin: boolean;
  tty: boolean;
  /** attach joins the container's main process (main-process.ts). */
  mains: MainProcesses;
}

export type ExecResult = { kind: 'exit'; code: number } | { kind: 'error'; message: string };

export interface ExecIO {
  stdout(b: Buffer): void;
  stderr(b: Buffer): void;
  done(result: ExecResult): void;
}

export interface ExecHandle {
  input(b: Buffer): void;
  endInput(): void;
  resize(width: number, height: number): void;
  /** The client went away. */
  abort(): void;
}

interface ContainerSpec {
  name: string;
  image: string;
  env?: { name: string; value?: string; valueFrom?: { fieldRef?: { fieldPath?: string } } }[];
}

export function containerInfo(pod: SimObject, container: string): ContainerInfo {
  const spec = pod.spec as { containers?: ContainerSpec[]; initContainers?: ContainerSpec[] } | undefined;
  const c = [...(spec?.containers ?? []), ...(spec?.initContainers ?? [])].find((x) => x.name === container);
  const env: Record<string, string> = {};
  for (const e of c?.env ?? []) {
    if (e.value !== undefined) env[e.name] = e.value;
    else if (e.valueFrom?.fieldRef?.fieldPath === 'metadata.name') env[e.name] = pod.metadata.name;
    else if (e.valueFrom?.fieldRef?.fieldPath === 'metadata.namespace') env[e.name] = pod.metadata.namespace ?? 'default';
  }
  return { pod, container, image: c?.image ?? 'busybox', env };
}

/** The error containerd gives for a program the image does not have (kubectl prints it after "Internal error occurred:"). */
function notFoundError(program: string): string {
  const why = program.includes('/') ? `stat ${program}: no such file or directory` : `exec: "${program}": executable file not found in $PATH`;
  return `error executing command in container: failed to exec in container: failed to start exec: OCI runtime exec failed: exec failed: unable to start container process: ${why}: unknown`;
}

export function startExec(req: ExecRequest, io: ExecIO): ExecHandle {
  const info = containerInfo(req.pod, req.container);
  let finished = false;
  const finish = (r: ExecResult) => {
    if (finished) return;
    finished = true;
    io.done(r);
  };
  // A tty turns "\n" into "\r\n" and sends stderr down stdout, as a pty does.
  const toTty = (s: string) => Buffer.from(req.tty ? s.replace(/\r?\n/g, '\r\n') : s);
  const out = {
    stdout: (s: string) => !finished && io.stdout(toTty(s)),
    stderr: (s: string) => !finished && (req.tty ? io.stdout(toTty(s)) : io.stderr(Buffer.from(s))),
  };
  const idle: ExecHandle = { input: () => undefined, endInput: () => undefined, resize: () => undefined, abort: () => (finished = true) };

  if (req.attach) return req.mains.attach(req.pod, req.container, req.stdin, io);

  const [program, ...args] = req.command;
  const family = imageFamily(info.image);
  if (!hasProgram(family, program)) {
    queueMicrotask(() => finish({ kind: 'error', message: notFoundError(program) }));
    return idle;
  }
  const base = program.split('/').pop()!;
  const isShell = base === 'sh' || base === 'bash';
  const shell = new BuiltinShell(info, out, base === 'bash' ? 'bash' : 'sh');

  if (isShell && (args.length === 0 || (args.length === 1 && args[0] === '-i'))) {
    if (!req.stdin) {
      queueMicrotask(() => finish({ kind: 'exit', code: 0 }));
      return idle;
    }
    const session = new InteractiveSession(shell, (s) => out.stdout(s), req.tty, (code) => finish({ kind: 'exit', code }));
    return {
      input: (b) => session.input(b),
      endInput: () => session.endInput(),
      resize: () => undefined,
      abort: () => {
        finished = true;
        shell.cancel();
      },
    };
  }

  void (async () => {
    try {
      const code = await shell.run([program, ...args]);
      finish({ kind: 'exit', code });
    } catch (err) {
      finish(err instanceof ShellExit ? { kind: 'exit', code: err.code } : { kind: 'error', message: String(err) });
    }
  })();
  return {
    input: (b) => {
      // Ctrl-C on a tty interrupts the running command.
      if (req.tty && b.includes(0x03)) shell.cancel();
    },
    endInput: () => undefined,
    resize: () => undefined,
    abort: () => {
      finished = true;
      shell.cancel();
    },
  };
}
