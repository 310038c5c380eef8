// Exec credential plugins as real scripts, behaving like aws eks get-token / gke-gcloud-auth-plugin / kubelogin:
// each run appends a line to a count file, saves KUBERNETES_EXEC_INFO, and prints the ExecCredential the test put
// in an output file (so a test can change the answer between runs).
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExecConfig } from '../../src/kubeconfig/types.js';

export interface PluginFixture {
  dir: string;
  command: string;
  exec: ExecConfig;
  runs(): number;
  execInfo(): { apiVersion: string; kind: string; spec: { interactive: boolean; cluster?: Record<string, unknown> } };
  /** What the next runs print. */
  answer(status: Record<string, unknown>, apiVersion?: string): void;
}

export function isoIn(ms: number): string {
  return new Date(Date.now() + ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * A plugin script. `extra` is bash run before printing (e.g. `sleep 0.3`, or `echo oops >&2; exit 1`).
 * Runs are counted per run via the count file; the 2nd+ runs print out2.json when it exists (token rotation).
 */
export function makePlugin(opts: { apiVersion?: string; extra?: string; env?: Record<string, string>; provideClusterInfo?: boolean; interactiveMode?: ExecConfig['interactiveMode']; installHint?: string } = {}): PluginFixture {
  const dir = mkdtempSync(join(tmpdir(), 'kdeck-plugin-'));
  const apiVersion = opts.apiVersion ?? 'client.authentication.k8s.io/v1';
  const command = join(dir, 'get-token');
  writeFileSync(command, [
    '#!/bin/bash',
    `echo run >> "${dir}/count"`,
    `printf '%s' "$KUBERNETES_EXEC_INFO" > "${dir}/info.json"`,
    `env > "${dir}/env.txt"`,
    opts.extra ?? '',
    `if [ -f "${dir}/out2.json" ] && [ "$(wc -l < "${dir}/count")" -gt 1 ]; then cat "${dir}/out2.json"; else cat "${dir}/out.json"; fi`,
    '',
  ].join('\n'));
  chmodSync(command, 0o755);
  const answer = (status: Record<string, unknown>, v = apiVersion) =>
    writeFileSync(join(dir, 'out.json'), JSON.stringify({ kind: 'ExecCredential', apiVersion: v, status }));
  answer({ token: 'tok-exec', expirationTimestamp: isoIn(3_600_000) });
  return {
    dir,
    command,
    exec: {
      apiVersion,
      command,
      args: ['eks', 'get-token', '--cluster-name', 'demo'],
      env: Object.entries({ PLUGIN_DIR: dir, ...(opts.env ?? {}) }).map(([name, value]) => ({ name, value })),
      installHint: opts.installHint,
      provideClusterInfo: opts.provideClusterInfo ?? false,
      interactiveMode: opts.interactiveMode ?? 'IfAvailable',
    },
    runs: () => (existsSync(join(dir, 'count')) ? readFileSync(join(dir, 'count'), 'utf8').split('\n').filter(Boolean).length : 0),
    execInfo: () => JSON.parse(readFileSync(join(dir, 'info.json'), 'utf8')),
    answer,
  };
}
