// A container's main process as `attach` sees it. A container started with `stdin: true` (as `kubectl run -it`
// makes) runs an interactive shell as its main process: one per container for as long as it runs, shared by every
// attach (its output goes to all of them, any attach that sends stdin types into it), so detaching and attaching
// again finds the same shell. When that shell exits, the attaches end (kubelet: Status Success) and the container
// restarts (under restartPolicy Always, or OnFailure after a non-zero exit: restartCount + 1, lastState terminated
// with the exit code), and the next attach starts a new shell. A container without `stdin` has no stdin pipe:
// what an attach sends is dropped and it sees output only (the container's log lines from now on).
// The simulator runs only its built-in shell, so a stdin container's main process is that shell whatever its
// command says.
import type { SimObject } from '../types.js';
import type { LogSource } from '../logs.js';
import type { MemoryStore } from '../store.js';
import { BuiltinShell, InteractiveSession } from './shell.js';
import { containerInfo, type ExecHandle, type ExecIO } from './exec-session.js';

interface ContainerSpec {
  name: string;
  command?: string[];
  stdin?: boolean;
  stdinOnce?: boolean;
  tty?: boolean;
}

export interface MainProcessSpec {
  stdin: boolean;
  stdinOnce: boolean;
  tty: boolean;
  program: 'sh' | 'bash';
}

export function mainProcessSpec(pod: SimObject, container: string): MainProcessSpec {
  const c = ((pod.spec as { containers?: ContainerSpec[] } | undefined)?.containers ?? []).find((x) => x.name === container);
  const base = (c?.command?.[0] ?? 'sh').split('/').pop();
  return { stdin: !!c?.stdin, stdinOnce: !!c?.stdinOnce, tty: !!c?.tty, program: base === 'bash' ? 'bash' : 'sh' };
}

interface Attached {
  out(s: string): void;
  done(): void;
}

class MainProcess {
  private readonly attached = new Set<Attached>();
  private readonly session: InteractiveSession;
  ended = false;

  constructor(pod: SimObject, container: string, spec: MainProcessSpec, onExit: (code: number) => void) {
    const shell = new BuiltinShell(containerInfo(pod, container), { stdout: (s) => this.broadcast(s), stderr: (s) => this.broadcast(s) }, spec.program);
    this.session = new InteractiveSession(shell, (s) => this.broadcast(s), spec.tty, (code) => {
      this.ended = true;
      onExit(code);
      for (const a of [...this.attached]) a.done();
      this.attached.clear();
    });
  }

  private broadcast(s: string): void {
    for (const a of this.attached) a.out(s);
  }

  join(a: Attached): () => void {
    this.attached.add(a);
    return () => this.attached.delete(a);
  }

  input(b: Buffer): void {
    this.session.input(b);
  }

  endInput(): void {
    this.session.endInput();
  }
}

/** The main processes of one simulated cluster's containers (created on first attach). */
export class MainProcesses {
  private readonly procs = new Map<string, MainProcess>();

  constructor(private readonly logs: LogSource, private readonly store: MemoryStore) {}

  /** Joins the container's main process; `wantStdin` is what the client asked for. */
  attach(pod: SimObject, container: string, wantStdin: boolean, io: ExecIO): ExecHandle {
    const spec = mainProcessSpec(pod, container);
    // A tty turns "\n" into "\r\n", as a pty does; the container's tty decides (kubectl asks for the same).
    const encode = (s: string) => Buffer.from(spec.tty ? s.replace(/\r?\n/g, '\r\n') : s);
    if (!spec.stdin) return this.followLogs(pod, container, spec.tty, io);
    const key = `${pod.metadata.uid ?? `${pod.metadata.namespace}/${pod.metadata.name}`}/${container}`;
    let proc = this.procs.get(key);
    if (!proc || proc.ended) {
      const created: MainProcess = new MainProcess(pod, container, spec, (code) => {
        if (this.procs.get(key) === created) this.procs.delete(key);
        recordRestart(this.store, pod, container, code);
      });
      proc = created;
      this.procs.set(key, proc);
    }
    const p = proc;
    let left = false;
    const leave = p.join({ out: (s) => !left && io.stdout(encode(s)), done: () => !left && io.done({ kind: 'exit', code: 0 }) });
    return {
      input: (b) => {
        if (wantStdin && !left) p.input(b);
      },
      // Only a stdinOnce container's stdin closes with its first attach's.
      endInput: () => {
        if (wantStdin && spec.stdinOnce) p.endInput();
      },
      resize: () => undefined,
      abort: () => {
        left = true;
        leave();
      },
    };
  }

  /** Output only: what the main process writes from now on (its log lines), until the client leaves. */
  private followLogs(pod: SimObject, container: string, tty: boolean, io: ExecIO): ExecHandle {
    let from = Date.now();
    let stopped = false;
    const timer = setInterval(() => {
      if (stopped) return clearInterval(timer);
      const now = Date.now();
      for (const l of this.logs.lines(pod, container, false, from, now)) io.stdout(Buffer.from(tty ? `${l.text}\r\n` : `${l.text}\n`));
      from = now;
    }, Math.max(100, Math.min(1000, this.logs.intervalMs)));
    const stop = () => {
      stopped = true;
      clearInterval(timer);
    };
    return { input: () => undefined, endInput: () => undefined, resize: () => undefined, abort: stop };
  }
}

interface ContainerStatus {
  name: string;
  restartCount?: number;
  state?: { running?: { startedAt?: string } };
  lastState?: object;
}

/** The container's process exited and the kubelet started it again: the pod's status says so (a watch event). */
function recordRestart(store: MemoryStore, pod: SimObject, container: string, code: number): void {
  const current = store.get('pods', pod.metadata.namespace, pod.metadata.name);
  if (!current || current.metadata.uid !== pod.metadata.uid) return;
  // Only a restart is modelled; a container that would stay terminated (Never, or OnFailure after exit 0) keeps
  // its status, and the next attach starts a new shell all the same.
  const policy = (current.spec as { restartPolicy?: string } | undefined)?.restartPolicy ?? 'Always';
  if (policy === 'Never' || (policy === 'OnFailure' && code === 0)) return;
  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const status = (current.status ?? {}) as { containerStatuses?: ContainerStatus[] };
  const statuses = (status.containerStatuses ?? []).map((c) => c.name !== container ? c : {
    ...c,
    restartCount: (c.restartCount ?? 0) + 1,
    lastState: { terminated: { exitCode: code, reason: code === 0 ? 'Completed' : 'Error', startedAt: c.state?.running?.startedAt ?? now, finishedAt: now } },
    state: { running: { startedAt: now } },
  });
  store.update('pods', { ...current, status: { ...status, containerStatuses: statuses } });
}
