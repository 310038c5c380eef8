// The one boundary where outside text (API server responses, kubeconfig and state files, plugin output, log lines)
// becomes screen text. Anything a terminal would act on instead of print is shown escaped, never emitted:
// C0/C1 controls, DEL, every ESC sequence (CSI, OSC, DCS, APC, PM, SOS and two-byte ones), a lone ESC, bidi
// overrides/isolates/marks, line/paragraph separators and lone surrogates. Escaping the introducer byte is what
// disarms a sequence; the segments API also reports each whole sequence's extent so a view can dim it.
// Plus display width (wide CJK/emoji = 2, combining/zero-width = 0) and width-aware fit/pad, so columns stay aligned.
// Everything is pure; plain printable ASCII (the common cell) takes a single regex test and no allocation.

export interface SanitizeOptions {
  /** Keep SGR colour codes (and reset) as real escapes, e.g. for log lines when the user asks; all else escaped. */
  keepColours?: boolean;
  /** Keep line feeds (CRLF becomes LF) for multi-line text such as doctor output; otherwise `\n` is shown escaped. */
  multiline?: boolean;
  /** Expand tabs to this tab stop instead of showing `\t` (columns counted in code units since the last line feed). */
  expandTabs?: number;
}

/** A run of the sanitised text; `escaped` runs are the visible form of something the terminal would have acted on. */
export interface TextSegment {
  text: string;
  escaped: boolean;
}

// Code units that need attention: C0, DEL, C1, ALM, LRM/RLM, LS/PS, LRE..RLO, LRI..PDI, and lone surrogates.
const UNSAFE =
  /[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const UNSAFE_G = new RegExp(UNSAFE.source, 'g');
const PLAIN_ASCII = /^[\x20-\x7e]*$/;

const NAMED: Record<number, string> = { 0x1b: '\\e', 0x0a: '\\n', 0x0d: '\\r', 0x09: '\\t' };

/** The visible form of one unsafe code unit: `\e`, `\n`, `\x07`, `\x9b`, `\u202e`, `\ud800`. */
export function escapeChar(ch: string): string {
  const c = ch.charCodeAt(0);
  const named = NAMED[c];
  if (named) return named;
  if (c < 0x100) return '\\x' + c.toString(16).padStart(2, '0');
  return '\\u' + c.toString(16).padStart(4, '0');
}

/** True when `text` holds anything `sanitize` would change (with default options). */
export function hasUnsafe(text: string): boolean {
  return UNSAFE.test(text);
}

/** Outside text made safe to print: see the module comment. Returns `text` itself when nothing needs escaping. */
export function sanitize(text: string, opts: SanitizeOptions = {}): string {
  if (PLAIN_ASCII.test(text)) return text;
  if (opts.keepColours) return sanitizeSegments(text, opts).map((s) => s.text).join('');
  if (!UNSAFE.test(text)) return text;
  let s = text;
  if (opts.multiline) s = s.replace(/\r\n/g, '\n');
  if (opts.expandTabs) s = expandTabs(s, opts.expandTabs);
  return s.replace(UNSAFE_G, (ch) => (opts.multiline && ch === '\n' ? ch : escapeChar(ch)));
}

/** Multi-line outside text (error bodies, plugin stderr, doctor output): line feeds kept, everything else escaped. */
export function sanitizeBlock(text: string): string {
  return sanitize(text, { multiline: true, expandTabs: 8 });
}

function expandTabs(text: string, stop: number): string {
  if (!text.includes('\t')) return text;
  let out = '';
  let col = 0;
  for (const ch of text) {
    if (ch === '\t') {
      const n = stop - (col % stop);
      out += ' '.repeat(n);
      col += n;
    } else {
      out += ch;
      col = ch === '\n' ? 0 : col + 1;
    }
  }
  return out;
}

// ---- Escape sequences (ECMA-48): where each one ends, so it can be shown (and dimmed) as one run ----

const ESC = 0x1b;
/** C1 string introducers and their 7-bit forms: DCS, SOS, OSC, PM, APC run until ST (ESC \ or 0x9c), or BEL. */
const STRING_INTRODUCERS = new Set([0x50, 0x58, 0x5d, 0x5e, 0x5f]); // P X ] ^ _
const C1_STRING_INTRODUCERS = new Set([0x90, 0x98, 0x9d, 0x9e, 0x9f]);

/** Index just past the escape sequence starting at `i` (an ESC or a C1 introducer), or past the lone byte. */
function sequenceEnd(text: string, i: number): number {
  const c = text.charCodeAt(i);
  let kind: 'csi' | 'string' | 'esc';
  let j: number;
  if (c === ESC) {
    const n = text.charCodeAt(i + 1);
    if (Number.isNaN(n)) return i + 1; // lone ESC at the end
    if (n === 0x5b) (kind = 'csi'), (j = i + 2);
    else if (STRING_INTRODUCERS.has(n)) (kind = 'string'), (j = i + 2);
    else (kind = 'esc'), (j = i + 1);
  } else if (c === 0x9b) (kind = 'csi'), (j = i + 1);
  else if (C1_STRING_INTRODUCERS.has(c)) (kind = 'string'), (j = i + 1);
  else return i + 1;

  if (kind === 'csi') {
    // parameters 0x30–0x3f, intermediates 0x20–0x2f, then one final byte 0x40–0x7e
    while (j < text.length && text.charCodeAt(j) >= 0x20 && text.charCodeAt(j) <= 0x3f) j++;
    const f = text.charCodeAt(j);
    return f >= 0x40 && f <= 0x7e ? j + 1 : j;
  }
  if (kind === 'string') {
    for (; j < text.length; j++) {
      const x = text.charCodeAt(j);
      if (x === 0x07 || x === 0x9c) return j + 1;
      if (x === ESC) return text.charCodeAt(j + 1) === 0x5c ? j + 2 : j;
    }
    return j;
  }
  // ESC, intermediates 0x20–0x2f, one final byte 0x30–0x7e (e.g. ESC c, ESC ( B, ESC 7)
  j = i + 1;
  while (j < text.length && text.charCodeAt(j) >= 0x20 && text.charCodeAt(j) <= 0x2f) j++;
  const f = text.charCodeAt(j);
  return f >= 0x30 && f <= 0x7e ? j + 1 : j;
}

// SGR parameters that only colour: reset (0), default fg/bg (39, 49), 8/16 colours, and 38/48 with 5;n or 2;r;g;b.
function colourParams(params: string): string | undefined {
  if (params === '') return '0';
  if (!/^[0-9;]*$/.test(params)) return undefined;
  const p = params.split(';').map((x) => (x === '' ? 0 : Number(x)));
  const kept: number[] = [];
  for (let k = 0; k < p.length; k++) {
    const v = p[k];
    if (v === 38 || v === 48) {
      const n = p[k + 1] === 5 ? 3 : p[k + 1] === 2 ? 5 : 0;
      if (n === 0 || k + n > p.length) return kept.length ? kept.join(';') : undefined;
      const args = p.slice(k + 2, k + n);
      if (args.every((a) => a >= 0 && a <= 255)) kept.push(v, p[k + 1], ...args);
      k += n - 1;
    } else if (v === 0 || v === 39 || v === 49 || (v >= 30 && v <= 37) || (v >= 40 && v <= 47) || (v >= 90 && v <= 97) || (v >= 100 && v <= 107)) {
      kept.push(v);
    }
  }
  return kept.length ? kept.join(';') : undefined;
}

function isSequenceStart(c: number): boolean {
  return c === ESC || c === 0x9b || C1_STRING_INTRODUCERS.has(c);
}

/**
 * The sanitised text as runs: plain runs, and escaped runs each covering one whole escape sequence or one
 * other unsafe character. With `keepColours`, a colour-only SGR comes out as a plain run holding the real
 * (filtered) sequence, and a reset is appended if colour is left set at the end so it cannot bleed further.
 */
export function sanitizeSegments(text: string, opts: SanitizeOptions = {}): TextSegment[] {
  let s = text;
  if (opts.multiline) s = s.replace(/\r\n/g, '\n');
  if (opts.expandTabs) s = expandTabs(s, opts.expandTabs);
  const out: TextSegment[] = [];
  const push = (t: string, escaped: boolean) => {
    if (t === '') return;
    const last = out[out.length - 1];
    if (last && last.escaped === escaped) last.text += t;
    else out.push({ text: t, escaped });
  };
  let coloured = false;
  let i = 0;
  let plainFrom = 0;
  UNSAFE_G.lastIndex = 0;
  while (i < s.length) {
    UNSAFE_G.lastIndex = i;
    const m = UNSAFE_G.exec(s);
    if (!m) break;
    const at = m.index;
    const c = s.charCodeAt(at);
    if (opts.multiline && c === 0x0a) {
      i = at + 1;
      continue;
    }
    push(s.slice(plainFrom, at), false);
    const end = isSequenceStart(c) ? sequenceEnd(s, at) : at + 1;
    const seq = s.slice(at, end);
    const sgr = opts.keepColours && c === ESC && /^\x1b\[[0-9;]*m$/.test(seq) ? colourParams(seq.slice(2, -1)) : undefined;
    if (sgr !== undefined) {
      push(`\x1b[${sgr}m`, false);
      coloured = sgr !== '0';
    } else if (opts.keepColours && c === ESC && /^\x1b\[[0-9;:]*m$/.test(seq)) {
      // an SGR with nothing colour in it (blink, conceal, reverse...): dropped, it is styling not text
    } else {
      push(seq.replace(UNSAFE_G, escapeChar), true);
    }
    i = plainFrom = end;
  }
  push(s.slice(plainFrom), false);
  if (coloured) push('\x1b[0m', false);
  return out;
}

// ---- Display width ----

// East Asian Wide/Fullwidth ranges (Unicode EastAsianWidth W and F) other than emoji, which are matched below by
// their Emoji_Presentation property. Sorted, for a binary search.
// prettier-ignore
const WIDE: readonly number[] = [
  0x1100, 0x115f, 0x2329, 0x232a, 0x2630, 0x2637, 0x268a, 0x268f, 0x2e80, 0x2e99, 0x2e9b, 0x2ef3, 0x2f00, 0x2fd5,
  0x2ff0, 0x303e, 0x3041, 0x3096, 0x3099, 0x30ff, 0x3105, 0x312f, 0x3131, 0x318e, 0x3190, 0x31e5, 0x31ef, 0x321e,
  0x3220, 0x3247, 0x3250, 0xa48c, 0xa490, 0xa4c6, 0xa960, 0xa97c, 0xac00, 0xd7a3, 0xf900, 0xfaff, 0xfe10, 0xfe19,
  0xfe30, 0xfe52, 0xfe54, 0xfe66, 0xfe68, 0xfe6b, 0xff01, 0xff60, 0xffe0, 0xffe6, 0x16fe0, 0x16fe4, 0x16ff0, 0x16ff6,
  0x17000, 0x18cda, 0x18cff, 0x18d20, 0x18d80, 0x18df2, 0x18e00, 0x19191, 0x191a0, 0x191d2, 0x1aff0, 0x1aff3,
  0x1aff5, 0x1affb, 0x1affd, 0x1affe, 0x1b000, 0x1b128, 0x1b132, 0x1b132, 0x1b150, 0x1b152, 0x1b155, 0x1b155,
  0x1b164, 0x1b168, 0x1b170, 0x1b2fb, 0x1d300, 0x1d356, 0x1d360, 0x1d376, 0x1f1ae, 0x1f1ae, 0x1f200, 0x1f200,
  0x1f202, 0x1f202, 0x1f210, 0x1f219, 0x1f21b, 0x1f22e, 0x1f230, 0x1f231, 0x1f237, 0x1f237, 0x1f23b, 0x1f23b,
  0x1f240, 0x1f248, 0x1f260, 0x1f265, 0x1f6d9, 0x1f6d9, 0x1f7da, 0x1f7da, 0x1fa8b, 0x1fa8d, 0x1facc, 0x1facc,
  0x1fadd, 0x1fadd, 0x1faeb, 0x1faeb, 0x1faf9, 0x1fafa, 0x20000, 0x2fffd, 0x30000, 0x3fffd,
];

function inWide(cp: number): boolean {
  let lo = 0;
  let hi = WIDE.length / 2 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (cp < WIDE[mid * 2]) hi = mid - 1;
    else if (cp > WIDE[mid * 2 + 1]) lo = mid + 1;
    else return true;
  }
  return false;
}

const ZERO_WIDTH = /^[\p{Mn}\p{Me}\p{Cf}\p{Default_Ignorable_Code_Point}]$/u;
const EMOJI_PRESENTATION = /^\p{Emoji_Presentation}$/u;
const PICTOGRAPHIC = /^\p{Extended_Pictographic}$/u;
const EMOJI = /^\p{Emoji}$/u;

// A code point's properties, packed: computed once with the Unicode property regexes, then cached.
const ZERO = 1; // combining, enclosing, format, default-ignorable: no columns
const WIDE2 = 2; // East Asian wide/fullwidth or emoji presentation: two columns
const PICT = 4; // Extended_Pictographic (joins in ZWJ sequences)
const EMOJI_BASE = 8; // may take VS16 / a skin tone / a keycap

const bmpClass = new Uint8Array(0x10000); // 0 = not computed yet; class | 0x80 once computed
const astralClass = new Map<number, number>();

function classify(cp: number): number {
  const cached = cp < 0x10000 ? bmpClass[cp] : astralClass.get(cp);
  if (cached) return cached & 0x7f;
  const ch = String.fromCodePoint(cp);
  let k = 0;
  if (ZERO_WIDTH.test(ch) || (cp >= 0x1160 && cp <= 0x11ff) || (cp >= 0xd7b0 && cp <= 0xd7ff)) k |= ZERO; // Hangul vowels/finals join the block
  else if (EMOJI_PRESENTATION.test(ch) || inWide(cp)) k |= WIDE2;
  if (PICTOGRAPHIC.test(ch)) k |= PICT;
  if (EMOJI.test(ch) || k & PICT) k |= EMOJI_BASE;
  if (cp < 0x10000) bmpClass[cp] = k | 0x80;
  else astralClass.set(cp, k | 0x80);
  return k;
}

interface Measure {
  /** columns of the prefix measured (the whole text unless it overflowed `limit`) */
  width: number;
  /** end index of the longest prefix that fits in `limit` columns (zero-width marks after it included) */
  cut: number;
  overflow: boolean;
}

/** Walks `text` code point by code point, summing columns, stopping once they would pass `limit`. */
function measure(text: string, limit: number): Measure {
  let width = 0;
  let prevWidth = 0; // columns the previous visible code point took
  let prevEmoji = false; // previous code point was an emoji base (for ZWJ, skin tones, VS16, keycaps)
  let afterZwj = false; // previous code point was a ZWJ following an emoji
  let i = 0;
  while (i < text.length) {
    let cp = text.charCodeAt(i);
    let next = i + 1;
    let w: number;
    let emoji = false;
    if (cp >= 0x20 && cp < 0x7f) {
      w = 1;
      emoji = cp === 0x23 || cp === 0x2a || (cp >= 0x30 && cp <= 0x39); // keycap bases
    } else if (cp === ESC && text.charCodeAt(i + 1) === 0x5b) {
      i = sequenceEnd(text, i); // a kept SGR (only those survive sanitize): no columns
      continue;
    } else if (cp < 0xa0) {
      w = 0; // controls: sanitise first; they print nothing themselves
    } else {
      if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < text.length) {
        const lo = text.charCodeAt(i + 1);
        if (lo >= 0xdc00 && lo <= 0xdfff) {
          cp = (cp - 0xd800) * 0x400 + (lo - 0xdc00) + 0x10000;
          next = i + 2;
        }
      }
      const k = classify(cp);
      if (cp === 0xfe0f) {
        w = prevEmoji && prevWidth === 1 ? 1 : 0; // emoji presentation selector: a text-style base becomes two wide
        emoji = prevEmoji;
      } else if (cp === 0x200d) {
        w = 0;
        emoji = prevEmoji;
      } else if (cp >= 0x1f3fb && cp <= 0x1f3ff && prevEmoji) {
        w = 0; // skin tone modifier on an emoji base
        emoji = true;
      } else if (afterZwj && k & PICT) {
        w = 0; // joined into the previous emoji
        emoji = true;
      } else if (k & ZERO) {
        w = 0;
        emoji = prevEmoji && cp === 0x20e3; // combining keycap
      } else {
        // regional indicators take one column each, so a pair (one flag) takes two
        w = k & WIDE2 && !(cp >= 0x1f1e6 && cp <= 0x1f1ff) ? 2 : 1;
        emoji = (k & EMOJI_BASE) !== 0;
      }
    }
    afterZwj = cp === 0x200d && prevEmoji;
    if (width + w > limit) return { width, cut: i, overflow: true };
    width += w;
    if (cp === 0xfe0f) prevWidth += w;
    else if (w > 0) prevWidth = w;
    prevEmoji = emoji;
    i = next;
  }
  return { width, cut: text.length, overflow: false };
}

/** Terminal columns `text` takes once printed; run it on sanitised text (kept SGR colour codes count zero). */
export function displayWidth(text: string): number {
  if (PLAIN_ASCII.test(text)) return text.length;
  return measure(text, Infinity).width;
}

export interface FitOptions {
  /** pad with spaces to exactly `width` (default true) */
  pad?: boolean;
  align?: 'left' | 'right';
  /** the text was already cut before (it continues): end with an ellipsis even if it fits */
  more?: boolean;
}

/** Pads `text` with spaces to `width` columns (never cuts). */
export function padWidth(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  const gap = width - displayWidth(text);
  if (gap <= 0) return text;
  return align === 'left' ? text + ' '.repeat(gap) : ' '.repeat(gap) + text;
}

/**
 * Cuts `text` to `width` columns, ending with an ellipsis when cut (a wide character that would straddle the edge
 * is left out and the gap padded), and pads to exactly `width` unless `pad: false`.
 */
export function fitWidth(text: string, width: number, opts: FitOptions = {}): string {
  const pad = opts.pad ?? true;
  const align = opts.align ?? 'left';
  if (width <= 0) return '';
  if (PLAIN_ASCII.test(text)) {
    if (text.length > width || (opts.more && text.length === width)) return width === 1 ? '…' : text.slice(0, width - 1) + '…';
    const t = opts.more ? text + '…' : text;
    return pad ? (align === 'left' ? t.padEnd(width) : t.padStart(width)) : t;
  }
  const whole = measure(text, opts.more ? width - 1 : width);
  let out: string;
  if (!whole.overflow) out = opts.more ? text + '…' : text;
  else {
    const cut = measure(text, width - 1).cut;
    const head = text.slice(0, cut);
    out = head + (head.includes('\x1b[') ? '\x1b[0m' : '') + '…';
  }
  return pad ? padWidth(out, width, align) : out;
}

/** Longest outside text a cell sanitises before cutting: escaping at most sextuples a unit; zero-width runs aside. */
function cellPrefix(text: string, width: number): [string, boolean] {
  const max = width * 8 + 64;
  if (text.length <= max) return [text, false];
  let end = max;
  const c = text.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end--;
  return [text.slice(0, end), true];
}

/**
 * One table cell from outside text: sanitised, then fitted to `width` columns. A 10 MB label costs no more than
 * one that just fills the cell: only a prefix is sanitised.
 */
export function safeCell(text: string, width: number, opts: FitOptions & SanitizeOptions = {}): string {
  if (width <= 0) return '';
  if (text.length <= width && !opts.more && PLAIN_ASCII.test(text)) {
    return opts.pad === false ? text : opts.align === 'right' ? text.padStart(width) : text.padEnd(width);
  }
  const [head, more] = cellPrefix(text, width);
  return fitWidth(sanitize(head, opts), width, { ...opts, more: more || opts.more });
}
