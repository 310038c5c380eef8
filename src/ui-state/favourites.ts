// Favourite namespaces per context: most recently used first, at most nine (keys 1–9), kept under XDG_STATE_HOME.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

export const MAX_FAVOURITES = 9;

export function rememberNamespace(list: string[], namespace: string): string[] {
  if (!namespace) return list;
  return [namespace, ...list.filter((n) => n !== namespace)].slice(0, MAX_FAVOURITES);
}

export function stateDir(env: Record<string, string | undefined>, home = homedir()): string {
  return join(env.XDG_STATE_HOME || join(home, '.local', 'state'), 'kdeck');
}

export interface FavouritesFile {
  contexts: Record<string, string[]>;
}

export function readFavourites(path: string): FavouritesFile {
  try {
    const data = JSON.parse(readFileSync(path, 'utf8')) as Partial<FavouritesFile>;
    const contexts: Record<string, string[]> = {};
    for (const [k, v] of Object.entries(data.contexts ?? {})) {
      if (Array.isArray(v)) contexts[k] = v.filter((x): x is string => typeof x === 'string').slice(0, MAX_FAVOURITES);
    }
    return { contexts };
  } catch {
    return { contexts: {} }; // missing or damaged state is not worth an error: start fresh
  }
}

export function writeFavourites(path: string, data: FavouritesFile): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(data, null, 2) + '\n');
    renameSync(tmp, path);
  } catch {
    // a read-only home must not break the dashboard
  }
}
