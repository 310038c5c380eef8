// Which kubeconfig files are read and how they merge, as client-go's loading rules do:
// --kubeconfig alone (must exist), else every KUBECONFIG entry, else ~/.kube/config;
// the first file to define a name wins, and the first file to set current-context wins.
import { FILE_LIMITS, fileProblemOf, readRegularFileSync } from '../files/read-regular-file.js';
import { lstatSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { KubeconfigError } from '../errors.js';
import type { LoadedKubeconfig } from './model.js';
import { parseKubeconfigText } from './parse-file.js';
import type { KubeconfigOverrides, LoadEnvironment } from './types.js';

export interface KubeconfigCandidates {
  source: 'flag' | 'env' | 'home';
  paths: string[];
}

/** The files to try, in precedence order, as absolute paths (duplicates once). */
export function kubeconfigCandidates(overrides: KubeconfigOverrides, env: LoadEnvironment): KubeconfigCandidates {
  const cwd = env.cwd ?? process.cwd();
  if (overrides.kubeconfig) return { source: 'flag', paths: [resolve(cwd, overrides.kubeconfig)] };
  const list = env.env.KUBECONFIG;
  if (list) {
    const paths = list
      .split(delimiter)
      .filter((p) => p !== '')
      .map((p) => resolve(cwd, p));
    return { source: 'env', paths: [...new Set(paths)] };
  }
  const home = join(env.homeDir, '.kube', 'config');
  // client-go's migration rule: with no ~/.kube/config, the legacy ~/.kube/.kubeconfig is used (kubectl copies it
  // to ~/.kube/config first; kdeck only reads it, and writes nothing).
  const legacy = join(env.homeDir, '.kube', '.kubeconfig');
  if (!exists(home) && exists(legacy)) return { source: 'home', paths: [legacy] };
  return { source: 'home', paths: [home] };
}

function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

export function loadKubeconfig(overrides: KubeconfigOverrides, env: LoadEnvironment): LoadedKubeconfig {
  const candidates = kubeconfigCandidates(overrides, env);
  const loaded: LoadedKubeconfig = {
    files: [],
    searched: candidates.paths,
    contexts: new Map(),
    clusters: new Map(),
    users: new Map(),
  };
  for (const path of candidates.paths) {
    const text = readKubeconfigFile(path, candidates.source === 'flag');
    if (text === undefined) continue;
    const parsed = parseKubeconfigText(text, path);
    loaded.files.push(path);
    if (loaded.currentContext === undefined && parsed.currentContext) {
      loaded.currentContext = parsed.currentContext;
      loaded.currentContextFile = path;
    }
    for (const c of parsed.clusters) if (!loaded.clusters.has(c.name)) loaded.clusters.set(c.name, c);
    for (const u of parsed.users) if (!loaded.users.has(u.name)) loaded.users.set(u.name, u);
    for (const c of parsed.contexts) if (!loaded.contexts.has(c.name)) loaded.contexts.set(c.name, c);
  }
  return loaded;
}

/** undefined when a non-explicit file is missing (skipped, as kubectl does); other failures are errors. */
function readKubeconfigFile(path: string, explicit: boolean): string | undefined {
  try {
    return readRegularFileSync(path, FILE_LIMITS.kubeconfig);
  } catch (err) {
    const problem = fileProblemOf(err);
    const code = problem.code;
    if (code === 'ENOENT' && !explicit) return undefined;
    if (code === 'ENOENT') {
      throw new KubeconfigError(`--kubeconfig ${path}: no such file`, {
        file: path,
        hint: 'Check the path given to --kubeconfig (it must exist; drop the flag to use KUBECONFIG or ~/.kube/config).',
      });
    }
    throw new KubeconfigError(`kubeconfig ${path} ${problem.reason}`, {
      file: path,
      hint: explicit ? 'Point --kubeconfig at a readable kubeconfig file.' : 'Fix the file, or remove it from KUBECONFIG.',
    });
  }
}
