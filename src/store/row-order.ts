// How rows are ordered and matched: comparators for a SortSpec, predicates for a FilterSpec and
// the "rows with faults" toggle. Pure functions of (row, columns), shared by every view.
import { parseHumanDuration } from '../api/duration.js';
import type { Row, TableColumn } from '../api/row.js';
import type { FilterSpec, SortSpec } from './row-store.js';
import { healthJudge, isFault } from './health.js';
import { madeSearchText, searchTextOf } from './search-text.js';

export type RowComparator = (a: Row, b: Row) => number;
export type RowPredicate = (row: Row) => boolean;

function cmpStr(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Namespace, then name, then uid: a total order, so binary search finds exactly one row. */
function byIdentity(a: Row, b: Row): number {
  return cmpStr(a.namespace ?? '', b.namespace ?? '') || cmpStr(a.name, b.name) || cmpStr(a.uid, b.uid);
}

/** The leading number of a cell ("3", "3 (5m ago)", "1/2", "12%"), or NaN. Hand-scanned: it runs per comparison. */
function leadingNumber(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v !== 'string' || v.length === 0) return NaN;
  let i = 0;
  let c = v.charCodeAt(0);
  if (c === 45 /* - */) c = v.charCodeAt(++i);
  if (c < 48 || c > 57) return NaN;
  let n = 0;
  while (i < v.length && (c = v.charCodeAt(i)) >= 48 && c <= 57) {
    n = n * 10 + (c - 48);
    i++;
  }
  if (c === 46 /* . */ && i + 1 < v.length) {
    let scale = 0.1;
    while (++i < v.length && (c = v.charCodeAt(i)) >= 48 && c <= 57) {
      n += (c - 48) * scale;
      scale /= 10;
    }
  }
  return v.charCodeAt(0) === 45 ? -n : n;
}

/** Cells compare as numbers when both start with one, else as strings; missing values sort last. */
export function compareCells(a: unknown, b: unknown): number {
  const an = a === null || a === undefined || a === '<none>';
  const bn = b === null || b === undefined || b === '<none>';
  if (an || bn) return an === bn ? 0 : an ? 1 : -1;
  const x = leadingNumber(a);
  const y = leadingNumber(b);
  if (!Number.isNaN(x) && !Number.isNaN(y) && x !== y) return x - y;
  return cmpStr(String(a), String(b));
}

/** A LAST SEEN cell's age in ms; a cell that is not a duration sorts last. */
const durationOf = (v: unknown) => parseHumanDuration(String(v ?? '')) ?? Number.POSITIVE_INFINITY;

const isDurationColumn = (name: string) => /^(last seen|first seen)$/i.test(name);

function isAgeColumn(name: string, col: TableColumn | undefined): boolean {
  return /^(age|created at|created)$/i.test(name) || col?.type === 'date';
}

/** A comparator for sort (default: namespace, name). Age sorts youngest first when ascending, as k9s does. */
export function comparatorFor(sort: SortSpec | undefined, columns: TableColumn[]): RowComparator {
  let primary: RowComparator | undefined;
  const name = sort?.column ?? '';
  const idx = columns.findIndex((c) => c.name.toLowerCase() === name.toLowerCase());
  const col = idx >= 0 ? columns[idx] : undefined;
  if (!sort || /^namespace$/i.test(name)) primary = undefined;
  else if (/^name$/i.test(name) || col?.format === 'name') primary = (a, b) => cmpStr(a.name, b.name);
  else if (isAgeColumn(name, col)) {
    // Newer creation timestamp = younger. RFC3339 UTC strings order correctly as strings.
    primary = (a, b) => cmpStr(b.creationTimestamp ?? '', a.creationTimestamp ?? '');
  } else if (idx >= 0 && isDurationColumn(name)) {
    // Most recent first when ascending, like Age.
    primary = (a, b) => durationOf(a.cells[idx]) - durationOf(b.cells[idx]);
  } else if (idx >= 0) primary = (a, b) => compareCells(a.cells[idx], b.cells[idx]);
  const base: RowComparator = primary ? (a, b) => primary(a, b) || byIdentity(a, b) : byIdentity;
  return sort?.descending ? (a, b) => base(b, a) : base;
}

/**
 * Whether one of the row's fields contains `text` (lower case, no space, so it cannot span two fields): the same
 * answer as searching searchTextOf(row), without making that text, for a row whose text the store has not made
 * yet (a filter right after a sync would otherwise make 200,000 of them).
 */
function fieldsInclude(row: Row, text: string): boolean {
  if (row.namespace !== undefined && row.namespace.toLowerCase().includes(text)) return true;
  if (row.name.toLowerCase().includes(text)) return true;
  for (const c of row.cells) {
    if (c === null || c === undefined) continue;
    if ((typeof c === 'string' ? c : String(c)).toLowerCase().includes(text)) return true;
  }
  return false;
}

/** A filter's test of a row given its text (search-text.ts) when known: a view passes texts it keeps in order. */
export type TextPredicate = (row: Row, text: string | undefined) => boolean;

/**
 * A text filter: case-insensitive substring, or regex (an invalid regex matches as plain text), on the row's text
 * when given, else on the row. Each case is its own small closure: it runs for every row, 200,000 at a time.
 */
export function filterTest(filter: FilterSpec): TextPredicate {
  const text = filter.text.toLowerCase();
  let re: RegExp | undefined;
  if (filter.regex) {
    try {
      re = new RegExp(filter.text, 'i');
    } catch {
      // matched as plain text
    }
  }
  if (re) {
    const r = re;
    return filter.invert ? (row, t) => !r.test(t ?? searchTextOf(row)) : (row, t) => r.test(t ?? searchTextOf(row));
  }
  if (!/\s/.test(text)) {
    return filter.invert ? (row, t) => !(t === undefined ? fieldsInclude(row, text) : t.includes(text)) : (row, t) => (t === undefined ? fieldsInclude(row, text) : t.includes(text));
  }
  return filter.invert ? (row, t) => !(t ?? searchTextOf(row)).includes(text) : (row, t) => (t ?? searchTextOf(row)).includes(text);
}

/** filterTest on a row alone (its text if the store made it). */
export function filterPredicate(filter: FilterSpec): RowPredicate {
  const test = filterTest(filter);
  return (row) => test(row, madeSearchText(row));
}

/**
 * Whether every row `narrow` accepts is also accepted by `wide` (both plain-text filters, or `wide` none): a
 * non-inverted substring filter only narrows when its text grows ("cr" → "crash"), so its rows can be picked from
 * the wider view's instead of from every row.
 */
export function filterNarrows(narrow: FilterSpec | undefined, wide: FilterSpec | undefined): boolean {
  if (!wide || wide.text === '') return true;
  if (!narrow || narrow.text === '' || narrow.regex || narrow.invert || wide.regex || wide.invert) return false;
  return narrow.text.toLowerCase().includes(wide.text.toLowerCase());
}

/** k9s's Ctrl-Z: a row has a fault when the one health judgement (health.ts) says it is not ok nor completed. */
export function faultPredicate(columns: TableColumn[]): RowPredicate {
  const judge = healthJudge(columns);
  return (row) => isFault(judge(row));
}

/** Binary search: the index where row sits (or would be inserted) in rows sorted by cmp. */
export function lowerBound(rows: Row[], row: Row, cmp: RowComparator): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cmp(rows[mid]!, row) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
