// Kubeconfig resolution as kubectl/client-go does it. Other layers use only this module's exports.
import { homedir } from 'node:os';
import { inClusterNote, inClusterPossible, resolveInCluster } from './in-cluster.js';
import { loadKubeconfig } from './load.js';
import type { LoadedKubeconfig } from './model.js';
import { noConfiguration, resolveConnection } from './resolve.js';
import type { ConnectionSpec, ContextSummary, KubeconfigOverrides, LoadEnvironment } from './types.js';

export { loadKubeconfig, kubeconfigCandidates } from './load.js';
export { resolveConnection } from './resolve.js';
export { resolveInCluster, inClusterPossible, DEFAULT_SERVICE_ACCOUNT_DIR } from './in-cluster.js';
export { parseRequestTimeout } from './request-timeout.js';
export type { LoadedKubeconfig, KubeconfigCluster, KubeconfigUser, KubeconfigContext, KubeconfigExec } from './model.js';
export type * from './types.js';

/**
 * Loads the files and resolves the chosen context. Falls back to in-cluster config (as client-go's
 * deferred loader does) when the kubeconfig selects nothing and the pod's service account is mounted.
 */
export function loadConnection(overrides: KubeconfigOverrides, env: LoadEnvironment): ConnectionSpec {
  const loaded = loadKubeconfig(overrides, env);
  const selected = !!(overrides.context || overrides.cluster || overrides.user);
  const empty = loaded.files.length === 0 || !loaded.currentContext;
  if (empty && !selected && inClusterPossible(env)) return resolveInCluster(overrides, env);
  if (loaded.files.length === 0) throw noConfiguration(loaded, inClusterNote(env));
  return resolveConnection(loaded, overrides, env);
}

/** Every context, sorted by name, with the file's current-context marked. */
export function listContexts(loaded: LoadedKubeconfig): ContextSummary[] {
  return [...loaded.contexts.values()]
    .map((c) => ({
      name: c.name,
      cluster: c.cluster,
      user: c.user,
      ...(c.namespace ? { namespace: c.namespace } : {}),
      current: c.name === loaded.currentContext,
      ...(loaded.clusters.get(c.cluster)?.insecureSkipTLSVerify ? { insecure: true } : {}),
    }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

export function processEnvironment(): LoadEnvironment {
  // KDECK_SERVICE_ACCOUNT_DIR points the in-cluster fallback at another service-account directory (tests, debugging).
  const serviceAccountDir = process.env.KDECK_SERVICE_ACCOUNT_DIR || undefined;
  return { env: { ...process.env }, homeDir: process.env.HOME || homedir(), cwd: process.cwd(), ...(serviceAccountDir ? { serviceAccountDir } : {}) };
}
