// `User-Agent: kdeck/VERSION (os/arch)`, with Go's names for os and arch, as kubectl reports itself.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Finds kdeck's package.json upwards from this file (src/ when run with tsx, dist/src/ when built). */
function readVersion(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'kdeck' && pkg.version) return pkg.version;
    } catch {
      // not here; keep climbing
    }
    dir = dirname(dir);
  }
  return '0.0.0';
}

const GO_ARCH: Record<string, string> = { x64: 'amd64', ia32: '386', arm64: 'arm64', arm: 'arm', ppc64: 'ppc64le', s390x: 's390x' };
const GO_OS: Record<string, string> = { win32: 'windows', darwin: 'darwin', linux: 'linux', freebsd: 'freebsd' };

/** Set by scripts/bundle.mjs in the built bin; read from package.json when run from source. */
declare const KDECK_BUILD_VERSION: string | undefined;

export const KDECK_VERSION = typeof KDECK_BUILD_VERSION === 'string' ? KDECK_BUILD_VERSION : readVersion();

export const USER_AGENT = `kdeck/${KDECK_VERSION} (${GO_OS[process.platform] ?? process.platform}/${GO_ARCH[process.arch] ?? process.arch})`;
