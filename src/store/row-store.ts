// Rows keyed by uid, with per-namespace counts and sorted/filtered views that are kept up to date
// incrementally: each view queues the changes since it was last read and applies them on the next
// read, by binary-search insertion for a few changes or one merge pass for many, never a full re-sort.
import { comparatorFor, faultPredicate, filterPredicate, lowerBound } from './row-order.js';
import type { RowComparator, RowPredicate } from './row-order.js';

export interface TableColumn {
  name: string;
  type: string;
  format: string;
  description: string;
  priority: number;
}
export interface Row {
  uid: string;
  namespace?: string;
  name: string;
  cells: unknown[];
  labels: Record<string, string>;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  ownerUids: string[];
  resourceVersion: string;
}
export interface SortSpec {
  column: string;
  descending: boolean;
}
export interface FilterSpec {
  text: string;
  regex: boolean;
  invert: boolean;
}
export interface RowView {
  readonly length: number;
  rows(start: number, end: number): Row[];
  /** -1 when the row is absent or filtered out. */
  indexOfUid(uid: string): number;
}
export interface ViewOptions {
  sort?: SortSpec;
  filter?: FilterSpec;
  faultsOnly?: boolean;
}
export interface ChangeCounts {
  added: number;
  updated: number;
  removed: number;
}

/** Views kept attached (updated on change); an evicted view rebuilds itself when read again. */
const MAX_ATTACHED_VIEWS = 8;
/** Up to this many queued changes are applied one by one; more are merged in one pass. */
const SMALL_BATCH = 32;

interface Pending {
  old?: Row;
  next?: Row;
}

export class RowStore {
  private cols: TableColumn[] = [];
  private readonly byUid = new Map<string, Row>();
  private readonly nsCounts = new Map<string, number>();
  /** Attached views by their options key, least recently used first. */
  private readonly views = new Map<string, SortedView>();

  get columns(): TableColumn[] {
    return this.cols;
  }
  get size(): number {
    return this.byUid.size;
  }

  countsByNamespace(): Map<string, number> {
    return new Map(this.nsCounts);
  }

  get(uid: string): Row | undefined {
    return this.byUid.get(uid);
  }

  values(): IterableIterator<Row> {
    return this.byUid.values();
  }

  view(opts: ViewOptions = {}): RowView {
    const key = viewKey(opts);
    let v = this.views.get(key);
    if (v) {
      this.views.delete(key); // move to most recently used
      this.views.set(key, v);
      return v;
    }
    v = new SortedView(this, opts, key);
    this.attach(v);
    return v;
  }

  /** New column definitions (a first Table, or a server that changed them): every view re-sorts once. */
  setColumns(columns: TableColumn[]): void {
    if (sameColumns(this.cols, columns)) return;
    this.cols = columns;
    for (const v of this.views.values()) v.invalidate();
  }

  /** Adds or replaces a row. Returns what happened; a row with the same resourceVersion is a no-op. */
  upsert(row: Row): 'added' | 'updated' | 'unchanged' {
    const old = this.byUid.get(row.uid);
    if (old && old.resourceVersion === row.resourceVersion) return 'unchanged';
    this.byUid.set(row.uid, row);
    if (old) {
      if (old.namespace !== row.namespace) {
        this.count(old.namespace, -1);
        this.count(row.namespace, 1);
      }
    } else this.count(row.namespace, 1);
    for (const v of this.views.values()) v.queue(old, row);
    return old ? 'updated' : 'added';
  }

  remove(uid: string): Row | undefined {
    const old = this.byUid.get(uid);
    if (!old) return undefined;
    this.byUid.delete(uid);
    this.count(old.namespace, -1);
    for (const v of this.views.values()) v.queue(old, undefined);
    return old;
  }

  /** Makes the store hold exactly rows, by diff: unchanged rows stay, so a relist never flashes empty. */
  replaceAll(rows: Iterable<Row>): ChangeCounts {
    const seen = new Set<string>();
    const counts: ChangeCounts = { added: 0, updated: 0, removed: 0 };
    for (const row of rows) {
      seen.add(row.uid);
      const r = this.upsert(row);
      if (r === 'added') counts.added++;
      else if (r === 'updated') counts.updated++;
    }
    for (const uid of [...this.byUid.keys()]) {
      if (!seen.has(uid)) {
        this.remove(uid);
        counts.removed++;
      }
    }
    return counts;
  }

  clear(): void {
    this.replaceAll([]);
  }

  /** @internal: a view that was evicted asks to be kept up to date again. */
  attach(v: SortedView): void {
    this.views.set(v.key, v);
    while (this.views.size > MAX_ATTACHED_VIEWS) {
      const [oldestKey, oldest] = this.views.entries().next().value as [string, SortedView];
      this.views.delete(oldestKey);
      oldest.detach();
    }
  }

  private count(ns: string | undefined, delta: number): void {
    const k = ns ?? '';
    const n = (this.nsCounts.get(k) ?? 0) + delta;
    if (n > 0) this.nsCounts.set(k, n);
    else this.nsCounts.delete(k);
  }
}

class SortedView implements RowView {
  private sorted: Row[] = [];
  private pending: Pending[] = [];
  /** Needs a full rebuild on the next read (new columns, too many queued changes, or was detached). */
  private stale = true;
  private attached = true;
  private cmp!: RowComparator;
  private accept!: RowPredicate;

  constructor(
    private readonly store: RowStore,
    private readonly opts: ViewOptions,
    readonly key: string,
  ) {}

  get length(): number {
    this.sync();
    return this.sorted.length;
  }

  rows(start: number, end: number): Row[] {
    this.sync();
    return this.sorted.slice(Math.max(0, start), Math.max(0, end));
  }

  indexOfUid(uid: string): number {
    this.sync();
    const row = this.store.get(uid);
    if (!row || !this.accept(row)) return -1;
    const i = lowerBound(this.sorted, row, this.cmp);
    return this.sorted[i]?.uid === uid ? i : -1;
  }

  queue(old: Row | undefined, next: Row | undefined): void {
    if (this.stale) return;
    this.pending.push({ old, next });
    if (this.pending.length > 1024 && this.pending.length > this.sorted.length) this.invalidate();
  }

  invalidate(): void {
    this.stale = true;
    this.pending = [];
  }

  detach(): void {
    this.attached = false;
    this.invalidate();
  }

  private sync(): void {
    if (!this.attached) {
      this.attached = true;
      this.store.attach(this);
    }
    if (this.stale) return this.rebuild();
    if (this.pending.length === 0) return;
    const pending = this.pending;
    this.pending = [];
    if (pending.length <= SMALL_BATCH) {
      for (const p of pending) this.applyOne(p);
    } else this.merge(pending);
  }

  private rebuild(): void {
    const columns = this.store.columns;
    this.cmp = comparatorFor(this.opts.sort, columns);
    this.accept = predicateFor(this.opts, columns);
    const rows: Row[] = [];
    for (const r of this.store.values()) if (this.accept(r)) rows.push(r);
    rows.sort(this.cmp);
    this.sorted = rows;
    this.pending = [];
    this.stale = false;
  }

  private applyOne({ old, next }: Pending): void {
    if (old && this.accept(old)) {
      const i = lowerBound(this.sorted, old, this.cmp);
      if (this.sorted[i]?.uid === old.uid) this.sorted.splice(i, 1);
    }
    if (next && this.accept(next)) this.sorted.splice(lowerBound(this.sorted, next, this.cmp), 0, next);
  }

  /** Many changes: drop every replaced row in one pass, sort the few new ones, merge the two runs. */
  private merge(pending: Pending[]): void {
    // Collapse repeated changes to one uid into (first old, last new).
    const net = new Map<string, Pending>();
    for (const p of pending) {
      const uid = (p.old ?? p.next)!.uid;
      const seen = net.get(uid);
      if (seen) seen.next = p.next;
      else net.set(uid, { old: p.old, next: p.next });
    }
    const gone = new Set<string>();
    const added: Row[] = [];
    for (const [uid, p] of net) {
      if (p.old && this.accept(p.old)) gone.add(uid);
      if (p.next && this.accept(p.next)) added.push(p.next);
    }
    added.sort(this.cmp);
    const kept = gone.size === 0 ? this.sorted : this.sorted.filter((r) => !gone.has(r.uid));
    const out: Row[] = new Array(kept.length + added.length);
    let i = 0;
    let j = 0;
    let k = 0;
    while (i < kept.length && j < added.length) out[k++] = this.cmp(kept[i]!, added[j]!) <= 0 ? kept[i++]! : added[j++]!;
    while (i < kept.length) out[k++] = kept[i++]!;
    while (j < added.length) out[k++] = added[j++]!;
    this.sorted = out;
  }
}

function predicateFor(opts: ViewOptions, columns: TableColumn[]): RowPredicate {
  const preds: RowPredicate[] = [];
  if (opts.filter && opts.filter.text !== '') preds.push(filterPredicate(opts.filter));
  if (opts.faultsOnly) preds.push(faultPredicate(columns));
  if (preds.length === 0) return () => true;
  if (preds.length === 1) return preds[0]!;
  return (r) => preds.every((p) => p(r));
}

function viewKey(opts: ViewOptions): string {
  const s = opts.sort ? `${opts.sort.column.toLowerCase()}:${opts.sort.descending ? 'd' : 'a'}` : '';
  const f = opts.filter && opts.filter.text !== '' ? `${opts.filter.regex ? 'r' : 't'}${opts.filter.invert ? '!' : ''}:${opts.filter.text}` : '';
  return `${s}|${opts.faultsOnly ? 'F' : ''}|${f}`;
}

function sameColumns(a: TableColumn[], b: TableColumn[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((c, i) => c.name === b[i]!.name && c.type === b[i]!.type && c.priority === b[i]!.priority);
}
