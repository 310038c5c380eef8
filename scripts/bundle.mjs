// `node scripts/bundle.mjs [--outdir DIR]` (the second half of `npm run build`): the published `kdeck` bin as one
// ESM entry, DIR/kdeck.js (default dist/), with every dependency bundled in, so a start reads a few files instead
// of resolving ~300 modules in node_modules. The entry is tiny (Node version check, compile cache, dispatch); what
// each path needs is split into DIR/chunks/ and imported only when used: `--version` loads no UI, the dashboard
// loads no simulator, doctor or describe, and Node's compile cache (enabled by the entry) covers every chunk.
import { chmodSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const at = process.argv.indexOf('--outdir');
const outdir = at > 0 ? process.argv[at + 1] : 'dist';
/** --readable: not minified, for reading a CPU profile of the bin. */
const readable = process.argv.includes('--readable');
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

/** Ink imports its React DevTools bridge only when DEV=true; the bin ships without it (and without its package). */
const noDevtools = {
  name: 'no-ink-devtools',
  setup(b) {
    b.onResolve({ filter: /^\.\/devtools\.js$/ }, (a) => (/[\\/]ink[\\/]/.test(a.importer) ? { path: 'ink-devtools', namespace: 'kdeck-stub' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'kdeck-stub' }, () => ({ contents: 'export {};', loader: 'js' }));
  },
};

/** The transport client's undici import, from the few undici files it uses (scripts/undici-lean.mjs). */
const leanUndici = {
  name: 'lean-undici',
  setup(b) {
    b.onResolve({ filter: /^undici$/ }, (a) => (/src[\\/]transport[\\/]client\.ts$/.test(a.importer) ? { path: fileURLToPath(new URL('undici-lean.mjs', import.meta.url)) } : undefined));
  },
};

rmSync(join(outdir, 'chunks'), { recursive: true, force: true });
await build({
  entryPoints: { kdeck: 'src/cli.tsx' },
  outdir,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node22',
  minify: !readable,
  sourcemap: true,
  legalComments: 'none',
  logLevel: 'warning',
  jsx: 'automatic',
  plugins: [noDevtools, leanUndici],
  // CommonJS dependencies (React, ws…) call require(); an ESM chunk has none of its own.
  banner: { js: "import { createRequire as __kdeckCreateRequire } from 'node:module';\nconst require = __kdeckCreateRequire(import.meta.url);" },
  define: {
    // React's production build only (the development one is dropped from the bundle).
    'process.env.NODE_ENV': '"production"',
    KDECK_BUILD_VERSION: JSON.stringify(pkg.version),
  },
});
chmodSync(join(outdir, 'kdeck.js'), 0o755);
