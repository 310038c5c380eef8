// hotkeys.yaml, as k9s writes it: `hotKeys: {NAME: {shortCut: Shift-0, description: …, command: pods}}`.
// A hotkey runs its command as if typed at `:`; `override` lets it take a key kdeck already uses.
import { parseKeySpec } from './key-spec.js';
import type { KeySpec } from './key-spec.js';
import { ConfigReader, get, parseLocated } from './yaml-lines.js';

export interface HotKey {
  name: string;
  key: KeySpec;
  description: string;
  command: string;
  override: boolean;
  /** Where it came from, for messages: file:line. */
  source: string;
}

const KEYS = ['shortCut', 'description', 'command', 'override', 'keepHistory'] as const;

export function parseHotKeys(text: string, file: string): HotKey[] {
  const r: ConfigReader = new ConfigReader(file);
  const root = r.map(parseLocated(text, file) ?? undefined, file);
  if (!root) return [];
  r.checkKeys(root, ['hotKeys'], '');
  const m = r.map(get(root, 'hotKeys'), 'hotKeys');
  const out: HotKey[] = [];
  for (const [name, { keyLine: line, value }] of m?.entries ?? []) {
    const h = r.map(value, `hotKeys.${name}`);
    if (!h) r.fail(line, `hotKeys.${name} is empty (it needs shortCut and command)`);
    r.checkKeys(h, KEYS, `hotKeys.${name}`);
    const where = (k: string) => `hotKeys.${name}.${k}`;
    const short = r.string(get(h, 'shortCut'), where('shortCut'), { required: true, line })!;
    const key = parseKeySpec(short);
    if (typeof key === 'string') r.fail(get(h, 'shortCut')!.line, `${where('shortCut')}: ${key}`);
    const command = r.string(get(h, 'command'), where('command'), { required: true, line })!.trim().replace(/^:/, '');
    if (!command) r.fail(line, `${where('command')} is empty`);
    r.bool(get(h, 'keepHistory'), where('keepHistory')); // k9s's; kdeck's `:` history always keeps hotkey commands
    out.push({ name, key, command, description: r.string(get(h, 'description'), where('description')) ?? command, override: r.bool(get(h, 'override'), where('override')), source: `${file}:${line}` });
  }
  return out;
}
