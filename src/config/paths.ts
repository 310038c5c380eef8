// Where kdeck's files live: config under $XDG_CONFIG_HOME/kdeck (default ~/.config/kdeck), per-context overrides in
// contexts/<context>/ beside them, state under $XDG_STATE_HOME/kdeck (default ~/.local/state/kdeck), caches (safe to
// delete at any time) under $XDG_CACHE_HOME/kdeck (default ~/.cache/kdeck).
import { homedir } from 'node:os';
import { join } from 'node:path';

export type Env = Record<string, string | undefined>;

/** The k9s-style files read from the config dir (and, all but config.yaml, from each context's dir). */
export const USER_FILES = ['aliases.yaml', 'hotkeys.yaml', 'skin.yaml', 'plugins.yaml', 'views.yaml'] as const;
export type UserFile = (typeof USER_FILES)[number];

export function configDir(env: Env, home = homedir()): string {
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), 'kdeck');
}

export function stateHome(env: Env, home = homedir()): string {
  return join(env.XDG_STATE_HOME || join(home, '.local', 'state'), 'kdeck');
}

export function cacheHome(env: Env, home = homedir()): string {
  return join(env.XDG_CACHE_HOME || join(home, '.cache'), 'kdeck');
}

/** Discovery per API server, as kubectl's ~/.kube/cache/discovery/<host_port>/ (see src/api/discovery-cache.ts). */
export function discoveryCacheDir(env: Env, home = homedir()): string {
  return join(cacheHome(env, home), 'discovery');
}

/** Node's compiled-code cache for kdeck's own modules (module.enableCompileCache). */
export function compileCacheDir(env: Env, home = homedir()): string {
  return join(cacheHome(env, home), 'compile');
}

/** A context name as one safe directory name: EKS ARNs and "user@cluster" keep their letters, lose "/" and ":". */
export function contextDirName(context: string): string {
  const safe = context.replace(/[^A-Za-z0-9._@-]/g, '_');
  return safe === '.' || safe === '..' || safe === '' ? `_${safe}` : safe;
}

export function contextConfigDir(env: Env, context: string, home = homedir()): string {
  return join(configDir(env, home), 'contexts', contextDirName(context));
}

/** Recently used namespaces per context (the 1–9 keys). */
export function favouritesPath(env: Env, home = homedir()): string {
  return join(stateHome(env, home), 'favourites.json');
}

/** Where Ctrl-S in the logs view saves (one file per save). */
export function savedLogsDir(env: Env, home = homedir()): string {
  return join(stateHome(env, home), 'logs');
}

/** Background plugins' captured output (one log file per plugin name, overwritten each run). */
export function pluginLogDir(env: Env, home = homedir()): string {
  return join(stateHome(env, home), 'plugins');
}
