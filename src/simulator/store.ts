// The simulator's object store: etcd in miniature. One global resourceVersion counter for every write to any
// resource, a bounded history of events for watch resume (older RVs are "compacted" → 410), and a cached JSON
// serialization per stored object version so that 50,000-pod lists cost string concatenation, not stringify.
import { randomUUID } from 'node:crypto';
import type { SimEvent, SimEventType, SimObject, SimStore } from './types.js';

/** One stored version of one object. Its serialization is computed at most once. */
export class StoredObject {
  readonly object: SimObject;
  readonly rv: number;
  readonly key: string;
  /** JSON of the whole object, with kind and apiVersion first when the object has them. */
  private jsonCache?: string;
  private bodyCache?: string;
  private metadataCache?: string;
  constructor(object: SimObject, rv: number, key: string, json?: string) {
    this.object = object;
    this.rv = rv;
    this.key = key;
    this.jsonCache = json;
  }
  private json(): string {
    return (this.jsonCache ??= JSON.stringify(orderedForJson(this.object)));
  }
  /** JSON of the object without kind/apiVersion: "{…}" (list items of built-in kinds carry neither). */
  body(): string {
    if (this.bodyCache !== undefined) return this.bodyCache;
    const json = this.json();
    const o = this.object;
    const prefix = o.kind !== undefined && o.apiVersion !== undefined ? `{"kind":${JSON.stringify(o.kind)},"apiVersion":${JSON.stringify(o.apiVersion)}` : '{';
    if (prefix === '{') return json;
    if (!json.startsWith(prefix)) {
      const { kind: _k, apiVersion: _a, ...rest } = o;
      return (this.bodyCache = JSON.stringify(rest));
    }
    // Not cached: a slice shares the JSON's memory, and the list writer copies it into its chunk anyway.
    return json.length === prefix.length + 1 ? '{}' : '{' + json.slice(prefix.length + 1);
  }
  metadataJson(): string {
    return (this.metadataCache ??= JSON.stringify(this.object.metadata));
  }
  /** JSON with kind and apiVersion first, as single objects and watch events carry them. */
  fullJson(kind: string, apiVersion: string): string {
    const o = this.object;
    if (o.kind !== undefined && o.apiVersion !== undefined) return this.json();
    const body = this.body();
    const head = `{"kind":${JSON.stringify(kind)},"apiVersion":${JSON.stringify(apiVersion)}`;
    return body === '{}' ? head + '}' : head + ',' + body.slice(1);
  }
}

/** The object with kind and apiVersion as its first keys (a shallow copy when they are not already). */
function orderedForJson(o: SimObject): SimObject {
  if (o.kind === undefined || o.apiVersion === undefined) return o;
  const keys = Object.keys(o);
  if (keys[0] === 'kind' && keys[1] === 'apiVersion') return o;
  const { kind, apiVersion, ...rest } = o;
  return { kind, apiVersion, ...rest } as SimObject;
}

/**
 * A deep copy of plain JSON data as JSON.parse(JSON.stringify(o)) would make it (undefined members dropped, in
 * arrays null; non-finite numbers null; anything else with a toJSON through JSON), with kind and apiVersion first.
 * A walk, not a round trip: seeding 200,000 pods spent most of its time stringifying and parsing, and the copy
 * shares the input's strings instead of holding fresh ones. The JSON text is made when first served.
 */
export function copyJson(o: SimObject): SimObject {
  return copyValue(orderedForJson(o)) as SimObject;
}

function copyValue(v: unknown): unknown {
  if (typeof v !== 'object' || v === null) return typeof v === 'number' && !Number.isFinite(v) ? null : v;
  if (Array.isArray(v)) {
    const out = new Array<unknown>(v.length);
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      out[i] = x === undefined || typeof x === 'function' || typeof x === 'symbol' ? null : copyValue(x);
    }
    return out;
  }
  const proto = Object.getPrototypeOf(v);
  if ((proto !== Object.prototype && proto !== null) || typeof (v as { toJSON?: unknown }).toJSON === 'function') return JSON.parse(JSON.stringify(v));
  const out: Record<string, unknown> = {};
  for (const k in v) {
    const x = (v as Record<string, unknown>)[k];
    if (x !== undefined && typeof x !== 'function' && typeof x !== 'symbol') out[k] = copyValue(x);
  }
  return out;
}

export interface StoredEvent {
  type: SimEventType;
  resource: string;
  stored: StoredObject;
  /** The version before a MODIFIED or DELETED (watchers with selectors turn "stopped matching" into DELETED). */
  prev?: StoredObject;
  /** Per-format serialization cache shared by every watcher of this event (e.g. the JSON line). */
  cache: Map<string, string>;
}

export function objectKey(namespace: string | undefined, name: string): string {
  return namespace ? `${namespace}/${name}` : name;
}

interface Bucket {
  objects: Map<string, StoredObject>;
  /** Keys in etcd order (namespace/name), rebuilt lazily after creates and removes. */
  sortedKeys?: string[];
  /** The stored versions in key order, rebuilt lazily after any write: every page of a paged list reads it. */
  sortedEntries?: StoredObject[];
}

export interface MemoryStoreOptions {
  /** Events kept for watch resume; an RV older than the oldest kept event gets 410. */
  historySize?: number;
  /** First resourceVersion handed out. */
  startRv?: number;
}

export class MemoryStore implements SimStore {
  private rv: number;
  /** RVs at or above this are resumable: every event after them is still in history. */
  private compactedRv: number;
  private readonly buckets = new Map<string, Bucket>();
  private readonly history: StoredEvent[] = [];
  private historyStart = 0; // index of the oldest live entry in `history` (amortised shift)
  private readonly historySize: number;
  private readonly listeners = new Set<(event: SimEvent) => void>();
  private readonly rawListeners = new Set<(event: StoredEvent) => void>();

  constructor(opts: MemoryStoreOptions = {}) {
    this.rv = opts.startRv ?? 1000;
    this.compactedRv = this.rv;
    this.historySize = Math.max(1, opts.historySize ?? 10_000);
  }

  /** The current global resourceVersion (the last one handed out). */
  currentRv(): number {
    return this.rv;
  }

  /** The oldest RV a watch may resume from. */
  oldestResumableRv(): number {
    return this.compactedRv;
  }

  /** Forget all history: watches and continue tokens from any earlier RV now get 410. */
  compact(): void {
    this.history.length = 0;
    this.historyStart = 0;
    this.compactedRv = this.rv;
  }

  private bucket(resource: string): Bucket {
    let b = this.buckets.get(resource);
    if (!b) {
      b = { objects: new Map() };
      this.buckets.set(resource, b);
    }
    return b;
  }

  /** Stored versions in key order, optionally in one namespace. The array must not be changed. */
  entries(resource: string, namespace?: string): StoredObject[] {
    const b = this.buckets.get(resource);
    if (!b) return [];
    if (!b.sortedKeys) b.sortedKeys = [...b.objects.keys()].sort();
    const keys = b.sortedKeys;
    if (!namespace) return (b.sortedEntries ??= keys.map((k) => b.objects.get(k)!));
    const prefix = namespace + '/';
    const out: StoredObject[] = [];
    for (let i = lowerBound(keys, prefix); i < keys.length && keys[i].startsWith(prefix); i++) out.push(b.objects.get(keys[i])!);
    return out;
  }

  /**
   * The stored versions as they were right after `rv` (key order), rebuilt from the current ones by undoing
   * the later events: what a continued list pages through, like etcd reading at the first page's revision.
   * Undefined once history no longer reaches back that far.
   */
  entriesAt(resource: string, namespace: string | undefined, rv: number): StoredObject[] | undefined {
    const later = this.eventsSince(resource, rv);
    if (later === 'expired') return undefined;
    if (later.length === 0) return this.entries(resource, namespace);
    const byKey = new Map(this.entries(resource, namespace).map((e) => [e.key, e]));
    const prefix = namespace ? namespace + '/' : '';
    for (let i = later.length - 1; i >= 0; i--) {
      const ev = later[i];
      if (prefix && !ev.stored.key.startsWith(prefix)) continue;
      if (ev.type === 'ADDED') byKey.delete(ev.stored.key);
      else if (ev.prev) byKey.set(ev.stored.key, ev.prev);
    }
    return [...byKey.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  entry(resource: string, namespace: string | undefined, name: string): StoredObject | undefined {
    return this.buckets.get(resource)?.objects.get(objectKey(namespace, name));
  }

  count(resource: string): number {
    return this.buckets.get(resource)?.objects.size ?? 0;
  }

  resources(): string[] {
    return [...this.buckets.keys()];
  }

  list(resource: string, namespace?: string): SimObject[] {
    return this.entries(resource, namespace).map((e) => e.object);
  }

  get(resource: string, namespace: string | undefined, name: string): SimObject | undefined {
    return this.entry(resource, namespace, name)?.object;
  }

  create(resource: string, input: SimObject): SimObject {
    const meta = { ...input.metadata };
    if (!meta.name && meta.generateName) meta.name = meta.generateName + randomSuffix();
    if (!meta.name) throw new Error(`store.create(${resource}): metadata.name or generateName is required`);
    const key = objectKey(meta.namespace, meta.name);
    const b = this.bucket(resource);
    if (b.objects.has(key)) throw new AlreadyExistsError(resource, meta.name);
    const rv = ++this.rv;
    meta.uid ??= randomUUID();
    meta.resourceVersion = String(rv);
    meta.creationTimestamp ??= new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    if (meta.generation === undefined && 'spec' in input) meta.generation = 1;
    const obj = copyJson({ ...input, metadata: meta });
    const stored = new StoredObject(obj, rv, key);
    b.objects.set(key, stored);
    b.sortedKeys = undefined;
    b.sortedEntries = undefined;
    this.emit('ADDED', resource, stored);
    return obj;
  }

  update(resource: string, input: SimObject): SimObject {
    const meta = { ...input.metadata };
    const key = objectKey(meta.namespace, meta.name);
    const b = this.bucket(resource);
    const prev = b.objects.get(key);
    if (!prev) throw new NotFoundError(resource, meta.name);
    const rv = ++this.rv;
    const prevMeta = prev.object.metadata;
    meta.uid = prevMeta.uid;
    meta.creationTimestamp = prevMeta.creationTimestamp;
    meta.resourceVersion = String(rv);
    if (prevMeta.generation !== undefined) {
      // metadata.generation counts spec changes.
      const specChanged = input.spec !== prev.object.spec && JSON.stringify(input.spec) !== JSON.stringify(prev.object.spec);
      meta.generation = prevMeta.generation + (specChanged ? 1 : 0);
    }
    const obj = copyJson({ ...input, metadata: meta });
    const stored = new StoredObject(obj, rv, key);
    b.objects.set(key, stored);
    b.sortedEntries = undefined;
    this.emit('MODIFIED', resource, stored, prev);
    return obj;
  }

  remove(resource: string, namespace: string | undefined, name: string): SimObject | undefined {
    const key = objectKey(namespace, name);
    const b = this.buckets.get(resource);
    const prev = b?.objects.get(key);
    if (!b || !prev) return undefined;
    const rv = ++this.rv;
    // The DELETED event carries the last state with the RV of the deletion, as etcd's watch does.
    const last: SimObject = { ...prev.object, metadata: { ...prev.object.metadata, resourceVersion: String(rv) } };
    b.objects.delete(key);
    b.sortedKeys = undefined;
    b.sortedEntries = undefined;
    this.emit('DELETED', resource, new StoredObject(last, rv, key), prev);
    return last;
  }

  subscribe(listener: (event: SimEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Like subscribe, with the stored version (and its serialization cache): the watch layer's feed. */
  subscribeStored(listener: (event: StoredEvent) => void): () => void {
    this.rawListeners.add(listener);
    return () => this.rawListeners.delete(listener);
  }

  /**
   * Events of `resource` after `rv`, oldest first; 'expired' when `rv` is older than the kept history.
   * An RV ahead of the store is treated as "now" (nothing to replay).
   */
  eventsSince(resource: string, rv: number): StoredEvent[] | 'expired' {
    if (rv < this.compactedRv) return 'expired';
    const out: StoredEvent[] = [];
    // History is in RV order: binary-search the first event after rv.
    let lo = this.historyStart;
    let hi = this.history.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.history[mid].stored.rv <= rv) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < this.history.length; i++) if (this.history[i].resource === resource) out.push(this.history[i]);
    return out;
  }

  private emit(type: SimEventType, resource: string, stored: StoredObject, prev?: StoredObject): void {
    const event: StoredEvent = { type, resource, stored, cache: new Map() };
    if (prev) event.prev = prev;
    this.history.push(event);
    if (this.history.length - this.historyStart > this.historySize) {
      this.compactedRv = this.history[this.historyStart].stored.rv;
      this.historyStart++;
      if (this.historyStart > 4096 && this.historyStart * 2 > this.history.length) {
        this.history.splice(0, this.historyStart);
        this.historyStart = 0;
      }
    }
    for (const l of this.rawListeners) l(event);
    if (this.listeners.size) {
      const simEvent: SimEvent = { type, resource, object: stored.object };
      for (const l of this.listeners) l(simEvent);
    }
  }
}

export class AlreadyExistsError extends Error {
  constructor(readonly resource: string, readonly objectName: string) {
    super(`${resource} "${objectName}" already exists`);
  }
}

export class NotFoundError extends Error {
  constructor(readonly resource: string, readonly objectName: string) {
    super(`${resource} "${objectName}" not found`);
  }
}

/** First index whose key is >= target. */
/** The first of `entries` (in key order) whose key is not below `target`. */
export function entryLowerBound(entries: readonly StoredObject[], target: string): number {
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (entries[mid]!.key < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function lowerBound(keys: string[], target: string): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid] < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const SUFFIX_CHARS = 'bcdfghjklmnpqrstvwxz2456789';
function randomSuffix(): string {
  let s = '';
  for (let i = 0; i < 5; i++) s += SUFFIX_CHARS[Math.floor(Math.random() * SUFFIX_CHARS.length)];
  return s;
}
