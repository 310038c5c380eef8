// Every k9s-style file, global and per context, merged with the context's winning: an alias, hotkey, plugin or
// view of the same name (or a hotkey/plugin on the same key) in contexts/<context>/ replaces the global one, and
// a context's skin.yaml paints over the global skin field by field.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KdeckError } from '../errors.js';
import { parseAliases } from './aliases.js';
import type { Aliases } from './aliases.js';
import { parseHotKeys } from './hotkeys.js';
import type { HotKey } from './hotkeys.js';
import { sameKey } from './key-spec.js';
import { configDir, contextConfigDir } from './paths.js';
import type { Env, UserFile } from './paths.js';
import { parsePlugins } from './plugins.js';
import type { Plugin } from './plugins.js';
import { DEFAULT_PALETTE, parseSkin } from './skin.js';
import type { Palette } from './skin.js';
import { parseViews } from './views.js';
import type { ViewSetting } from './views.js';

export interface UserConfig {
  aliases: Aliases;
  hotkeys: HotKey[];
  plugins: Plugin[];
  views: ViewSetting[];
  palette: Palette;
}

export const EMPTY_USER_CONFIG: UserConfig = { aliases: {}, hotkeys: [], plugins: [], views: [], palette: DEFAULT_PALETTE };

/** The file's text, or undefined when it does not exist. */
function readOptional(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw new KdeckError('usage', `cannot read ${path}: ${code ?? 'error'}`, `check the permissions of ${path}`);
  }
}

function byNameAndKey<T extends { name: string; key: HotKey['key'] }>(base: T[], over: T[]): T[] {
  return [...base.filter((b) => !over.some((o) => o.name === b.name || sameKey(o.key, b.key))), ...over];
}

/** Merges one directory's files over `base`. */
export function loadUserFiles(dir: string, base: UserConfig): UserConfig {
  const read = <T,>(file: UserFile, parse: (text: string, path: string) => T): T | undefined => {
    const path = join(dir, file);
    const text = readOptional(path);
    return text === undefined ? undefined : parse(text, path);
  };
  const aliases = read('aliases.yaml', parseAliases);
  const hotkeys = read('hotkeys.yaml', parseHotKeys);
  const plugins = read('plugins.yaml', parsePlugins);
  const views = read('views.yaml', parseViews);
  const palette = read('skin.yaml', (t, p) => parseSkin(t, p, base.palette));
  return {
    aliases: { ...base.aliases, ...aliases },
    hotkeys: hotkeys ? byNameAndKey(base.hotkeys, hotkeys) : base.hotkeys,
    plugins: plugins ? byNameAndKey(base.plugins, plugins) : base.plugins,
    views: views ? [...base.views.filter((b) => !views.some((v) => v.resource === b.resource)), ...views] : base.views,
    palette: palette ?? base.palette,
  };
}

/**
 * The global files, then (when `context` is given) that context's. `configAliases` are config.yaml's `aliases`,
 * which aliases.yaml overrides.
 */
export function loadUserConfig(env: Env, home: string, context?: string, configAliases: Aliases = {}): UserConfig {
  const global = loadUserFiles(configDir(env, home), { ...EMPTY_USER_CONFIG, aliases: { ...configAliases } });
  return context === undefined ? global : loadUserFiles(contextConfigDir(env, context, home), global);
}
