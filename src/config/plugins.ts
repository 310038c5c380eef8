// plugins.yaml, as k9s writes it: `plugins: {NAME: {shortCut, description, scopes, command, args, background,
// confirm, dangerous, override}}` (k9s's older `plugin:` too). Args may use $NAMESPACE, $NAME, $CONTAINER,
// $CONTEXT, $CLUSTER, $USER, $KUBECONFIG, $FILTER, $POD, $COL-<COLUMN> (see plugin-args.ts).
import { parseKeySpec } from './key-spec.js';
import type { KeySpec } from './key-spec.js';
import { ConfigReader, get, parseLocated } from './yaml-lines.js';

export interface Plugin {
  name: string;
  key: KeySpec;
  description: string;
  /** Lower-case scope names as written: resource names, short names, "containers", or "all". */
  scopes: string[];
  command: string;
  args: string[];
  background: boolean;
  confirm: boolean;
  /** Hidden in read-only mode. */
  dangerous: boolean;
  /** May take a key kdeck already binds. */
  override: boolean;
  source: string;
}

const KEYS = ['shortCut', 'description', 'scopes', 'command', 'args', 'background', 'confirm', 'dangerous', 'override'] as const;
/** k9s keys kdeck does not implement: refused by name rather than silently ignored. */
const K9S_ONLY = ['inputs', 'pipes', 'overwriteOutput'];

export function parsePlugins(text: string, file: string): Plugin[] {
  const r: ConfigReader = new ConfigReader(file);
  const root = r.map(parseLocated(text, file) ?? undefined, file);
  if (!root) return [];
  r.checkKeys(root, ['plugins', 'plugin'], '');
  const out: Plugin[] = [];
  for (const section of ['plugin', 'plugins']) {
    for (const [name, { keyLine: line, value }] of r.map(get(root, section), section)?.entries ?? []) {
      const where = (k: string) => `${section}.${name}.${k}`;
      const p = r.map(value, `${section}.${name}`);
      if (!p) r.fail(line, `${section}.${name} is empty (it needs shortCut, scopes and command)`);
      for (const [k, { keyLine: kl }] of p.entries) {
        if (K9S_ONLY.includes(k)) r.fail(kl, `"${k}" in ${section}.${name} is a k9s key kdeck does not support`, `remove "${k}" at ${file}:${kl}`);
      }
      r.checkKeys(p, KEYS, `${section}.${name}`);
      const short = r.string(get(p, 'shortCut'), where('shortCut'), { required: true, line })!;
      const key = parseKeySpec(short);
      if (typeof key === 'string') r.fail(get(p, 'shortCut')!.line, `${where('shortCut')}: ${key}`);
      const scopes = r.stringList(get(p, 'scopes'), where('scopes')).map((s) => s.trim().toLowerCase()).filter(Boolean);
      if (scopes.length === 0) r.fail(get(p, 'scopes')?.line ?? line, `${where('scopes')} must list at least one resource (or "all")`);
      const command = r.string(get(p, 'command'), where('command'), { required: true, line })!.trim();
      if (!command) r.fail(line, `${where('command')} is empty`);
      out.push({
        name,
        key,
        description: r.string(get(p, 'description'), where('description')) ?? name,
        scopes,
        command,
        args: r.stringList(get(p, 'args'), where('args')),
        background: r.bool(get(p, 'background'), where('background')),
        confirm: r.bool(get(p, 'confirm'), where('confirm')),
        dangerous: r.bool(get(p, 'dangerous'), where('dangerous')),
        override: r.bool(get(p, 'override'), where('override')),
        source: `${file}:${line}`,
      });
    }
  }
  return out;
}

/** Does `plugin` apply to a view of `names` (every name the resource answers to, lower case)? */
export function pluginInScope(plugin: Pick<Plugin, 'scopes'>, names: readonly string[]): boolean {
  return plugin.scopes.some((s) => s === 'all' || names.includes(s));
}
