// Favourite namespaces per context: most recently used first, at most nine (keys 1–9), kept under XDG_STATE_HOME.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { FILE_LIMITS, fileProblemOf, readRegularFileSync } from '../files/read-regular-file.js';

export const MAX_FAVOURITES = 9;

export function rememberNamespace(list: string[], namespace: string): string[] {
  if (!namespace) return list;
  return [namespace, ...list.filter((n) => n !== namespace)].slice(0, MAX_FAVOURITES);
}

export interface FavouritesFile {
  contexts: Record<string, string[]>;
}

function parseFavourites(text: string): FavouritesFile {
  const data = JSON.parse(text) as Partial<FavouritesFile> | null;
  if (!data || typeof data !== 'object' || Array.isArray(data) || (data.contexts !== undefined && (typeof data.contexts !== 'object' || data.contexts === null || Array.isArray(data.contexts)))) {
    throw new Error('not a favourites object');
  }
  const contexts: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(data.contexts ?? {})) {
    if (Array.isArray(v)) contexts[k] = v.filter((x): x is string => typeof x === 'string').slice(0, MAX_FAVOURITES);
  }
  return { contexts };
}

export function readFavourites(path: string): FavouritesFile {
  try {
    return parseFavourites(readRegularFileSync(path, FILE_LIMITS.settings));
  } catch {
    return { contexts: {} }; // missing or damaged state is not worth an error: start fresh
  }
}

/**
 * Before the dashboard starts: a damaged state file (not JSON, wrong shape, huge, not a file) is moved aside to
 * `<name>.damaged` so kdeck starts fresh, and the warning to show is returned. A missing file is fine (undefined).
 */
export function checkFavourites(path: string): string | undefined {
  let why: string;
  try {
    parseFavourites(readRegularFileSync(path, FILE_LIMITS.settings));
    return undefined;
  } catch (err) {
    const problem = fileProblemOf(err);
    if (problem.code === 'ENOENT') return undefined;
    why = err instanceof SyntaxError || problem.code === 'EOTHER' ? 'is not valid favourites JSON' : problem.reason;
  }
  const aside = `${path}.damaged`;
  try {
    renameSync(path, aside);
    return `${basename(path)} ${why}: started with no saved favourites (the old file is ${aside})`;
  } catch {
    return `${basename(path)} ${why}: started with no saved favourites`;
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
