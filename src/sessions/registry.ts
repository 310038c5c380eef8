// Owns long-lived background work that outlives a key press: port-forwards, followed log streams, and the like.
// A session is an async function driven by an AbortSignal: closing it (by the user from `:pf`, by its view, or by
// closeAll() at exit) aborts the signal and waits, briefly, for the function to finish. The registry lists what is
// open, so the user can see and stop it, and notifies subscribers when that list changes.

export type SessionKind = 'port-forward' | 'logs' | (string & {});
export type SessionPhase = 'starting' | 'active' | 'closing';

export interface SessionInfo {
  readonly id: string;
  readonly kind: SessionKind;
  readonly context: string;
  /** What the user sees in a list, e.g. "pod/web-1 8080→80" or "logs deploy/api". */
  readonly title: string;
  /** A second line that may change while the session runs (bytes moved, connections, last error). */
  readonly detail?: string;
  readonly phase: SessionPhase;
  readonly startedAt: number;
}

export interface SessionOptions {
  kind: SessionKind;
  context: string;
  title: string;
  detail?: string;
}

/** What a session's work gets: the signal to stop on, and a way to say how it is doing. */
export interface SessionControl {
  readonly id: string;
  /** Aborted when the session is closed; pass it to stream()/upgrade() and to servers you open. */
  readonly signal: AbortSignal;
  /** The work is set up (listening, first bytes arrived): 'starting' becomes 'active'. */
  active(detail?: string): void;
  setDetail(detail: string): void;
}

/** How a session ended: closed by someone, finished on its own, or failed. */
export interface SessionEnd {
  info: SessionInfo;
  how: 'closed' | 'finished' | 'failed';
  error?: unknown;
}

export interface SessionHandle {
  readonly id: string;
  info(): SessionInfo | undefined;
  /** Aborts the session's signal and resolves once its work has finished (or the grace period passed). */
  close(): Promise<void>;
  /** Resolves when the session has ended, however it ended. */
  readonly ended: Promise<SessionEnd>;
}

export interface SessionRegistryOptions {
  /** How long close() waits for a session's work to finish after aborting it. */
  graceMs?: number;
}

interface Entry {
  info: SessionInfo;
  ac: AbortController;
  done: Promise<SessionEnd>;
}

export type SessionListener = (sessions: SessionInfo[], ended?: SessionEnd) => void;

export class SessionRegistry {
  private readonly entries = new Map<string, Entry>();
  private readonly listeners = new Set<SessionListener>();
  private readonly graceMs: number;
  private nextId = 1;
  private closedForGood = false;

  constructor(opts: SessionRegistryOptions = {}) {
    this.graceMs = opts.graceMs ?? 1500;
  }

  /**
   * Starts work as a session. `work` runs at once; when its promise settles the session leaves the list
   * ('finished', or 'failed' with the error). An error after close() is not a failure: the session was closed.
   */
  open(opts: SessionOptions, work: (ctl: SessionControl) => Promise<void>): SessionHandle {
    if (this.closedForGood) throw new Error('the session registry is closed (kdeck is exiting)');
    const id = `${opts.kind}-${this.nextId++}`;
    const ac = new AbortController();
    const entry: Entry = {
      info: { id, kind: opts.kind, context: opts.context, title: opts.title, detail: opts.detail, phase: 'starting', startedAt: Date.now() },
      ac,
      done: undefined as unknown as Promise<SessionEnd>,
    };
    const patch = (p: { detail?: string; phase?: SessionPhase }) => {
      if (this.entries.get(id) !== entry) return;
      // Once closing, a late active() does not bring the session back.
      const phase = entry.info.phase === 'closing' ? 'closing' : p.phase ?? entry.info.phase;
      entry.info = { ...entry.info, detail: p.detail ?? entry.info.detail, phase };
      this.notify();
    };
    const ctl: SessionControl = {
      id,
      signal: ac.signal,
      active: (detail) => patch(detail === undefined ? { phase: 'active' } : { phase: 'active', detail }),
      setDetail: (detail) => patch({ detail }),
    };
    this.entries.set(id, entry);
    // Run synchronously, so that work which waits on its signal is listening before open() returns.
    let running: Promise<void>;
    try {
      running = Promise.resolve(work(ctl));
    } catch (err) {
      running = Promise.reject(err);
    }
    entry.done = running
      .then(
        (): SessionEnd => ({ info: entry.info, how: ac.signal.aborted ? 'closed' : 'finished' }),
        (error: unknown): SessionEnd => (ac.signal.aborted ? { info: entry.info, how: 'closed' } : { info: entry.info, how: 'failed', error }),
      )
      .then((end) => {
        this.entries.delete(id);
        ac.abort(); // whatever the work left open on its signal goes too
        this.notify(end);
        return end;
      });
    this.notify();
    return {
      id,
      info: () => this.entries.get(id)?.info,
      close: () => this.close(id),
      ended: entry.done,
    };
  }

  /** Open sessions, oldest first; of one kind when given (`:pf` lists port-forwards). */
  list(kind?: SessionKind): SessionInfo[] {
    return [...this.entries.values()].map((e) => e.info).filter((i) => kind === undefined || i.kind === kind);
  }

  get size(): number {
    return this.entries.size;
  }

  /** Called with the new list whenever a session opens, changes or ends (with how it ended). */
  subscribe(fn: SessionListener): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Closes one session; resolves when its work finished or the grace period passed. Unknown ids are a no-op. */
  async close(id: string): Promise<void> {
    const entry = this.entries.get(id);
    if (!entry) return;
    if (entry.info.phase !== 'closing') {
      entry.info = { ...entry.info, phase: 'closing' };
      entry.ac.abort();
      this.notify();
    }
    await this.withinGrace(entry.done);
  }

  /** Closes every session (those of one context when given), in parallel. */
  async closeAll(filter: { context?: string } = {}): Promise<void> {
    const ids = [...this.entries.values()].filter((e) => filter.context === undefined || e.info.context === filter.context).map((e) => e.info.id);
    await Promise.all(ids.map((id) => this.close(id)));
  }

  /** At exit: close everything and refuse new sessions. */
  async shutdown(): Promise<void> {
    this.closedForGood = true;
    this.listeners.clear();
    await this.closeAll();
  }

  private async withinGrace(p: Promise<unknown>): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([p, new Promise<void>((r) => (timer = setTimeout(r, this.graceMs)))]);
    clearTimeout(timer);
  }

  private notify(ended?: SessionEnd): void {
    const list = this.list();
    for (const fn of this.listeners) {
      try {
        fn(list, ended);
      } catch {
        // a subscriber's bug must not stop the others
      }
    }
  }
}

/** The app's sessions: one per process, closed by the exit path (shutdown()). Tests make their own registry. */
export const sessions = new SessionRegistry();
