// The kubeconfig corpus: each case is a set of files, an environment and kubectl-style overrides.
// corpus.test.ts resolves each with kdeck and compares with real kubectl on the same files:
// `kubectl config view --minify --flatten -o json` for what kubectl reads, and `kubectl get configmaps`
// against a recording server for what kubectl actually SENDS (credential, SNI, client cert, path).
//
// Plain http:// servers: `kubectl config view` still shows the user's token/cert, but clientcmd merges
// credentials only for TLS transports, so nothing is sent. kdeck's spec has credential {kind:'none'};
// the corpus checks that against what reached the recording server (no Authorization header).
//
// Placeholders in file contents: {{HTTPS}} / {{HTTP}} → the recording server's URL with this case's
// path prefix; {{DEAD}} → a server nobody listens on; {{CA_B64}}, {{CERT_B64}}, {{KEY_B64}} → base64 of
// the test CA and client certificate/key. Every case directory also holds ca.crt, client.crt,
// client.key and bin/plugin.sh (an exec plugin whose token is "exec:<its own path>"). A content of
// '@ca', '@cert' or '@key' is that PEM; '@symlink:TARGET' makes a symbolic link.
// Tokens and passwords contain "s3cr3t" so tests can assert that no message ever shows one.
import type { KubeconfigOverrides } from '../../src/kubeconfig/types.js';

export interface CorpusCase {
  id: string; // also the recording server path prefix
  title: string;
  files: Record<string, string>;
  /** KUBECONFIG entries relative to the case directory ('' is an empty entry); unset: KUBECONFIG unset. */
  kubeconfigEnv?: string[];
  overrides?: KubeconfigOverrides; // overrides.kubeconfig is relative to the case directory
  /** Both must refuse: kdeck's message must match; kubectl fails on `config view` or on a request. */
  refuse?: { kdeck: RegExp; kubectl: 'view' | 'request' };
  /** Extra facts kdeck's spec must have, beyond agreeing with kubectl. */
  expect?: { credentialKind?: string; tokenFileContent?: string; execCommand?: string; contextName?: string; namespace?: string };
  /** Skip the request probe (e.g. proxy-url to a proxy that does not exist, exec found via PATH). */
  noProbe?: boolean;
}

const ctx = (name: string, cluster: string, user: string, ns?: string) =>
  `- name: ${name}\n  context:\n    cluster: ${cluster}\n    user: ${user}${ns ? `\n    namespace: ${ns}` : ''}\n`;
const cluster = (name: string, body: string) => `- name: ${name}\n  cluster:\n${indent(body, 4)}\n`;
const user = (name: string, body: string) => `- name: ${name}\n  user:\n${indent(body, 4)}\n`;
const indent = (s: string, n: number) =>
  s
    .trim()
    .split('\n')
    .map((l) => ' '.repeat(n) + l)
    .join('\n');
const kc = (parts: { clusters?: string; users?: string; contexts?: string; current?: string }) =>
  `apiVersion: v1\nkind: Config\n` +
  (parts.clusters ? `clusters:\n${parts.clusters}` : '') +
  (parts.users ? `users:\n${parts.users}` : '') +
  (parts.contexts ? `contexts:\n${parts.contexts}` : '') +
  (parts.current ? `current-context: ${parts.current}\n` : '');

const httpsCA = (name = 'c1', server = '{{HTTPS}}') => cluster(name, `server: ${server}\ncertificate-authority: ca.crt`);
const tokenUser = (name = 'u1', token = 'tok-s3cr3t-1') => user(name, `token: ${token}`);
const simple = (opts: { ns?: string; current?: string } = {}) =>
  kc({ clusters: httpsCA(), users: tokenUser(), contexts: ctx('ctx1', 'c1', 'u1', opts.ns), current: opts.current ?? 'ctx1' });
// A JWT whose exp is in 2100, as kubectl's oidc provider checks expiry before sending it.
const jwt = (sub: string) =>
  [{ alg: 'none' }, { iss: 'https://issuer.example', sub, exp: 4102444800 }, 's3cr3t']
    .map((p) => Buffer.from(typeof p === 'string' ? p : JSON.stringify(p)).toString('base64url'))
    .join('.');
export const OIDC_TOKEN = jwt('oidc-user');

export const corpus: CorpusCase[] = [
  // --- single files, credential kinds ---
  { id: 'home-token', title: '~/.kube/config, CA file, token, context namespace', files: { '.kube/config': simple({ ns: 'team-a' }), '.kube/ca.crt': '@ca' } },
  {
    id: 'data-cert',
    title: 'CA data and client certificate/key data',
    files: {
      '.kube/config': kc({
        clusters: cluster('c1', 'server: {{HTTPS}}\ncertificate-authority-data: {{CA_B64}}'),
        users: user('u1', 'client-certificate-data: {{CERT_B64}}\nclient-key-data: {{KEY_B64}}'),
        contexts: ctx('ctx1', 'c1', 'u1'),
        current: 'ctx1',
      }),
    },
    expect: { credentialKind: 'none' },
  },
  {
    id: 'rel-cert-files',
    title: 'client certificate files relative to the kubeconfig directory',
    kubeconfigEnv: ['conf/kubeconfig'],
    files: {
      'conf/kubeconfig': kc({
        clusters: cluster('c1', 'server: {{HTTPS}}\ncertificate-authority: pki/ca.crt'),
        users: user('u1', 'client-certificate: pki/client.crt\nclient-key: ../client.key'),
        contexts: ctx('ctx1', 'c1', 'u1'),
        current: 'ctx1',
      }),
      'conf/pki/ca.crt': '@ca',
      'conf/pki/client.crt': '@cert',
    },
  },
  {
    id: 'basic',
    title: 'basic auth',
    files: { '.kube/config': kc({ clusters: httpsCA(), users: user('u1', 'username: alice\npassword: "0123s3cr3t"'), contexts: ctx('ctx1', 'c1', 'u1'), current: 'ctx1' }), '.kube/ca.crt': '@ca' },
    expect: { credentialKind: 'basic' },
  },
  {
    id: 'token-file-rel',
    title: 'tokenFile relative to the kubeconfig directory',
    kubeconfigEnv: ['conf/kc.yaml'],
    files: {
      'conf/kc.yaml': kc({ clusters: cluster('c1', 'server: {{HTTPS}}\ncertificate-authority: ../ca.crt'), users: user('u1', 'tokenFile: tokens/t'), contexts: ctx('ctx1', 'c1', 'u1'), current: 'ctx1' }),
      'conf/tokens/t': 'file-s3cr3t-a\n',
    },
    expect: { credentialKind: 'tokenFile', tokenFileContent: 'file-s3cr3t-a\n' },
  },
  {
    id: 'token-file-wins',
    title: 'tokenFile wins over an inline token',
    files: {
      '.kube/config': kc({ clusters: httpsCA(), users: user('u1', 'token: inline-s3cr3t\ntokenFile: tok.txt'), contexts: ctx('ctx1', 'c1', 'u1'), current: 'ctx1' }),
      '.kube/ca.crt': '@ca',
      '.kube/tok.txt': 'file-s3cr3t-b',
    },
    expect: { credentialKind: 'tokenFile', tokenFileContent: 'file-s3cr3t-b' },
  },
  {
    id: 'no-user',
    title: 'a context without a user sends no credentials',
    files: { '.kube/config': kc({ clusters: httpsCA(), contexts: '- name: ctx1\n  context:\n    cluster: c1\n', current: 'ctx1' }), '.kube/ca.crt': '@ca' },
    expect: { credentialKind: 'none' },
    // kubectl prompts for a username/password when an https context has no credentials, and fails
    // without a terminal; kdeck sends none (the server decides: anonymous or 401).
    noProbe: true,
  },
  // --- multi-file merges ---
  {
    id: 'merge-split',
    title: 'context, cluster and user in different files',
    kubeconfigEnv: ['a.yaml', 'b.yaml'],
    files: {
      'a.yaml': kc({ contexts: ctx('ctx1', 'c1', 'u1', 'merged'), users: tokenUser('u1', 'tok-s3cr3t-split'), current: 'ctx1' }),
      'b.yaml': kc({ clusters: httpsCA() }),
    },
  },
  {
    id: 'merge-first-wins',
    title: 'same cluster and user names in two files: the first file wins',
    kubeconfigEnv: ['a.yaml', 'b.yaml'],
    files: {
      'a.yaml': kc({ clusters: httpsCA(), users: tokenUser('u1', 'first-s3cr3t'), contexts: ctx('ctx1', 'c1', 'u1', 'first'), current: 'ctx1' }),
      'b.yaml': kc({ clusters: cluster('c1', 'server: {{DEAD}}'), users: tokenUser('u1', 'second-s3cr3t'), contexts: ctx('ctx1', 'c9', 'u9', 'second'), current: 'ctx1' }),
    },
    expect: { namespace: 'first' },
  },
  {
    id: 'merge-current-2nd',
    title: 'current-context comes from the second file when the first sets none',
    kubeconfigEnv: ['a.yaml', 'b.yaml'],
    files: {
      'a.yaml': kc({ clusters: httpsCA(), users: tokenUser(), contexts: ctx('ctx-a', 'c1', 'u1', 'from-a') + ctx('ctx-b', 'c1', 'u1', 'from-b') }),
      'b.yaml': kc({ current: 'ctx-b' }),
    },
    expect: { contextName: 'ctx-b', namespace: 'from-b' },
  },
  {
    id: 'merge-current-1st',
    title: 'current-context set in both files: the first wins',
    kubeconfigEnv: ['a.yaml', 'b.yaml'],
    files: {
      'a.yaml': kc({ clusters: httpsCA(), users: tokenUser(), contexts: ctx('ctx-a', 'c1', 'u1', 'from-a'), current: 'ctx-a' }),
      'b.yaml': kc({ contexts: ctx('ctx-b', 'c1', 'u1', 'from-b'), current: 'ctx-b' }),
    },
    expect: { contextName: 'ctx-a' },
  },
  {
    id: 'merge-rel-paths',
    title: 'relative paths resolve against the directory of the file that defined each entry',
    kubeconfigEnv: ['dir-a/kc', 'dir-b/kc'],
    files: {
      'dir-a/kc': kc({ clusters: cluster('c1', 'server: {{HTTPS}}\ncertificate-authority: ca-a.crt'), contexts: ctx('ctx1', 'c1', 'u1'), current: 'ctx1' }),
      'dir-a/ca-a.crt': '@ca',
      'dir-b/kc': kc({ users: user('u1', 'client-certificate: certs/me.crt\nclient-key: certs/me.key\ntokenFile: token') }),
      'dir-b/certs/me.crt': '@cert',
      'dir-b/certs/me.key': '@key',
      'dir-b/token': 'dir-b-s3cr3t',
    },
    expect: { tokenFileContent: 'dir-b-s3cr3t' },
  },
  {
    id: 'symlinked-config',
    title: 'a symlinked ~/.kube/config: relative paths resolve against the link\'s directory, not the target\'s',
    files: {
      'dotfiles/kube.yaml': kc({ clusters: cluster('c1', 'server: {{HTTPS}}\ncertificate-authority: ca.crt'), users: user('u1', 'tokenFile: token'), contexts: ctx('ctx1', 'c1', 'u1'), current: 'ctx1' }),
      'dotfiles/token': 'target-dir-s3cr3t',
      '.kube/config': '@symlink:../dotfiles/kube.yaml',
      '.kube/ca.crt': '@ca',
      '.kube/token': 'link-dir-s3cr3t',
    },
    expect: { tokenFileContent: 'link-dir-s3cr3t' },
  },
  {
    id: 'env-missing-files',
    title: 'missing files in KUBECONFIG are skipped',
    kubeconfigEnv: ['nope-1.yaml', 'real.yaml', 'nope-2/x.yaml'],
    files: { 'real.yaml': simple({ ns: 'real' }) },
  },
  {
    id: 'env-empty-entries',
    title: 'empty KUBECONFIG entries are skipped',
    kubeconfigEnv: ['', 'one.yaml', '', 'two.yaml', ''],
    files: { 'one.yaml': kc({ contexts: ctx('ctx1', 'c1', 'u1', 'one'), current: 'ctx1' }), 'two.yaml': kc({ clusters: httpsCA(), users: tokenUser() }) },
  },
  {
    id: 'env-duplicates',
    title: 'a file listed twice in KUBECONFIG is read once',
    kubeconfigEnv: ['k.yaml', 'other.yaml', 'k.yaml', './k.yaml'],
    files: { 'k.yaml': simple({ ns: 'dup' }), 'other.yaml': kc({ users: tokenUser('u1', 'other-s3cr3t'), current: 'nothing' }) },
  },
  {
    id: 'env-over-home',
    title: 'KUBECONFIG wins over ~/.kube/config',
    kubeconfigEnv: ['env.yaml'],
    files: { '.kube/config': kc({ clusters: cluster('c1', 'server: {{DEAD}}'), users: tokenUser(), contexts: ctx('home', 'c1', 'u1'), current: 'home' }), 'env.yaml': simple({ ns: 'env' }) },
  },
  {
    id: 'flag-alone',
    title: '--kubeconfig is used alone (KUBECONFIG and ~/.kube/config ignored)',
    kubeconfigEnv: ['env.yaml'],
    overrides: { kubeconfig: 'flag/explicit.yaml' },
    files: {
      'env.yaml': kc({ clusters: cluster('c1', 'server: {{DEAD}}'), users: tokenUser('u1', 'env-s3cr3t'), contexts: ctx('env', 'c1', 'u1'), current: 'env' }),
      '.kube/config': kc({ contexts: ctx('home', 'c1', 'u1'), current: 'home' }),
      'flag/explicit.yaml': kc({ clusters: cluster('c1', 'server: {{HTTPS}}\ncertificate-authority: ../ca.crt'), users: tokenUser('u1', 'flag-s3cr3t'), contexts: ctx('flag', 'c1', 'u1', 'flag-ns'), current: 'flag' }),
    },
    expect: { contextName: 'flag' },
  },
  // --- overrides ---
  {
    id: 'ovr-context',
    title: '--context picks another context',
    overrides: { context: 'other' },
    files: { '.kube/config': kc({ clusters: httpsCA() + cluster('dead', 'server: {{DEAD}}'), users: tokenUser() + tokenUser('u2', 'other-s3cr3t'), contexts: ctx('ctx1', 'dead', 'u1') + ctx('other', 'c1', 'u2', 'o-ns'), current: 'ctx1' }), '.kube/ca.crt': '@ca' },
    expect: { contextName: 'other', namespace: 'o-ns' },
  },
  {
    id: 'ovr-cluster',
    title: '--cluster replaces the context cluster',
    overrides: { cluster: 'live' },
    files: { '.kube/config': kc({ clusters: cluster('c1', 'server: {{DEAD}}') + httpsCA('live'), users: tokenUser(), contexts: ctx('ctx1', 'c1', 'u1', 'keep'), current: 'ctx1' }), '.kube/ca.crt': '@ca' },
  },
  {
    id: 'ovr-user',
    title: '--user replaces the context user',
    overrides: { user: 'admin' },
    files: { '.kube/config': kc({ clusters: httpsCA(), users: tokenUser() + user('admin', 'username: admin\npassword: adm-s3cr3t'), contexts: ctx('ctx1', 'c1', 'u1'), current: 'ctx1' }), '.kube/ca.crt': '@ca' },
    expect: { credentialKind: 'basic' },
  },
  {
    id: 'ovr-namespace',
    title: '-n wins over the context namespace',
    overrides: { namespace: 'flag-ns' },
    files: { '.kube/config': simple({ ns: 'ctx-ns' }), '.kube/ca.crt': '@ca' },
    expect: { namespace: 'flag-ns' },
  },
  {
    id: 'ovr-impersonate',
    title: '--as/--as-group win over the user\'s as/as-groups',
    overrides: { as: 'jane', asGroups: ['devs', 'ops'] },
    files: { '.kube/config': kc({ clusters: httpsCA(), users: user('u1', 'token: tok-s3cr3t\nas: bob\nas-groups: [admins]'), contexts: ctx('ctx1', 'c1', 'u1'), current: 'ctx1' }), '.kube/ca.crt': '@ca' },
  },
  {
    id: 'kc-impersonate',
    title: 'impersonation from the kubeconfig user',
    files: { '.kube/config': kc({ clusters: httpsCA(), users: user('u1', 'token: tok-s3cr3t\nas: bob\nas-groups: [admins, viewers]'), contexts: ctx('ctx1', 'c1', 'u1'), current: 'ctx1' }), '.kube/ca.crt': '@ca' },
  },
  // --- exec and auth-provider ---
  {
    id: 'exec-rel-v1',
    title: 'exec v1, command relative to the kubeconfig directory, args and env',
    kubeconfigEnv: ['conf/kc'],
    files: {
      'conf/kc': kc({
        clusters: cluster('c1', 'server: {{HTTPS}}\ncertificate-authority: ../ca.crt'),
        users: user('u1', 'exec:\n  apiVersion: client.authentication.k8s.io/v1\n  command: ../bin/plugin.sh\n  args: [client.authentication.k8s.io/v1, --region, eu]\n  env:\n  - {name: AWS_PROFILE, value: dev}\n  interactiveMode: Never\n  installHint: install the plugin'),
        contexts: ctx('ctx1', 'c1', 'u1'),
        current: 'ctx1',
      }),
    },
    expect: { credentialKind: 'exec', execCommand: 'bin/plugin.sh' },
  },
  {
    id: 'exec-v1beta1-default',
    title: 'exec v1beta1 without interactiveMode defaults to IfAvailable; provideClusterInfo',
    files: {
      '.kube/config': kc({
        clusters: httpsCA(),
        users: user('u1', 'exec:\n  apiVersion: client.authentication.k8s.io/v1beta1\n  command: ../bin/plugin.sh\n  args: [client.authentication.k8s.io/v1beta1]\n  provideClusterInfo: true'),
        contexts: ctx('ctx1', 'c1', 'u1'),
        current: 'ctx1',
      }),
      '.kube/ca.crt': '@ca',
    },
    expect: { credentialKind: 'exec', execCommand: 'bin/plugin.sh' },
  },
  {
    id: 'exec-path-name',
    title: 'exec command without a slash is looked up on PATH, not resolved',
    files: {
      '.kube/config': kc({
        clusters: httpsCA(),
        users: user('u1', 'exec:\n  apiVersion: client.authentication.k8s.io/v1\n  command: aws\n  args: [eks, get-token, --cluster-name, prod]\n  interactiveMode: IfAvailable'),
        contexts: ctx('ctx1', 'c1', 'u1'),
        current: 'ctx1',
      }),
      '.kube/ca.crt': '@ca',
    },
    expect: { credentialKind: 'exec', execCommand: 'aws' },
    noProbe: true,
  },
  {
    id: 'exec-and-token',
    title: 'exec is skipped when the user also has a token (client-go)',
    files: {
      '.kube/config': kc({
        clusters: httpsCA(),
        users: user('u1', 'token: tok-s3cr3t-x\nexec:\n  apiVersion: client.authentication.k8s.io/v1beta1\n  command: ../bin/plugin.sh\n  args: [client.authentication.k8s.io/v1beta1]'),
        contexts: ctx('ctx1', 'c1', 'u1'),
        current: 'ctx1',
      }),
      '.kube/ca.crt': '@ca',
    },
    expect: { credentialKind: 'token' },
  },
  {
    id: 'exec-and-cert',
    title: 'exec is skipped when the user also has a client certificate (client-go)',
    files: {
      '.kube/config': kc({
        clusters: httpsCA(),
        users: user('u1', 'client-certificate: ../client.crt\nclient-key: ../client.key\nexec:\n  apiVersion: client.authentication.k8s.io/v1beta1\n  command: ../bin/plugin.sh\n  args: [client.authentication.k8s.io/v1beta1]'),
        contexts: ctx('ctx1', 'c1', 'u1'),
        current: 'ctx1',
      }),
      '.kube/ca.crt': '@ca',
    },
    expect: { credentialKind: 'none' },
  },
  {
    id: 'oidc',
    title: 'legacy auth-provider oidc sends its stored id-token',
    files: {
      '.kube/config': kc({
        clusters: httpsCA(),
        users: user('u1', `auth-provider:\n  name: oidc\n  config:\n    client-id: kdeck\n    idp-issuer-url: https://issuer.example\n    id-token: ${OIDC_TOKEN}`),
        contexts: ctx('ctx1', 'c1', 'u1'),
        current: 'ctx1',
      }),
      '.kube/ca.crt': '@ca',
    },
    expect: { credentialKind: 'oidc' },
  },
  // --- transport settings ---
  {
    id: 'http-token',
    title: 'plain http server: the token is not sent',
    files: { '.kube/config': kc({ clusters: cluster('c1', 'server: {{HTTP}}'), users: tokenUser('u1', 'never-sent-s3cr3t'), contexts: ctx('ctx1', 'c1', 'u1'), current: 'ctx1' }) },
    expect: { credentialKind: 'none' },
  },
  {
    id: 'http-cert-basic',
    title: 'plain http server: client certificate and basic auth are not used',
    files: {
      '.kube/config': kc({
        clusters: cluster('c1', 'server: {{HTTP}}'),
        users: user('u1', 'client-certificate: ../client.crt\nclient-key: ../client.key\nusername: a\npassword: b-s3cr3t'),
        contexts: ctx('ctx1', 'c1', 'u1'),
        current: 'ctx1',
      }),
    },
    expect: { credentialKind: 'none' },
  },
  {
    id: 'http-no-tls-checks',
    title: 'plain http server: insecure+CA and non-PEM files are not refused (client-go checks them only for TLS)',
    files: {
      '.kube/config': kc({
        clusters: cluster('c1', 'server: {{HTTP}}\ncertificate-authority: garbage.pem\ninsecure-skip-tls-verify: true'),
        users: user('u1', 'client-certificate: garbage.pem\nclient-key: garbage.pem'),
        contexts: ctx('ctx1', 'c1', 'u1'),
        current: 'ctx1',
      }),
      '.kube/garbage.pem': 'not a certificate',
    },
    expect: { credentialKind: 'none' },
  },
  {
    id: 'insecure',
    title: 'insecure-skip-tls-verify without a CA',
    files: { '.kube/config': kc({ clusters: cluster('c1', 'server: {{HTTPS}}\ninsecure-skip-tls-verify: true'), users: tokenUser(), contexts: ctx('ctx1', 'c1', 'u1'), current: 'ctx1' }) },
  },
  {
    id: 'sni',
    title: 'tls-server-name sets SNI and the verified name',
    files: { '.kube/config': kc({ clusters: cluster('c1', 'server: {{HTTPS}}\ncertificate-authority: ca.crt\ntls-server-name: sni.kdeck.test'), users: tokenUser(), contexts: ctx('ctx1', 'c1', 'u1'), current: 'ctx1' }), '.kube/ca.crt': '@ca' },
  },
  {
    id: 'proxy-compression',
    title: 'proxy-url and disable-compression are carried',
    files: { '.kube/config': kc({ clusters: cluster('c1', 'server: {{HTTPS}}\ncertificate-authority: ca.crt\nproxy-url: http://proxy.invalid:3128\ndisable-compression: true'), users: tokenUser(), contexts: ctx('ctx1', 'c1', 'u1'), current: 'ctx1' }), '.kube/ca.crt': '@ca' },
    noProbe: true,
  },
  {
    id: 'path-prefix',
    title: 'a server URL with a path prefix',
    files: { '.kube/config': kc({ clusters: cluster('c1', 'server: {{HTTPS}}/k8s/clusters/c-42\ncertificate-authority: ca.crt'), users: tokenUser(), contexts: ctx('ctx1', 'c1', 'u1'), current: 'ctx1' }), '.kube/ca.crt': '@ca' },
  },
  {
    id: 'yaml-1-1-bool',
    title: 'YAML 1.1 booleans (yes) and flow style, as go-yaml reads them',
    files: { '.kube/config': `clusters: [{name: c1, cluster: {server: "{{HTTPS}}", insecure-skip-tls-verify: yes}}]\nusers: [{name: u1, user: {token: "tok-s3cr3t"}}]\ncontexts: [{name: ctx1, context: {cluster: c1, user: u1}}]\ncurrent-context: ctx1\n` },
  },
  // --- refused by both ---
  {
    id: 'err-ca-both',
    title: 'certificate-authority and certificate-authority-data together',
    files: { '.kube/config': kc({ clusters: cluster('c1', 'server: {{HTTPS}}\ncertificate-authority: ca.crt\ncertificate-authority-data: {{CA_B64}}'), users: tokenUser(), contexts: ctx('ctx1', 'c1', 'u1'), current: 'ctx1' }), '.kube/ca.crt': '@ca' },
    refuse: { kdeck: /cluster "c1".*config.*both certificate-authority and certificate-authority-data/, kubectl: 'request' },
  },
  {
    id: 'err-cert-both',
    title: 'client-certificate and client-certificate-data together',
    files: { '.kube/config': kc({ clusters: httpsCA(), users: user('u1', 'client-certificate: ../client.crt\nclient-certificate-data: {{CERT_B64}}\nclient-key: ../client.key'), contexts: ctx('ctx1', 'c1', 'u1'), current: 'ctx1' }), '.kube/ca.crt': '@ca' },
    refuse: { kdeck: /user "u1".*both client-certificate and client-certificate-data/, kubectl: 'request' },
  },
  {
    id: 'err-key-both',
    title: 'client-key and client-key-data together',
    files: { '.kube/config': kc({ clusters: httpsCA(), users: user('u1', 'client-certificate: ../client.crt\nclient-key-data: {{KEY_B64}}\nclient-key: ../client.key'), contexts: ctx('ctx1', 'c1', 'u1'), current: 'ctx1' }), '.kube/ca.crt': '@ca' },
    refuse: { kdeck: /user "u1".*both client-key and client-key-data/, kubectl: 'request' },
  },
  {
    id: 'err-cert-no-key',
    title: 'a client certificate without a key',
    files: { '.kube/config': kc({ clusters: httpsCA(), users: user('u1', 'client-certificate: ../client.crt'), contexts: ctx('ctx1', 'c1', 'u1'), current: 'ctx1' }), '.kube/ca.crt': '@ca' },
    refuse: { kdeck: /user "u1".*no client-key/, kubectl: 'request' },
  },
  {
    id: 'err-token-basic',
    title: 'token and basic auth together',
    files: { '.kube/config': kc({ clusters: httpsCA(), users: user('u1', 'token: t-s3cr3t\nusername: a\npassword: p-s3cr3t'), contexts: ctx('ctx1', 'c1', 'u1'), current: 'ctx1' }), '.kube/ca.crt': '@ca' },
    refuse: { kdeck: /user "u1".*both a token and a username\/password/, kubectl: 'request' },
  },
  {
    id: 'err-tokenfile-basic',
    title: 'tokenFile and basic auth together',
    files: { '.kube/config': kc({ clusters: httpsCA(), users: user('u1', 'tokenFile: tf\nusername: a\npassword: p-s3cr3t'), contexts: ctx('ctx1', 'c1', 'u1'), current: 'ctx1' }), '.kube/ca.crt': '@ca', '.kube/tf': 'tf-s3cr3t' },
    refuse: { kdeck: /user "u1".*both a token and a username\/password/, kubectl: 'request' },
  },
  {
    id: 'err-password-only',
    title: 'a password without a username (kubectl prompts for one and fails without a terminal)',
    files: { '.kube/config': kc({ clusters: httpsCA(), users: user('u1', 'password: p-s3cr3t'), contexts: ctx('ctx1', 'c1', 'u1'), current: 'ctx1' }), '.kube/ca.crt': '@ca' },
    refuse: { kdeck: /user "u1".*has a password but no username/, kubectl: 'request' },
  },
  {
    id: 'err-oidc-incomplete',
    title: 'auth-provider oidc without idp-issuer-url/client-id',
    files: { '.kube/config': kc({ clusters: httpsCA(), users: user('u1', `auth-provider:\n  name: oidc\n  config:\n    id-token: ${OIDC_TOKEN}`), contexts: ctx('ctx1', 'c1', 'u1'), current: 'ctx1' }), '.kube/ca.crt': '@ca' },
    refuse: { kdeck: /oidc has no idp-issuer-url and no client-id/, kubectl: 'request' },
  },
  {
    id: 'err-user-flag',
    title: 'a --user that does not exist',
    overrides: { user: 'ghost' },
    files: { '.kube/config': simple(), '.kube/ca.crt': '@ca' },
    refuse: { kdeck: /--user "ghost" is not defined .*Users: u1/, kubectl: 'request' },
  },
  {
    id: 'err-exec-v1-mode',
    title: 'exec v1 without interactiveMode',
    files: { '.kube/config': kc({ clusters: httpsCA(), users: user('u1', 'exec:\n  apiVersion: client.authentication.k8s.io/v1\n  command: ../bin/plugin.sh'), contexts: ctx('ctx1', 'c1', 'u1'), current: 'ctx1' }), '.kube/ca.crt': '@ca' },
    refuse: { kdeck: /user "u1".*no interactiveMode/, kubectl: 'request' },
  },
  {
    id: 'err-insecure-ca',
    title: 'insecure-skip-tls-verify together with a CA',
    files: { '.kube/config': kc({ clusters: cluster('c1', 'server: {{HTTPS}}\ncertificate-authority: ca.crt\ninsecure-skip-tls-verify: true'), users: tokenUser(), contexts: ctx('ctx1', 'c1', 'u1'), current: 'ctx1' }), '.kube/ca.crt': '@ca' },
    refuse: { kdeck: /insecure-skip-tls-verify together with a certificate authority/, kubectl: 'request' },
  },
  {
    id: 'err-missing-ca',
    title: 'a certificate-authority file that does not exist',
    files: { '.kube/config': kc({ clusters: cluster('c1', 'server: {{HTTPS}}\ncertificate-authority: nope/ca.crt'), users: tokenUser(), contexts: ctx('ctx1', 'c1', 'u1'), current: 'ctx1' }) },
    refuse: { kdeck: /cluster "c1" \(in .*config\): certificate-authority .*nope\/ca\.crt does not exist/, kubectl: 'request' },
  },
  {
    id: 'err-tilde',
    title: '~ is not expanded inside a kubeconfig',
    files: { '.kube/config': kc({ clusters: cluster('c1', 'server: {{HTTPS}}\ncertificate-authority: ~/ca.crt'), users: tokenUser(), contexts: ctx('ctx1', 'c1', 'u1'), current: 'ctx1' }) },
    refuse: { kdeck: /\.kube\/~\/ca\.crt does not exist/, kubectl: 'request' },
  },
  {
    id: 'err-token-file',
    title: 'a tokenFile that does not exist (and no inline token)',
    files: { '.kube/config': kc({ clusters: httpsCA(), users: user('u1', 'tokenFile: missing-token'), contexts: ctx('ctx1', 'c1', 'u1'), current: 'ctx1' }), '.kube/ca.crt': '@ca' },
    refuse: { kdeck: /user "u1" \(in .*\): tokenFile .*missing-token does not exist/, kubectl: 'request' },
  },
  {
    id: 'err-context-flag',
    title: 'a --context that does not exist',
    overrides: { context: 'nope' },
    files: { '.kube/config': simple(), '.kube/ca.crt': '@ca' },
    refuse: { kdeck: /--context "nope" does not exist .*Contexts: ctx1/, kubectl: 'request' },
  },
  {
    id: 'err-no-current',
    title: 'no current context (kubectl falls back to localhost:8080 and fails)',
    files: { '.kube/config': simple({ current: '' }), '.kube/ca.crt': '@ca' },
    refuse: { kdeck: /No current context .*Contexts: ctx1/, kubectl: 'request' },
  },
  {
    id: 'err-missing-user',
    title: 'a context naming a user that does not exist (kubectl view: cannot locate user)',
    files: { '.kube/config': kc({ clusters: httpsCA(), contexts: ctx('ctx1', 'c1', 'ghost'), current: 'ctx1' }), '.kube/ca.crt': '@ca' },
    refuse: { kdeck: /context "ctx1" .*names user "ghost", which is not defined/, kubectl: 'view' },
  },
  {
    id: 'err-missing-cluster',
    title: 'a context naming a cluster that does not exist',
    files: { '.kube/config': kc({ users: tokenUser(), contexts: ctx('ctx1', 'ghost', 'u1'), current: 'ctx1' }) },
    refuse: { kdeck: /context "ctx1" .*names cluster "ghost", which is not defined/, kubectl: 'request' },
  },
  {
    id: 'err-dup-names',
    title: 'the same cluster name twice in one file',
    files: { '.kube/config': kc({ clusters: httpsCA() + httpsCA(), users: tokenUser(), contexts: ctx('ctx1', 'c1', 'u1'), current: 'ctx1' }), '.kube/ca.crt': '@ca' },
    refuse: { kdeck: /the name "c1" appears twice/, kubectl: 'view' },
  },
  {
    id: 'err-yaml',
    title: 'malformed YAML (the message gives the line)',
    files: { '.kube/config': 'apiVersion: v1\nclusters:\n- name: c1\n  cluster:\n    server: https://x\n   token: bad-s3cr3t [\n' },
    refuse: { kdeck: /\.kube\/config:\d+: invalid YAML/, kubectl: 'view' },
  },
  {
    id: 'err-number-password',
    title: 'an unquoted numeric password (kubectl: cannot unmarshal number into a string field)',
    files: { '.kube/config': kc({ clusters: httpsCA(), users: user('u1', 'username: bob\npassword: 0123'), contexts: ctx('ctx1', 'c1', 'u1'), current: 'ctx1' }), '.kube/ca.crt': '@ca' },
    refuse: { kdeck: /users entry "u1": "password" must be a string, but YAML reads it as a number/, kubectl: 'view' },
  },
  {
    id: 'err-yaml11-name',
    title: 'a context named `on` unquoted is a YAML 1.1 boolean to kubectl (go-yaml v2)',
    files: { '.kube/config': kc({ clusters: httpsCA(), users: tokenUser(), contexts: ctx('on', 'c1', 'u1'), current: '"on"' }), '.kube/ca.crt': '@ca' },
    refuse: { kdeck: /contexts\[0\]: "name" must be a string, but YAML reads it as a boolean/, kubectl: 'view' },
  },
  {
    id: 'err-base64',
    title: 'certificate-authority-data that is not base64',
    files: { '.kube/config': kc({ clusters: cluster('c1', 'server: {{HTTPS}}\ncertificate-authority-data: "not*base64"'), users: tokenUser(), contexts: ctx('ctx1', 'c1', 'u1'), current: 'ctx1' }) },
    refuse: { kdeck: /"certificate-authority-data" is not valid base64/, kubectl: 'view' },
  },
  {
    id: 'err-gcp',
    title: 'the removed gcp auth-provider',
    files: { '.kube/config': kc({ clusters: httpsCA(), users: user('u1', 'auth-provider:\n  name: gcp\n  config:\n    access-token: gcp-s3cr3t'), contexts: ctx('ctx1', 'c1', 'u1'), current: 'ctx1' }), '.kube/ca.crt': '@ca' },
    refuse: { kdeck: /gcp auth-provider, which was removed/, kubectl: 'request' },
  },
  {
    id: 'err-azure',
    title: 'the removed azure auth-provider',
    files: { '.kube/config': kc({ clusters: httpsCA(), users: user('u1', 'auth-provider:\n  name: azure\n  config:\n    access-token: az-s3cr3t'), contexts: ctx('ctx1', 'c1', 'u1'), current: 'ctx1' }), '.kube/ca.crt': '@ca' },
    refuse: { kdeck: /azure auth-provider, which was removed/, kubectl: 'request' },
  },
  {
    id: 'err-flag-missing',
    title: '--kubeconfig naming a file that does not exist',
    overrides: { kubeconfig: 'nope.yaml' },
    files: { '.kube/config': simple(), '.kube/ca.crt': '@ca' },
    refuse: { kdeck: /--kubeconfig .*nope\.yaml: no such file/, kubectl: 'request' },
  },
];

/** In-cluster cases: kubectl cannot `config view` these, so each states the expected spec directly. */
export interface InClusterCase {
  id: string;
  title: string;
  env: Record<string, string>;
  saFiles: Record<string, string>; // token, ca.crt ('@ca'), namespace
  files?: Record<string, string>; // kubeconfig files in the home directory
  overrides?: KubeconfigOverrides;
  expect: { server: string; namespace: string; inCluster: boolean } | { error: RegExp };
}

export const inClusterCases: InClusterCase[] = [
  {
    id: 'ic-basic',
    title: 'service host/port, token, CA and namespace file',
    env: { KUBERNETES_SERVICE_HOST: '10.96.0.1', KUBERNETES_SERVICE_PORT: '443' },
    saFiles: { token: 'sa-s3cr3t', 'ca.crt': '@ca', namespace: 'apps\n' },
    expect: { server: 'https://10.96.0.1:443', namespace: 'apps', inCluster: true },
  },
  {
    id: 'ic-ipv6',
    title: 'an IPv6 service host goes in brackets',
    env: { KUBERNETES_SERVICE_HOST: 'fd00:10:96::1', KUBERNETES_SERVICE_PORT: '6443' },
    saFiles: { token: 'sa-s3cr3t', 'ca.crt': '@ca' },
    expect: { server: 'https://[fd00:10:96::1]:6443', namespace: 'default', inCluster: true },
  },
  {
    id: 'ic-ns-flag',
    title: '-n wins over POD_NAMESPACE and the namespace file',
    env: { KUBERNETES_SERVICE_HOST: '10.0.0.1', KUBERNETES_SERVICE_PORT: '443', POD_NAMESPACE: 'pod-ns' },
    saFiles: { token: 'sa-s3cr3t', 'ca.crt': '@ca', namespace: 'file-ns' },
    overrides: { namespace: 'flag-ns' },
    expect: { server: 'https://10.0.0.1:443', namespace: 'flag-ns', inCluster: true },
  },
  {
    id: 'ic-pod-namespace',
    title: 'POD_NAMESPACE wins over the namespace file (client-go)',
    env: { KUBERNETES_SERVICE_HOST: '10.0.0.1', KUBERNETES_SERVICE_PORT: '443', POD_NAMESPACE: 'pod-ns' },
    saFiles: { token: 'sa-s3cr3t', 'ca.crt': '@ca', namespace: 'file-ns' },
    expect: { server: 'https://10.0.0.1:443', namespace: 'pod-ns', inCluster: true },
  },
  {
    id: 'ic-kubeconfig-wins',
    title: 'a kubeconfig with a current context wins over in-cluster config',
    env: { KUBERNETES_SERVICE_HOST: '10.0.0.1', KUBERNETES_SERVICE_PORT: '443' },
    saFiles: { token: 'sa-s3cr3t', 'ca.crt': '@ca' },
    files: { '.kube/config': kc({ clusters: cluster('c1', 'server: https://kc.example:6443'), contexts: '- name: ctx1\n  context:\n    cluster: c1\n', current: 'ctx1' }) },
    expect: { server: 'https://kc.example:6443', namespace: 'default', inCluster: false },
  },
  {
    id: 'ic-empty-kubeconfig',
    title: 'a kubeconfig without a current context falls back to in-cluster (as client-go)',
    env: { KUBERNETES_SERVICE_HOST: '10.0.0.1', KUBERNETES_SERVICE_PORT: '443' },
    saFiles: { token: 'sa-s3cr3t', 'ca.crt': '@ca' },
    files: { '.kube/config': kc({ clusters: cluster('c1', 'server: https://kc.example:6443') }) },
    expect: { server: 'https://10.0.0.1:443', namespace: 'default', inCluster: true },
  },
  {
    id: 'ic-no-token',
    title: 'service variables without a mounted token: no configuration',
    env: { KUBERNETES_SERVICE_HOST: '10.0.0.1', KUBERNETES_SERVICE_PORT: '443' },
    saFiles: { 'ca.crt': '@ca' },
    expect: { error: /No Kubernetes configuration found.*service-account token/ },
  },
  {
    id: 'ic-no-port',
    title: 'only KUBERNETES_SERVICE_HOST: no configuration',
    env: { KUBERNETES_SERVICE_HOST: '10.0.0.1' },
    saFiles: { token: 'sa-s3cr3t', 'ca.crt': '@ca' },
    expect: { error: /No Kubernetes configuration found.*needs both KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT/ },
  },
];
