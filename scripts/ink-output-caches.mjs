// Ink's Output (ink/build/output.js) rebuilds the screen from every character written to it each frame: it tokenises
// each text's ANSI codes into one object per character (an Intl.Segmenter pass and a regex test per character among
// them) and serialises them back into lines, then lays the characters into the 200x50 cell grid. Its caches of that
// work (`OutputCaches`, keyed by the text) live in the Output, and Ink makes a new Output every frame, so a cursor
// move re-tokenised all 50 rows although 48 of them were the same strings as one frame before: about half of
// Output.get()'s time in a CPU profile of the 50,000-pod dashboard.
//
// rewriteInkOutput() (applied by scripts/bundle.mjs when it bundles Ink) makes each frame's caches fall back on the
// previous frame's: a text already tokenised one frame before is taken from there (and kept for the next frame), so
// only the rows that changed are tokenised. What a cache holds is a pure function of its key (the same text gives
// the same characters and lines; nothing mutates them: the grid takes a copy where it blanks a cell), so the screen
// is the same byte for byte (test/app/ink-output-caches.test.ts runs Ink's own Output and the rewritten one over the
// same frames). Memory: two frames' texts at most, the older dropped as each frame starts. The lines of a text (its
// characters split at newlines and serialised again per line) are cached the same way, and the grid starts each
// frame as one shared blank cell instead of 10,000 new objects (no cell is changed in place).
//
// The build fails if Ink's file changes shape (each swap must match exactly once), so an upgrade cannot silently drop it.

import { applySwaps } from './shape-swaps.mjs';

/** [what Ink has, what kdeck makes of it]: each `from` must occur exactly once in output.js. */
const SWAPS = [
  // The previous frame's caches, carried into the next (a text found there is kept for the frame after).
  [
    'class OutputCaches {\n    widths = new Map();\n    blockWidths = new Map();\n    styledChars = new Map();\n',
    `class OutputCaches {
    widths = new Map();
    blockWidths = new Map();
    styledChars = new Map();
    kdeckLines = new Map();
    /** kdeck: the previous frame's caches (see kdeckFrameCaches). */
    kdeckPrevious;
    /** kdeck: the entry for key in the previous frame's map of this name, kept in this frame's; else undefined. */
    kdeckCarry(name, key) {
        const value = this.kdeckPrevious?.[name].get(key);
        if (value !== undefined) {
            this[name].set(key, value);
        }
        return value;
    }
    /** kdeck: a text's lines, each serialised from its characters (Ink's applyWriteOperation did this per write). */
    kdeckGetLines(text) {
        let cached = this.kdeckLines.get(text) ?? this.kdeckCarry('kdeckLines', text);
        if (cached === undefined) {
            const characterLines = [[]];
            for (const character of this.getStyledChars(text)) {
                if (character.value === '\\n') {
                    characterLines.push([]);
                }
                else {
                    characterLines.at(-1).push(character);
                }
            }
            cached = characterLines.map(line => styledCharsToString(line));
            this.kdeckLines.set(text, cached);
        }
        return cached;
    }
`,
  ],
  ['        let cached = this.styledChars.get(line);\n', "        let cached = this.styledChars.get(line) ?? this.kdeckCarry('styledChars', line);\n"],
  ['        let cached = this.widths.get(text);\n', "        let cached = this.widths.get(text) ?? this.kdeckCarry('widths', text);\n"],
  // Each Output (one per frame) takes caches that fall back on the last frame's.
  [
    'export default class Output {\n    operations = [];\n    caches = new OutputCaches();\n',
    `/** kdeck: the last frame's caches; a new frame's fall back on them, and drop the frame before (two frames at most). */
let kdeckLastCaches;
const kdeckFrameCaches = () => {
    const caches = new OutputCaches();
    if (kdeckLastCaches) {
        kdeckLastCaches.kdeckPrevious = undefined;
        caches.kdeckPrevious = kdeckLastCaches;
    }
    kdeckLastCaches = caches;
    return caches;
};
export default class Output {
    operations = [];
    caches = kdeckFrameCaches();
`,
  ],
  // A write's lines from the cache instead of re-splitting and re-serialising its characters each frame. The array
  // is only read (the clips below make new arrays), so sharing it between frames is safe.
  [
    `        // Preserve styles across explicit newlines before clipping individual rows.
        const characterLines = [[]];
        for (const character of this.caches.getStyledChars(text)) {
            if (character.value === '\\n') {
                characterLines.push([]);
            }
            else {
                characterLines.at(-1).push(character);
            }
        }
        let lines = characterLines.map(line => styledCharsToString(line));
`,
    `        // Preserve styles across explicit newlines before clipping individual rows.
        let lines = this.caches.kdeckGetLines(text);
`,
  ],
  // The grid starts as one shared blank cell per column instead of 10,000 new objects a frame (a 200x50 screen): no
  // cell is ever changed in place (a write replaces it, a blanked wide character is a copy), so one object serves.
  [
    `            for (let x = 0; x < this.width; x++) {
                row.push({
                    type: 'char',
                    value: ' ',
                    fullWidth: false,
                    styles: [],
                });
            }
`,
    `            for (let x = 0; x < this.width; x++) {
                row.push(kdeckBlankCell);
            }
`,
  ],
  [
    'export default class Output {\n',
    `/** kdeck: the blank cell every row of the grid starts with (never changed in place). */
const kdeckBlankCell = Object.freeze({
    type: 'char',
    value: ' ',
    fullWidth: false,
    styles: Object.freeze([]),
});
export default class Output {
`,
  ],
];

/** Ink's output.js with the swaps above; throws, naming the file, if any `from` is not there exactly once. */
export function rewriteInkOutput(source, path = 'ink/build/output.js') {
  return applySwaps(source, SWAPS, "Ink's Output", path);
}

// Text nodes (ink/build/squash-text-nodes.js): each frame Ink squashes every text node on screen (a row, a header,
// each coloured run) into its text and passes it through sanitizeAnsi, which tokenises its ANSI codes again: about a
// twentieth of a key's frame in a CPU profile of the 50,000-pod table, for texts that mostly did not change.
// sanitizeAnsi is a pure function of its text, so its results are cached by text: this generation's and the one
// before (a generation ends after SANITIZED entries, so at most two generations are kept), the same result for the
// same text, so the same screen.

/** Entries per generation of the sanitised-text cache (a 200x50 dashboard frame squashes about a hundred texts). */
export const SANITIZED = 1024;

const SQUASH_SWAPS = [
  [
    "import sanitizeAnsi from './sanitize-ansi.js';\n",
    `import sanitizeAnsi from './sanitize-ansi.js';
/** kdeck: sanitizeAnsi's results by text, this generation's and the last one's (scripts/ink-output-caches.mjs). */
let kdeckSanitized = new Map();
let kdeckSanitizedBefore = new Map();
export const kdeckSanitize = (text) => {
    let out = kdeckSanitized.get(text);
    if (out === undefined) {
        out = kdeckSanitizedBefore.get(text) ?? sanitizeAnsi(text);
        if (kdeckSanitized.size >= ${SANITIZED}) {
            kdeckSanitizedBefore = kdeckSanitized;
            kdeckSanitized = new Map();
        }
        kdeckSanitized.set(text, out);
    }
    return out;
};
`,
  ],
  ["    text = sanitizeAnsi(text.replaceAll('\\r\\n', '\\n'));\n", "    text = kdeckSanitize(text.replaceAll('\\r\\n', '\\n'));\n"],
];

/** Ink's squash-text-nodes.js with the cache above; throws, naming the file, if Ink's file changed shape. */
export function rewriteInkSquash(source, path = 'ink/build/squash-text-nodes.js') {
  return applySwaps(source, SQUASH_SWAPS, "Ink's text squashing", path);
}
