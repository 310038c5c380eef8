// In-cluster configuration, as client-go's InClusterConfig: KUBERNETES_SERVICE_HOST/PORT, the mounted
// service-account token (re-read by the auth layer: bound tokens rotate), ca.crt and namespace.
import { statSync } from 'node:fs';
import { FILE_LIMITS, fileProblemOf, readRegularFileSync } from '../files/read-regular-file.js';
import { join } from 'node:path';
import { KubeconfigError } from '../errors.js';
import { connectionCacheKey } from './cache-key.js';
import { parseRequestTimeout } from './request-timeout.js';
import type { ConnectionSpec, KubeconfigOverrides, LoadEnvironment } from './types.js';

export const DEFAULT_SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

export function serviceAccountDir(env: LoadEnvironment): string {
  return env.serviceAccountDir ?? DEFAULT_SERVICE_ACCOUNT_DIR;
}

/** As client-go's inClusterClientConfig.Possible(): both variables set and a token file present. */
export function inClusterPossible(env: LoadEnvironment): boolean {
  if (!env.env.KUBERNETES_SERVICE_HOST || !env.env.KUBERNETES_SERVICE_PORT) return false;
  try {
    return statSync(join(serviceAccountDir(env), 'token')).isFile();
  } catch {
    return false;
  }
}

/** Why in-cluster config was not used, for the "no configuration" message; undefined when not relevant. */
export function inClusterNote(env: LoadEnvironment): string | undefined {
  if (!env.env.KUBERNETES_SERVICE_HOST && !env.env.KUBERNETES_SERVICE_PORT) return undefined;
  if (!env.env.KUBERNETES_SERVICE_HOST || !env.env.KUBERNETES_SERVICE_PORT) {
    return 'In-cluster config needs both KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT.';
  }
  return `In-cluster config needs a service-account token at ${join(serviceAccountDir(env), 'token')} (is automountServiceAccountToken off?).`;
}

export function resolveInCluster(overrides: KubeconfigOverrides, env: LoadEnvironment): ConnectionSpec {
  const dir = serviceAccountDir(env);
  const host = env.env.KUBERNETES_SERVICE_HOST!;
  const port = env.env.KUBERNETES_SERVICE_PORT!;
  const hostPart = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  const tokenPath = join(dir, 'token');
  const caPath = join(dir, 'ca.crt');
  readServiceAccountFile(tokenPath, 'token');
  const caPem = readServiceAccountFile(caPath, 'ca.crt');
  const namespace = overrides.namespace || env.env.POD_NAMESPACE || readNamespace(dir) || 'default';
  const groups = overrides.asGroups ?? [];
  if (groups.length && !overrides.as) {
    throw new KubeconfigError('Impersonating groups needs a user to impersonate.', { hint: 'Add --as USER next to --as-group.' });
  }
  const spec: Omit<ConnectionSpec, 'cacheKey'> = {
    contextName: '',
    clusterName: 'in-cluster',
    userName: 'service-account',
    server: `https://${hostPart}:${port}`,
    namespace,
    namespaceFromFlag: !!overrides.namespace,
    tls: { caPem, caSource: caPath, insecureSkipTLSVerify: false },
    credential: { kind: 'tokenFile', path: tokenPath },
    disableCompression: false,
    impersonate: overrides.as ? { user: overrides.as, groups } : undefined,
    requestTimeoutMs: overrides.requestTimeout ? parseRequestTimeout(overrides.requestTimeout) : undefined,
    files: [],
    inCluster: true,
  };
  return { ...spec, cacheKey: connectionCacheKey(spec) };
}

function readServiceAccountFile(path: string, what: string): string {
  try {
    return readRegularFileSync(path, FILE_LIMITS.credential);
  } catch (err) {
    throw new KubeconfigError(`In-cluster config: the service-account ${what} ${path} ${fileProblemOf(err).reason}.`, {
      hint: 'Check that the pod mounts its service-account token (automountServiceAccountToken) or pass --kubeconfig.',
    });
  }
}

function readNamespace(dir: string): string | undefined {
  try {
    return readRegularFileSync(join(dir, 'namespace'), FILE_LIMITS.settings).trim() || undefined;
  } catch {
    return undefined;
  }
}
