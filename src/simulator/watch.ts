// WATCH: chunked JSON-lines event streams. Resume from an RV through the store's bounded history (410 ERROR event
// when it is too old), synthetic ADDED events for RV ""/"0", streaming lists (sendInitialEvents), bookmarks,
// timeoutSeconds, Table events, and the fault hooks that drop streams. Each event is serialized once per format.
import type { ServerResponse } from 'node:http';
import type { ResourceDef } from './resources.js';
import type { MemoryStore, StoredEvent, StoredObject } from './store.js';
import { StatusError, badRequest, tooOldResourceVersion } from './status.js';
import { baseHeaders, queryFlag, queryInt } from './http.js';
import { buildFilter, type ObjectFilter } from './filters.js';
import type { FaultState } from './faults.js';
import { isEventsV1, servedJson } from './event-versions.js';
import { apiVersionOf, emptyTableJson, partialMetadataJson, tablePieces, type TableOptions } from './table.js';

export interface WatchRequest {
  def: ResourceDef;
  key: string;
  namespace?: string;
  /** Set for the deprecated /watch/…/NAME or GET …/NAME?watch=true. */
  name?: string;
  q: URLSearchParams;
  table?: TableOptions;
  /** Metadata-only events (PartialObjectMetadata), for client-go's metadata informers. */
  metadataOnly?: 'v1' | 'v1beta1';
  /** Whether the server minor has the WatchList feature gate on. */
  watchListEnabled: boolean;
}

export interface WatchHubOptions {
  bookmarkIntervalMs?: number;
  faults?: FaultState;
}

interface Watcher {
  key: string;
  namespace?: string;
  matches: ObjectFilter;
  selective: boolean;
  write(type: string, stored: StoredObject, ev?: StoredEvent): void;
  bookmark(annotations?: Record<string, string>): void;
  drop(): void;
  end(): void;
}

function invalidWatchOption(field: string, value: string, message: string): StatusError {
  const detail = `${field}: Forbidden: ${message}`;
  return new StatusError({
    kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure',
    message: `ListOptions.meta.k8s.io "" is invalid: ${detail}`, reason: 'Invalid',
    details: { group: 'meta.k8s.io', kind: 'ListOptions', causes: [{ reason: 'FieldValueForbidden', message: `Forbidden: ${message}`, field }] },
    code: 422,
  });
}

const MAX_BUFFERED_BYTES = 64 * 1024 * 1024;
/** A replay of the current state waits for the client above this much unsent data. */
const REPLAY_BUFFER_BYTES = 1024 * 1024;

/** All open watches of one cluster, fed by the store. */
export class WatchHub {
  private readonly watchers = new Set<Watcher>();
  private readonly unsubscribe: () => void;
  private readonly bookmarkIntervalMs: number;
  private readonly store: MemoryStore;
  private readonly faults?: FaultState;

  constructor(store: MemoryStore, opts: WatchHubOptions = {}) {
    this.store = store;
    this.faults = opts.faults;
    this.bookmarkIntervalMs = opts.bookmarkIntervalMs ?? 60_000;
    this.unsubscribe = store.subscribeStored((ev) => this.dispatch(ev));
  }

  get size(): number {
    return this.watchers.size;
  }

  private dispatch(ev: StoredEvent): void {
    for (const w of this.watchers) {
      if (w.key !== ev.resource) continue;
      const obj = ev.stored.object;
      if (w.namespace && obj.metadata.namespace !== w.namespace) continue;
      const now = w.matches(obj);
      if (ev.type === 'MODIFIED' && w.selective && ev.prev) {
        // Selector watches see objects enter and leave the selection as ADDED and DELETED.
        const before = w.matches(ev.prev.object);
        if (now && !before) w.write('ADDED', ev.stored, ev);
        else if (!now && before) w.write('DELETED', ev.stored, ev);
        else if (now) w.write('MODIFIED', ev.stored, ev);
        continue;
      }
      if (now) w.write(ev.type, ev.stored, ev);
    }
  }

  /** End every open watch abruptly (the connection is destroyed mid-stream). */
  dropAll(): void {
    for (const w of [...this.watchers]) w.drop();
  }

  /** End every open watch cleanly (server shutdown). */
  endAll(): void {
    for (const w of [...this.watchers]) w.end();
  }

  close(): void {
    this.endAll();
    this.unsubscribe();
  }

  /**
   * Writes `list` as ADDED events, pausing whenever the client has not taken what is buffered (200,000 pods are
   * 700 MB of events: written in one go they sat in memory whole), then calls `done` (not if the watch closed).
   */
  private replay(
    list: StoredObject[],
    w: { send: (line: string) => void; eventLine: (type: string, stored: StoredObject) => string; closed: { value: boolean }; res: ServerResponse },
    done: () => void,
  ): void {
    let i = 0;
    const pump = (): void => {
      while (i < list.length) {
        if (w.closed.value || w.res.destroyed) return;
        w.send(w.eventLine('ADDED', list[i++]!));
        if (w.res.writableLength > REPLAY_BUFFER_BYTES && w.res.writableNeedDrain) {
          w.res.once('drain', pump);
          return;
        }
      }
      if (!w.closed.value) done();
    };
    pump();
  }

  /** Validates the request and starts streaming; throws StatusError for HTTP-level errors. */
  serve(res: ServerResponse, req: WatchRequest): void {
    const { q, def } = req;
    const rvParam = q.get('resourceVersion') ?? '';
    const match = q.get('resourceVersionMatch') ?? '';
    const sendInitialEvents = q.has('sendInitialEvents') ? queryFlag(q, 'sendInitialEvents') : undefined;
    const allowBookmarks = queryFlag(q, 'allowWatchBookmarks');
    const timeoutSeconds = queryInt(q, 'timeoutSeconds');
    if (sendInitialEvents !== undefined && !req.watchListEnabled) {
      throw invalidWatchOption('sendInitialEvents', String(sendInitialEvents), 'sendInitialEvents is forbidden for watch unless the WatchList feature gate is enabled');
    }
    if (sendInitialEvents !== undefined && match !== 'NotOlderThan') {
      throw invalidWatchOption('resourceVersionMatch', match, `sendInitialEvents requires setting resourceVersionMatch to NotOlderThan`);
    }
    if (match && sendInitialEvents === undefined) {
      throw invalidWatchOption('resourceVersionMatch', match, 'resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided');
    }
    if (rvParam && rvParam !== '0' && !/^\d+$/.test(rvParam)) throw badRequest(`invalid resource version: ${rvParam}`);
    const filter = buildFilter(def, q, req.name);

    // The replayed state and the registration are taken in one tick (they see the same store state); the replay is
    // then written as the client takes it, with live events queued behind it.
    res.writeHead(200, { ...baseHeaders('application/json'), 'Transfer-Encoding': 'chunked' });
    res.flushHeaders();
    const av = apiVersionOf(def);
    const table = req.table;
    let columnsSent = false;
    const closed = { value: false };
    // A client that stops reading is cut off, as the watch cache does with unresponsive watchers, instead of
    // buffering without bound (the allowance grows with the initial replay, which is written in one go).
    let live = false;
    let allowance = MAX_BUFFERED_BYTES;
    /** While the current state is replayed (paced by the client), live events and bookmarks wait here, in order. */
    let queued: (() => void)[] | undefined = [];
    const generation = this.faults?.watchGeneration() ?? 0;
    const send = (line: string) => {
      if (closed.value || this.faults?.isWatchSilenced(generation)) return;
      res.write(line);
      if (!live) allowance += line.length;
      else if (res.writableLength > allowance) watcher.drop();
    };
    const eventLine = (type: string, stored: StoredObject, ev?: StoredEvent): string => {
      if (!table) {
        const meta = req.metadataOnly;
        const cacheKey = meta ? `meta:${meta}:${type}` : isEventsV1(def) ? `json:events.k8s.io:${type}` : `json:${type}`;
        const cached = ev?.cache.get(cacheKey);
        if (cached !== undefined) return cached;
        const line = `{"type":"${type}","object":${meta ? partialMetadataJson(stored, meta) : servedJson(def, stored, def.kind, av)}}\n`;
        ev?.cache.set(cacheKey, line);
        return line;
      }
      const withColumns = !columnsSent;
      columnsSent = true;
      const cacheKey = `table:${table.version}:${table.includeObject}:${withColumns}:${type}`;
      const cached = ev?.cache.get(cacheKey);
      if (cached !== undefined) return cached;
      const line = `{"type":"${type}","object":${[...tablePieces(def, [stored], { resourceVersion: String(stored.rv) }, table, withColumns)].join('')}}\n`;
      ev?.cache.set(cacheKey, line);
      return line;
    };
    const bookmarkLine = (annotations?: Record<string, string>, at?: number): string => {
      const rv = String(at ?? this.store.currentRv());
      if (table) return `{"type":"BOOKMARK","object":${emptyTableJson(rv, table, annotations)}}\n`;
      const meta = annotations ? { resourceVersion: rv, annotations } : { resourceVersion: rv };
      return `{"type":"BOOKMARK","object":{"kind":${JSON.stringify(def.kind)},"apiVersion":${JSON.stringify(av)},"metadata":${JSON.stringify(meta)}}}\n`;
    };

    let bookmarkTimer: NodeJS.Timeout | undefined;
    let deadlineTimer: NodeJS.Timeout | undefined;
    let preDeadlineTimer: NodeJS.Timeout | undefined;
    const cleanup = () => {
      if (closed.value) return;
      closed.value = true;
      this.watchers.delete(watcher);
      clearInterval(bookmarkTimer);
      clearTimeout(deadlineTimer);
      clearTimeout(preDeadlineTimer);
    };
    const watcher: Watcher = {
      key: req.key,
      namespace: req.namespace,
      matches: filter.matches,
      selective: filter.selective,
      write: (type, stored, ev) => (queued ? queued.push(() => send(eventLine(type, stored, ev))) : send(eventLine(type, stored, ev))),
      bookmark: (annotations) => (queued ? queued.push(() => send(bookmarkLine(annotations))) : send(bookmarkLine(annotations))),
      drop: () => {
        cleanup();
        res.socket?.destroy();
      },
      end: () => {
        cleanup();
        res.end();
      },
    };
    res.on('close', cleanup);

    const entries = () => this.store.entries(req.key, req.namespace).filter((e) => filter.matches(e.object));
    /** The current state to replay as ADDED events (a streaming list, or a watch from "any"/unset RV). */
    let replay: StoredObject[] | undefined;
    const replayRv = this.store.currentRv();
    if (sendInitialEvents || rvParam === '' || rvParam === '0') {
      replay = entries();
    } else {
      const since = this.store.eventsSince(req.key, Number(rvParam));
      if (since === 'expired') {
        send(`{"type":"ERROR","object":${JSON.stringify(tooOldResourceVersion(rvParam, this.store.oldestResumableRv()))}}\n`);
        cleanup();
        res.end();
        return;
      }
      for (const ev of since) {
        const obj = ev.stored.object;
        if (req.namespace && obj.metadata.namespace !== req.namespace) continue;
        if (filter.matches(obj)) send(eventLine(ev.type, ev.stored, ev));
      }
    }
    this.watchers.add(watcher);
    if (replay) this.replay(replay, { send, eventLine, closed, res }, () => {
      // A streaming list ends its initial state with a bookmark at the state's RV, then what happened meanwhile.
      if (sendInitialEvents && allowBookmarks) send(bookmarkLine({ 'k8s.io/initial-events-end': 'true' }, replayRv));
      const pending = queued ?? [];
      queued = undefined;
      live = true;
      allowance = MAX_BUFFERED_BYTES + res.writableLength;
      for (const f of pending) f();
    });
    else {
      queued = undefined;
      live = true;
    }

    if (allowBookmarks) bookmarkTimer = setInterval(() => watcher.bookmark(), this.bookmarkIntervalMs);
    // Without timeoutSeconds the real server picks a deadline in [30 min, 60 min).
    const timeoutMs = timeoutSeconds !== undefined && timeoutSeconds > 0 ? timeoutSeconds * 1000 : (1800 + Math.random() * 1800) * 1000;
    deadlineTimer = setTimeout(() => watcher.end(), timeoutMs);
    // Like the watch cache, a bookmark shortly before the deadline lets the client resume from a fresh RV.
    if (allowBookmarks && timeoutMs > 2500) preDeadlineTimer = setTimeout(() => watcher.bookmark(), Math.max(timeoutMs - 2000, timeoutMs / 2));
  }
}
