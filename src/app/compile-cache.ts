// Node's compile cache (module.enableCompileCache, Node 22.1+): V8's compiled code of kdeck's modules is kept on disk,
// so a second start skips most parsing and compiling. Strictly an optimisation: any problem (an old Node, a cache
// dir that cannot be created or written, NODE_DISABLE_COMPILE_CACHE) leaves kdeck running as before, silently.
import { accessSync, constants, mkdirSync } from 'node:fs';
import * as nodeModule from 'node:module';

/** What happened, for the start-up trace: 'enabled', 'already-enabled' (NODE_COMPILE_CACHE), 'disabled' or 'failed'. */
export function enableCompileCache(dir: string): string {
  const enable = (nodeModule as { enableCompileCache?: (dir: string) => { status: number } }).enableCompileCache;
  if (typeof enable !== 'function') return 'unsupported';
  try {
    // Create and check the dir ourselves first: Node's own mkdir -p can spin on some unwritable paths (/proc/…).
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    accessSync(dir, constants.W_OK);
    const { status } = enable(dir);
    const names: Record<number, string> = { 0: 'failed', 1: 'enabled', 2: 'already-enabled', 3: 'disabled' };
    return names[status] ?? 'failed';
  } catch {
    return 'failed';
  }
}
