// `kdeck info`: every path kdeck reads and writes, and whether it is there — config files (global and per
// context), kubeconfig files in the order they are merged, the in-cluster service account, state files.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { parseArgs } from 'node:util';
import { compileCacheDir, configDir, contextConfigDir, discoveryCacheDir, favouritesPath, pluginLogDir, savedLogsDir, USER_FILES } from '../config/paths.js';
import type { Env } from '../config/paths.js';
import { kubeconfigCandidates, listContexts, loadKubeconfig, processEnvironment } from '../kubeconfig/index.js';
import { serviceAccountDir } from '../kubeconfig/in-cluster.js';
import type { LoadEnvironment } from '../kubeconfig/types.js';
import { sanitizeBlock } from '../text/sanitize.js';

export interface InfoLine {
  path: string;
  what: string;
  access: 'read' | 'write';
  exists: boolean;
}

/** The paths, in the order kdeck uses them. `contexts` are the kubeconfig's (for their per-context dirs). */
export function infoLines(env: Env, home: string, load: LoadEnvironment, kubeconfigFlag: string | undefined, contexts: string[]): InfoLine[] {
  const out: InfoLine[] = [];
  const add = (path: string, what: string, access: InfoLine['access'] = 'read') => out.push({ path, what, access, exists: existsSync(path) });
  const cfg = configDir(env, home);
  add(join(cfg, 'config.yaml'), 'settings: defaultView, readOnly, warmContexts, favourites, aliases');
  for (const f of USER_FILES) add(join(cfg, f), `k9s-style ${f.replace('.yaml', '')}`);
  for (const c of contexts) {
    const dir = contextConfigDir(env, c, home);
    const present = existsSync(dir) ? readdirSync(dir).filter((f) => (USER_FILES as readonly string[]).includes(f)) : [];
    out.push({ path: dir + '/', what: `context "${c}": ${present.length ? present.join(', ') : 'none of ' + USER_FILES.join(', ')} (win over the global ones)`, access: 'read', exists: present.length > 0 });
  }
  const kc = kubeconfigCandidates({ kubeconfig: kubeconfigFlag }, load);
  const source = kc.source === 'flag' ? '--kubeconfig' : kc.source === 'env' ? '$KUBECONFIG' : 'default';
  kc.paths.forEach((p, i) => add(p, `kubeconfig (${source}${kc.paths.length > 1 ? `, merged ${i + 1} of ${kc.paths.length}` : ''}; never written)`));
  add(serviceAccountDir(load), 'in-cluster service account (token, ca.crt, namespace), used without a kubeconfig');
  add(favouritesPath(env, home), 'recently used namespaces per context', 'write');
  add(pluginLogDir(env, home) + '/', 'output of background plugins, one <plugin>.log each', 'write');
  add(savedLogsDir(env, home) + '/', 'saved logs', 'write');
  add(discoveryCacheDir(env, home) + '/', 'cache: the resources each API server serves, per server (6 h, as kubectl\'s)', 'write');
  add(compileCacheDir(env, home) + '/', 'cache: Node\'s compiled code of kdeck (faster start-up)', 'write');
  out.push({ path: join(tmpdir(), 'kdeck-edit-*/'), what: 'edit: the object being edited (removed afterwards)', access: 'write', exists: false });
  out.push({ path: join(tmpdir(), 'kdeck-demo-*/'), what: '--demo: the simulated clusters\' kubeconfig (removed at exit)', access: 'write', exists: false });
  return out;
}

export function formatInfo(lines: InfoLine[]): string {
  const w = Math.min(70, Math.max(...lines.map((l) => l.path.length)));
  const section = (access: InfoLine['access'], title: string) =>
    [title, ...lines.filter((l) => l.access === access).map((l) => `  ${(l.exists ? '✓ ' : '- ')}${l.path.padEnd(w)}  ${l.what}`)].join('\n');
  return `${section('read', 'kdeck reads (✓ present, - absent):')}\n\n${section('write', 'kdeck writes:')}\n`;
}

export async function infoCommand(argv: string[]): Promise<number> {
  let values: { kubeconfig?: string; help?: boolean };
  try {
    ({ values } = parseArgs({ args: argv, options: { kubeconfig: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, strict: true }));
  } catch (e) {
    process.stderr.write(`kdeck info: ${(e as Error).message}\n  usage: kdeck info [--kubeconfig FILE]\n`);
    return 1;
  }
  if (values.help) {
    process.stdout.write('usage: kdeck info [--kubeconfig FILE]\n  Prints every path kdeck reads and writes, and which of them exist.\n');
    return 0;
  }
  const load = processEnvironment();
  let contexts: string[] = [];
  try {
    contexts = listContexts(loadKubeconfig({ kubeconfig: values.kubeconfig }, load)).map((c) => c.name);
  } catch {
    // a broken kubeconfig still has paths to show; `kdeck doctor` says what is wrong with it
  }
  process.stdout.write(sanitizeBlock(formatInfo(infoLines(load.env, load.homeDir, load, values.kubeconfig, contexts))));
  return 0;
}
