// Rows keyed by uid, with per-namespace counts and sorted/filtered views that are kept up to date
// incrementally: each view queues the changes since it was last read and applies them on the next
// read, by binary-search insertion for a few changes or one merge pass for many, never a full re-sort.
import { comparatorFor, faultPredicate, filterNarrows, filterTest, lowerBound } from './row-order.js';
import type { RowComparator, RowPredicate, TextPredicate } from './row-order.js';
import type { Row, TableColumn } from '../api/row.js';
import { madeSearchText, makeSearchText } from './search-text.js';
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
  /** Only rows owned by this uid (ownerReferences): built from the owner index, not a scan of every row. */
  ownerUid?: string;
}

/** Views kept attached (updated on change); an evicted view rebuilds itself when read again. */
const MAX_ATTACHED_VIEWS = 8;
/** Up to this many rows that move are spliced one by one; more are merged in one pass. */
const SMALL_BATCH = 16;

interface Pending {
  old?: Row;
  next?: Row;
}

export class RowStore {
  private cols: TableColumn[] = [];
  private readonly byUid = new Map<string, Row>();
  private readonly nsCounts = new Map<string, number>();
  /** Owner uid → uids of the rows it owns; built on the first ownedBy() (drill-down), then kept up to date. */
  private byOwner: Map<string, Set<string>> | undefined;
  /** Attached views by their options key, least recently used first. */
  private readonly views = new Map<string, SortedView>();
  /**
   * Set by the first prepareSearchTexts (the store is on screen): from then on a row added or changed gets its filter
   * text with the change (microseconds each), so the idle work is one pass over the rows there were then.
   */
  private keepTexts = false;
  /** @internal */
  get keepsTexts(): boolean {
    return this.keepTexts;
  }
  /** That pass, resumable (it runs in slices); undefined once done. */
  private textScan: Iterator<Row> | undefined;

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

  /** The rows whose ownerReferences name ownerUid (a deployment's replicasets, a job's pods), from the index. */
  ownedBy(ownerUid: string): Row[] {
    if (!this.byOwner) {
      this.byOwner = new Map();
      for (const row of this.byUid.values()) this.indexOwners(row);
    }
    const uids = this.byOwner.get(ownerUid);
    if (!uids) return [];
    const out: Row[] = [];
    for (const uid of uids) out.push(this.byUid.get(uid)!);
    return out;
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
    if (this.keepTexts) makeSearchText(row); // before the views take it in, so they keep its text in order
    if (old) {
      if (old.namespace !== row.namespace) {
        this.count(old.namespace, -1);
        this.count(row.namespace, 1);
      }
      if (old.ownerUids !== row.ownerUids) {
        this.unindexOwners(old);
        this.indexOwners(row);
      }
    } else {
      this.count(row.namespace, 1);
      this.indexOwners(row);
    }
    for (const v of this.views.values()) v.queue(old, row);
    return old ? 'updated' : 'added';
  }

  /**
   * Makes the filter text (search-text.ts) of rows that have none, then fills the views' arrays of them, for about
   * `budgetMs`; true once all is done. The dashboard calls it in short slices while idle after a sync, so a `/`
   * typed later searches ready texts in order (a regex over 200,000 rows would otherwise make them all first) and
   * a key waits at most one slice. From the first call on, rows that change get their text as they change.
   */
  prepareSearchTexts(budgetMs: number): boolean {
    if (!this.keepTexts) {
      this.keepTexts = true;
      this.textScan = this.byUid.values();
    }
    const deadline = performance.now() + budgetMs;
    const scan = this.textScan;
    for (let n = 1; scan; n++) {
      const it = scan.next();
      if (it.done) {
        this.textScan = undefined;
        break;
      }
      if (madeSearchText(it.value) === undefined) makeSearchText(it.value);
      if ((n & 255) === 0 && performance.now() >= deadline) return false;
    }
    for (const v of this.views.values()) if (!v.fillTexts(deadline)) return false;
    return true;
  }

  remove(uid: string): Row | undefined {
    const old = this.byUid.get(uid);
    if (!old) return undefined;
    this.byUid.delete(uid);
    this.count(old.namespace, -1);
    this.unindexOwners(old);
    for (const v of this.views.values()) v.queue(old, undefined);
    return old;
  }

  /**
   * @internal: the smallest attached view with the same order whose rows include every row of a view with `opts`
   * (the unfiltered table on screen, or "cr" when "crash" is typed), so a new filter is one pass over its rows
   * instead of a filter and a sort of every row. Undefined when there is none.
   */
  widerView(opts: ViewOptions, self: SortedView): SortedView | undefined {
    let best: SortedView | undefined;
    for (const v of this.views.values()) {
      if (v === self || !v.built || !v.contains(opts)) continue;
      if (!best || v.length < best.length) best = v;
    }
    return best;
  }

  /** @internal: a view that was evicted asks to be kept up to date again. */
  attach(v: SortedView): void {
    // An evicted view read again may find a newer view of its key attached meanwhile: that one is detached, not
    // dropped while still believing it is kept up to date (it would show frozen rows to whoever holds it).
    const held = this.views.get(v.key);
    if (held && held !== v) held.detach();
    this.views.delete(v.key); // most recently used last
    this.views.set(v.key, v);
    while (this.views.size > MAX_ATTACHED_VIEWS) {
      // Filtered views go first (least recently used first): the live prompt makes one per keystroke, and the
      // table they narrow must stay attached, or clearing the filter re-sorts every row.
      let evict: SortedView | undefined;
      for (const w of this.views.values()) {
        if (w !== v && w.filtered) {
          evict = w;
          break;
        }
      }
      evict ??= this.views.values().next().value as SortedView;
      this.views.delete(evict.key);
      evict.detach();
    }
  }

  private indexOwners(row: Row): void {
    if (!this.byOwner) return;
    for (const owner of row.ownerUids) {
      let set = this.byOwner.get(owner);
      if (!set) this.byOwner.set(owner, (set = new Set()));
      set.add(row.uid);
    }
  }

  private unindexOwners(row: Row): void {
    if (!this.byOwner) return;
    for (const owner of row.ownerUids) {
      const set = this.byOwner.get(owner);
      if (!set) continue;
      set.delete(row.uid);
      if (set.size === 0) this.byOwner.delete(owner);
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
  /**
   * The filter texts of `sorted`, index for index, so a filter narrowing this view reads one array in order rather
   * than 200,000 row objects scattered on the heap (a third of a regex's time over them). Undefined until a filter
   * or the store's idle work (fillTexts) needs it; each entry is undefined (not known yet) or
   * madeSearchText(sorted[i]), and every change to `sorted` is mirrored here.
   */
  private texts: (string | undefined)[] | undefined;
  /**
   * fillTexts' progress through `texts` (indices shift with changes: an entry it skipped stays unknown, which is
   * still right, a filter then reads that row); the length once no entry is unknown.
   */
  private textsFilled = 0;
  private pending: Pending[] = [];
  /**
   * Rows new to the store queued while `pending` is empty (a list streaming in: 50,000 of them between two reads),
   * kept as they are rather than as a Pending each; moved into `pending`, in order, when another change follows.
   */
  private additions: Row[] = [];
  /** Needs a full rebuild on the next read (new columns, too many queued changes, or was detached). */
  private stale = true;
  private attached = true;
  private cmp!: RowComparator;
  private accept!: RowPredicate;
  /** The same test given the row's text (from `texts` of the view this one narrows). */
  private acceptText!: TextPredicate;

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

  /** @internal: built and current but for queued changes (reading it never rebuilds it). */
  get built(): boolean {
    return this.attached && !this.stale;
  }

  get filtered(): boolean {
    return !!this.opts.filter && this.opts.filter.text !== '';
  }

  /**
   * @internal: every row, in order, and their texts index for index (the entries a pass finds unknown it fills):
   * started here once the store keeps texts (a view sorted anew since), none before (a filter then reads the rows).
   */
  withTexts(): { rows: readonly Row[]; texts: (string | undefined)[] | undefined } {
    this.sync();
    if (!this.texts && this.store.keepsTexts) this.startTexts();
    return { rows: this.sorted, texts: this.texts };
  }

  /** @internal: the store's idle work: fills `texts` from the rows' made texts until `deadline`; true when done. */
  fillTexts(deadline: number): boolean {
    if (!this.built) return true; // rebuilt (with texts where it narrows a view that has them) when read again
    if (!this.texts) this.startTexts();
    const rows = this.sorted;
    const texts = this.texts!;
    while (this.textsFilled < rows.length) {
      const i = this.textsFilled++;
      if (texts[i] === undefined) texts[i] = madeSearchText(rows[i]!);
      if ((i & 1023) === 1023 && performance.now() >= deadline) return false;
    }
    return true;
  }

  private startTexts(): void {
    this.texts = new Array<string | undefined>(this.sorted.length).fill(undefined);
    this.textsFilled = 0;
  }

  /** Whether this view holds, in the same order, every row a view with `o` would. */
  contains(o: ViewOptions): boolean {
    const a = this.opts;
    const sameSort = (a.sort?.column.toLowerCase() ?? '') === (o.sort?.column.toLowerCase() ?? '') && !!a.sort?.descending === !!o.sort?.descending;
    return sameSort && a.ownerUid === o.ownerUid && (!a.faultsOnly || !!o.faultsOnly) && filterNarrows(o.filter, a.filter);
  }

  queue(old: Row | undefined, next: Row | undefined): void {
    if (this.stale) return;
    if (old === undefined && next !== undefined && this.pending.length === 0) this.additions.push(next);
    else {
      if (this.additions.length) this.pending = this.takeAdditions().map((row) => ({ next: row }));
      this.pending.push({ old, next });
    }
    const queued = this.pending.length + this.additions.length;
    if (queued > 1024 && queued > this.sorted.length) this.invalidate();
  }

  invalidate(): void {
    this.stale = true;
    this.pending = [];
    this.additions = [];
    this.texts = undefined;
  }

  private takeAdditions(): Row[] {
    const rows = this.additions;
    this.additions = [];
    return rows;
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
    if (this.additions.length) {
      // Rows new to the store (a list streaming in): each uid once, nothing to find and drop.
      const added = this.takeAdditions().filter(this.accept);
      if (added.length <= SMALL_BATCH) for (const next of added) this.applyOne({ next });
      else this.insertSorted([], added);
      return;
    }
    if (this.pending.length === 0) return;
    const pending = this.pending;
    this.pending = [];
    // Collapse repeated changes to one uid into (first old, last new).
    const net = new Map<string, Pending>();
    for (const p of pending) {
      const uid = (p.old ?? p.next)!.uid;
      const seen = net.get(uid);
      if (seen) seen.next = p.next;
      else net.set(uid, { old: p.old, next: p.next });
    }
    // Changes that keep a row's place are written in place (O(log n) each, the usual case);
    // the few that move rows are spliced, many are merged in one pass.
    const moving: Pending[] = [];
    for (const p of net.values()) {
      const oldIn = p.old !== undefined && this.accept(p.old);
      const nextIn = p.next !== undefined && this.accept(p.next);
      if (!oldIn && !nextIn) continue;
      if (oldIn && nextIn && this.replaceInPlace(p.old!, p.next!)) continue;
      moving.push({ old: oldIn ? p.old : undefined, next: nextIn ? p.next : undefined });
    }
    if (moving.length <= SMALL_BATCH) for (const p of moving) this.applyOne(p);
    else this.merge(moving);
  }

  /** Writes next over old when it sorts into the same slot; false when the row must move. */
  private replaceInPlace(old: Row, next: Row): boolean {
    const rows = this.sorted;
    const at = lowerBound(rows, old, this.cmp);
    if (rows[at]?.uid !== old.uid) return false;
    if (at > 0 && this.cmp(rows[at - 1]!, next) >= 0) return false;
    if (at < rows.length - 1 && this.cmp(next, rows[at + 1]!) >= 0) return false;
    rows[at] = next;
    if (this.texts) this.texts[at] = madeSearchText(next);
    return true;
  }

  private rebuild(): void {
    const columns = this.store.columns;
    this.cmp = comparatorFor(this.opts.sort, columns);
    this.acceptText = predicateFor(this.opts, columns);
    const acceptText = this.acceptText;
    this.accept = (row) => acceptText(row, madeSearchText(row));
    const wider = this.opts.filter || this.opts.faultsOnly ? this.store.widerView(this.opts, this) : undefined;
    this.texts = undefined;
    if (wider) this.narrow(wider);
    else {
      const rows: Row[] = [];
      const candidates = this.opts.ownerUid !== undefined ? this.store.ownedBy(this.opts.ownerUid) : this.store.values();
      for (const r of candidates) if (this.accept(r)) rows.push(r);
      rows.sort(this.cmp);
      this.sorted = rows;
    }
    this.pending = [];
    this.additions = [];
    this.stale = false;
  }

  /**
   * Picks this view's rows from a wider view's, already in this view's order: one pass, no sort (a filter over
   * 200,000 rows is typed live). Over the wider view's texts when it keeps them, and this view keeps the texts of
   * the rows it takes, for the next keystroke; before the store's idle work began, over the rows.
   */
  private narrow(wider: SortedView): void {
    const { rows, texts } = wider.withTexts();
    if (!texts) {
      this.sorted = rows.filter(this.accept);
      return;
    }
    const acceptText = this.acceptText;
    const out: Row[] = [];
    const outTexts: (string | undefined)[] = [];
    let unknown = false;
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      let t = texts[i];
      if (t === undefined && (t = madeSearchText(row)) !== undefined) texts[i] = t;
      if (acceptText(row, t)) {
        out.push(row);
        outTexts.push(t);
        unknown ||= t === undefined;
      }
    }
    this.sorted = out;
    this.texts = outTexts;
    this.textsFilled = unknown ? 0 : out.length;
  }

  /** One change whose rows are already known to pass the view's filter (or are undefined). */
  private applyOne({ old, next }: Pending): void {
    const rows = this.sorted;
    if (old) {
      const i = lowerBound(rows, old, this.cmp);
      if (rows[i]?.uid === old.uid) {
        rows.splice(i, 1);
        this.texts?.splice(i, 1);
      }
    }
    if (next) {
      const i = lowerBound(rows, next, this.cmp);
      rows.splice(i, 0, next);
      this.texts?.splice(i, 0, madeSearchText(next));
    }
  }

  /**
   * Many moving rows: find the replaced ones by binary search, copy the rest over once, and drop the
   * sorted new ones in at their binary-searched places: O(k log n) comparisons and one O(n) copy.
   */
  private merge(moving: Pending[]): void {
    const rows = this.sorted;
    const drop: number[] = [];
    const added: Row[] = [];
    for (const p of moving) {
      if (p.old) {
        const i = lowerBound(rows, p.old, this.cmp);
        if (rows[i]?.uid === p.old.uid) drop.push(i);
      }
      if (p.next) added.push(p.next);
    }
    this.insertSorted(drop, added);
  }

  /** Drops the rows at `drop` and puts `added` in their places: the second half of merge(). */
  private insertSorted(drop: number[], added: Row[]): void {
    const rows = this.sorted;
    drop.sort((a, b) => a - b);
    added.sort(this.cmp);
    // Rows only added (a list streaming in): nothing to drop, no copy.
    const kept = drop.length ? without(rows, drop) : rows;
    const at: number[] = [];
    let src = 0;
    for (const row of added) {
      // Galloping: step ahead 1, 2, 4… rows until past `row`, then bisect that span. The added rows are sorted,
      // so each search starts where the last one ended: O(k log(n/k)) comparisons rather than O(k log n).
      let lo = src;
      let step = 1;
      let hi = src;
      while (hi < kept.length && this.cmp(kept[hi]!, row) < 0) {
        lo = hi + 1;
        hi += step;
        step *= 2;
      }
      if (hi > kept.length) hi = kept.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (this.cmp(kept[mid]!, row) < 0) lo = mid + 1;
        else hi = mid;
      }
      at.push(lo);
      src = lo;
    }
    this.sorted = interleave(kept, added, at);
    if (this.texts) this.texts = interleave(drop.length ? without(this.texts, drop) : this.texts, added.map(madeSearchText), at);
  }
}

/** `items` without the entries at `drop` (ascending indices). */
function without<T>(items: readonly T[], drop: readonly number[]): T[] {
  const out: T[] = [];
  let d = 0;
  for (let i = 0; i < items.length; i++) {
    if (d < drop.length && drop[d] === i) d++;
    else out.push(items[i]!);
  }
  return out;
}

/** `kept` with added[j] placed before kept[at[j]] (`at` ascending): one O(n) copy. */
function interleave<T>(kept: readonly T[], added: readonly T[], at: readonly number[]): T[] {
  const out: T[] = [];
  let src = 0;
  for (let j = 0; j < added.length; j++) {
    while (src < at[j]!) out.push(kept[src++]!);
    out.push(added[j]!);
  }
  while (src < kept.length) out.push(kept[src++]!);
  return out;
}

/** A view's test of a row, given its text when known (filterTest): its filter, faults and owner. */
function predicateFor(opts: ViewOptions, columns: TableColumn[]): TextPredicate {
  const preds: RowPredicate[] = [];
  if (opts.ownerUid !== undefined) {
    const owner = opts.ownerUid;
    preds.push((r) => r.ownerUids.includes(owner));
  }
  if (opts.faultsOnly) preds.push(faultPredicate(columns));
  const rest: RowPredicate | undefined = preds.length === 0 ? undefined : preds.length === 1 ? preds[0] : (r) => preds.every((p) => p(r));
  const text = opts.filter && opts.filter.text !== '' ? filterTest(opts.filter) : undefined;
  if (text && rest) return (r, t) => text(r, t) && rest(r);
  if (text) return text;
  if (rest) return (r) => rest(r);
  return () => true;
}

function viewKey(opts: ViewOptions): string {
  const s = opts.sort ? `${opts.sort.column.toLowerCase()}:${opts.sort.descending ? 'd' : 'a'}` : '';
  const f = opts.filter && opts.filter.text !== '' ? `${opts.filter.regex ? 'r' : 't'}${opts.filter.invert ? '!' : ''}:${opts.filter.text}` : '';
  return `${s}|${opts.faultsOnly ? 'F' : ''}|${opts.ownerUid ?? ''}|${f}`;
}

function sameColumns(a: TableColumn[], b: TableColumn[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((c, i) => c.name === b[i]!.name && c.type === b[i]!.type && c.priority === b[i]!.priority);
}
