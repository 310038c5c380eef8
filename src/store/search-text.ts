// The text a `/` filter searches in a row: namespace, name and every cell, lower-cased. The store makes it while the
// dashboard is idle and keeps it on the row itself (a property read, not a map lookup: a filter reads it for each of
// 200,000 rows), so a filter typed later is one pass of `includes` or a regex over ready texts.
import type { Row } from '../api/row.js';

// Non-enumerable, so a copy of a row ({ ...row, cells }) never carries the text of the row it was copied from.
const TEXT = Symbol('kdeck.searchText');
type WithText = Row & { [TEXT]?: string };

/** The row's text as a filter sees it: the kept one, else made for this once (kept only by makeSearchText). */
export function searchTextOf(row: Row): string {
  return (row as WithText)[TEXT] ?? buildSearchText(row);
}

/** The kept text, or undefined when the store has not made it yet (a plain-text filter then reads the fields). */
export function madeSearchText(row: Row): string | undefined {
  return (row as WithText)[TEXT];
}

/**
 * Makes and keeps the row's text (the store's idle work). Rows are values (a change is a new Row from the decoder),
 * so a kept text never goes stale.
 */
export function makeSearchText(row: Row): void {
  Object.defineProperty(row, TEXT, { value: buildSearchText(row), writable: true, configurable: true });
}

function buildSearchText(row: Row): string {
  // Concatenated, not mapped and joined: this runs for every row of a list (200,000).
  let s = (row.namespace ?? '') + ' ' + row.name;
  for (const c of row.cells) s += c === null || c === undefined ? ' ' : ' ' + String(c);
  return s.toLowerCase();
}
