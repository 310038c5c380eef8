// Turns the chosen context of a merged kubeconfig into a ConnectionSpec, applying kubectl's overrides
// and refusing, with a message naming the file and entry, everything kubectl refuses (and a few things
// kubectl only fails on later, such as a context that names a missing user).
import { FILE_LIMITS, fileProblemOf, readRegularFileSync } from '../files/read-regular-file.js';
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { KubeconfigError } from '../errors.js';
import { connectionCacheKey } from './cache-key.js';
import type { KubeconfigCluster, KubeconfigContext, KubeconfigUser, LoadedKubeconfig } from './model.js';
import { USER_KEYS } from './parse-file.js';
import { parseRequestTimeout } from './request-timeout.js';
import type { ClientCertificate, ConnectionSpec, CredentialSource, ExecConfig, KubeconfigOverrides, LoadEnvironment, TlsSettings } from './types.js';

const EXEC_API_VERSIONS = ['client.authentication.k8s.io/v1', 'client.authentication.k8s.io/v1beta1'];
const INTERACTIVE_MODES = ['Never', 'IfAvailable', 'Always'] as const;

export function resolveConnection(loaded: LoadedKubeconfig, overrides: KubeconfigOverrides, _env: LoadEnvironment): ConnectionSpec {
  const context = chooseContext(loaded, overrides);
  const clusterName = overrides.cluster || context?.cluster || '';
  const userName = overrides.user || context?.user || '';
  const cluster = findCluster(loaded, clusterName, context, !!overrides.cluster);
  const user = findUser(loaded, userName, context, !!overrides.user);

  const server = normaliseServer(cluster);
  const secure = new URL(server).protocol === 'https:';
  // Validated (and files read) even over http://, as kubectl's ConfirmUsable does; used only over TLS.
  const tls = resolveTls(cluster, user, secure);
  const credential = user ? resolveCredential(user, !!tls.clientCertificate) : { kind: 'none' as const };
  if (user && secure && credential.kind === 'none' && !tls.clientCertificate && user.unknownKeys?.length) refuseUnreadKeys(user);
  if (credential.kind === 'exec' && cluster.execExtension !== undefined) credential.exec.clusterConfig = cluster.execExtension;

  const spec: Omit<ConnectionSpec, 'cacheKey'> = {
    contextName: context?.name ?? '',
    clusterName,
    userName,
    server,
    namespace: overrides.namespace || context?.namespace || 'default',
    namespaceFromFlag: !!overrides.namespace,
    tls: secure ? tls : { insecureSkipTLSVerify: false },
    // clientcmd merges credentials only for TLS transports: over http:// nothing is sent.
    credential: secure ? credential : { kind: 'none' },
    proxyUrl: checkProxyUrl(cluster),
    disableCompression: cluster.disableCompression,
    impersonate: resolveImpersonation(user, overrides),
    requestTimeoutMs: overrides.requestTimeout ? parseRequestTimeout(overrides.requestTimeout) : undefined,
    files: loaded.files,
    inCluster: false,
  };
  return { ...spec, cacheKey: connectionCacheKey(spec) };
}

function fileList(loaded: LoadedKubeconfig): string {
  return loaded.files.length === 1 ? loaded.files[0] : loaded.files.join(', ');
}

function contextNames(loaded: LoadedKubeconfig): string {
  const names = [...loaded.contexts.keys()].sort();
  return names.length ? names.join(', ') : '(none)';
}

function chooseContext(loaded: LoadedKubeconfig, overrides: KubeconfigOverrides): KubeconfigContext | undefined {
  if (loaded.files.length === 0) throw noConfiguration(loaded);
  const name = overrides.context || loaded.currentContext;
  if (!name) {
    if (overrides.cluster) return undefined; // kubectl can run with --cluster alone
    if (loaded.contexts.size === 0) {
      throw new KubeconfigError(`No contexts are defined in ${fileList(loaded)}.`, {
        file: loaded.files[0],
        hint: 'Add a context (kubectl config set-context NAME --cluster=C --user=U), or get a kubeconfig from your cluster provider.',
      });
    }
    throw new KubeconfigError(`No current context is set in ${fileList(loaded)}, and no --context was given. Contexts: ${contextNames(loaded)}.`, {
      file: loaded.files[0],
      hint: 'Choose one with --context NAME, or set a default with: kubectl config use-context NAME',
    });
  }
  const context = loaded.contexts.get(name);
  if (!context) {
    const from = overrides.context ? `--context "${name}"` : `current-context "${name}" (set in ${loaded.currentContextFile})`;
    throw new KubeconfigError(`${from} does not exist in ${fileList(loaded)}. Contexts: ${contextNames(loaded)}.`, {
      file: overrides.context ? loaded.files[0] : loaded.currentContextFile,
      hint: overrides.context
        ? 'Use one of the contexts listed (kubectl config get-contexts shows them).'
        : 'Choose an existing one with --context NAME or kubectl config use-context NAME.',
    });
  }
  return context;
}

function findCluster(loaded: LoadedKubeconfig, name: string, context: KubeconfigContext | undefined, fromFlag: boolean): KubeconfigCluster {
  if (!name) {
    throw new KubeconfigError(`context "${context?.name}" (in ${context?.file}) names no cluster.`, {
      file: context?.file,
      hint: `Set one: kubectl config set-context ${context?.name} --cluster=CLUSTER`,
    });
  }
  const cluster = loaded.clusters.get(name);
  if (!cluster) {
    const who = fromFlag ? `--cluster "${name}"` : `context "${context?.name}" (in ${context?.file}) names cluster "${name}", which`;
    const clusters = [...loaded.clusters.keys()].sort().join(', ') || '(none)';
    throw new KubeconfigError(`${who} is not defined in ${fileList(loaded)}. Clusters: ${clusters}.`, {
      file: fromFlag ? loaded.files[0] : context?.file,
      hint: fromFlag ? 'Use one of the clusters listed.' : `Add cluster "${name}" to a kubeconfig file, or point the context at an existing cluster.`,
    });
  }
  if (!cluster.server) {
    throw new KubeconfigError(`cluster "${name}" (in ${cluster.file}) has no server.`, {
      file: cluster.file,
      hint: `Set it: kubectl config set-cluster ${name} --server=https://HOST:PORT`,
    });
  }
  return cluster;
}

/** A context without a user is allowed (no credentials); a user name that is not defined is an error. */
function findUser(loaded: LoadedKubeconfig, name: string, context: KubeconfigContext | undefined, fromFlag: boolean): KubeconfigUser | undefined {
  if (!name) return undefined;
  const user = loaded.users.get(name);
  if (!user) {
    const who = fromFlag ? `--user "${name}"` : `context "${context?.name}" (in ${context?.file}) names user "${name}", which`;
    const users = [...loaded.users.keys()].sort().join(', ') || '(none)';
    throw new KubeconfigError(`${who} is not defined in ${fileList(loaded)}. Users: ${users}.`, {
      file: fromFlag ? loaded.files[0] : context?.file,
      hint: fromFlag ? 'Use one of the users listed.' : `Add user "${name}" to a kubeconfig file, or point the context at an existing user.`,
    });
  }
  return user;
}

/** client-go treats a server without a scheme as plain http ("host:port" → http://host:port). */
function normaliseServer(cluster: KubeconfigCluster): string {
  const raw = cluster.server!.trim();
  const withScheme = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.test(raw) ? raw : `http://${raw}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw badServer(cluster, 'is not a URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw badServer(cluster, `uses scheme "${url.protocol.slice(0, -1)}" (only https and http work)`);
  url.search = '';
  url.hash = '';
  return url.toString().replace(/\/+$/, '');
}

function badServer(cluster: KubeconfigCluster, why: string): KubeconfigError {
  // A server URL may carry user:password@; never echo that part.
  const shown = (cluster.server ?? '').replace(/\/\/[^/@]*@/, '//***@');
  return new KubeconfigError(`cluster "${cluster.name}" (in ${cluster.file}): server "${shown}" ${why}.`, {
    file: cluster.file,
    hint: `Set it to the API server's URL: kubectl config set-cluster ${cluster.name} --server=https://HOST:PORT`,
  });
}

function checkProxyUrl(cluster: KubeconfigCluster): string | undefined {
  if (!cluster.proxyUrl) return undefined;
  let scheme = '';
  try {
    scheme = new URL(cluster.proxyUrl).protocol.slice(0, -1);
  } catch {
    scheme = '';
  }
  if (!['http', 'https', 'socks5'].includes(scheme)) {
    throw new KubeconfigError(`cluster "${cluster.name}" (in ${cluster.file}): proxy-url is not an http, https or socks5 URL.`, {
      file: cluster.file,
      hint: 'Set proxy-url to e.g. http://proxy.example:3128, or remove it (kubectl refuses it too).',
    });
  }
  return cluster.proxyUrl;
}

/** Reads a file named by the kubeconfig now, so a missing one is reported before any connection. */
function readReferencedFile(path: string, owner: string, file: string, key: string): string {
  try {
    return readRegularFileSync(path, FILE_LIMITS.credential);
  } catch (err) {
    throw new KubeconfigError(`${owner} (in ${file}): ${key} ${path} ${fileProblemOf(err).reason}.`, {
      file,
      hint: `Fix the path in "${key}" (relative paths are relative to ${file}'s directory; ~ is not expanded).`,
    });
  }
}

function bothSet(owner: string, file: string, pathKey: string, dataKey: string, kubectlSays: string): KubeconfigError {
  return new KubeconfigError(`${owner} (in ${file}) sets both ${pathKey} and ${dataKey}; kubectl refuses this ("${kubectlSays}").`, {
    file,
    hint: `Keep only one of ${pathKey} and ${dataKey}.`,
  });
}

/**
 * `secure` false (http://): only what clientcmd validates for every transport (conflicting keys, files
 * that cannot be read); PEM contents and insecure+CA are checked only when TLS will use them, as in client-go.
 */
function resolveTls(cluster: KubeconfigCluster, user: KubeconfigUser | undefined, secure: boolean): TlsSettings {
  const owner = `cluster "${cluster.name}"`;
  const tls: TlsSettings = { insecureSkipTLSVerify: cluster.insecureSkipTLSVerify, serverName: cluster.tlsServerName };
  if (cluster.certificateAuthority && cluster.certificateAuthorityData) {
    throw bothSet(owner, cluster.file, 'certificate-authority', 'certificate-authority-data',
      `certificate-authority-data and certificate-authority are both specified for ${cluster.name}. certificate-authority-data will override.`);
  }
  if (cluster.certificateAuthority) {
    tls.caPem = readReferencedFile(cluster.certificateAuthority, owner, cluster.file, 'certificate-authority');
    tls.caSource = cluster.certificateAuthority;
  } else if (cluster.certificateAuthorityData) {
    tls.caPem = cluster.certificateAuthorityData;
    tls.caSource = `${cluster.name}.certificate-authority-data`;
  }
  if (tls.caPem !== undefined && secure) {
    if (tls.insecureSkipTLSVerify) {
      throw new KubeconfigError(`${owner} (in ${cluster.file}) sets insecure-skip-tls-verify together with a certificate authority; kubectl refuses this ("specifying a root certificates file with the insecure flag is not allowed").`, {
        file: cluster.file,
        hint: 'Remove insecure-skip-tls-verify (preferred), or remove certificate-authority/-data.',
      });
    }
    checkCertificates(tls.caPem, `${owner} (in ${cluster.file}): ${tls.caSource}`);
  }
  if (user) tls.clientCertificate = resolveClientCertificate(user, secure);
  return tls;
}

function checkCertificates(pem: string, what: string): void {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  const ok = blocks.some((b) => {
    try {
      new X509Certificate(b);
      return true;
    } catch {
      return false;
    }
  });
  if (!ok) {
    throw new KubeconfigError(`${what} holds no PEM certificate.`, {
      hint: 'It must contain "-----BEGIN CERTIFICATE-----" blocks (a *-data key holds them base64-encoded).',
    });
  }
}

function resolveClientCertificate(user: KubeconfigUser, secure: boolean): ClientCertificate | undefined {
  const owner = `user "${user.name}"`;
  const hasCert = !!(user.clientCertificate || user.clientCertificateData);
  if (user.clientCertificate && user.clientCertificateData) {
    throw bothSet(owner, user.file, 'client-certificate', 'client-certificate-data',
      `client-cert-data and client-cert are both specified for ${user.name}. client-cert-data will override.`);
  }
  if (user.clientKey && user.clientKeyData) {
    throw bothSet(owner, user.file, 'client-key', 'client-key-data',
      `client-key-data and client-key are both specified for ${user.name}; client-key-data will override`);
  }
  if (!hasCert) return undefined; // a key alone is ignored, as client-go does
  if (!user.clientKey && !user.clientKeyData) {
    throw new KubeconfigError(`${owner} (in ${user.file}) has a client certificate but no client-key or client-key-data.`, {
      file: user.file,
      hint: 'Add the private key that belongs to the certificate (kubectl refuses this too).',
    });
  }
  const certPem = user.clientCertificate
    ? readReferencedFile(user.clientCertificate, owner, user.file, 'client-certificate')
    : user.clientCertificateData!;
  const keyPem = user.clientKey ? readReferencedFile(user.clientKey, owner, user.file, 'client-key') : user.clientKeyData!;
  const certSource = user.clientCertificate ?? `${user.name}.client-certificate-data`;
  const keySource = user.clientKey ?? `${user.name}.client-key-data`;
  if (secure) checkKeyPair(certPem, keyPem, `${owner} (in ${user.file})`, certSource, keySource);
  return { certPem, keyPem, certSource, keySource };
}

function checkKeyPair(certPem: string, keyPem: string, owner: string, certSource: string, keySource: string): void {
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(certPem);
  } catch {
    throw new KubeconfigError(`${owner}: ${certSource} is not a PEM certificate.`, { hint: 'It must contain a "-----BEGIN CERTIFICATE-----" block.' });
  }
  let matches = false;
  try {
    matches = cert.checkPrivateKey(createPrivateKey(keyPem));
  } catch {
    throw new KubeconfigError(`${owner}: ${keySource} is not a usable PEM private key.`, {
      hint: 'It must contain an unencrypted "-----BEGIN ... PRIVATE KEY-----" block.',
    });
  }
  if (!matches) {
    throw new KubeconfigError(`${owner}: the private key ${keySource} does not belong to the certificate ${certSource}.`, {
      hint: 'Use the key that was generated with this certificate (kubectl fails with "private key does not match public key").',
    });
  }
}

/**
 * kubectl ignores keys it does not know; a user left without credentials that way gets kubectl's username/password
 * prompt, which fails without a terminal ("Please enter Username: error: EOF"). kdeck does not prompt: it refuses,
 * naming the key kubectl skipped, instead of connecting anonymously.
 */
function refuseUnreadKeys(user: KubeconfigUser): never {
  const keys = user.unknownKeys!;
  const described = keys.map((k) => {
    const near = closestKey(k, USER_KEYS);
    return `"${k}"${near ? ` (did you mean "${near}"?)` : ''}`;
  });
  throw new KubeconfigError(
    `user "${user.name}" (in ${user.file}) has no credentials kubectl can use: ${described.join(', ')} ${keys.length === 1 ? 'is not a key' : 'are not keys'} kubectl reads, so kubectl asks for a username and password here (and fails without a terminal).`,
    { file: user.file, hint: `Correct the key name under user "${user.name}" (kubectl reads: ${USER_KEYS.join(', ')}).` },
  );
}

/** The known key within two edits of `key` (case-insensitive), if one is. */
function closestKey(key: string, known: string[]): string | undefined {
  let best: string | undefined;
  let bestD = 3;
  for (const k of known) {
    const d = editDistance(key.toLowerCase(), k.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = k;
    }
  }
  return best;
}

/** Edit distance, counting a swap of two neighbours ("tokne" → "token") as one edit. */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

function resolveCredential(user: KubeconfigUser, hasClientCertificate: boolean): CredentialSource {
  const owner = `user "${user.name}" (in ${user.file})`;
  const hasToken = !!(user.token || user.tokenFile);
  const hasBasic = !!(user.username || user.password);
  if (user.password && !user.username) {
    // kubectl would prompt for the username on a terminal and fail without one.
    throw new KubeconfigError(`${owner} has a password but no username.`, {
      file: user.file,
      hint: `Add "username:" to user "${user.name}", or remove the password.`,
    });
  }
  if (hasToken && hasBasic) {
    throw new KubeconfigError(`${owner} has both a token and a username/password; kubectl refuses this ("more than one authentication method found for ${user.name}; found [token basicAuth], only one is allowed").`, {
      file: user.file,
      hint: 'Keep only one way to log in.',
    });
  }
  const exec = user.exec ? resolveExec(user) : undefined;
  if (exec && user.authProvider) {
    throw new KubeconfigError(`${owner} has both exec and auth-provider; kubectl refuses this.`, {
      file: user.file,
      hint: 'Remove the auth-provider block (exec plugins replace it).',
    });
  }
  const provider = user.authProvider ? resolveAuthProvider(user, hasToken || hasBasic) : undefined;
  if (user.tokenFile) {
    // The file wins over an inline token; without an inline token it must be readable now (kubectl reads it up front).
    if (!user.token) readReferencedFile(user.tokenFile, `user "${user.name}"`, user.file, 'tokenFile');
    return { kind: 'tokenFile', path: user.tokenFile, ...(user.token ? { fallbackToken: user.token } : {}) };
  }
  if (user.token) return { kind: 'token', token: user.token };
  if (hasBasic) return { kind: 'basic', username: user.username ?? '', password: user.password ?? '' };
  // client-go skips the exec plugin when a token, basic auth or a client certificate is already configured.
  if (exec && !hasClientCertificate) return { kind: 'exec', exec };
  if (provider) return provider;
  return { kind: 'none' };
}

function resolveExec(user: KubeconfigUser): ExecConfig {
  const exec = user.exec!;
  const owner = `user "${user.name}" (in ${user.file})`;
  const fail = (what: string, hint: string): never => {
    throw new KubeconfigError(`${owner}: exec ${what}.`, { file: user.file, hint });
  };
  if (!exec.command) fail('has no command', 'Set exec.command to the credential plugin (e.g. aws, gke-gcloud-auth-plugin, kubelogin).');
  if (!exec.apiVersion) fail('has no apiVersion', 'Set exec.apiVersion to client.authentication.k8s.io/v1 (or v1beta1).');
  if (!EXEC_API_VERSIONS.includes(exec.apiVersion!)) {
    fail(`apiVersion "${exec.apiVersion}" is not supported`, 'Use client.authentication.k8s.io/v1 or client.authentication.k8s.io/v1beta1 (v1alpha1 was removed in Kubernetes 1.24).');
  }
  if (exec.env.some((e) => !e.name)) fail('has an env entry without a name', 'Give every exec.env entry a name.');
  let mode = exec.interactiveMode;
  if (!mode) {
    // client-go defaults v1beta1 to IfAvailable; v1 requires it to be set.
    if (exec.apiVersion === 'client.authentication.k8s.io/v1beta1') mode = 'IfAvailable';
    else fail('has no interactiveMode (required for client.authentication.k8s.io/v1)', 'Add interactiveMode: IfAvailable (or Never / Always) under exec.');
  }
  if (!INTERACTIVE_MODES.includes(mode as (typeof INTERACTIVE_MODES)[number])) {
    fail(`interactiveMode "${mode}" is not valid`, 'Use Never, IfAvailable or Always.');
  }
  return {
    apiVersion: exec.apiVersion!,
    command: exec.command!,
    args: exec.args,
    env: exec.env,
    installHint: exec.installHint,
    provideClusterInfo: exec.provideClusterInfo,
    interactiveMode: mode as ExecConfig['interactiveMode'],
  };
}

function resolveAuthProvider(user: KubeconfigUser, hasOtherCredential: boolean): CredentialSource | undefined {
  const provider = user.authProvider!;
  const owner = `user "${user.name}" (in ${user.file})`;
  if (provider.name === 'gcp') {
    throw new KubeconfigError(`${owner} uses the gcp auth-provider, which was removed from kubectl and client-go (Kubernetes 1.26).`, {
      file: user.file,
      hint: 'Install gke-gcloud-auth-plugin (gcloud components install gke-gcloud-auth-plugin) and re-run: gcloud container clusters get-credentials CLUSTER',
    });
  }
  if (provider.name === 'azure') {
    throw new KubeconfigError(`${owner} uses the azure auth-provider, which was removed from kubectl and client-go (Kubernetes 1.26).`, {
      file: user.file,
      hint: 'Install kubelogin (az aks install-cli) and convert the kubeconfig: kubelogin convert-kubeconfig -l azurecli',
    });
  }
  if (provider.name !== 'oidc') {
    throw new KubeconfigError(`${owner} uses auth-provider "${provider.name}", which kubectl does not know.`, {
      file: user.file,
      hint: 'Replace it with an exec credential plugin from your cluster provider.',
    });
  }
  const missing = ['idp-issuer-url', 'client-id'].filter((key) => !provider.config[key]);
  if (missing.length) {
    throw new KubeconfigError(`${owner}: auth-provider oidc has no ${missing.join(' and no ')}; kubectl refuses this ("Must provide ${missing[0]}").`, {
      file: user.file,
      hint: 'Add the missing keys under auth-provider.config, or switch to an exec plugin such as kubelogin (kubectl oidc-login).',
    });
  }
  if (hasOtherCredential) return undefined; // a token or basic auth already fills the Authorization header
  const idToken = provider.config['id-token'];
  if (!idToken) {
    throw new KubeconfigError(`${owner}: auth-provider oidc has no id-token${provider.config['refresh-token'] ? ' (kdeck does not refresh OIDC tokens)' : ''}.`, {
      file: user.file,
      hint: 'Log in again with your OIDC tool to store a fresh id-token, or switch to an exec plugin such as kubelogin (kubectl oidc-login).',
    });
  }
  return { kind: 'oidc', idToken };
}

function resolveImpersonation(user: KubeconfigUser | undefined, overrides: KubeconfigOverrides): ConnectionSpec['impersonate'] {
  const name = overrides.as || user?.impersonate;
  const groups = overrides.asGroups?.length ? overrides.asGroups : (user?.impersonateGroups ?? []);
  const uid = user?.impersonateUid;
  const extra = user && Object.keys(user.impersonateExtra).length ? user.impersonateExtra : undefined;
  if (!name && !groups.length && !uid && !extra) return undefined;
  if (!name) {
    throw new KubeconfigError(`Impersonating groups${uid ? ', a uid' : ''}${extra ? ' or extra fields' : ''} needs a user to impersonate.`, {
      file: user?.file,
      hint: 'Add --as USER (or "as:" in the kubeconfig user) next to --as-group.',
    });
  }
  return { user: name, groups, ...(uid ? { uid } : {}), ...(extra ? { extra } : {}) };
}

/** No kubeconfig file was found (and in-cluster config is not possible). */
export function noConfiguration(loaded: Pick<LoadedKubeconfig, 'searched'>, inClusterNote?: string): KubeconfigError {
  const where = loaded.searched.length ? loaded.searched.join(', ') : 'KUBECONFIG (only empty entries)';
  return new KubeconfigError(`No Kubernetes configuration found: looked for ${where}.${inClusterNote ? ` ${inClusterNote}` : ''}`, {
    hint:
      'Create a kubeconfig with your cluster tool (e.g. kind create cluster, minikube start, aws eks update-kubeconfig, ' +
      'gcloud container clusters get-credentials, az aks get-credentials), point KUBECONFIG or --kubeconfig at one, or try kdeck --demo.',
  });
}
