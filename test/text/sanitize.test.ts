// The outside-text sanitiser: nothing a terminal acts on gets through; widths agree with what Ink lays out with.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import stringWidth from 'string-width';
import {
  displayWidth,
  escapeChar,
  fitWidth,
  hasUnsafe,
  padWidth,
  safeCell,
  sanitize,
  sanitizeBlock,
  sanitizeSegments,
} from '../../src/text/sanitize.js';

const ESC = '\x1b';

/** Nothing left that a terminal would act on: no C0 (bar LF when allowed), DEL, C1, bidi controls or ESC. */
function assertInert(out: string, allowLf = false) {
  for (const ch of out) {
    const c = ch.codePointAt(0)!;
    if (allowLf && c === 0x0a) continue;
    assert.ok(!(c < 0x20 || (c >= 0x7f && c < 0xa0)), `control U+${c.toString(16)} survived in ${JSON.stringify(out)}`);
    assert.ok(!/[\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/.test(ch), `bidi U+${c.toString(16)} survived`);
    assert.ok(!(c >= 0xd800 && c <= 0xdfff), 'lone surrogate survived');
  }
}

describe('sanitize: escapes, never emits', () => {
  test("the issue's deployment image: title set, screen cleared, painted red", () => {
    const image = `evil${ESC}]2;PWNED-TITLE\x07${ESC}[2J${ESC}[31mRED`;
    assert.equal(sanitize(image), 'evil\\e]2;PWNED-TITLE\\x07\\e[2J\\e[31mRED');
  });
  test('every ESC sequence kind and a lone ESC', () => {
    const cases: [string, string][] = [
      [`${ESC}[31m`, '\\e[31m'], // CSI SGR
      [`${ESC}[?1049h`, '\\e[?1049h'], // CSI private mode (alternate screen)
      [`${ESC}]52;c;aGVsbG8=${ESC}\\`, '\\e]52;c;aGVsbG8=\\e\\'], // OSC 52 clipboard write, ST-terminated
      [`${ESC}]8;;http://x${ESC}\\link${ESC}]8;;${ESC}\\`, '\\e]8;;http://x\\e\\link\\e]8;;\\e\\'], // OSC 8 hyperlink
      [`${ESC}P1$tx${ESC}\\`, '\\eP1$tx\\e\\'], // DCS
      [`${ESC}_apc${ESC}\\`, '\\e_apc\\e\\'], // APC
      [`${ESC}^pm${ESC}\\`, '\\e^pm\\e\\'], // PM
      [`${ESC}Xsos${ESC}\\`, '\\eXsos\\e\\'], // SOS
      [`${ESC}c`, '\\ec'], // RIS: full terminal reset
      [`${ESC}(0`, '\\e(0'], // charset switch to line drawing
      [`a${ESC}`, 'a\\e'], // lone ESC at the end
      [`${ESC}${ESC}[m`, '\\e\\e[m'],
    ];
    for (const [input, want] of cases) assert.equal(sanitize(input), want, JSON.stringify(input));
  });
  test('C0, DEL, C1 (8-bit CSI/OSC), bidi overrides and isolates, separators, lone surrogates', () => {
    assert.equal(sanitize('a\x00b\x07c\x08d\x7fe'), 'a\\x00b\\x07c\\x08d\\x7fe');
    assert.equal(sanitize('line\r\nnext\ttab'), 'line\\r\\nnext\\ttab');
    assert.equal(sanitize('\x9b31m\x9d0;t\x9c\x85'), '\\x9b31m\\x9d0;t\\x9c\\x85');
    assert.equal(sanitize('abc\u202edcba\u202c'), 'abc\\u202edcba\\u202c');
    assert.equal(sanitize('\u2066x\u2069\u2067\u2068\u200e\u200f\u061c'), '\\u2066x\\u2069\\u2067\\u2068\\u200e\\u200f\\u061c');
    assert.equal(sanitize('a\u2028b\u2029'), 'a\\u2028b\\u2029');
    assert.equal(sanitize('x\ud800y\udc00'), 'x\\ud800y\\udc00');
    assert.equal(sanitize('ok 😀 日本'), 'ok 😀 日本'); // valid pairs and wide text untouched
  });
  test('safe text comes back as the same string (no copy)', () => {
    const s = 'nginx:1.25-alpine café 日本語 👍🏽';
    assert.equal(sanitize(s), s);
    assert.equal(hasUnsafe(s), false);
    assert.equal(hasUnsafe('x\x1b'), true);
  });
  test('every code unit 0..0xFFFF, alone and in a sequence, comes out inert', () => {
    for (let c = 0; c <= 0xffff; c++) {
      const ch = String.fromCharCode(c);
      assertInert(sanitize(`a${ch}b`));
      assertInert(sanitize(`${ESC}[${ch}m${ESC}]${ch}\x07`));
      assertInert(sanitize(`${ESC}[${ch}m`, { keepColours: true }).replace(/\x1b\[[0-9;]*m/g, ''));
    }
  });
  test('seeded random bytes: inert, and the segments join to the same text', () => {
    let seed = 0x5eed;
    const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 8) / 0x1000000;
    const alphabet = ['\x1b', '[', ']', 'P', '_', '^', 'X', '\\', '\x07', '\x9b', '\x9c', '\x9d', ';', '3', '1', 'm', 'a', '\n', '\u202e', '日', '\ud83d', '\ude00', '\x7f'];
    for (let n = 0; n < 2000; n++) {
      let s = '';
      const len = Math.floor(rand() * 40);
      for (let k = 0; k < len; k++) s += alphabet[Math.floor(rand() * alphabet.length)];
      const out = sanitize(s);
      assertInert(out);
      assert.equal(sanitizeSegments(s).map((x) => x.text).join(''), out, JSON.stringify(s));
      assertInert(sanitize(s, { multiline: true }), true);
      const kept = sanitize(s, { keepColours: true });
      assertInert(kept.replace(/\x1b\[[0-9;]*m/g, ''));
      for (const m of kept.match(/\x1b\[[0-9;]*m/g) ?? []) assert.match(m, /^\x1b\[(0|3[0-79]|4[0-79]|9[0-7]|10[0-7]|[34]8;5;\d+|[34]8;2;\d+;\d+;\d+)(;(0|3[0-79]|4[0-79]|9[0-7]|10[0-7]|[34]8;5;\d+|[34]8;2;\d+;\d+;\d+))*m$/);
    }
  });
});

describe('sanitizeSegments: whole sequences as escaped runs (for dimming)', () => {
  test('one run per sequence kind, plain text between', () => {
    assert.deepEqual(sanitizeSegments(`img${ESC}[31mRED${ESC}]0;t\x07!`), [
      { text: 'img', escaped: false },
      { text: '\\e[31m', escaped: true },
      { text: 'RED', escaped: false },
      { text: '\\e]0;t\\x07', escaped: true },
      { text: '!', escaped: false },
    ]);
  });
  test('an unterminated OSC swallows the rest (all of it shown, none of it acted on)', () => {
    assert.deepEqual(sanitizeSegments(`a${ESC}]2;title with no end`), [
      { text: 'a', escaped: false },
      { text: '\\e]2;title with no end', escaped: true },
    ]);
  });
});

describe('keepColours: only SGR colour codes pass', () => {
  test('colours and reset kept, styles dropped, reset appended when colour is left on', () => {
    assert.equal(sanitize(`${ESC}[31mERROR${ESC}[0m ok`, { keepColours: true }), `${ESC}[31mERROR${ESC}[0m ok`);
    assert.equal(sanitize(`${ESC}[1;31mbold red`, { keepColours: true }), `${ESC}[31mbold red${ESC}[0m`);
    assert.equal(sanitize(`${ESC}[38;5;208morange${ESC}[m`, { keepColours: true }), `${ESC}[38;5;208morange${ESC}[0m`);
    assert.equal(sanitize(`${ESC}[48;2;1;2;3mrgb${ESC}[39;49m`, { keepColours: true }), `${ESC}[48;2;1;2;3mrgb${ESC}[39;49m${ESC}[0m`);
    assert.equal(sanitize(`${ESC}[5mblink${ESC}[8mconceal${ESC}[7mrev`, { keepColours: true }), 'blinkconcealrev');
  });
  test('everything that is not SGR stays escaped', () => {
    assert.equal(sanitize(`${ESC}[31m${ESC}[2J${ESC}]0;x\x07`, { keepColours: true }), `${ESC}[31m\\e[2J\\e]0;x\\x07${ESC}[0m`);
    assert.equal(sanitize(`${ESC}[38;5;999mx`, { keepColours: true }), 'x');
    assert.equal(sanitize(`${ESC}[31:1mx`, { keepColours: true }), 'x');
  });
});

describe('multi-line text', () => {
  test('line feeds kept, CRLF folded, tabs expanded, the rest escaped', () => {
    assert.equal(sanitizeBlock('500 Internal\r\n\tat x\x1b[2J\rover'), '500 Internal\n        at x\\e[2J\\rover');
  });
});

describe('displayWidth', () => {
  const cases: [string, number][] = [
    ['', 0],
    ['nginx', 5],
    ['café', 4],
    ['cafe\u0301', 4], // combining acute
    ['日本語', 6],
    ['ｱｲｳ', 3], // halfwidth katakana
    ['ＡＢ', 4], // fullwidth latin
    ['한국어', 6],
    ['😀', 2],
    ['👍🏽', 2], // skin tone
    ['👨‍👩‍👧', 2], // ZWJ family
    ['🇩🇪', 2], // flag
    ['❤️', 2], // text emoji + VS16
    ['❤', 1],
    ['#️⃣', 2], // keycap
    ['a\u200bb', 2], // zero-width space
    ['x\u00ady', 2], // soft hyphen
    ['\ufeffbom', 3],
    ['™©', 2],
    ['Ελληνικά Русский', 16],
    ['∑∞≈', 3],
  ];
  test('wide = 2, zero-width and combining = 0, emoji sequences as one', () => {
    for (const [s, w] of cases) assert.equal(displayWidth(s), w, JSON.stringify(s));
  });
  test('agrees with string-width (what Ink lays out with) on mixed text', () => {
    const corpus = [...cases.map((c) => c[0]), 'pod-日本-😀-x', 'nginx:1.25 ✓ ✗ ● …', '🐳 docker.io/library/redis', 'Ǆ ǅ ǆ', '\u0e01\u0e34\u0e19', 'ab\u0300\u0301\u0302c'];
    for (const s of corpus) assert.equal(displayWidth(s), stringWidth(s), JSON.stringify(s));
  });
  test('kept colour codes take no columns', () => {
    assert.equal(displayWidth(sanitize(`${ESC}[31m日本${ESC}[0m`, { keepColours: true })), 4);
  });
  test('escaped text is measured as shown', () => {
    assert.equal(displayWidth(sanitize(`a${ESC}[2Jb`)), 7);
  });
});

describe('fitWidth / padWidth / safeCell: columns stay aligned', () => {
  test('pads and cuts by columns, not code units', () => {
    assert.equal(fitWidth('日本語', 8), '日本語  ');
    assert.equal(fitWidth('日本語テキスト', 7), '日本語…');
    assert.equal(fitWidth('日本語テキスト', 6), '日本… '); // 語 would straddle the edge: left out, gap padded
    assert.equal(fitWidth('abc', 5, { align: 'right' }), '  abc');
    assert.equal(fitWidth('abcdef', 4), 'abc…');
    assert.equal(fitWidth('abcdef', 1), '…');
    assert.equal(fitWidth('abc', 0), '');
    assert.equal(fitWidth('abc', 5, { pad: false }), 'abc');
    assert.equal(fitWidth('e\u0301e\u0301e\u0301e\u0301', 3), 'e\u0301e\u0301…'); // marks stay with their letter
    assert.equal(fitWidth('👨‍👩‍👧 family', 4), '👨‍👩‍👧 …');
    assert.equal(padWidth('😀', 4), '😀  ');
    assert.equal(padWidth('😀', 4, 'right'), '  😀');
  });
  test('every fitted cell is exactly its width', () => {
    const texts = ['日本語テキスト', 'a😀b😀c😀', 'cafe\u0301 ok', '🇩🇪🇫🇷🇮🇹', '❤️❤️❤️', 'plain ascii text', `${ESC}[31mred${ESC}]0;t\x07`, 'ｱｲｳｴｵ'];
    for (const t of texts) {
      for (let w = 1; w <= 16; w++) {
        const cell = safeCell(t, w);
        assert.equal(displayWidth(cell), w, `${JSON.stringify(t)} at ${w}: ${JSON.stringify(cell)}`);
        assert.equal(stringWidth(cell), w, `string-width of ${JSON.stringify(cell)}`);
      }
    }
  });
  test('cut kept colours are reset before the ellipsis', () => {
    const s = sanitize(`${ESC}[31mredredred`, { keepColours: true });
    assert.equal(fitWidth(s, 4), `${ESC}[31mred${ESC}[0m…`);
  });
  test('a 10 MB label is cut from a prefix, still sanitised, still ellipsised', () => {
    const huge = `${ESC}[31m` + 'x'.repeat(10 * 1024 * 1024);
    assert.equal(safeCell(huge, 12), '\\e[31mxxxxx…');
    const zeroWidth = 'a' + '\u0301'.repeat(1024 * 1024);
    assert.equal(displayWidth(safeCell(zeroWidth, 5)), 5);
    assert.ok(safeCell(zeroWidth, 5).trimEnd().endsWith('…'));
  });
  test('escapeChar names', () => {
    assert.deepEqual(['\x1b', '\n', '\x07', '\x9b', '\u202e'].map(escapeChar), ['\\e', '\\n', '\\x07', '\\x9b', '\\u202e']);
  });
});
