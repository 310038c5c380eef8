// The text a `/` filter searches in a row: namespace, name and every cell, lower-cased. The store makes it while the
// dashboard is idle and keeps it on the row itself (a field read, not a map lookup: a filter reads it for each of
// 200,000 rows), so a filter typed later is one pass of `includes` or a regex over ready texts.
import type { Row } from '../api/row.js';

/** A base whose constructor returns the object it is given, so a subclass can add a private field to any object. */
class Stamp {
  constructor(row: Row) {
    return row as Stamp;
  }
}

/**
 * The kept text is a private field stamped on the row: not enumerable, so a copy of the row ({ ...row, cells })
 * never carries the text of the row it was copied from, and neither JSON nor deepEqual sees it; stamping one costs
 * a property store (Object.defineProperty with a symbol cost 5 times as much: a sixth of the idle work).
 */
class Kept extends Stamp {
  #text: string;
  private constructor(row: Row, text: string) {
    super(row);
    this.#text = text;
  }
  static get(row: Row): string | undefined {
    return #text in row ? (row as unknown as Kept).#text : undefined;
  }
  static set(row: Row, text: string): void {
    if (#text in row) (row as unknown as Kept).#text = text;
    else new Kept(row, text);
  }
}

/** The row's text as a filter sees it: the kept one, else made for this once (kept only by makeSearchText). */
export function searchTextOf(row: Row): string {
  return Kept.get(row) ?? buildSearchText(row);
}

/** The kept text, or undefined when the store has not made it yet (a plain-text filter then reads the fields). */
export function madeSearchText(row: Row): string | undefined {
  return Kept.get(row);
}

/**
 * Makes and keeps the row's text (the store's idle work). Rows are values (a change is a new Row from the decoder),
 * so a kept text never goes stale.
 */
export function makeSearchText(row: Row): void {
  Kept.set(row, buildSearchText(row));
}

function buildSearchText(row: Row): string {
  // Concatenated, not mapped and joined: this runs for every row of a list (200,000).
  let s = (row.namespace ?? '') + ' ' + row.name;
  for (const c of row.cells) s += c === null || c === undefined ? ' ' : ' ' + String(c);
  return s.toLowerCase();
}
