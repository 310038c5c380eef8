#!/usr/bin/env node
// kdeck's entry point: `kdeck` (the dashboard), `kdeck doctor`, `kdeck simulate`.
// Subcommands own their flags; this file only dispatches. (Placeholder until the dashboard lands.)
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
  process.stderr.write('kdeck: the dashboard is not built yet; try `kdeck simulate` or `kdeck doctor`\n');
  return 2;
}

main().then((code) => process.exit(code));
