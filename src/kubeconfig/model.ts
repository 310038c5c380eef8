// The merged kubeconfig as read from disk, before a context is chosen. Every entry remembers the
// file that defined it, so errors can name it and relative paths have already been resolved against it.

export interface KubeconfigCluster {
  name: string;
  file: string;
  server?: string;
  certificateAuthority?: string; // absolute path (resolved against `file`'s directory)
  certificateAuthorityData?: string; // decoded PEM
  insecureSkipTLSVerify: boolean;
  tlsServerName?: string;
  proxyUrl?: string;
  disableCompression: boolean;
  /** The `client.authentication.k8s.io/exec` cluster extension, passed to exec plugins with provideClusterInfo. */
  execExtension?: unknown;
}

export interface KubeconfigExec {
  apiVersion?: string;
  command?: string; // resolved against `file`'s directory when it contains a slash
  args: string[];
  env: { name: string; value: string }[];
  installHint?: string;
  provideClusterInfo: boolean;
  interactiveMode?: string;
}

export interface KubeconfigUser {
  name: string;
  file: string;
  /** Keys of the entry that kubectl does not read (a misspelling, most likely), in file order. */
  unknownKeys?: string[];
  clientCertificate?: string;
  clientCertificateData?: string;
  clientKey?: string;
  clientKeyData?: string;
  token?: string;
  tokenFile?: string;
  username?: string;
  password?: string;
  impersonate?: string;
  impersonateUid?: string;
  impersonateGroups: string[];
  impersonateExtra: Record<string, string[]>;
  authProvider?: { name: string; config: Record<string, string> };
  exec?: KubeconfigExec;
}

export interface KubeconfigContext {
  name: string;
  file: string;
  cluster: string;
  user: string;
  namespace?: string;
}

export interface LoadedKubeconfig {
  /** The files that were read, in precedence order (missing KUBECONFIG entries are not listed). */
  files: string[];
  /** Where kdeck looked, for "no configuration found" messages. */
  searched: string[];
  currentContext?: string;
  /** The file whose current-context won. */
  currentContextFile?: string;
  contexts: Map<string, KubeconfigContext>;
  clusters: Map<string, KubeconfigCluster>;
  users: Map<string, KubeconfigUser>;
}

/** One file's content, before merging. */
export interface KubeconfigFile {
  file: string;
  currentContext?: string;
  contexts: KubeconfigContext[];
  clusters: KubeconfigCluster[];
  users: KubeconfigUser[];
}
