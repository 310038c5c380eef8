#!/usr/bin/env node
// kdeck's entry point: `kdeck` (the dashboard), `kdeck doctor`, `kdeck info`, `kdeck simulate`.
// Subcommands own their flags; the dashboard's are parsed in src/app/flags.ts.
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

// React's production build: no development checks or warnings (and no dev stack traces) in the shipped bin.
// Set before anything imports React (every import below is dynamic).
process.env.NODE_ENV ??= 'production';

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
  const { runDashboard } = await import('./app/run.js');
  return runDashboard(process.argv.slice(2));
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`kdeck: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}\n`);
    process.exit(1);
  },
);
