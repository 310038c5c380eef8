// k9s key names ("a", "Shift-L", "Ctrl-U", "Alt-x", "Shift-0", "Enter") as one canonical form kdeck matches keys against.
export interface KeySpec {
  /** The character typed (after Shift), or a named key: enter, escape, tab, space, up, down, left, right, delete, backspace. */
  key: string;
  ctrl: boolean;
  alt: boolean;
  /** The spelling to show in help: k9s's. */
  label: string;
}

/** What a key press looks like (Ink's Key, structurally). */
export interface KeyPress {
  ctrl?: boolean;
  meta?: boolean;
  shift?: boolean;
  return?: boolean;
  escape?: boolean;
  tab?: boolean;
  upArrow?: boolean;
  downArrow?: boolean;
  leftArrow?: boolean;
  rightArrow?: boolean;
  delete?: boolean;
  backspace?: boolean;
}

const NAMED: Record<string, string> = { enter: 'enter', return: 'enter', esc: 'escape', escape: 'escape', tab: 'tab', space: 'space', up: 'up', down: 'down', left: 'left', right: 'right', delete: 'delete', del: 'delete', backspace: 'backspace' };
// US layout: what Shift turns a digit into (k9s users write "Shift-0").
const SHIFTED_DIGITS = ')!@#$%^&*(';

/** Parses a k9s key name; a string saying what is wrong when it is not one. */
export function parseKeySpec(text: string): KeySpec | string {
  const raw = text.trim();
  if (!raw) return 'an empty key';
  const parts = raw.length > 1 ? raw.split('-') : [raw];
  // "Ctrl--" or a lone "-": the key itself is a dash
  if (raw.endsWith('--')) parts.splice(parts.length - 2, 2, '-');
  if (raw === '-') parts.splice(0, parts.length, '-');
  let ctrl = false;
  let alt = false;
  let shift = false;
  for (const m of parts.slice(0, -1)) {
    const l = m.toLowerCase();
    if (l === 'ctrl' || l === 'control') ctrl = true;
    else if (l === 'alt' || l === 'meta') alt = true;
    else if (l === 'shift') shift = true;
    else return `"${raw}" has an unknown modifier "${m}" (use Ctrl-, Shift- or Alt-)`;
  }
  let key = parts[parts.length - 1];
  if (key.length > 1) {
    const named = NAMED[key.toLowerCase()];
    if (!named) return `"${raw}" is not a key kdeck can read (a single character, or Enter, Esc, Tab, Space, Up, Down, Left, Right, Delete, Backspace, with Ctrl-, Shift- or Alt-)`;
    key = named;
  } else if (shift) {
    if (/[0-9]/.test(key)) key = SHIFTED_DIGITS[Number(key)];
    else key = key.toUpperCase();
  } else if (ctrl) key = key.toLowerCase();
  if (ctrl && key.length === 1 && !/[a-z]/.test(key)) return `"${raw}": terminals send Ctrl only with a letter`;
  return { key, ctrl, alt, label: raw };
}

function namedOf(k: KeyPress, input: string): string | undefined {
  if (k.return) return 'enter';
  if (k.escape) return 'escape';
  if (k.tab) return 'tab';
  if (k.upArrow) return 'up';
  if (k.downArrow) return 'down';
  if (k.leftArrow) return 'left';
  if (k.rightArrow) return 'right';
  if (k.delete) return 'delete';
  if (k.backspace) return 'backspace';
  if (input === ' ') return 'space';
  return undefined;
}

export function keyMatches(spec: KeySpec, input: string, k: KeyPress): boolean {
  if (!!k.ctrl !== spec.ctrl || !!k.meta !== spec.alt) return false;
  const named = namedOf(k, input);
  if (spec.key.length > 1) return named === spec.key;
  return named === undefined ? input === spec.key : named === 'space' && spec.key === ' ';
}

/** Two specs that one key press would both match. */
export function sameKey(a: KeySpec, b: KeySpec): boolean {
  return a.key === b.key && a.ctrl === b.ctrl && a.alt === b.alt;
}
