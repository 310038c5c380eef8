#!/usr/bin/env node
// kdeck's entry point: `kdeck` (the dashboard), `kdeck doctor`, `kdeck info`, `kdeck simulate`.
// Subcommands own their flags; the dashboard's are parsed in src/app/flags.ts.
// Kept tiny and free of static imports that could fail on an old Node: everything else is imported dynamically,
// after the version check and after Node's compile cache is on (so those modules load from it).
const [sub, ...rest] = process.argv.slice(2);

/** ink 8 and undici 8 need Node 22+; say so before any of them loads and fails obscurely. */
const MIN_NODE_MAJOR = 22;
const nodeMajor = Number(process.versions.node.split('.')[0]);
if (nodeMajor < MIN_NODE_MAJOR) {
  process.stderr.write(
    `kdeck: Node.js ${MIN_NODE_MAJOR} or newer is required (this is ${process.version}).\n` +
      `  Install a current Node.js, or from a checkout run it through npm (npm start -- ARGS), which uses the Node 24 that npm ci installed.\n`,
  );
  process.exit(1);
}

// React's production build: no development checks or warnings (and no dev stack traces) when run from source
// (the bundle has it built in). Set before anything imports React (every import below is dynamic).
const env = process.env;
env.NODE_ENV ??= 'production';

const { compileCacheDir } = await import('./config/paths.js');
const { enableCompileCache } = await import('./app/compile-cache.js');
const compileCache = enableCompileCache(compileCacheDir(process.env));
const { trace } = await import('./app/startup-trace.js');
trace('cli:entry', `compile cache ${compileCache}`);

async function main(): Promise<number> {
  if (sub === 'simulate') {
    const { simulateCommand } = await import('./simulator/command.js');
    return simulateCommand(rest);
  }
  if (sub === 'info') {
    const { infoCommand } = await import('./info/command.js');
    return infoCommand(rest);
  }
  if (sub === 'doctor') {
    const { doctorCommand } = await import('./doctor/command.js');
    return doctorCommand(rest);
  }
  // The kubeconfig's YAML parser is compiled whole before the dashboard's modules load (eager-compile.ts; imported
  // here, it is a chunk of its own): every start parses a kubeconfig, and with yaml's functions in the compile cache
  // that takes ~7 ms less CPU. (meow's chunk the same way cost more to load than it saved: most of it never runs.)
  const { importEagerly } = await import('./app/eager-compile.js');
  await importEagerly(() => import('yaml'));
  const { runDashboard } = await import('./app/run.js');
  trace('app:modules', 'the pre-screen modules (kubeconfig, auth, transport, engine) imported');
  return runDashboard(process.argv.slice(2));
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`kdeck: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}\n`);
    process.exit(1);
  },
);
