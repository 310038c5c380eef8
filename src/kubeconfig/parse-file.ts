// Turns one kubeconfig file's text into entries, refusing what kubectl refuses when loading a file
// (bad YAML, wrong kind, duplicate names in one list, invalid base64) with messages that name the
// file and entry but never quote a value.
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { KubeconfigError } from '../errors.js';
import type { KubeconfigCluster, KubeconfigContext, KubeconfigExec, KubeconfigFile, KubeconfigUser } from './model.js';
import { FieldReader, isNullTree, isObjectTree, parseYamlTree, treeToPlain } from './yaml-tree.js';

const EXEC_CLUSTER_EXTENSION = 'client.authentication.k8s.io/exec';

export function parseKubeconfigText(text: string, file: string): KubeconfigFile {
  const empty: KubeconfigFile = { file, contexts: [], clusters: [], users: [] };
  if (text.trim() === '') return empty; // kubectl treats an empty file as an empty config
  const tree = parseYamlTree(text, file);
  if (isNullTree(tree)) return empty;
  if (!isObjectTree(tree)) {
    throw new KubeconfigError(`${file}: not a kubeconfig: the top level must be a mapping (apiVersion, kind, clusters, users, contexts)`, {
      file,
      hint: `Check that ${file} is a kubeconfig file, or remove it from KUBECONFIG.`,
    });
  }
  const top = new FieldReader(file, 'top level', tree);
  const kind = top.string('kind');
  const apiVersion = top.string('apiVersion');
  if ((kind && kind !== 'Config') || (apiVersion && apiVersion !== 'v1')) {
    throw new KubeconfigError(`${file}: not a kubeconfig: it says kind "${kind ?? ''}", apiVersion "${apiVersion ?? ''}" (expected kind Config, apiVersion v1)`, {
      file,
      hint: `Point --kubeconfig/KUBECONFIG at a kubeconfig file (kind: Config).`,
    });
  }
  const base = dirname(resolve(file));
  return {
    file,
    currentContext: nonEmpty(top.string('current-context')),
    clusters: namedEntries(top, 'clusters', 'cluster', (r, name) => readCluster(r, name, file, base)),
    users: namedEntries(top, 'users', 'user', (r, name) => readUser(r, name, file, base)),
    contexts: namedEntries(top, 'contexts', 'context', (r, name) => readContext(r, name, file)),
  };
}

/** Reads `- name: X\n  <field>: {...}` lists; a name twice in one list is an error, as in kubectl. */
function namedEntries<T>(top: FieldReader, listKey: string, field: string, read: (r: FieldReader, name: string) => T): T[] {
  const seen = new Set<string>();
  return top.list(listKey).flatMap((item, i) => {
    if (isNullTree(item)) return [];
    if (!isObjectTree(item)) {
      throw new KubeconfigError(`${top.file}: ${listKey}[${i}] must be a mapping with "name" and "${field}"`, { file: top.file });
    }
    const entry = new FieldReader(top.file, `${listKey}[${i}]`, item);
    const name = entry.string('name') ?? '';
    if (seen.has(name)) {
      throw new KubeconfigError(`${top.file}: ${listKey}: the name "${name}" appears twice in this file`, {
        file: top.file,
        hint: `Rename or delete one of the "${name}" entries under ${listKey} (kubectl refuses this file too).`,
      });
    }
    seen.add(name);
    const where = `${listKey} entry "${name}"`;
    const body = entry.object(field) ?? {};
    return [read(new FieldReader(top.file, where, body), name)];
  });
}

function readCluster(r: FieldReader, name: string, file: string, base: string): KubeconfigCluster {
  const extensions = r.list('extensions');
  let execExtension: unknown;
  for (const ext of extensions) {
    if (isObjectTree(ext) && treeToPlain(ext.name ?? null) === EXEC_CLUSTER_EXTENSION) execExtension = treeToPlain(ext.extension ?? null);
  }
  return {
    name,
    file,
    server: nonEmpty(r.string('server')),
    certificateAuthority: resolvePath(r.string('certificate-authority'), base),
    certificateAuthorityData: decodeData(r, 'certificate-authority-data'),
    insecureSkipTLSVerify: r.bool('insecure-skip-tls-verify'),
    tlsServerName: nonEmpty(r.string('tls-server-name')),
    proxyUrl: nonEmpty(r.string('proxy-url')),
    disableCompression: r.bool('disable-compression'),
    execExtension,
  };
}

/** The keys of a users[].user entry that kubectl reads (client-go's AuthInfo); any other key is ignored by kubectl. */
export const USER_KEYS = [
  'client-certificate', 'client-certificate-data', 'client-key', 'client-key-data', 'token', 'tokenFile', 'as', 'as-uid',
  'as-groups', 'as-user-extra', 'username', 'password', 'auth-provider', 'exec', 'extensions',
];
const KNOWN_USER_KEYS = new Set(USER_KEYS);

function readUser(r: FieldReader, name: string, file: string, base: string): KubeconfigUser {
  const providerReader = r.child('auth-provider', `users entry "${name}": auth-provider`);
  let authProvider: KubeconfigUser['authProvider'];
  if (providerReader) {
    const config: Record<string, string> = {};
    const cfg = providerReader.child('config', `users entry "${name}": auth-provider.config`);
    if (cfg) for (const key of Object.keys(cfg.obj)) config[key] = cfg.string(key) ?? '';
    authProvider = { name: providerReader.string('name') ?? '', config };
  }
  const extra: Record<string, string[]> = {};
  const extraReader = r.child('as-user-extra', `users entry "${name}": as-user-extra`);
  if (extraReader) for (const key of Object.keys(extraReader.obj)) extra[key] = extraReader.stringList(key);
  const execReader = r.child('exec', `users entry "${name}": exec`);
  const unknownKeys = Object.keys(r.obj).filter((k) => !KNOWN_USER_KEYS.has(k));
  return {
    name,
    file,
    ...(unknownKeys.length ? { unknownKeys } : {}),
    clientCertificate: resolvePath(r.string('client-certificate'), base),
    clientCertificateData: decodeData(r, 'client-certificate-data'),
    clientKey: resolvePath(r.string('client-key'), base),
    clientKeyData: decodeData(r, 'client-key-data'),
    token: nonEmpty(r.string('token')),
    tokenFile: resolvePath(r.string('tokenFile'), base),
    username: nonEmpty(r.string('username')),
    password: nonEmpty(r.string('password')),
    impersonate: nonEmpty(r.string('as')),
    impersonateUid: nonEmpty(r.string('as-uid')),
    impersonateGroups: r.stringList('as-groups'),
    impersonateExtra: extra,
    authProvider,
    exec: execReader ? readExec(execReader, base) : undefined,
  };
}

function readExec(r: FieldReader, base: string): KubeconfigExec {
  const command = nonEmpty(r.string('command'));
  const env = r.list('env').flatMap((item, i): { name: string; value: string }[] => {
    if (isNullTree(item)) return [];
    if (!isObjectTree(item)) throw new KubeconfigError(`${r.file}: ${r.where}: env[${i}] must be a mapping with name and value`, { file: r.file });
    const e = new FieldReader(r.file, `${r.where}: env[${i}]`, item);
    return [{ name: e.string('name') ?? '', value: e.string('value') ?? '' }];
  });
  return {
    apiVersion: nonEmpty(r.string('apiVersion')),
    // client-go resolves the command only when it is a path ("./bin/x"), never a bare name found on PATH.
    command: command && command.includes('/') ? resolvePath(command, base) : command,
    args: r.stringList('args'),
    env,
    installHint: nonEmpty(r.string('installHint')),
    provideClusterInfo: r.bool('provideClusterInfo'),
    interactiveMode: nonEmpty(r.string('interactiveMode')),
  };
}

function readContext(r: FieldReader, name: string, file: string): KubeconfigContext {
  return {
    name,
    file,
    cluster: r.string('cluster') ?? '',
    user: r.string('user') ?? '',
    namespace: nonEmpty(r.string('namespace')),
  };
}

function nonEmpty(s: string | undefined): string | undefined {
  return s === undefined || s === '' ? undefined : s;
}

/** Relative to the defining file's directory; `~` is deliberately not expanded (client-go does not). */
function resolvePath(p: string | undefined, base: string): string | undefined {
  if (!p) return undefined;
  return isAbsolute(p) ? p : join(base, p);
}

/** Go's base64.StdEncoding as encoding/json uses it: padding required, newlines ignored. */
function decodeData(r: FieldReader, key: string): string | undefined {
  const raw = r.string(key);
  if (!raw) return undefined;
  const compact = raw.replace(/[\r\n]/g, '');
  if (compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) {
    throw new KubeconfigError(`${r.file}: ${r.where}: "${key}" is not valid base64`, {
      file: r.file,
      hint: `"${key}" holds the base64 of a PEM file: regenerate it with \`base64 -w0 FILE\` (kubectl refuses this file too).`,
    });
  }
  return Buffer.from(compact, 'base64').toString('utf8');
}

