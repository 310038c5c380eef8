// A logs view's data: one or more containers' logs merged into one ring buffer (each line prefixed with
// pod/container when there is more than one, like stern), each stream registered in the session registry so it
// closes at exit. Listeners hear that something changed; they read lines and states when they render.
import type { KubeClient } from '../../transport/types.js';
import type { SessionHandle, SessionRegistry } from '../../sessions/registry.js';
import { Ring } from './ring.js';
import { streamContainerLog, type LogLine, type LogQuery, type LogTarget, type StreamOptions, type StreamState } from './stream.js';

export const DEFAULT_LOG_BUFFER = 5000;

export interface LogEntry extends LogLine {
  /** "pod/container" when several containers are merged; '' for one. */
  source: string;
  /** Index into the session's targets. */
  target: number;
}

export interface LogsSessionOptions {
  client: KubeClient;
  registry: SessionRegistry;
  context: string;
  /** What the user sees in the sessions list, e.g. "logs deploy/api". */
  title: string;
  targets: LogTarget[];
  query: LogQuery;
  bufferLines?: number;
  stream?: StreamOptions;
}

export const targetName = (t: LogTarget) => `${t.pod}/${t.container}`;

export class LogsSession {
  readonly ring: Ring<LogEntry>;
  readonly states: StreamState[];
  /** Bumped on every change, so a view can tell whether to re-render. */
  version = 0;
  private readonly listeners = new Set<() => void>();
  private handle?: SessionHandle;

  constructor(private readonly opts: LogsSessionOptions) {
    this.ring = new Ring<LogEntry>(opts.bufferLines ?? DEFAULT_LOG_BUFFER);
    this.states = opts.targets.map(() => ({ state: 'connecting' }));
  }

  get targets(): LogTarget[] {
    return this.opts.targets;
  }

  get query(): LogQuery {
    return this.opts.query;
  }

  /** Opens one registry session for all the streams; resolves when they have all ended. */
  start(): Promise<void> {
    const multi = this.opts.targets.length > 1;
    const { client, targets, query } = this.opts;
    this.handle = this.opts.registry.open({ kind: 'logs', context: this.opts.context, title: this.opts.title, detail: `${targets.length} container(s)` }, async (ctl) => {
      await Promise.all(targets.map((t, i) =>
        streamContainerLog(client, t, query, {
          line: (l) => {
            this.ring.push({ ...l, source: multi ? targetName(t) : '', target: i });
            this.changed();
          },
          state: (s) => {
            this.states[i] = s;
            if (s.state === 'streaming') ctl.active();
            this.changed();
          },
        }, ctl.signal, this.opts.stream)));
    });
    return this.handle.ended.then(() => undefined);
  }

  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  clear(): void {
    this.ring.clear();
    this.changed();
  }

  async close(): Promise<void> {
    await this.handle?.close();
  }

  private changed(): void {
    this.version++;
    for (const fn of this.listeners) fn();
  }
}

/** One line a view can show for the state of the streams ("" while all stream normally). */
export function describeStates(targets: LogTarget[], states: StreamState[]): string {
  const parts: string[] = [];
  states.forEach((s, i) => {
    const who = targets.length > 1 ? `${targetName(targets[i])}: ` : '';
    if (s.state === 'reconnecting') parts.push(`${who}reconnecting (attempt ${s.attempt}${s.since ? `, resuming after ${s.since}` : ''}): ${s.why}`);
    else if (s.state === 'forbidden') parts.push(`${who}${s.message}`);
    else if (s.state === 'failed') parts.push(`${who}${s.message}`);
    else if (s.state === 'ended') parts.push(`${who}ended: ${s.why}`);
  });
  return parts.join(' · ');
}
