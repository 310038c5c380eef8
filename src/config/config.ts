// $XDG_CONFIG_HOME/kdeck/config.yaml (default ~/.config/kdeck/config.yaml): aliases, default view, favourite
// namespaces, warm-context limit, read-only. Validated key by key so a mistake names the key and the file.
import { FILE_LIMITS, fileProblemOf, readRegularFileSync } from '../files/read-regular-file.js';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { KdeckError } from '../errors.js';

export interface KdeckConfig {
  aliases: Record<string, string>;
  defaultView: string;
  favourites: string[];
  warmContexts: number;
  readOnly: boolean;
  /** Per-context settings (`contexts: {prod: {readOnly: true}}`); present only when the file has them. */
  contexts?: Record<string, { readOnly?: boolean }>;
  /** `logs: {buffer: 5000}`: lines a logs view keeps (a ring; older lines drop). */
  logs?: { buffer: number };
}

export const DEFAULT_CONFIG: KdeckConfig = { aliases: {}, defaultView: 'pods', favourites: [], warmContexts: 3, readOnly: false };

export function configPath(env: Record<string, string | undefined>, home = homedir()): string {
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), 'kdeck', 'config.yaml');
}

function bad(file: string, key: string, what: string): KdeckError {
  return new KdeckError('usage', `${file}: "${key}" ${what}`, `fix or remove "${key}" in ${file}`);
}

/** Parses and validates config text; `file` is only used in messages. */
export function parseConfig(text: string, file: string): KdeckConfig {
  let data: unknown;
  try {
    data = parse(text);
  } catch (e) {
    const msg = e instanceof Error ? e.message.split('\n')[0] : String(e);
    throw new KdeckError('usage', `${file} is not valid YAML: ${msg}`, `fix the YAML syntax in ${file}`);
  }
  if (data === null || data === undefined) return { ...DEFAULT_CONFIG };
  if (typeof data !== 'object' || Array.isArray(data)) throw new KdeckError('usage', `${file} must be a mapping of settings`, 'see the Config section of the README');
  const cfg: KdeckConfig = { ...DEFAULT_CONFIG, aliases: {}, favourites: [] };
  for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
    switch (key) {
      case 'aliases':
        if (value === null) break;
        if (typeof value !== 'object' || Array.isArray(value)) throw bad(file, key, 'must be a mapping of alias: resource');
        for (const [a, r] of Object.entries(value as Record<string, unknown>)) {
          if (typeof r !== 'string' || r.trim() === '') throw bad(file, `aliases.${a}`, 'must be a resource name (a string)');
          cfg.aliases[a] = r;
        }
        break;
      case 'defaultView':
        if (typeof value !== 'string' || value.trim() === '') throw bad(file, key, 'must be a resource name such as "pods"');
        cfg.defaultView = value.trim();
        break;
      case 'favourites':
      case 'favorites':
        if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw bad(file, key, 'must be a list of namespace names');
        cfg.favourites = (value as string[]).slice(0, 9);
        break;
      case 'warmContexts':
        if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 50) throw bad(file, key, 'must be a whole number from 0 to 50');
        cfg.warmContexts = value;
        break;
      case 'readOnly':
        if (typeof value !== 'boolean') throw bad(file, key, 'must be true or false');
        cfg.readOnly = value;
        break;
      case 'logs': {
        if (value === null) break;
        if (typeof value !== 'object' || Array.isArray(value)) throw bad(file, key, 'must be a mapping such as {buffer: 5000}');
        for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
          if (k !== 'buffer') throw bad(file, `logs.${k}`, 'is not a known logs setting (known: buffer)');
          if (typeof v !== 'number' || !Number.isInteger(v) || v < 100 || v > 1_000_000) throw bad(file, 'logs.buffer', 'must be a whole number of lines from 100 to 1000000');
          cfg.logs = { buffer: v };
        }
        break;
      }
      case 'contexts':
        if (value === null) break;
        if (typeof value !== 'object' || Array.isArray(value)) throw bad(file, key, 'must be a mapping of context name: settings');
        cfg.contexts = {};
        for (const [ctx, settings] of Object.entries(value as Record<string, unknown>)) {
          if (!settings || typeof settings !== 'object' || Array.isArray(settings)) throw bad(file, `contexts.${ctx}`, 'must be a mapping such as {readOnly: true}');
          for (const [k, v] of Object.entries(settings as Record<string, unknown>)) {
            if (k !== 'readOnly') throw bad(file, `contexts.${ctx}.${k}`, 'is not a known context setting (known: readOnly)');
            if (typeof v !== 'boolean') throw bad(file, `contexts.${ctx}.readOnly`, 'must be true or false');
            cfg.contexts[ctx] = { readOnly: v };
          }
        }
        break;
      default:
        throw bad(file, key, 'is not a known setting (known: aliases, defaultView, favourites, warmContexts, readOnly, contexts, logs)');
    }
  }
  return cfg;
}

/** Reads the config file; a missing file means defaults. */
export function loadConfig(env: Record<string, string | undefined>, home = homedir()): KdeckConfig {
  const file = configPath(env, home);
  let text: string;
  try {
    text = readRegularFileSync(file, FILE_LIMITS.settings);
  } catch (e) {
    const problem = fileProblemOf(e);
    if (problem.code === 'ENOENT') return { ...DEFAULT_CONFIG };
    throw new KdeckError('usage', `${file} ${problem.reason}`, problem.code === 'EACCES' ? `check the permissions of ${file}` : `make ${file} a small YAML file, or remove it to use the defaults`);
  }
  return parseConfig(text, file);
}

/**
 * Why a context is read-only, or undefined when it is not: the --readonly flag, then the context's own setting
 * (which can also turn a global `readOnly: true` off for one context), then the global one.
 */
export function readOnlyReason(config: KdeckConfig, flag: boolean, context: string): string | undefined {
  if (flag) return '--readonly';
  const own = config.contexts?.[context]?.readOnly;
  if (own !== undefined) return own ? `readOnly: true for context "${context}" in config.yaml` : undefined;
  return config.readOnly ? 'readOnly: true in config.yaml' : undefined;
}
