// An informer: list (paged Table, or a sendInitialEvents stream), then watch from the list's
// resourceVersion; resume after disconnects, relist on 410, back off on errors, and always say
// honestly what state its rows are in. The only place that talks watch.
import type { KubeClient, KubeRequest, QueryValue } from '../transport/types.js';
import type { ResourceRef } from '../api/catalogue.js';
import { ApiStatusError, ConnectionError, CredentialError, KdeckError } from '../errors.js';
import type { Status } from '../errors.js';
import { resourcePath, retryAfterSeconds } from '../api/requests.js';
import { statusError } from '../api/status.js';
import { TABLE_ACCEPT, decodeEventObject, decodeListPage } from '../api/table.js';
import type { ObjectMetadata } from '../api/table.js';
import { RowStore } from '../store/row-store.js';
import { Backoff, sleep } from './backoff.js';
import type { BackoffOptions } from './backoff.js';
import { LineSplitter } from './line-splitter.js';

export type InformerState =
  | { phase: 'syncing'; since: number }
  | { phase: 'live'; since: number }
  | { phase: 'reconnecting'; attempt: number; nextTryAt: number; staleSince: number; lastError?: KdeckError }
  | { phase: 'stale'; staleSince: number; reason: string }
  | { phase: 'forbidden'; error: ApiStatusError }
  | { phase: 'unauthenticated'; error: KdeckError }
  | { phase: 'failed'; error: KdeckError };

export interface InformerChange {
  added: number;
  updated: number;
  removed: number;
  /** The rows were (re)listed: a subscriber may want to re-anchor its cursor. */
  reset: boolean;
}

export interface InformerKey {
  context: string;
  resource: ResourceRef;
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
}

export interface Informer {
  readonly key: InformerKey;
  readonly store: RowStore;
  state(): InformerState;
  /** At most one call per notifyIntervalMs (about 30 a second), with the changes since the last call. */
  subscribe(fn: (c: InformerChange) => void): () => void;
}

export interface InformerOptions {
  /** Rows per list page (limit). */
  pageSize?: number;
  /** Watch timeoutSeconds is drawn from [min, max), so many informers never reconnect in step. */
  watchTimeoutSeconds?: [number, number];
  /** A watch with neither events nor bookmarks for this long is presumed dead and restarted. */
  idleTimeoutMs?: number;
  backoff?: BackoffOptions;
  /**
   * Try a sendInitialEvents stream before listing (falls back on refusal or silence). Off by default:
   * measured slower than one resourceVersion=0 list, and servers of 1.33 have the feature off.
   */
  watchList?: boolean;
  /** A streamed list that goes this long without an initial event or its end bookmark falls back to paging. */
  watchListTimeoutMs?: number;
  notifyIntervalMs?: number;
  /** For benchmarks and diagnostics: every applied watch event with its object's metadata. */
  onEvent?: (type: string, meta: ObjectMetadata | undefined) => void;
}

const INITIAL_EVENTS_END = 'k8s.io/initial-events-end';

/** Watch ended: why, so the loop knows whether to resume, relist or back off. */
/** 'timed-out': the server ended the watch at the timeoutSeconds we asked for: normal, the data is not stale. */
type WatchEnd = 'closed' | 'timed-out' | 'expired' | 'idle' | 'no-initial-events-end';

/** Servers seen refusing sendInitialEvents: other informers on the same client go straight to paging. */
const watchListRefused = new WeakSet<KubeClient>();

export class ListWatchInformer implements Informer {
  readonly store = new RowStore();
  private current: InformerState;
  private readonly listeners = new Set<(c: InformerChange) => void>();
  private pending: InformerChange = { added: 0, updated: 0, removed: 0, reset: false };
  private hasPending = false;
  private notifyTimer: NodeJS.Timeout | undefined;
  private lastNotify = 0;
  private readonly stopper = new AbortController();
  private running: Promise<void> | undefined;
  private readonly backoff: Backoff;
  private rv = '';
  /** Rows were listed at least once. */
  private synced = false;
  /** The next attempt must (re)list: at start, after a 410, after a failed list. Cleared once a list completes. */
  private needList = true;
  /**
   * As client-go does: the first list asks for resourceVersion=0, which a server answers from its watch
   * cache in one response (limit ignored); after a 410 the relist is consistent (RV unset) and paged.
   */
  private consistentList = false;
  private useWatchList: boolean;
  private readonly o: Required<Omit<InformerOptions, 'onEvent' | 'backoff'>> & Pick<InformerOptions, 'onEvent'>;

  constructor(
    private readonly client: KubeClient,
    readonly key: InformerKey,
    opts: InformerOptions = {},
  ) {
    this.o = {
      pageSize: opts.pageSize ?? 500,
      watchTimeoutSeconds: opts.watchTimeoutSeconds ?? [300, 600],
      idleTimeoutMs: opts.idleTimeoutMs ?? 3 * 60_000,
      watchList: opts.watchList ?? false,
      watchListTimeoutMs: opts.watchListTimeoutMs ?? 5_000,
      notifyIntervalMs: opts.notifyIntervalMs ?? 33,
      onEvent: opts.onEvent,
    };
    this.backoff = new Backoff(opts.backoff);
    this.useWatchList = this.o.watchList && !watchListRefused.has(client);
    this.current = { phase: 'syncing', since: Date.now() };
  }

  state(): InformerState {
    return this.current;
  }

  subscribe(fn: (c: InformerChange) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  start(): this {
    this.running ??= this.run();
    return this;
  }

  /** Stops every request and timer; the rows stay readable. */
  async close(): Promise<void> {
    this.stopper.abort();
    clearTimeout(this.notifyTimer);
    this.notifyTimer = undefined;
    this.listeners.clear();
    await this.running;
  }

  private get closed(): boolean {
    return this.stopper.signal.aborted;
  }

  // ---- the loop ----------------------------------------------------------------------------

  private async run(): Promise<void> {
    while (!this.closed) {
      try {
        let end: WatchEnd;
        if (this.needList && this.useWatchList) {
          end = await this.watch(true);
          if (end === 'no-initial-events-end') {
            this.refuseWatchList();
            continue; // straight to a paged list, no waiting
          }
        } else {
          if (this.needList) await this.list();
          end = await this.watch(false);
        }
        if (end === 'expired') {
          this.needList = true;
          this.consistentList = true;
          if (this.synced) this.setState({ phase: 'stale', staleSince: this.staleSince(), reason: 'the watch history expired (410): relisting' });
          continue;
        }
        if (this.closed) break;
        if (end === 'timed-out') continue; // watch again from the last resourceVersion; still live
        if (end === 'idle') {
          // A silent watch: restart it, counted as a failure so a server that keeps doing this is not hammered.
          await this.retryAfter(this.backoff.next(), new ConnectionError('timeout', this.client.spec.server, `no events or bookmarks from ${this.client.spec.server} for ${Math.round(this.o.idleTimeoutMs / 1000)} s; restarting the watch`));
        } else {
          this.setState({ phase: 'reconnecting', attempt: this.backoff.attempt + 1, nextTryAt: Date.now(), staleSince: this.staleSince() });
        }
      } catch (err) {
        if (this.closed) break;
        const next = await this.handleError(err);
        if (next === 'stop') break;
        if (next === 'relist') this.needList = true;
      }
    }
  }

  /** What to do after an error: wait and retry (resuming the watch), relist, or stop for good. */
  private async handleError(err: unknown): Promise<'retry' | 'relist' | 'stop'> {
    if (err instanceof ApiStatusError) {
      if (err.code === 403) {
        this.setState({ phase: 'forbidden', error: err });
        return 'stop';
      }
      if (err.code === 401) {
        // The transport has already refreshed the credential once; say so, and try again slowly.
        this.setState({ phase: 'unauthenticated', error: err });
        await sleep(this.backoff.maxMs, this.stopper.signal);
        return 'retry';
      }
      if (err.code === 410) {
        this.consistentList = true;
        await this.retryAfter(this.backoff.next(), err);
        return 'relist';
      }
      if (err.code === 429 || err.code >= 500) {
        const wait = Math.max(this.backoff.next(), (err.retryAfterSeconds ?? 0) * 1000);
        await this.retryAfter(wait, err);
        return 'retry';
      }
      if (this.useWatchList && !this.synced && (err.code === 422 || err.code === 400)) {
        this.refuseWatchList(); // a server without WatchList: page instead
        return 'relist';
      }
      this.setState({ phase: 'failed', error: err });
      return 'stop';
    }
    if (err instanceof CredentialError) {
      this.setState({ phase: 'unauthenticated', error: err });
      await sleep(this.backoff.maxMs, this.stopper.signal);
      return 'retry';
    }
    if (err instanceof KdeckError && err.kind !== 'network') {
      this.setState({ phase: 'failed', error: err });
      return 'stop';
    }
    const e = err instanceof KdeckError ? err : new ConnectionError('reset', this.client.spec.server, `the connection to ${this.client.spec.server} broke: ${(err as Error)?.message ?? String(err)}`);
    await this.retryAfter(this.backoff.next(), e);
    return 'retry';
  }

  private async retryAfter(ms: number, lastError: KdeckError): Promise<void> {
    this.setState({ phase: 'reconnecting', attempt: this.backoff.attempt, nextTryAt: Date.now() + ms, staleSince: this.staleSince(), lastError });
    await sleep(ms, this.stopper.signal);
  }

  private staleSince(): number {
    const s = this.current;
    if (s.phase === 'reconnecting' || s.phase === 'stale') return s.staleSince;
    return Date.now();
  }

  private refuseWatchList(): void {
    this.useWatchList = false;
    watchListRefused.add(this.client);
  }

  // ---- list -------------------------------------------------------------------------------

  private baseQuery(): Record<string, QueryValue> {
    const k = this.key;
    return { labelSelector: k.labelSelector || undefined, fieldSelector: k.fieldSelector || undefined, includeObject: 'Metadata' };
  }

  private async request(req: KubeRequest, signal: AbortSignal): Promise<Awaited<ReturnType<KubeClient['request']>>> {
    const res = await this.client.request({ ...req, signal, headers: { Accept: TABLE_ACCEPT } });
    if (res.status >= 200 && res.status < 300) return res;
    const text = await res.body.text().catch(() => '');
    throw statusError(res.status, text, `${this.describe()}`, retryAfterSeconds(res.headers['retry-after']));
  }

  private describe(): string {
    const k = this.key;
    return `list/watch ${k.resource.group ? `${k.resource.resource}.${k.resource.group}` : k.resource.resource}${k.namespace ? ` in namespace ${k.namespace}` : ''}`;
  }

  /** A (paged) list: rows are upserted page by page (first rows paint early), then anything not seen is removed. */
  private async list(): Promise<void> {
    const fromCache = !this.consistentList;
    const path = resourcePath(this.key.resource, this.key.namespace);
    const seen = new Set<string>();
    let token: string | undefined;
    let rv = '';
    const change = { added: 0, updated: 0, removed: 0 };
    do {
      // A continue token carries its snapshot: resourceVersion must not accompany it.
      const resourceVersion = fromCache && !token ? '0' : undefined;
      const res = await this.request({ path, query: { ...this.baseQuery(), limit: this.o.pageSize, continue: token, resourceVersion } }, this.stopper.signal);
      const page = decodeListPage(JSON.parse(await res.body.text()));
      if (!token) this.store.setColumns(page.columns);
      for (const row of page.rows) {
        seen.add(row.uid);
        const r = this.store.upsert(row);
        if (r !== 'unchanged') change[r]++;
      }
      rv = page.resourceVersion;
      token = page.continueToken;
      this.emit(change.added, change.updated, 0, false);
      change.added = change.updated = 0;
    } while (token && !this.closed);
    for (const row of [...this.store.values()]) {
      if (!seen.has(row.uid)) {
        this.store.remove(row.uid);
        change.removed++;
      }
    }
    this.rv = rv;
    this.synced = true;
    this.needList = false;
    this.consistentList = false;
    this.emit(0, 0, change.removed, true);
  }

  // ---- watch ------------------------------------------------------------------------------

  /**
   * One watch request, until its stream ends. With initial=true it is a streamed list
   * (sendInitialEvents): the store is reconciled when the initial-events-end bookmark arrives.
   */
  private async watch(initial: boolean): Promise<WatchEnd> {
    const [lo, hi] = this.o.watchTimeoutSeconds;
    const timeoutSeconds = Math.floor(lo + Math.random() * Math.max(0, hi - lo));
    const query: Record<string, QueryValue> = {
      ...this.baseQuery(),
      watch: 'true',
      allowWatchBookmarks: 'true',
      timeoutSeconds,
      resourceVersion: initial ? '' : this.rv,
    };
    if (initial) {
      query.sendInitialEvents = 'true';
      query.resourceVersionMatch = 'NotOlderThan';
    }
    const ac = new AbortController();
    let why: WatchEnd | undefined;
    const stop = () => ac.abort();
    this.stopper.signal.addEventListener('abort', stop, { once: true });
    const idle = setTimeout(() => {
      why = 'idle';
      ac.abort();
    }, this.o.idleTimeoutMs);
    let initialTimer: NodeJS.Timeout | undefined;
    const seen = initial ? new Set<string>() : undefined;
    let inInitial = initial;
    if (initial) {
      initialTimer = setTimeout(() => {
        why = 'no-initial-events-end';
        ac.abort();
      }, this.o.watchListTimeoutMs);
    }
    const started = Date.now();
    let events = 0;
    try {
      const res = await this.request({ path: resourcePath(this.key.resource, this.key.namespace), query, timeoutMs: 0 }, ac.signal);
      if (!inInitial) this.goLive();
      const splitter = new LineSplitter();
      const onLine = (line: string) => {
        const ev = JSON.parse(line) as { type: string; object: unknown };
        events++;
        if (ev.type === 'ERROR') {
          const status = ev.object as Status;
          if (status?.code === 410) {
            why = 'expired';
            return;
          }
          throw new ApiStatusError(status ?? { code: 500, message: 'watch ERROR event without a Status' });
        }
        const d = decodeEventObject(ev.object, this.store.columns);
        if (d.columns && (inInitial || this.store.columns.length === 0)) this.store.setColumns(d.columns);
        if (ev.type === 'BOOKMARK') {
          if (d.resourceVersion) this.rv = d.resourceVersion;
          const ann = d.meta?.annotations ?? (ev.object as { metadata?: ObjectMetadata })?.metadata?.annotations;
          if (inInitial && ann?.[INITIAL_EVENTS_END] === 'true') {
            inInitial = false;
            clearTimeout(initialTimer);
            this.finishInitial(seen!);
          }
          return;
        }
        if (!d.row) return;
        if (ev.type === 'DELETED') {
          if (this.store.remove(d.row.uid)) this.emit(0, 0, 1, false);
          seen?.delete(d.row.uid);
        } else {
          const r = this.store.upsert(d.row);
          if (r === 'added') this.emit(1, 0, 0, false);
          else if (r === 'updated') this.emit(0, 1, 0, false);
          if (inInitial) {
            seen!.add(d.row.uid);
            initialTimer!.refresh();
          }
        }
        if (!inInitial && d.resourceVersion) this.rv = d.resourceVersion;
        this.o.onEvent?.(ev.type, d.meta);
      };
      for await (const chunk of res.body) {
        idle.refresh();
        splitter.push(chunk as Buffer, onLine);
        if (why === 'expired') break;
      }
      if (!why) splitter.flush(onLine);
      if (why === 'expired') {
        res.body.destroy();
        return 'expired';
      }
      if (inInitial) return 'no-initial-events-end';
      // A watch that ends at once having delivered nothing counts as a failure (client-go does the same).
      if (events === 0 && Date.now() - started < 1000) {
        throw new ConnectionError('reset', this.client.spec.server, `the watch on ${this.client.spec.server} ended at once without events`);
      }
      this.backoff.succeeded();
      return Date.now() - started >= timeoutSeconds * 1000 - 1000 ? 'timed-out' : 'closed';
    } catch (err) {
      if (this.closed) return 'closed';
      if (why === 'idle' || why === 'no-initial-events-end' || why === 'expired') return why;
      throw err;
    } finally {
      clearTimeout(idle);
      clearTimeout(initialTimer);
      this.stopper.signal.removeEventListener('abort', stop);
      if (!ac.signal.aborted) ac.abort();
    }
  }

  /** The streamed list is complete: remove what it did not mention, then we are live. */
  private finishInitial(seen: Set<string>): void {
    let removed = 0;
    for (const row of [...this.store.values()]) {
      if (!seen.has(row.uid)) {
        this.store.remove(row.uid);
        removed++;
      }
    }
    this.synced = true;
    this.needList = false;
    this.emit(0, 0, removed, true);
    this.goLive();
  }

  private goLive(): void {
    this.backoff.succeeded();
    if (this.current.phase !== 'live') this.setState({ phase: 'live', since: Date.now() });
  }

  // ---- notifications ----------------------------------------------------------------------

  private setState(s: InformerState): void {
    this.current = s;
    this.schedule();
  }

  private emit(added: number, updated: number, removed: number, reset: boolean): void {
    if (!added && !updated && !removed && !reset) return;
    this.pending.added += added;
    this.pending.updated += updated;
    this.pending.removed += removed;
    this.pending.reset ||= reset;
    this.schedule();
  }

  /** Coalesces: at most one notification per interval, carrying everything since the last one. */
  private schedule(): void {
    this.hasPending = true;
    if (this.notifyTimer || this.closed) return;
    const wait = Math.max(0, this.lastNotify + this.o.notifyIntervalMs - Date.now());
    this.notifyTimer = setTimeout(() => this.flush(), wait);
  }

  private flush(): void {
    this.notifyTimer = undefined;
    if (!this.hasPending) return;
    const change = this.pending;
    this.pending = { added: 0, updated: 0, removed: 0, reset: false };
    this.hasPending = false;
    this.lastNotify = Date.now();
    for (const fn of this.listeners) {
      try {
        fn(change);
      } catch {
        // a subscriber's bug must not stop the informer
      }
    }
  }
}
