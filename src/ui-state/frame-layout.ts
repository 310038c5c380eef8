// What each line of the dashboard is made of, as styled runs of text: the components paint these runs with Ink, and
// the start-up pre-paint (src/app/pre-paint.ts) writes the same runs straight to the terminal before Ink is loaded,
// so both draw one screen from one description. No React or Ink here.
import type { Flash } from './app-state.js';
import type { Mode } from './keys.js';
import type { Palette } from './skin.js';
import { healthPaint } from './skin.js';
import type { PaintedRow } from './table-model.js';
import type { DashboardModel, HeaderModel } from './use-dashboard.js';
import { fitText } from './format.js';

/** A stretch of text in one style (Ink's <Text> props of the same names). */
export interface Run {
  text: string;
  color?: string;
  bg?: string;
  bold?: boolean;
  dim?: boolean;
  inverse?: boolean;
  underline?: boolean;
}

const PHASE_COLOUR: Record<string, string> = { live: 'green', syncing: 'yellow', connecting: 'yellow', forbidden: 'red', unauthenticated: 'red', failed: 'red', unreachable: 'red', stale: 'magenta' };

/** The two header lines: where we are (context, cluster, user, versions), then what we look at (namespace, data). */
export function headerRuns(h: HeaderModel, noColor: boolean, palette: Palette): [Run[], Run[]] {
  const c = (colour: string) => (noColor ? undefined : colour);
  const phaseColour = noColor ? undefined : (PHASE_COLOUR[h.phase] ?? (h.phase.startsWith('reconnecting') ? 'yellow' : undefined));
  const value = palette.headerValue;
  const label = (text: string): Run => ({ text, color: palette.headerLabel ?? value });
  const plain = (text: string): Run => ({ text, color: value });
  const first: Run[] = [
    ...(h.demo ? [{ text: ' DEMO ', inverse: true, bold: true, color: c('magenta') ?? value }, plain(' ')] : []),
    ...(h.insecure ? [{ text: '[TLS NOT VERIFIED]', inverse: true, bold: true, color: c('red') ?? value }, plain(' ')] : []),
    label('ctx:'), plain(` ${h.context}  `), label('cluster:'), plain(` ${h.cluster}  `), label('user:'), plain(` ${h.user}  `),
    label('k8s:'), plain(` ${h.k8sVersion}  `), label('kdeck:'), plain(` ${h.kdeckVersion}`),
    ...(h.readOnly ? [{ text: '  [readonly]', color: c('yellow') ?? value }] : []),
  ];
  const gray = (text: string): Run => ({ text, color: c('gray') ?? value });
  const second: Run[] = [
    label('ns:'), plain(' '), { text: h.namespace, bold: true, color: value }, plain('  '), gray('<0>'), plain('all'),
    ...h.favourites.flatMap((f, i) => [plain('  '), gray(`<${i + 1}>`), plain(f)]),
    plain('  '), label('data:'), plain(' '), { text: h.phase, bold: true, color: phaseColour ?? value }, plain('  '), gray(h.server),
  ];
  return [first, second];
}

/** The prompt line: `:command` or `/filter` with the completion's rest dimmed after the cursor; blank otherwise. */
export function promptRuns(mode: Mode, text: string, suggestion: string | undefined, noColor: boolean, palette: Palette = {}): Run[] {
  if (mode !== 'command' && mode !== 'filter') return [{ text: ' ' }];
  const rest = suggestion && suggestion.startsWith(text) ? suggestion.slice(text.length) : '';
  return [
    { text: mode === 'command' ? ':' : '/', bold: true, color: noColor ? undefined : 'yellow' },
    { text, color: palette.promptFg },
    { text: rest ? rest[0] : ' ', inverse: true },
    { text: rest.slice(1), dim: true, color: palette.promptSuggest },
  ];
}

/** `──── pods(all)[1000] ────`: the title centred in a rule across the width. */
export function titleBarRuns(title: string, width: number, palette: Palette): Run[] {
  const label = ` ${title} `;
  const side = Math.max(0, Math.floor((width - label.length) / 2));
  const rest = Math.max(0, width - side - label.length);
  return [
    { text: '─'.repeat(side), color: palette.title },
    { text: label, bold: true, color: palette.title },
    { text: '─'.repeat(rest), color: palette.title },
  ];
}

export function columnHeaderRun(header: string, palette: Palette): Run {
  return { text: header, bold: true, color: palette.columnHeaderFg, bg: palette.columnHeaderBg };
}

/** One table row: its health colour, the cursor (reverse video, or the skin's cursor colours), marks, staleness. */
export function tableRowRun(r: PaintedRow, stale: boolean, p: Palette): Run {
  // A skin's cursor colours replace reverse video; without them (and under NO_COLOR) the cursor is inverse.
  const inverse = r.cursor && !(p.cursorFg || p.cursorBg);
  const marked = !!r.marked;
  const bg = r.cursor && p.cursorBg ? p.cursorBg : p.tableBg;
  // Trailing spaces show only in reverse video, underlined or on a background; elsewhere they are characters
  // Ink would tokenise for nothing (a row is never empty: it would lose its line).
  const text = inverse || marked || bg ? r.text : r.text.trimEnd() || ' ';
  const color = r.cursor && p.cursorFg ? p.cursorFg : (healthPaint(p, r.health) ?? p.tableFg);
  return { text, inverse, dim: stale, bold: marked, underline: marked, color, bg };
}

export function crumbRuns(crumbs: string[], palette: Palette): Run[] {
  return crumbs.map((c, i) => ({ text: ` <${c}> `, inverse: i === crumbs.length - 1, color: palette.title }));
}

export function flashRun(flash: Flash | undefined, noColor: boolean): Run {
  const color = noColor ? undefined : flash?.level === 'error' ? 'red' : flash?.level === 'warn' ? 'yellow' : 'green';
  return { text: flash ? flash.text : ' ', color };
}

export function hintsRun(hints: string, palette: Palette): Run {
  return { text: hints, dim: true, color: palette.menuFg };
}

/** Lines the chrome takes: 2 header, 1 prompt, 1 title, 1 column header, 1 crumbs, 1 flash, 1 hints. */
export const CHROME_LINES = 8;

/** Lines the body (a table: its column header and rows) gets on a screen `height` lines high. */
export const bodyHeightFor = (height: number): number => Math.max(1, height - CHROME_LINES);

/**
 * Every line of a dashboard screen whose body is a table, top to bottom, each cut to the width as Ink's
 * `wrap="truncate-end"` cuts it; undefined for other bodies (messages wrap, which only Ink lays out). What
 * components/App.tsx lays out; test/app/pre-paint.test.tsx renders both and compares them line by line.
 */
export function tableScreenLines(m: Omit<DashboardModel, 'onInput'>, width: number, height: number, noColor: boolean, palette: Palette): Run[][] | undefined {
  if (m.dialog || m.body.kind !== 'table') return undefined;
  const bodyHeight = bodyHeightFor(height);
  const [h1, h2] = headerRuns(m.header, noColor, palette);
  const body: Run[][] = [[columnHeaderRun(m.body.header, palette)], ...m.body.rows.slice(0, bodyHeight).map((r) => [tableRowRun(r, m.body.kind === 'table' && m.body.stale, palette)])];
  while (body.length < bodyHeight + 1) body.push([]);
  const lines = [h1, h2, promptRuns(m.mode, m.prompt, m.suggestion, noColor, palette), titleBarRuns(m.body.title, width, palette), ...body, crumbRuns(m.crumbs, palette), [flashRun(m.flash, noColor)], [hintsRun(m.hints, palette)]];
  return lines.slice(0, height).map((l) => truncateRuns(l, width));
}

/** Runs cut to `width` columns with a trailing `…`, as Ink's truncate-end cuts a line (cli-truncate). */
export function truncateRuns(runs: Run[], width: number): Run[] {
  const full = runs.map((r) => r.text).join('');
  const fitted = fitText(full, width, false);
  if (fitted === full) return runs;
  let keep = fitted.endsWith('…') ? fitted.length - 1 : fitted.length;
  const out: Run[] = [];
  for (const r of runs) {
    if (keep <= 0) break;
    out.push(r.text.length <= keep ? r : { ...r, text: r.text.slice(0, keep) });
    keep -= r.text.length;
  }
  if (fitted.endsWith('…')) out.push({ text: '…' });
  return out;
}
