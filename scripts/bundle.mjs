// `node scripts/bundle.mjs [--outdir DIR]` (the second half of `npm run build`): the published `kdeck` bin as one
// ESM entry, DIR/kdeck.js (default dist/), with every dependency bundled in, so a start reads a few files instead
// of resolving ~300 modules in node_modules. The entry is tiny (Node version check, compile cache, dispatch); what
// each path needs is split into DIR/chunks/ and imported only when used: `--version` loads no UI, the dashboard
// loads no simulator, doctor or describe, and Node's compile cache (enabled by the entry) covers every chunk.
import { chmodSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { NARROW_CHARS } from './narrow-chars.mjs';
import { rewriteInkOutput, rewriteInkSquash } from './ink-output-caches.mjs';
import { rewriteInkFrames } from './ink-frames.mjs';

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

/**
 * yoga-layout's Emscripten loader reads its own base64 `data:` URL through the global fetch() when there is one, and
 * Node's first fetch() loads and compiles Node's internal undici (outside the compile cache): about 100 ms of the
 * dashboard's start, spent decoding a string. Its non-fetch path decodes it in place (atob); the build fails if the
 * loader changes shape, so an upgrade cannot silently bring the cost back.
 */
const yogaWithoutFetch = {
  name: 'yoga-without-fetch',
  setup(b) {
    b.onLoad({ filter: /[\\/]yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/ }, (a) => {
      const source = readFileSync(a.path, 'utf8');
      const check = '"function"!=typeof fetch';
      if (source.split(check).length !== 3) throw new Error(`yoga-layout's loader changed: expected two \`${check}\` in ${a.path}`);
      return { contents: source.replaceAll(check, '!0'), loader: 'js' };
    });
  },
};

/**
 * string-width's fast path (width = length) covers printable ASCII only; the plugin extends it to the one-column
 * characters kdeck draws with (scripts/narrow-chars.mjs), when ambiguous characters count as narrow (the default).
 */
const narrowStringWidth = {
  name: 'narrow-string-width',
  setup(b) {
    b.onLoad({ filter: /[\\/]node_modules[\\/]string-width[\\/]index\.js$/ }, (a) => {
      const source = readFileSync(a.path, 'utf8');
      const fast = 'if (/^[\\u0020-\\u007E]*$/.test(string)) {';
      if (source.split(fast).length !== 2) throw new Error(`string-width changed: expected one \`${fast}\` in ${a.path}`);
      return { contents: source.replace(fast, `if (/^[\\u0020-\\u007E]*$/.test(string) || (ambiguousIsNarrow && /^[\\u0020-\\u007E${NARROW_CHARS}]*$/.test(string))) {`), loader: 'js' };
    });
  },
};

/**
 * meow's bundled dependencies run two CommonJS modules as they load that kdeck never calls: normalize-package-data
 * (with spdx-correct, semver, hosted-git-info…; meow calls it only for --help/--version text built from package.json,
 * and kdeck prints its own) and @babel/code-frame (for a package.json that fails to parse; kdeck passes its package
 * facts, so none is read). Loading them took ~30-60 ms of every start; the plugin makes both load on first call. The
 * build fails if meow's file changes shape, so an upgrade cannot silently bring the cost back.
 */
const meowLazyPackageTools = {
  name: 'meow-lazy-package-tools',
  setup(b) {
    b.onLoad({ filter: /[\\/]meow[\\/]build[\\/]dependencies\.js$/ }, (a) => {
      let source = readFileSync(a.path, 'utf8');
      const swaps = [
        ['var libExports = requireLib$1();', 'var libExports = { codeFrameColumns: (...args) => requireLib$1().codeFrameColumns(...args) };'],
        ['var normalizeExports = requireNormalize();\nconst normalizePackageData = getDefaultExportFromCjs(normalizeExports);', 'const normalizePackageData = (...args) => getDefaultExportFromCjs(requireNormalize())(...args);'],
      ];
      for (const [from, to] of swaps) {
        if (source.split(from).length !== 2) throw new Error(`meow's dependencies changed: expected one \`${from.split('\n')[0]}\` in ${a.path}`);
        source = source.replace(from, () => to);
      }
      return { contents: source, loader: 'js' };
    });
  },
};

/**
 * undici's Client requires its HTTP/2 half (client-h2.js, and with it node:http2) as it loads, though a connection
 * uses it only when the server picked h2 in TLS's ALPN: ~3-4 ms of every start before the first request, for a
 * plain-HTTP or HTTP/1.1 server never used. The plugin makes it load on the first h2 connection (its only use); the
 * build fails if undici's file changes shape.
 */
const undiciLazyH2 = {
  name: 'undici-lazy-h2',
  setup(b) {
    b.onLoad({ filter: /[\\/]undici[\\/]lib[\\/]dispatcher[\\/]client\.js$/ }, (a) => {
      const source = readFileSync(a.path, 'utf8');
      const eager = "const connectH2 = require('./client-h2.js')";
      if (source.split(eager).length !== 2 || source.split('connectH2(').length !== 2) throw new Error(`undici's client changed: expected one \`${eager}\` and one call of it in ${a.path}`);
      return { contents: source.replace(eager, () => "const connectH2 = (...args) => require('./client-h2.js')(...args)"), loader: 'js' };
    });
  },
};

/**
 * Ink's Output keeps its caches of tokenised text for one frame only, so every frame re-tokenised all 50 rows; the
 * rewrite (scripts/ink-output-caches.mjs) lets a frame reuse the previous frame's, so only changed rows are
 * tokenised; and its text squashing sanitised every text node's ANSI codes every frame, now cached by text. The
 * screen is the same byte for byte (test/app/ink-output-caches.test.ts); the build fails if Ink's files change shape.
 */
const inkOutputCaches = {
  name: 'ink-output-caches',
  setup(b) {
    b.onLoad({ filter: /[\\/]ink[\\/]build[\\/]output\.js$/ }, (a) => ({ contents: rewriteInkOutput(readFileSync(a.path, 'utf8'), a.path), loader: 'js' }));
    b.onLoad({ filter: /[\\/]ink[\\/]build[\\/]squash-text-nodes\.js$/ }, (a) => ({ contents: rewriteInkSquash(readFileSync(a.path, 'utf8'), a.path), loader: 'js' }));
  },
};

/**
 * Ink's instance writes a frame as three writes and has no frame it computes without writing; the rewrite
 * (scripts/ink-frames.mjs) writes each frame once and lets kdeck warm the key path with frames nobody sees. The build
 * fails if Ink's file changes shape.
 */
const inkFrames = {
  name: 'ink-frames',
  setup(b) {
    b.onLoad({ filter: /[\\/]ink[\\/]build[\\/]ink\.js$/ }, (a) => ({ contents: rewriteInkFrames(readFileSync(a.path, 'utf8'), a.path), loader: 'js' }));
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
  // esbuild's tables do not credit Node with these (evanw/esbuild#3471), so for a node target it rewrites every
  // /\p{…}/u and /…/v literal as `new RegExp(…)`, evaluated at each call: Ink's Output ran one per character of every
  // frame (its Default_Ignorable_Code_Point filter), a sixth of a frame's CPU. Node 22 has both.
  supported: { 'regexp-unicode-property-escapes': true, 'regexp-set-notation': true },
  minify: !readable,
  sourcemap: true,
  legalComments: 'none',
  logLevel: 'warning',
  jsx: 'automatic',
  plugins: [noDevtools, leanUndici, undiciLazyH2, yogaWithoutFetch, narrowStringWidth, meowLazyPackageTools, inkOutputCaches, inkFrames],
  // CommonJS dependencies (React, ws…) call require(); an ESM chunk has none of its own.
  banner: { js: "import { createRequire as __kdeckCreateRequire } from 'node:module';\nconst require = __kdeckCreateRequire(import.meta.url);" },
  define: {
    // React's production build only (the development one is dropped from the bundle).
    'process.env.NODE_ENV': '"production"',
    KDECK_BUILD_VERSION: JSON.stringify(pkg.version),
  },
});
chmodSync(join(outdir, 'kdeck.js'), 0o755);
