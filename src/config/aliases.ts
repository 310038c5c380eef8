// aliases.yaml, as k9s writes it: `aliases: {dp: deployments, fred: pod fred app=blee}` (k9s's older `alias:` too).
// A value is a resource name or a whole command line; the first word of a command is looked up.
import { ConfigReader, get, keyLine, parseLocated } from './yaml-lines.js';
import type { LMap } from './yaml-lines.js';

export type Aliases = Record<string, string>;

export function parseAliases(text: string, file: string): Aliases {
  const r: ConfigReader = new ConfigReader(file);
  const root = r.map(parseLocated(text, file) ?? undefined, file);
  if (!root) return {};
  r.checkKeys(root, ['aliases', 'alias'], '');
  const out: Aliases = {};
  for (const section of ['alias', 'aliases']) {
    const m = r.map(get(root, section), section) as LMap | undefined;
    if (!m) continue;
    for (const [name, { keyLine: line, value }] of m.entries) {
      if (!/^[^\s:/]+$/.test(name)) r.fail(line, `alias "${name}" must be one word without spaces, ":" or "/"`);
      const v = r.string(value, `${section}.${name}`, { required: true, line: keyLine(m, name) })!.trim();
      if (!v) r.fail(line, `alias "${name}" must name a resource or a command`);
      out[name] = v;
    }
  }
  return out;
}

const MAX_DEPTH = 8;

/**
 * Rewrites the first word of `line` while it is an alias (an alias may name another alias), keeping the words
 * typed after it. Stops at a loop or after a few rounds, so `a: b` and `b: a` cannot hang the prompt.
 */
export function expandAliases(line: string, aliases: Aliases): string {
  let words = line.trim().split(/\s+/).filter(Boolean);
  const seen = new Set<string>();
  for (let i = 0; i < MAX_DEPTH && words.length; i++) {
    const head = words[0];
    const to = Object.hasOwn(aliases, head) ? aliases[head] : undefined;
    if (to === undefined || seen.has(head)) break;
    seen.add(head);
    words = [...to.split(/\s+/).filter(Boolean), ...words.slice(1)];
  }
  return words.join(' ');
}
