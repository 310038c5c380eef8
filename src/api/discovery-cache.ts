// Discovery kept on disk per API server, as kubectl keeps ~/.kube/cache/discovery/<host_port>/: a start with a
// fresh cache sends no discovery request at all, so the first list goes out at once. Invalidated as kubectl does:
// after a TTL (kubectl's default is 6 hours), and by the caller on a miss (a name the cached list does not know,
// a 404 for a resource it lists), which rediscovers and rewrites the file. Discovery is not secret (every
// authenticated user may read it), so the cache is keyed by server URL only; the file still is private (0600).
// Every disk problem is a miss: the cache can only make kdeck faster, never break it.
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readRegularFileSync } from '../files/read-regular-file.js';
import type { ResourceRef } from './catalogue.js';

/** kubectl's default discovery cache lifetime (`--cache-dir`'s discovery, 6 h since kubectl 1.26). */
export const DISCOVERY_TTL_MS = 6 * 60 * 60_000;
const MAX_CACHE_BYTES = 8 * 1024 * 1024;
const FORMAT = 1;

interface CacheFile {
  format: number;
  server: string;
  fetchedAt: number;
  refs: ResourceRef[];
}

/** kubectl's directory name for a server: the URL without its scheme (host, port, any path), other characters as `_`. */
export function serverDirName(server: string): string {
  const safe = server.replace(/^https?:\/\//, '').replace(/[^\w.]/g, '_');
  return safe === '.' || safe === '..' || !safe ? `_${safe}` : safe;
}

export interface DiscoveryStore {
  /** The cached refs of `server` while younger than the TTL; undefined on a miss (absent, expired, damaged). */
  load(server: string): ResourceRef[] | undefined;
  save(server: string, refs: ResourceRef[]): void;
  invalidate(server: string): void;
}

/** A DiscoveryStore under `dir` (kdeck's $XDG_CACHE_HOME/kdeck/discovery). `now` is injectable for tests. */
export function diskDiscoveryStore(dir: string, opts: { ttlMs?: number; now?: () => number } = {}): DiscoveryStore {
  const ttl = opts.ttlMs ?? DISCOVERY_TTL_MS;
  const now = opts.now ?? Date.now;
  const fileOf = (server: string) => join(dir, serverDirName(server), 'resources.json');
  return {
    load(server) {
      try {
        const c = JSON.parse(readRegularFileSync(fileOf(server), MAX_CACHE_BYTES)) as CacheFile;
        // Another URL with the same host_port name (a path prefix, http vs https) is not this server's.
        if (c.format !== FORMAT || c.server !== server || !Array.isArray(c.refs)) return undefined;
        const age = now() - c.fetchedAt;
        if (!(age >= 0 && age < ttl)) return undefined;
        return c.refs.every(isRef) ? c.refs : undefined;
      } catch {
        return undefined;
      }
    },
    save(server, refs) {
      const file = fileOf(server);
      try {
        mkdirSync(join(dir, serverDirName(server)), { recursive: true, mode: 0o700 });
        // Written aside and renamed: a kdeck starting meanwhile reads the old file or the new one, never half of one.
        const tmp = `${file}.${process.pid}.tmp`;
        writeFileSync(tmp, JSON.stringify({ format: FORMAT, server, fetchedAt: now(), refs } satisfies CacheFile), { mode: 0o600 });
        renameSync(tmp, file);
      } catch {
        // an unwritable cache dir: next start discovers again
      }
    },
    invalidate(server) {
      try {
        rmSync(fileOf(server), { force: true });
      } catch {
        // nothing to remove
      }
    },
  };
}

function isRef(r: unknown): r is ResourceRef {
  const x = r as ResourceRef;
  return !!x && typeof x.resource === 'string' && typeof x.group === 'string' && typeof x.version === 'string' && typeof x.kind === 'string' && Array.isArray(x.verbs) && Array.isArray(x.shortNames);
}
