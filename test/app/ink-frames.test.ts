// scripts/ink-frames.mjs (applied to Ink's instance when the bin is bundled): Ink's own instance and the rewritten one
// render the same frames to a terminal-like stream and must write the same bytes, the rewritten one a frame per write
// (synchronized-output marks included); a frame rendered while kdeck's unwritten-frames flag is set is computed and not
// written, and the frame put back after it writes nothing; an Ink whose file changed shape fails the build.
import { test, describe, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { createElement, type ReactNode } from 'react';
import { Box, Text } from 'ink';
import { REPO } from '../e2e/helpers/tmux.js';

const INK_BUILD = join(REPO, 'node_modules', 'ink', 'build');
const BSU = '\x1b[?2026h';
const ESU = '\x1b[?2026l';
const UNWRITTEN = Symbol.for('kdeck.unwrittenFrames');

interface InkLike {
  render(node: ReactNode): void;
  unmount(): void;
}
type InkClass = new (options: Record<string, unknown>) => InkLike;
type Rewrite = (source: string, path?: string) => string;

/** A terminal-like stdout that records each write. */
function terminal(): { stdout: EventEmitter & { isTTY: boolean; columns: number; rows: number; write(chunk: unknown): boolean }; writes: string[] } {
  const writes: string[] = [];
  const stdout = Object.assign(new EventEmitter(), { isTTY: true, columns: 40, rows: 8, write: (chunk: unknown) => (writes.push(String(chunk)), true) });
  return { stdout, writes };
}

function open(Ink: InkClass, stdout: unknown): InkLike {
  const stdin = Object.assign(new PassThrough(), { isTTY: false });
  return new Ink({ stdout, stdin, stderr: stdout, debug: false, exitOnCtrlC: false, patchConsole: false, maxFps: 0, incrementalRendering: true, interactive: true, concurrent: false, alternateScreen: false });
}

/** Frame f: a few rows, the cursor (a mark, and inverse where colours are on) on row f % 4, one row's text ticking. */
const frame = (f: number) =>
  createElement(Box, { flexDirection: 'column', height: 8 }, ...[0, 1, 2, 3].map((i) => createElement(Text, { key: i, inverse: i === f % 4, color: i === 2 ? 'red' : undefined }, `${i === f % 4 ? '>' : ' '} row ${i} ${i === 3 ? `tick ${Math.floor(f / 2)}` : ''}`)));

describe('the rewritten Ink instance (scripts/ink-frames.mjs)', () => {
  let dir: string;
  let Ink: InkClass;
  let Kdeck: InkClass;
  let rewrite: Rewrite;
  const open_: InkLike[] = [];

  before(async () => {
    rewrite = ((await import(join(REPO, 'scripts', 'ink-frames.mjs'))) as { rewriteInkFrames: Rewrite }).rewriteInkFrames;
    // The rewritten ink.js beside links to the rest of Ink's build, so it runs with the very modules Ink's own does.
    dir = mkdtempSync(join(tmpdir(), 'kdeck-ink-frames-'));
    mkdirSync(join(dir, 'build'));
    symlinkSync(join(REPO, 'node_modules'), join(dir, 'node_modules'));
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n'); // ink.js is ESM, as in Ink's package
    for (const f of readdirSync(INK_BUILD)) if (f !== 'ink.js') symlinkSync(join(INK_BUILD, f), join(dir, 'build', f));
    writeFileSync(join(dir, 'build', 'ink.js'), rewrite(readFileSync(join(INK_BUILD, 'ink.js'), 'utf8')));
    Ink = ((await import(pathToFileURL(join(INK_BUILD, 'ink.js')).href)) as { default: InkClass }).default;
    Kdeck = ((await import(pathToFileURL(join(dir, 'build', 'ink.js')).href)) as { default: InkClass }).default;
  });
  afterEach(() => {
    for (const i of open_.splice(0)) i.unmount();
    (globalThis as Record<symbol, unknown>)[UNWRITTEN] = false;
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('the same bytes as Ink writes, each frame in one write with its synchronized-output marks', () => {
    const ink = terminal();
    const kdeck = terminal();
    const a = open(Ink, ink.stdout);
    const b = open(Kdeck, kdeck.stdout);
    open_.push(a, b);
    for (let f = 0; f < 12; f++) {
      const inkBefore = ink.writes.length;
      const kdeckBefore = kdeck.writes.length;
      a.render(frame(f));
      b.render(frame(f));
      assert.equal(kdeck.writes.slice(kdeckBefore).join(''), ink.writes.slice(inkBefore).join(''), `frame ${f}: the same bytes`);
      const frames = kdeck.writes.slice(kdeckBefore);
      assert.equal(frames.length, 1, `frame ${f}: one write`);
      assert.ok(frames[0]!.startsWith(BSU) && frames[0]!.endsWith(ESU), `frame ${f}: the marks in the same write`);
      if (f > 0) assert.ok(ink.writes.slice(inkBefore).some((w) => w === BSU), `Ink itself wrote the mark apart (frame ${f})`);
    }
  });

  test('a frame rendered while the unwritten-frames flag is set writes nothing, nor does the frame put back after it', () => {
    assert.equal((globalThis as Record<symbol, unknown>)[UNWRITTEN], false, 'loading the rewritten Ink defines the flag');
    const t = terminal();
    const k = open(Kdeck, t.stdout);
    open_.push(k);
    k.render(frame(0));
    const shown = t.writes.length;
    assert.ok(t.writes.join('').includes('row 0'));
    (globalThis as Record<symbol, unknown>)[UNWRITTEN] = true;
    k.render(frame(1)); // the cursor on the next row: computed, not written
    (globalThis as Record<symbol, unknown>)[UNWRITTEN] = false;
    k.render(frame(0)); // the real frame back: the same as the last one written
    assert.equal(t.writes.length, shown, 'nothing written');
    k.render(frame(1));
    assert.equal(t.writes.length, shown + 1, 'the next real frame is written as usual');
  });

  test('an Ink whose instance changed shape fails the build, naming the file', () => {
    const source = readFileSync(join(INK_BUILD, 'ink.js'), 'utf8');
    assert.throws(() => rewrite(source.replace('this.log = logUpdate.create(options.stdout, {', 'this.log = logUpdate.create(options.stderr, {'), '/x/ink.js'), /Ink's instance changed: expected one `this\.log = logUpdate\.create\(options\.stdout, \{` in \/x\/ink\.js/);
    assert.throws(() => rewrite(source + source), /Ink's instance changed/);
  });
});
