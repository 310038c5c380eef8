// A simulator for the e2e tests, in this process, plus an extra kubeconfig with a context on a closed port.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator, type Simulator } from '../../../src/simulator/index.js';
import { bundledBin } from '../../helpers/bundled-bin.js';

export interface E2eWorld {
  sim: Simulator;
  dir: string;
  kubeconfig: string; // "sim.yaml:extra.yaml"
  env(extra?: Record<string, string>): Record<string, string>;
  close(): Promise<void>;
}

async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as { port: number }).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

/** `pods`: the seeded size (60; at 80 team-a also has the bare `toolbox` pod, a shell with stdin and a tty). */
export async function startWorld(opts: { pods?: number } = {}): Promise<E2eWorld> {
  const sim = await startSimulator({ clusters: 2, tls: true, pods: opts.pods ?? 60, controllers: false, seed: 7 });
  const dir = mkdtempSync(join(tmpdir(), 'kdeck-e2e-'));
  const simFile = join(dir, 'sim.yaml');
  sim.writeKubeconfig(simFile);
  const extra = join(dir, 'extra.yaml');
  writeFileSync(extra, [
    'apiVersion: v1', 'kind: Config',
    'clusters:', `- name: dead`, `  cluster: {server: "https://127.0.0.1:${await closedPort()}", insecure-skip-tls-verify: true}`,
    'users:', '- name: dead-user', '  user: {token: not-a-real-token}',
    'contexts:', '- name: dead', '  context: {cluster: dead, user: dead-user}', '',
  ].join('\n'));
  const kubeconfig = `${simFile}:${extra}`;
  return {
    sim,
    dir,
    kubeconfig,
    env: (more = {}) => ({
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: dir,
      TERM: 'xterm-256color',
      KUBECONFIG: kubeconfig,
      XDG_CONFIG_HOME: join(dir, 'config'),
      XDG_STATE_HOME: join(dir, 'state'),
      ...more,
    }),
    close: async () => {
      await sim.stop();
      rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
    },
  };
}

/** The command line that runs the real kdeck: the bundled bin users run, built from the checkout's sources. */
export function kdeckCommand(args: string): string {
  return `${JSON.stringify(process.execPath)} ${JSON.stringify(bundledBin())} ${args}`;
}
