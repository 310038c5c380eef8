// scripts/ink-output-caches.mjs (applied to Ink's Output when the bin is bundled): Ink's own Output and the rewritten
// one are given the same frames (styled rows, wide and invisible characters, multi-line texts, clips that cut wide
// characters, overlapping writes, transformers; rows that stay, change and move from frame to frame) and must make
// the same screen byte for byte. The rewrite must also reuse the previous frame's work (the point of it), keep no more
// than two frames of it, and refuse an Ink whose file changed shape.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO } from '../e2e/helpers/tmux.js';

type Transformer = (line: string, index: number) => string;
interface OutputLike {
  write(x: number, y: number, text: string, options: { transformers: Transformer[] }): void;
  clip(clip: { x1?: number; x2?: number; y1?: number; y2?: number }): void;
  unclip(): void;
  get(): { output: string; height: number };
  caches: { getStyledChars(text: string): unknown[]; kdeckGetLines?(text: string): string[]; styledChars: Map<string, unknown>; kdeckPrevious?: unknown };
}
type OutputClass = new (o: { width: number; height: number }) => OutputLike;

const INK_OUTPUT = join(REPO, 'node_modules', 'ink', 'build', 'output.js');
type Rewrite = (source: string, path?: string) => string;

const E = '\x1b[';
const W = 80;
const H = 16;
const upper: Transformer = (line) => line.toUpperCase();
const numbered: Transformer = (line, i) => `${i}:${line}`;

/** A deterministic pseudo-random sequence (the same frames for both Outputs, and in every run). */
function random(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
}

const PIECES = ['pod-', 'Running', ' ', '  ', '─', '…', '漢字', '😀', 'e\u0301', 'a\u200bb', '\u200d', 'x', '0/1', 'CrashLoopBackOff', '\t'];
const STYLES = [`${E}7m`, `${E}31m`, `${E}1m`, `${E}2m`, `${E}4m`, `${E}48;5;236m`, `${E}38;2;10;20;30m`, `${E}39m`, `${E}22m`, `${E}27m`, `${E}0m`, '\x1b]8;;https://x.test\x07'];

function line(next: () => number): string {
  let s = '';
  const n = 1 + Math.floor(next() * 30);
  for (let i = 0; i < n; i++) {
    if (next() < 0.3) s += STYLES[Math.floor(next() * STYLES.length)];
    s += PIECES[Math.floor(next() * PIECES.length)];
  }
  return next() < 0.5 ? `${s}${E}0m` : s;
}

/** Frame f: a table of rows (most the same as frame f-1's, some changed, the window sometimes scrolled) and extras. */
function drawFrame(out: OutputLike, rows: string[], f: number, next: () => number): void {
  out.write(0, 0, `${E}1m title ${f % 3}${E}22m`, { transformers: [] });
  out.clip({ y1: 1, y2: H - 2 });
  for (let i = 0; i < rows.length; i++) out.write(0, 1 + i, rows[i]!, { transformers: i % 7 === 3 ? [upper] : [] });
  out.unclip();
  // Horizontal clips that cut through wide characters, nested, and one that leaves nothing.
  out.clip({ x1: 3, x2: 11, y1: H - 3, y2: H });
  out.write(1, H - 3, '漢字漢字漢字 😀😀 ok', { transformers: [] });
  out.clip({ x1: 5, x2: 9 });
  out.write(0, H - 2, `${E}7m漢a字b漢${E}27m tail`, { transformers: [numbered] });
  out.unclip();
  out.clip({ x1: 20, x2: 10 });
  out.write(0, H - 1, 'never shown', { transformers: [] });
  out.unclip();
  out.unclip();
  // A multi-line text, and a write over the middle of a wide character.
  out.write(40, H - 3, `first ${f % 2}\n${E}31msecond${E}39m\nthird`, { transformers: [] });
  out.write(2 + (f % 2), 1, 'X', { transformers: [] });
  if (next() < 0.5) out.write(W - 3, 2, '漢字漢', { transformers: [] });
  // A row whose only change from one frame to the next is in its last columns.
  out.write(W - 4, H - 1, f % 3 === 0 ? `${E}2m··${E}22m` : 'ok', { transformers: [] });
}

describe('the rewritten Ink Output (scripts/ink-output-caches.mjs)', () => {
  let dir: string;
  let Ink: OutputClass;
  let Kdeck: OutputClass;
  let rewrite: Rewrite;

  before(async () => {
    rewrite = ((await import(join(REPO, 'scripts', 'ink-output-caches.mjs'))) as { rewriteInkOutput: Rewrite }).rewriteInkOutput;
    // The rewritten file beside a node_modules link, so its imports (string-width, ansi-tokenize) resolve as Ink's do.
    dir = mkdtempSync(join(tmpdir(), 'kdeck-ink-output-'));
    symlinkSync(join(REPO, 'node_modules'), join(dir, 'node_modules'));
    writeFileSync(join(dir, 'output.mjs'), rewrite(readFileSync(INK_OUTPUT, 'utf8')));
    Ink = ((await import(pathToFileURL(INK_OUTPUT).href)) as { default: OutputClass }).default;
    Kdeck = ((await import(pathToFileURL(join(dir, 'output.mjs')).href)) as { default: OutputClass }).default;
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('the same frames make the same screen, byte for byte, frame after frame', () => {
    const next = random(7);
    let rows = Array.from({ length: H }, () => line(next));
    let differentFrames = 0;
    let last = '';
    for (let f = 0; f < 60; f++) {
      if (f > 0) {
        if (f % 9 === 0) rows = [...rows.slice(3), line(next), line(next), line(next)]; // scrolled
        else rows = rows.map((r) => (next() < 0.15 ? line(next) : r)); // a few rows changed
      }
      const frameSeed = Math.floor(next() * 1e9);
      const screens = [Ink, Kdeck].map((O) => {
        const out = new O({ width: W, height: H });
        drawFrame(out, rows, f, random(frameSeed));
        return out.get();
      });
      assert.deepEqual(screens[1], screens[0], `frame ${f}`);
      if (screens[0]!.output !== last) differentFrames++;
      last = screens[0]!.output;
    }
    assert.ok(differentFrames > 30, 'the frames did change');
  });

  test('a frame reuses the previous frame’s tokenised text, and keeps no more than two frames of it', () => {
    const a = new Kdeck({ width: W, height: H });
    const styled = `${E}7mcursor row${E}27m`;
    const chars = a.caches.getStyledChars(styled);
    const lines = a.caches.kdeckGetLines!(`two\nlines`);
    const b = new Kdeck({ width: W, height: H });
    assert.equal(b.caches.getStyledChars(styled), chars, 'the same array, not tokenised again');
    assert.equal(b.caches.kdeckGetLines!(`two\nlines`), lines);
    const c = new Kdeck({ width: W, height: H });
    assert.equal(c.caches.getStyledChars(styled), chars, 'carried on while it is in use');
    assert.equal(b.caches.kdeckPrevious, undefined, 'the frame before the last is let go');
    a.caches.getStyledChars('only in the first frame');
    const d = new Kdeck({ width: W, height: H });
    assert.notEqual(d.caches.getStyledChars('only in the first frame'), a.caches.getStyledChars('only in the first frame'), 'not kept past two frames');
    // Ink's own Output tokenises again every frame (what the rewrite is for).
    const inkA = new Ink({ width: W, height: H });
    const inkB = new Ink({ width: W, height: H });
    assert.notEqual(inkB.caches.getStyledChars(styled), inkA.caches.getStyledChars(styled));
  });

  test('an Ink whose Output changed shape fails the build, naming the file', () => {
    const source = readFileSync(INK_OUTPUT, 'utf8');
    assert.throws(() => rewrite(source.replace('caches = new OutputCaches();', 'caches = new OutputCaches(1);'), '/x/output.js'), /Ink's Output changed: expected one `export default class Output \{` in \/x\/output\.js/);
    assert.throws(() => rewrite(source + source), /Ink's Output changed/);
  });
});

describe('the rewritten text squashing (scripts/ink-output-caches.mjs rewriteInkSquash)', () => {
  type Sanitize = (text: string) => string;
  let dir: string;
  let sanitize: Sanitize;
  let kdeckSanitize: Sanitize;
  let rewriteSquash: Rewrite;
  let SANITIZED: number;
  const INK_BUILD = join(REPO, 'node_modules', 'ink', 'build');

  before(async () => {
    const m = (await import(join(REPO, 'scripts', 'ink-output-caches.mjs'))) as { rewriteInkSquash: Rewrite; SANITIZED: number };
    rewriteSquash = m.rewriteInkSquash;
    SANITIZED = m.SANITIZED;
    // The rewritten file beside links to the rest of Ink's build (its sanitize-ansi.js is Ink's own).
    dir = mkdtempSync(join(tmpdir(), 'kdeck-ink-squash-'));
    symlinkSync(join(REPO, 'node_modules'), join(dir, 'node_modules'));
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
    symlinkSync(join(INK_BUILD, 'sanitize-ansi.js'), join(dir, 'sanitize-ansi.js'));
    writeFileSync(join(dir, 'squash.js'), rewriteSquash(readFileSync(join(INK_BUILD, 'squash-text-nodes.js'), 'utf8')));
    sanitize = ((await import(pathToFileURL(join(INK_BUILD, 'sanitize-ansi.js')).href)) as { default: Sanitize }).default;
    kdeckSanitize = ((await import(pathToFileURL(join(dir, 'squash.js')).href)) as { kdeckSanitize: Sanitize }).kdeckSanitize;
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('the same text as Ink’s sanitizeAnsi for every text, asked once or again, across generations', () => {
    const next = random(11);
    const texts = Array.from({ length: 300 }, () => line(next) + (next() < 0.2 ? '\x1b[2J\x1b]0;title\x07\u009b1m' : ''));
    for (let round = 0; round < 3; round++) for (const t of texts) assert.equal(kdeckSanitize(t), sanitize(t), JSON.stringify(t));
    // Past a generation: the texts before it are still answered (from the last generation), and correctly.
    for (let i = 0; i < SANITIZED + 10; i++) kdeckSanitize(`filler ${i}\x1b[31m`);
    for (const t of texts) assert.equal(kdeckSanitize(t), sanitize(t));
  });

  test('an Ink whose text squashing changed shape fails the build, naming the file', () => {
    const source = readFileSync(join(INK_BUILD, 'squash-text-nodes.js'), 'utf8');
    assert.throws(() => rewriteSquash(source.replace("text = sanitizeAnsi(text.replaceAll('\\r\\n', '\\n'));", 'text = sanitizeAnsi(text);'), '/x/squash.js'), /Ink's text squashing changed: expected one `text = sanitizeAnsi\(text\.replaceAll\('\\r\\n', '\\n'\)\);` in \/x\/squash\.js/);
  });
});
