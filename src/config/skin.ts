// skin.yaml, as k9s writes it (`k9s: {body, info, frame, views: {table}, prompt, help, …}`, anchors at the top
// level): the colours kdeck paints. The default uses only the terminal's 16 colours, so it reads on 16- and
// 256-colour terminals alike; under NO_COLOR every colour is dropped and only bold/inverse remain.
import { inkColour } from './colour-names.js';
import { ConfigReader, get, parseLocated } from './yaml-lines.js';
import type { LMap } from './yaml-lines.js';

export interface Palette {
  /** Header labels ("ctx:", "ns:") and values. */
  headerLabel?: string;
  headerValue?: string;
  /** The title bar around the table name, its counter and its filter. */
  title?: string;
  titleCounter?: string;
  titleFilter?: string;
  /** Table body, cursor and column header. */
  tableFg?: string;
  tableBg?: string;
  cursorFg?: string;
  cursorBg?: string;
  columnHeaderFg?: string;
  columnHeaderBg?: string;
  /** Row colours by health. */
  ok?: string;
  pending?: string;
  failing?: string;
  terminating?: string;
  completed?: string;
  /** Key hints under the table, and the prompt. */
  menuKey?: string;
  menuFg?: string;
  promptFg?: string;
  promptSuggest?: string;
  /** Help screen: keys and section titles. */
  helpKey?: string;
  helpSection?: string;
}

export const DEFAULT_PALETTE: Palette = {
  headerLabel: 'cyan',
  title: 'cyan',
  ok: undefined,
  pending: 'yellow',
  failing: 'red',
  terminating: 'magenta',
  completed: 'gray',
  menuKey: 'cyan',
  promptSuggest: 'gray',
  helpKey: 'cyan',
  helpSection: 'yellow',
};

/** What the screen paints with: the palette, or nothing at all under NO_COLOR. */
export function effectivePalette(palette: Palette, noColor: boolean): Palette {
  return noColor ? {} : palette;
}

type Field = [yamlKey: string, target: keyof Palette | null];
/** Each k9s section kdeck reads: yaml key → palette field (null: a k9s key kdeck accepts but does not paint). */
const SECTIONS: Record<string, Field[]> = {
  body: [['fgColor', 'tableFg'], ['bgColor', null], ['logoColor', null], ['logoColorMsg', null], ['logoColorInfo', null], ['logoColorWarn', null], ['logoColorError', null]],
  info: [['fgColor', 'headerValue'], ['sectionColor', 'headerLabel'], ['cpuColor', null], ['memColor', null], ['k9sRevColor', null]],
  prompt: [['fgColor', 'promptFg'], ['bgColor', null], ['suggestColor', 'promptSuggest'], ['border', null]],
  help: [['fgColor', null], ['bgColor', null], ['keyColor', 'helpKey'], ['numKeyColor', null], ['sectionColor', 'helpSection']],
  'frame.border': [['fgColor', null], ['focusColor', null]],
  'frame.menu': [['fgColor', 'menuFg'], ['keyColor', 'menuKey'], ['numKeyColor', null]],
  'frame.crumbs': [['fgColor', null], ['bgColor', null], ['activeColor', null]],
  'frame.status': [['newColor', 'ok'], ['modifyColor', null], ['addColor', null], ['pendingColor', 'pending'], ['errorColor', 'failing'], ['highlightColor', null], ['killColor', 'terminating'], ['completedColor', 'completed']],
  'frame.title': [['fgColor', 'title'], ['bgColor', null], ['highlightColor', null], ['counterColor', 'titleCounter'], ['filterColor', 'titleFilter']],
  'views.table': [['fgColor', 'tableFg'], ['bgColor', 'tableBg'], ['cursorFgColor', 'cursorFg'], ['cursorBgColor', 'cursorBg'], ['markColor', null], ['header', null]],
  'views.table.header': [['fgColor', 'columnHeaderFg'], ['bgColor', 'columnHeaderBg'], ['sorterColor', null]],
};
/** k9s sections kdeck has no screen for yet: accepted whole, painted nowhere. */
const UNPAINTED = ['dialog', 'emoji', 'views.charts', 'views.xray', 'views.yaml', 'views.logs'];

export function parseSkin(text: string, file: string, base: Palette = DEFAULT_PALETTE): Palette {
  const r: ConfigReader = new ConfigReader(file);
  const root = r.map(parseLocated(text, file) ?? undefined, file);
  // Top-level keys other than k9s are YAML anchors (`foreground: &fg "#f8f8f2"`), as in k9s's own skins.
  const k9s = r.map(get(root, 'k9s'), 'k9s');
  const palette: Palette = { ...base };
  if (!k9s) return palette;
  const read = (m: LMap, path: string) => {
    const children = Object.keys(SECTIONS).filter((s) => s.startsWith(`${path}.`) && !s.slice(path.length + 1).includes('.')).map((s) => s.slice(path.length + 1));
    const unpainted = UNPAINTED.filter((s) => s.startsWith(`${path}.`)).map((s) => s.slice(path.length + 1));
    const fields = SECTIONS[path] ?? [];
    r.checkKeys(m, [...fields.map((f) => f[0]), ...children.filter((c) => !fields.some((f) => f[0] === c)), ...unpainted], `k9s.${path}`);
    for (const [key, target] of fields) {
      const node = get(m, key);
      if (target === null || r.isNull(node)) continue;
      const value = r.string(node, `k9s.${path}.${key}`)!;
      const colour = inkColour(value);
      if (colour?.startsWith('!')) r.fail(node!.line, `k9s.${path}.${key}: ${colour.slice(1)}`);
      palette[target] = colour;
    }
    for (const c of children) {
      const sub = r.map(get(m, c), `k9s.${path}.${c}`);
      if (sub) read(sub, `${path}.${c}`);
    }
  };
  r.checkKeys(k9s, ['body', 'info', 'prompt', 'help', 'frame', 'views', 'dialog', 'emoji'], 'k9s');
  for (const top of ['body', 'info', 'prompt', 'help', 'frame', 'views']) {
    const m = r.map(get(k9s, top), `k9s.${top}`);
    if (m) read(m, top);
  }
  return palette;
}
