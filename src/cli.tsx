#!/usr/bin/env node
// kdeck's entry point: `kdeck` (the dashboard), `kdeck doctor`, `kdeck simulate`.
// Subcommands own their flags; the dashboard's are parsed in src/ui-state/flags.ts.
const [sub, ...rest] = process.argv.slice(2);

async function main(): Promise<number> {
  if (sub === 'simulate') {
    const { simulateCommand } = await import('./simulator/command.js');
    return simulateCommand(rest);
  }
  if (sub === 'doctor') {
    const { doctorCommand } = await import('./doctor/command.js');
    return doctorCommand(rest);
  }
  const { runDashboard } = await import('./ui-state/run.js');
  return runDashboard(process.argv.slice(2));
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`kdeck: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}\n`);
    process.exit(1);
  },
);
