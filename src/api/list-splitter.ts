// Splits a list response (a Table or a List) while its bytes arrive: the elements of its top-level `rows` (or
// `items`) array are parsed and handed over in batches as soon as they are complete; everything else (kind,
// metadata, columnDefinitions) is kept as a small skeleton, parsed at the end. So a 30 MB list is never held whole,
// as bytes or as one string, and its rows are decoded while the rest is still on the wire.
//
// The result equals JSON.parse of the whole body for valid JSON. The splitter only follows strings and nesting; the
// values themselves are always read by JSON.parse (each batch of elements, and the skeleton), and the few
// places where the splitter cuts (between elements) are checked here, so a malformed body still fails.
// Bytes, not text, are scanned: in UTF-8 every byte of a multi-byte character is >= 0x80, never `"` `\` `,` or a
// bracket, and cuts fall only on ASCII commas and brackets.

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
/**
 * Between two elements of an array of objects; JSON writers put no space there (kube-apiserver, client-go, Node).
 * A Table row starts with its cells, which keeps cuts out of lists inside a row (metadata.managedFields).
 */
const ELEMENT_BOUNDARY: Record<SplitKey, Buffer> = { rows: Buffer.from('},{"cells":'), items: Buffer.from('},{') };
/**
 * Bytes of elements parsed at once on the fast path: under V8's 128 KiB limit for an object made in the young
 * generation, so each piece's text dies young instead of being garbage in old space that only a full GC frees.
 */
export const PIECE_BYTES = 96 * 1024;
/** Wrong cuts tried per chunk (each a failed parse) before this body is read exactly. */
const MAX_WRONG_CUTS = 3;

/** The arrays split: a Table's rows, a List's items. */
export type SplitKey = 'rows' | 'items';

export interface SplitSink {
  /**
   * A split array begins: everything before it parsed (the array itself as []), so a decoder knows the kind and
   * columns before the first row; undefined when that prefix does not parse.
   */
  head(key: SplitKey, head: unknown): void;
  /** Complete elements of that array, in order. */
  items(key: SplitKey, items: unknown[]): void;
}

function isSpace(b: number): boolean {
  return b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;
}

export class ListBodySplitter {
  private depth = 0;
  private inString = false;
  /** The previous chunk ended inside a string on an unpaired backslash. */
  private escaped = false;
  private topIsObject = false;
  /** At depth 1 of the top-level object, the next string is a key. */
  private expectKey = false;
  /** The key string being read (only its first few bytes matter), or undefined when the string is not a key. */
  private key: string | undefined;
  /** 1: the key just read is rows/items; 2: its colon too, so a `[` now starts a split array. */
  private arrayKey: 0 | 1 | 2 = 0;
  private keyName: SplitKey = 'rows';
  /** Inside a split array (its elements are at depth 2). */
  private inArray = false;
  /** The current element has started (a non-space byte since the last separator). */
  private sawValue = false;
  /** A separator was seen in the current array (so a `]` after nothing is a trailing comma). */
  private sawSeparator = false;
  /** Bytes of the current region (elements not yet handed over) from earlier chunks. */
  private pending: Buffer[] = [];
  private readonly skeleton: Buffer[] = [];
  /** Cutting at "},{" is still trusted (no cut has failed to parse in this body). */
  private fast = true;
  /** The fast path's bytes after its last cut: the start of an element (or the array's end). */
  private carried: Buffer[] = [];
  /** Where a piece is put together for JSON.parse (bracketed); reused, it grows to the largest piece. */
  private scratch = Buffer.allocUnsafe(0);

  constructor(private readonly sink: SplitSink) {}

  push(chunk: Buffer): void {
    if (this.fast && this.inArray) return this.pushFast(chunk);
    this.scan(chunk);
  }

  /** The skeleton, parsed: the body with each split array empty. Throws SyntaxError for a malformed or cut body. */
  end(): unknown {
    if (this.carried.length) {
      // The fast path's last bytes (the last element, the array's end, the rest of the body): read exactly.
      this.fast = false;
      this.scan(this.takeCarried());
    }
    if (this.inString || this.depth !== 0) throw new SyntaxError('the body ends inside a value');
    const text = this.skeleton.length === 1 ? this.skeleton[0]!.toString('utf8') : Buffer.concat(this.skeleton).toString('utf8');
    return JSON.parse(text);
  }

  /**
   * At an element boundary of a split array: cut this chunk at element boundaries into pieces of about PIECE_BYTES and
   * parse each as elements, without looking at each byte. Such a cut can be wrong (the bytes may sit inside a string or
   * a nested list), but then what precedes it never parses as whole elements (a string or a bracket is left open): an
   * earlier cut is tried, and after a few failures the rest of the body goes through the exact scan, which also
   * reports a truly malformed body.
   */
  private pushFast(chunk: Buffer): void {
    const boundary = ELEMENT_BOUNDARY[this.keyName];
    /** chunk[0, from) is handed over; from is where an element starts (or 0, with `carried` before it). */
    let from = 0;
    let tries = 0;
    for (;;) {
      const limit = from + PIECE_BYTES - (from === 0 ? byteLength(this.carried) : 0);
      // The last boundary within the piece's size, else the first one past it.
      let cut = limit > from ? chunk.lastIndexOf(boundary, Math.min(limit, chunk.length - 1)) : -1;
      if (cut < from) cut = chunk.indexOf(boundary, Math.max(from, limit));
      let items: unknown[] | undefined;
      while (cut >= from && tries < MAX_WRONG_CUTS) {
        try {
          items = JSON.parse(this.bracketed(chunk, from, cut + 1)) as unknown[];
          break;
        } catch {
          tries++;
          cut = cut > from ? chunk.lastIndexOf(boundary, cut - 1) : -1; // inside a string or a nested list: an earlier one
        }
      }
      if (items) {
        this.carried = [];
        from = cut + 2;
        this.sawSeparator = true;
        this.sink.items(this.keyName, items);
        continue;
      }
      this.carried.push(chunk.subarray(from));
      if (cut >= from) {
        this.fast = false; // cut after cut fails to parse: read the rest of this body exactly
        this.scan(this.takeCarried());
      }
      return;
    }
  }

  /**
   * `[` + carried + chunk[from, end) + `]` as text, through a buffer kept for the next piece: one copy of the bytes,
   * no string concatenation for JSON.parse to flatten.
   */
  private bracketed(chunk: Buffer, from: number, end: number): string {
    const parts = from === 0 ? this.carried : [];
    const n = byteLength(parts) + end - from + 2;
    if (this.scratch.length < n) this.scratch = Buffer.allocUnsafe(Math.max(n, 2 * this.scratch.length));
    const out = this.scratch;
    out[0] = OPEN_ARRAY;
    let at = 1;
    for (const p of parts) at += p.copy(out, at);
    at += chunk.copy(out, at, from, end);
    out[at] = CLOSE_ARRAY;
    return out.toString('utf8', 0, at + 1);
  }

  private takeCarried(): Buffer {
    const all = this.carried.length === 1 ? this.carried[0]! : Buffer.concat(this.carried);
    this.carried = [];
    return all;
  }

  private scan(chunk: Buffer): void {
    const n = chunk.length;
    let i = 0;
    /** Where the current skeleton run, or the current array's region of elements, began in this chunk. */
    let from = 0;
    /** The last separator of the current array in this chunk: the elements before it are complete. */
    let lastSep = -1;
    if (this.inString && this.escaped && n > 0) {
      this.escaped = false;
      i = 1; // the escaped byte
    }
    while (i < n) {
      if (this.inString) {
        i = this.skipString(chunk, i);
        continue;
      }
      const b = chunk[i]!;
      switch (b) {
        case QUOTE:
          if (this.inArray && this.depth === 2) this.sawValue = true;
          if (this.depth === 1 && this.expectKey) {
            this.expectKey = false;
            this.key = '';
          } else if (this.arrayKey === 2) this.arrayKey = 0;
          this.inString = true;
          i++;
          continue;
        case OPEN_OBJECT:
        case OPEN_ARRAY:
          this.depth++;
          if (this.depth === 1) {
            this.topIsObject = b === OPEN_OBJECT;
            this.expectKey = this.topIsObject;
          } else if (this.inArray) {
            if (this.depth === 3) this.sawValue = true;
          } else if (this.arrayKey === 2) {
            this.arrayKey = 0;
            if (b === OPEN_ARRAY && this.depth === 2) {
              // A split array begins: the skeleton so far (ending in `[`) is its head.
              this.skeleton.push(chunk.subarray(from, i + 1));
              this.startArray();
              from = i + 1;
              lastSep = -1;
            }
          }
          break;
        case CLOSE_OBJECT:
        case CLOSE_ARRAY:
          this.depth--;
          if (this.inArray && this.depth < 2) {
            if (b !== CLOSE_ARRAY) throw new SyntaxError(`a '}' closes the ${this.keyName} array`);
            if (this.sawValue) this.emit(chunk, from, i);
            else if (this.sawSeparator) throw new SyntaxError(`a trailing comma in the ${this.keyName} array`);
            this.inArray = false;
            from = i; // the `]` goes to the skeleton: "rows":[]
            lastSep = -1;
          }
          break;
        case COMMA:
          if (this.inArray) {
            if (this.depth === 2) {
              if (!this.sawValue) throw new SyntaxError(`an empty element in the ${this.keyName} array`);
              this.sawValue = false;
              this.sawSeparator = true;
              lastSep = i;
            }
          } else if (this.depth === 1 && this.topIsObject) this.expectKey = true;
          break;
        case COLON:
          if (this.depth === 1 && this.arrayKey === 1) this.arrayKey = 2;
          break;
        default:
          if (!isSpace(b)) {
            if (this.inArray) {
              if (this.depth === 2) this.sawValue = true;
            } else if (this.arrayKey === 2) this.arrayKey = 0; // "rows": null, "items": 5…
          }
      }
      i++;
    }
    if (!this.inArray) {
      if (from < n) this.skeleton.push(chunk.subarray(from, n));
      return;
    }
    // Hand over the elements this chunk completed (one parse per chunk, not per element); carry the one begun.
    if (lastSep >= 0) {
      this.emit(chunk, from, lastSep);
      from = lastSep + 1;
    }
    if (this.sawValue && from < n) this.pending.push(chunk.subarray(from, n));
    if (this.fast) {
      // Back at an element's start: the next chunks take the fast path, from the element begun.
      this.carried = this.pending;
      this.pending = [];
      this.depth = 2;
      this.inString = false;
      this.escaped = false;
      this.sawValue = false;
    }
  }

  /** From i inside a string: past its closing quote (string ended) or to the chunk's end (it goes on). */
  private skipString(chunk: Buffer, i: number): number {
    const n = chunk.length;
    let q = chunk.indexOf(QUOTE, i);
    for (;;) {
      if (q === -1) {
        let run = 0;
        for (let k = n - 1; k >= i && chunk[k] === BACKSLASH; k--) run++;
        this.escaped = run % 2 === 1;
        if (this.key !== undefined) this.key += chunk.toString('latin1', i, Math.min(n, i + 8));
        return n;
      }
      let run = 0;
      for (let k = q - 1; k >= i && chunk[k] === BACKSLASH; k--) run++;
      if (run % 2 === 0) break;
      q = chunk.indexOf(QUOTE, q + 1);
    }
    this.inString = false;
    if (this.key !== undefined) {
      const key = this.key + chunk.toString('latin1', i, Math.min(q, i + 8));
      this.key = undefined;
      if (key === 'rows' || key === 'items') {
        this.arrayKey = 1;
        this.keyName = key;
      } else this.arrayKey = 0;
    }
    return q + 1;
  }

  private startArray(): void {
    const head = Buffer.concat([...this.skeleton, Buffer.from(']}')]).toString('utf8');
    let parsed: unknown;
    try {
      parsed = JSON.parse(head);
    } catch {
      parsed = undefined;
    }
    this.sink.head(this.keyName, parsed);
    this.inArray = true;
    this.sawValue = false;
    this.sawSeparator = false;
    this.pending = [];
  }

  /** Parses pending + chunk[from, to) (elements separated by commas) and hands them over. */
  private emit(chunk: Buffer, from: number, to: number): void {
    let text: string;
    if (this.pending.length === 0) text = chunk.toString('utf8', from, to);
    else {
      this.pending.push(chunk.subarray(from, to));
      text = Buffer.concat(this.pending).toString('utf8');
      this.pending = [];
    }
    this.sink.items(this.keyName, JSON.parse(`[${text}]`) as unknown[]);
  }
}

function byteLength(parts: readonly Buffer[]): number {
  let n = 0;
  for (const p of parts) n += p.length;
  return n;
}
