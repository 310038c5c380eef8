// The dashboard's first screen, written to the terminal before Ink and React are loaded (they take longer to load
// than kubectl takes to print its whole table). The screen is the first frame's model (src/ui-state/first-frame.ts)
// laid out as the components lay it out (src/ui-state/frame-layout.ts: the same runs, coloured by the same chalk), so
// Ink's first frame lands on it line for line (src/app/full-screen.tsx keeps the alternate screen as it is).
// From here until Ink takes over, the terminal is kdeck's: raw mode (typed keys neither echo nor get lost: they wait
// in stdin's buffer until Ink reads them), the alternate screen, the cursor hidden; every way out restores it.
import chalk from 'chalk';
import { CURSOR_HOME, ENTER_ALT_SCREEN, HIDE_CURSOR, LEAVE_SCREEN } from './screen-codes.js';
import type { Run } from '../ui-state/frame-layout.js';
import { tableScreenLines } from '../ui-state/frame-layout.js';
import { firstFrameModel, type FirstFrameOptions } from '../ui-state/first-frame.js';
import { effectivePalette } from '../ui-state/skin.js';

const ENTER_SCREEN = ENTER_ALT_SCREEN + HIDE_CURSOR + CURSOR_HOME;
const ERASE_LINE_END = '\x1b[K';

/** A run in the escapes Ink's <Text> writes for it (chalk, the same instance and colour level as Ink's). */
function styled(r: Run): string {
  let s = r.text;
  if (!s) return s;
  if (r.color) s = colorize(s, r.color, false);
  if (r.bg) s = colorize(s, r.bg, true);
  if (r.dim) s = chalk.dim(s);
  if (r.bold) s = chalk.bold(s);
  if (r.underline) s = chalk.underline(s);
  if (r.inverse) s = chalk.inverse(s);
  return s;
}

/** Ink's colour names and forms: a chalk colour name, #hex, ansi256(n), rgb(r,g,b). */
function colorize(s: string, colour: string, background: boolean): string {
  const named = (chalk as unknown as Record<string, ((t: string) => string) | undefined>)[background ? `bg${colour[0].toUpperCase()}${colour.slice(1)}` : colour];
  if (typeof named === 'function' && /^[a-zA-Z]+$/.test(colour)) return named(s);
  if (colour.startsWith('#')) return background ? chalk.bgHex(colour)(s) : chalk.hex(colour)(s);
  const n = /^ansi256\(\s?(\d+)\s?\)$/.exec(colour);
  if (n) return background ? chalk.bgAnsi256(Number(n[1]))(s) : chalk.ansi256(Number(n[1]))(s);
  const rgb = /^rgb\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*\)$/.exec(colour);
  if (rgb) return background ? chalk.bgRgb(+rgb[1], +rgb[2], +rgb[3])(s) : chalk.rgb(+rgb[1], +rgb[2], +rgb[3])(s);
  return s;
}

/**
 * The screen's lines as terminal text, top to bottom from the home position, each line's rest erased (one write,
 * lines joined by newlines, no newline after the last, so nothing scrolls), then the cursor home again: Ink's first
 * write (its empty frame's newline, then its first frame from one line up) lands on the same rows.
 */
export function screenText(lines: Run[][]): string {
  return lines.map((l) => l.map(styled).join('') + ERASE_LINE_END).join('\n') + CURSOR_HOME;
}

/** The pre-painted screen as plain lines (tests compare them with Ink's frame). */
export function plainLines(lines: Run[][]): string[] {
  return lines.map((l) => l.map((r) => r.text).join('').trimEnd());
}

/** The pre-paint's lines for `o`, or undefined when the first frame is not a table (or cannot be told). */
export function prePaintLines(o: FirstFrameOptions & { noColor: boolean }, now?: number): Run[][] | undefined {
  const model = firstFrameModel(o, now);
  if (!model) return undefined;
  return tableScreenLines(model, o.width, o.height, o.noColor, effectivePalette(model.palette, o.noColor));
}

export interface PrePainted {
  /** Ink has the terminal now: its own handlers restore it from here on. */
  handOver(): void;
  /** Leaves the alternate screen, shows the cursor, cooked mode (an error before Ink took over). */
  restore(): void;
}

/**
 * Paints the first screen when it is a table; undefined (nothing written) otherwise: a message body (loading, an
 * unreachable cluster) wraps its text, which only Ink lays out, so Ink paints it as before.
 */
export function prePaint(o: Omit<FirstFrameOptions, 'width' | 'height'> & { noColor: boolean }, out: NodeJS.WriteStream = process.stdout, input: NodeJS.ReadStream = process.stdin): PrePainted | undefined {
  const width = out.columns || 80;
  const height = out.rows || 24;
  const lines = prePaintLines({ ...o, width, height });
  if (!lines) return undefined;
  let owned = true;
  const restore = () => {
    if (!owned) return;
    owned = false;
    off();
    try {
      out.write(LEAVE_SCREEN);
      if (input.isTTY) input.setRawMode(false);
    } catch {
      // a terminal that is gone has nothing to restore
    }
  };
  const leave = (code: number) => () => {
    restore();
    process.exit(code);
  };
  const onTerm = leave(143);
  const onHup = leave(129);
  const onInt = leave(130); // a signal sent from outside: Ctrl-C itself is a key in raw mode, read by Ink
  const off = () => {
    process.off('SIGTERM', onTerm);
    process.off('SIGHUP', onHup);
    process.off('SIGINT', onInt);
    process.off('exit', restore);
  };
  process.on('SIGTERM', onTerm);
  process.on('SIGHUP', onHup);
  process.on('SIGINT', onInt);
  process.on('exit', restore);
  // Raw before the write: keys typed from now on are neither echoed nor lost, and stdin is read from now on into its
  // stream's buffer (read(0) starts the reading and consumes nothing). Ink's input hook subscribes in the passive
  // effects of its first frame: with a key already buffered, Node announces it on the next tick, so it is handled
  // before the render those effects schedule (their state updates); a key still in the terminal waited for the next
  // poll of the event loop, after that whole render (~40-50 ms).
  if (input.isTTY) {
    input.setRawMode(true);
    input.read(0);
  }
  out.write(ENTER_SCREEN + screenText(lines));
  return {
    handOver() {
      if (!owned) return;
      owned = false;
      off();
    },
    restore,
  };
}
