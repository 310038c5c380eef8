// An informer: list (paged Table, or a sendInitialEvents stream), then watch from the list's
// resourceVersion; resume after disconnects, relist on 410, back off on errors, and always say
// honestly what state its rows are in. The only place that talks list/watch; what a page or an event
// means for the rows is StoreApplier's (apply.ts).
import type { KubeClient, KubeRequest, QueryValue } from '../transport/types.js';
import type { ResourceRef } from '../api/catalogue.js';
import { ApiStatusError, ConnectionError, CredentialError, InternalError, KdeckError, MalformedResponseError, ResponseTooLargeError, WatchEventTooLargeError, formatBytes, isProgrammingError } from '../errors.js';
import type { Status } from '../errors.js';
import { resourcePath } from '../api/requests.js';
import { ListPageDecoder, TABLE_ACCEPT, decodeEventObject } from '../api/table.js';
import type { DecodedPage, ObjectMetadata } from '../api/table.js';
import type { Row, TableColumn } from '../api/row.js';
import { RowStore } from '../store/row-store.js';
import { apiStatusError } from '../transport/errors.js';
import { inflatedBody, readBodyChunks, readErrorText } from '../transport/body.js';
import { StoreApplier, type ChangeCounts, type Relist } from './apply.js';
import { Backoff, sleep } from './backoff.js';
import type { BackoffOptions } from './backoff.js';

export type InformerState =
  | { phase: 'syncing'; since: number }
  | { phase: 'live'; since: number }
  | { phase: 'reconnecting'; attempt: number; nextTryAt: number; staleSince: number; lastError?: KdeckError }
  | { phase: 'stale'; staleSince: number; reason: string }
  | { phase: 'forbidden'; error: ApiStatusError }
  | { phase: 'unauthenticated'; error: KdeckError }
  | { phase: 'failed'; error: KdeckError };

export type InformerChange = ChangeCounts;

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
  /**
   * At most one call per notifyIntervalMs (about 30 a second), with the changes since the last call; while a list
   * streams in, the first rows at once and then one call per listNotifyIntervalMs (see notifyDelayMs).
   */
  subscribe(fn: (c: InformerChange) => void): () => void;
}

export interface InformerOptions {
  /** Rows per list page (limit). */
  pageSize?: number;
  /** Watch timeoutSeconds is drawn from [min, max), so many informers never reconnect in step. */
  watchTimeoutSeconds?: [number, number];
  /** A watch with neither events nor bookmarks for this long is presumed dead and restarted. */
  idleTimeoutMs?: number;
  /**
   * How often the server sends BOOKMARKs (kube-apiserver: about once a minute). Once this server has sent one,
   * a watch silent for 1.25 × this long is presumed dead (a proxy lost it) and restarted, well before idleTimeoutMs.
   */
  bookmarkIntervalMs?: number;
  /** A list page must arrive whole within this (default: --request-timeout, else 60 s). */
  listTimeoutMs?: number;
  /** Largest list page kdeck holds in memory (after decompression); an endless body stops here. */
  maxListBytes?: number;
  backoff?: BackoffOptions;
  /**
   * Try a sendInitialEvents stream before listing (falls back on refusal or silence). Off by default:
   * measured slower than one resourceVersion=0 list, and servers of 1.33 have the feature off.
   */
  watchList?: boolean;
  /** A streamed list that goes this long without an initial event or its end bookmark falls back to paging. */
  watchListTimeoutMs?: number;
  notifyIntervalMs?: number;
  /** While a list is arriving: one notification per this many ms after the first (default 250). */
  listNotifyIntervalMs?: number;
  /** For benchmarks and diagnostics: every applied watch event with its object's metadata. */
  onEvent?: (type: string, meta: ObjectMetadata | undefined) => void;
}

const INITIAL_EVENTS_END = 'k8s.io/initial-events-end';

/** Watch ended: why, so the loop knows whether to resume, relist or back off. */
/** 'timed-out': the server ended the watch at the timeoutSeconds we asked for: normal, the data is not stale. */
type WatchEnd = 'closed' | 'timed-out' | 'expired' | 'idle' | 'no-initial-events-end';

/** Servers seen refusing sendInitialEvents: other informers on the same client go straight to paging. */
const watchListRefused = new WeakSet<KubeClient>();
/** Servers seen sending periodic bookmarks: their silence means a dead watch. */
const sendsBookmarks = new WeakSet<KubeClient>();

const DEFAULT_LIST_TIMEOUT_MS = 60_000;
/** A list response that brings at least this much within the list timeout gets the timeout again. */
const LIST_PROGRESS_BYTES = 1024 * 1024;

/** 75 000 → "75", 500 → "0.5": whole seconds unless that would round to nothing. */
function seconds(ms: number): string {
  return ms >= 10_000 ? String(Math.round(ms / 1000)) : String(+(ms / 1000).toFixed(1));
}
const DEFAULT_MAX_LIST_BYTES = 256 * 1024 * 1024;

/** How long the next notification waits: none for the first, then until `intervalMs` after the last one. */
export function notifyDelayMs(now: number, lastNotify: number, intervalMs: number): number {
  return lastNotify === 0 ? 0 : Math.max(0, lastNotify + intervalMs - now);
}

/** How long a watch may stay silent before it is restarted, given what is known about the server. */
export function silentWatchDeadlineMs(o: { idleTimeoutMs: number; bookmarkIntervalMs: number }, serverSendsBookmarks: boolean): number {
  return serverSendsBookmarks ? Math.min(o.idleTimeoutMs, Math.round(o.bookmarkIntervalMs * 1.25)) : o.idleTimeoutMs;
}

export class ListWatchInformer implements Informer {
  readonly store = new RowStore();
  private readonly apply = new StoreApplier(this.store, (c) => this.emit(c));
  private current: InformerState;
  private readonly listeners = new Set<(c: InformerChange) => void>();
  private pending: InformerChange = { added: 0, updated: 0, removed: 0, reset: false };
  private hasPending = false;
  private notifyTimer: NodeJS.Timeout | undefined;
  private lastNotify = 0;
  /** When the scheduled notification fires (ms since the epoch). */
  private notifyAt = 0;
  /** A list (paged or streamed) is arriving: notifications are paced by listNotifyIntervalMs. */
  private listing = false;
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
  private readonly o: Required<Omit<InformerOptions, 'onEvent' | 'backoff' | 'listTimeoutMs'>> & Pick<InformerOptions, 'onEvent' | 'listTimeoutMs'>;

  constructor(
    private readonly client: KubeClient,
    readonly key: InformerKey,
    opts: InformerOptions = {},
  ) {
    this.o = {
      pageSize: opts.pageSize ?? 500,
      watchTimeoutSeconds: opts.watchTimeoutSeconds ?? [300, 600],
      idleTimeoutMs: opts.idleTimeoutMs ?? 3 * 60_000,
      bookmarkIntervalMs: opts.bookmarkIntervalMs ?? 60_000,
      listTimeoutMs: opts.listTimeoutMs,
      maxListBytes: opts.maxListBytes ?? DEFAULT_MAX_LIST_BYTES,
      watchList: opts.watchList ?? false,
      watchListTimeoutMs: opts.watchListTimeoutMs ?? 5_000,
      notifyIntervalMs: opts.notifyIntervalMs ?? 33,
      listNotifyIntervalMs: opts.listNotifyIntervalMs ?? 250,
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
          // A silent watch: restart it (from the last RV, so nothing is missed), counted as a failure so a
          // server that keeps doing this is not hammered. The reconnecting state shows the rows are stale.
          const silentMs = silentWatchDeadlineMs(this.o, sendsBookmarks.has(this.client));
          const why = sendsBookmarks.has(this.client) ? ` (this server sends a bookmark about every ${seconds(this.o.bookmarkIntervalMs)} s)` : '';
          await this.retryAfter(this.backoff.next(), new ConnectionError('timeout', this.client.spec.server, `no events or bookmarks from ${this.client.spec.server} for ${seconds(silentMs)} s${why}: the watch looks dead; restarting it`));
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
    if (err instanceof WatchEventTooLargeError) {
      // The event is lost: list again (after a pause, so a huge object rewritten in a loop is not a hot loop).
      await this.retryAfter(this.backoff.next(), err);
      return 'relist';
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
    if (isProgrammingError(err)) {
      // A bug of ours: retrying would hide it behind "reconnecting" for ever.
      this.setState({ phase: 'failed', error: new InternalError(this.describe('sync'), err) });
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

  private describe(verb: 'list' | 'watch' | 'sync'): string {
    const k = this.key;
    return `${verb} ${k.resource.group ? `${k.resource.resource}.${k.resource.group}` : k.resource.resource}${k.namespace ? ` in namespace ${k.namespace}` : ''}`;
  }

  /**
   * One list page within the list timeout and the size cap, decoded as it arrives: complete rows go to onRows
   * while the rest is still on the wire. Returns the page's metadata (and any rows not handed over early).
   */
  private async listPage(req: KubeRequest, onRows: (rows: Row[], columns: TableColumn[]) => void): Promise<DecodedPage> {
    const timeoutMs = this.o.listTimeoutMs ?? (this.client.spec.requestTimeoutMs || DEFAULT_LIST_TIMEOUT_MS);
    const timer = new AbortController();
    // The timeout runs again each time another LIST_PROGRESS_BYTES arrived: a 134 MB list (200,000 pods) on a busy
    // machine takes longer than any fixed deadline while it is plainly arriving; a trickle still times out.
    const t = setTimeout(() => timer.abort(), timeoutMs);
    let sinceRefresh = 0;
    let refreshed = false;
    const what = `the ${this.describe('list')} response`;
    const progress = { received: 0 };
    try {
      // Inflated here in large pieces (a big list is most of what kdeck ever reads), not by the transport in small ones.
      const res = await this.client.request({ ...req, signal: AbortSignal.any([this.stopper.signal, timer.signal]), timeoutMs: 0, headers: { Accept: TABLE_ACCEPT }, compressedBody: true });
      const body = inflatedBody(res);
      if (res.status < 200 || res.status > 299) throw apiStatusError(res.status, await readErrorText(body), res.headers, this.client.spec);
      const decoder = new ListPageDecoder(what, onRows);
      await readBodyChunks(body, this.o.maxListBytes, what, (chunk) => {
        sinceRefresh += chunk.length;
        if (sinceRefresh >= LIST_PROGRESS_BYTES) {
          sinceRefresh = 0;
          refreshed = true;
          t.refresh();
        }
        decoder.push(chunk);
      },
        `list a namespace at a time (:ns), or select fewer objects (-l); kdeck lists ${this.o.pageSize} per page`, progress);
      return decoder.end();
    } catch (err) {
      if (timer.signal.aborted && !this.closed && !(err instanceof KdeckError && err.kind !== 'network')) {
        throw new ConnectionError('timeout', this.client.spec.server,
          `${this.describe('list')} ${refreshed ? `stalled: less than ${formatBytes(LIST_PROGRESS_BYTES)} in the last` : 'did not complete within'} ${seconds(timeoutMs)} s (${formatBytes(progress.received)} received): the server or the network is very slow`,
          'check the network path to the cluster, or raise --request-timeout');
      }
      throw err;
    } finally {
      clearTimeout(t);
    }
  }

  /**
   * A (paged) list: rows are upserted as each page streams in (first rows paint early), then anything not seen is
   * removed.
   */
  private async list(): Promise<void> {
    const fromCache = !this.consistentList;
    const path = resourcePath(this.key.resource, this.key.namespace);
    const relist = this.apply.relist();
    let token: string | undefined;
    let rv = '';
    this.listing = true;
    try {
      do {
        // A continue token carries its snapshot: resourceVersion must not accompany it.
        const resourceVersion = fromCache && !token ? '0' : undefined;
        const first = !token;
        let columnsSet = false;
        const onRows = (rows: Row[], columns: TableColumn[]) => {
          if (first && !columnsSet) {
            this.apply.setColumns(columns);
            columnsSet = true;
          }
          relist.upsertAll(rows);
        };
        let page: DecodedPage;
        try {
          page = await this.listPage({ path, query: { ...this.baseQuery(), limit: this.o.pageSize, continue: token, resourceVersion } }, onRows);
        } catch (err) {
          // resourceVersion=0 is answered whole from the watch cache (limit ignored): too big, so page instead.
          if (err instanceof ResponseTooLargeError && resourceVersion === '0') {
            this.consistentList = true;
            return this.list();
          }
          throw err;
        }
        onRows(page.rows, page.columns);
        rv = page.resourceVersion;
        token = page.continueToken;
      } while (token && !this.closed);
    } finally {
      this.listing = false;
    }
    if (this.closed) return;
    this.backoff.succeeded();
    relist.finish();
    this.rv = rv;
    this.synced = true;
    this.needList = false;
    this.consistentList = false;
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
    // The silence watchdog: its deadline shortens once this server is known to send periodic bookmarks.
    let idle: NodeJS.Timeout | undefined;
    const armIdle = () => {
      clearTimeout(idle);
      idle = setTimeout(() => {
        why = 'idle';
        ac.abort();
      }, silentWatchDeadlineMs(this.o, sendsBookmarks.has(this.client)));
    };
    armIdle();
    let initialTimer: NodeJS.Timeout | undefined;
    let relist: Relist | undefined = initial ? this.apply.relist() : undefined;
    this.listing = initial;
    if (initial) {
      initialTimer = setTimeout(() => {
        why = 'no-initial-events-end';
        ac.abort();
      }, this.o.watchListTimeoutMs);
    }
    const started = Date.now();
    let events = 0;
    const what = `the ${this.describe('watch')} stream`;
    try {
      const stream = await this.client.stream({ path: resourcePath(this.key.resource, this.key.namespace), query, headers: { Accept: TABLE_ACCEPT }, signal: ac.signal, what: this.describe('watch') });
      if (!relist) this.goLive();
      for await (const line of stream.lines()) {
        armIdle();
        if (events === 0) this.backoff.succeeded(); // the watch works: not just accepted, it delivers
        let ev: { type?: unknown; object?: unknown };
        try {
          ev = JSON.parse(line) as { type?: unknown; object?: unknown };
        } catch {
          throw new MalformedResponseError(what, 'one JSON watch event per line', `a line starting ${JSON.stringify(line.slice(0, 40))}`);
        }
        if (typeof ev !== 'object' || ev === null || typeof ev.type !== 'string') {
          throw new MalformedResponseError(what, 'watch events with a "type"', JSON.stringify(line.slice(0, 60)));
        }
        events++;
        if (ev.type === 'ERROR') {
          const status = ev.object as Status;
          if (status?.code === 410) {
            why = 'expired';
            stream.close();
            return 'expired';
          }
          throw new ApiStatusError(status ?? { code: 500, message: 'watch ERROR event without a Status' });
        }
        const d = decodeEventObject(ev.object, this.store.columns, what);
        if (d.columns && (relist || this.store.columns.length === 0)) this.apply.setColumns(d.columns);
        if (ev.type === 'BOOKMARK') {
          if (d.resourceVersion) this.rv = d.resourceVersion;
          const ann = d.meta?.annotations ?? (ev.object as { metadata?: ObjectMetadata })?.metadata?.annotations;
          if (relist && ann?.[INITIAL_EVENTS_END] === 'true') {
            clearTimeout(initialTimer);
            this.finishList(relist);
            relist = undefined;
            this.goLive();
          } else if (!relist) sendsBookmarks.add(this.client);
          continue;
        }
        if (!d.row) continue;
        const target = relist ?? this.apply;
        if (ev.type === 'DELETED') target.remove(d.row.uid);
        else {
          target.upsert(d.row);
          if (relist) initialTimer!.refresh();
        }
        if (!relist && d.resourceVersion) this.rv = d.resourceVersion;
        this.o.onEvent?.(ev.type, d.meta);
      }
      // Our own aborts end the iteration quietly: say which one it was.
      if (this.closed) return 'closed';
      if (why) return why;
      if (relist) return 'no-initial-events-end';
      // A watch that ends at once having delivered nothing counts as a failure (client-go does the same).
      if (events === 0 && Date.now() - started < 1000) {
        throw new ConnectionError('reset', this.client.spec.server, `the watch on ${this.client.spec.server} ended at once without events`);
      }
      this.backoff.succeeded();
      return Date.now() - started >= timeoutSeconds * 1000 - 1000 ? 'timed-out' : 'closed';
    } catch (err) {
      if (this.closed) return 'closed';
      if (why === 'idle' || why === 'no-initial-events-end' || why === 'expired') return why;
      if (err instanceof ResponseTooLargeError) throw new WatchEventTooLargeError(this.describe('watch'), err.limitBytes, err.receivedBytes);
      throw err;
    } finally {
      this.listing = false;
      clearTimeout(idle);
      clearTimeout(initialTimer);
      this.stopper.signal.removeEventListener('abort', stop);
      if (!ac.signal.aborted) ac.abort();
    }
  }

  /** A list (paged or streamed) is complete: the reconcile, then the informer is synced. */
  private finishList(relist: Relist): void {
    this.listing = false;
    relist.finish();
    this.synced = true;
    this.needList = false;
  }

  private goLive(): void {
    if (this.current.phase !== 'live') this.setState({ phase: 'live', since: Date.now() });
  }

  // ---- notifications ----------------------------------------------------------------------

  private setState(s: InformerState): void {
    const transition = s.phase !== this.current.phase;
    this.current = s;
    // A change of phase (the list done and the watch up, a reconnect, a failure) is said at once, not after the rate
    // limit's rest of 33 ms: it is rare, and the first screen waits for it (src/app/run.ts). Rows keep the limit.
    if (transition) this.lastNotify = 0;
    this.schedule();
  }

  private emit(c: ChangeCounts): void {
    if (!c.added && !c.updated && !c.removed && !c.reset) return;
    this.pending.added += c.added;
    this.pending.updated += c.updated;
    this.pending.removed += c.removed;
    this.pending.reset ||= c.reset;
    this.schedule();
  }

  /**
   * Coalesces: at most one notification per interval, carrying everything since the last one. While a list arrives
   * the interval is listNotifyIntervalMs: each notification makes a subscriber read its sorted view (one merge of
   * every row so far) and the dashboard draw a frame, ~30 of each during a 50,000-pod list; now the first rows
   * still come at once, then a few updates, and the finished list with the short interval again.
   */
  private schedule(): void {
    this.hasPending = true;
    if (this.closed) return;
    const now = Date.now();
    const due = now + notifyDelayMs(now, this.lastNotify, this.listing ? this.o.listNotifyIntervalMs : this.o.notifyIntervalMs);
    if (this.notifyTimer) {
      if (due >= this.notifyAt) return;
      clearTimeout(this.notifyTimer); // the list finished: its last rows need not wait for the list's pace
    }
    this.notifyAt = due;
    this.notifyTimer = setTimeout(() => this.flush(), due - now);
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
