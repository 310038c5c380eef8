// The contract between kubeconfig resolution and the layers that connect (auth, transport, doctor, UI).
// Owned by src/kubeconfig; other layers read it and never re-parse kubeconfig files.

/** Flags that change how kubeconfig is resolved, as kubectl's global flags do. */
export interface KubeconfigOverrides {
  kubeconfig?: string; // --kubeconfig: must exist, used alone
  context?: string;
  cluster?: string;
  user?: string;
  namespace?: string;
  requestTimeout?: string; // kubectl syntax: "0", "5s", "1m", bare seconds
  as?: string;
  asGroups?: string[];
}

/** Where to look: injectable so tests never touch the real home or service-account directory. */
export interface LoadEnvironment {
  env: Record<string, string | undefined>;
  homeDir: string;
  /** Default /var/run/secrets/kubernetes.io/serviceaccount. */
  serviceAccountDir?: string;
  /** Directory that relative --kubeconfig/KUBECONFIG paths are resolved against. Default process.cwd(). */
  cwd?: string;
}

export interface ExecConfig {
  apiVersion: string; // client.authentication.k8s.io/v1 or v1beta1
  command: string; // already resolved against the kubeconfig's directory when given as a relative path
  args: string[];
  env: { name: string; value: string }[];
  installHint?: string;
  provideClusterInfo: boolean;
  interactiveMode: 'Never' | 'IfAvailable' | 'Always';
  /** The cluster's `client.authentication.k8s.io/exec` extension: KUBERNETES_EXEC_INFO spec.cluster.config. */
  clusterConfig?: unknown;
}

/** How the user proves who they are. Secrets stay inside these objects; never print them. */
export type CredentialSource =
  | { kind: 'none' }
  | { kind: 'token'; token: string }
  // re-read, never cached forever (bound SA tokens rotate). fallbackToken: the user's inline `token`,
  // sent when the file cannot be read (client-go's file token source falls back the same way).
  | { kind: 'tokenFile'; path: string; fallbackToken?: string }
  | { kind: 'basic'; username: string; password: string }
  | { kind: 'exec'; exec: ExecConfig }
  | { kind: 'oidc'; idToken: string }; // legacy auth-provider oidc: its stored id-token

export interface ClientCertificate {
  certPem: string;
  keyPem: string;
  /** Where each came from, for messages: a file path or "<user>.client-certificate-data". */
  certSource: string;
  keySource: string;
}

export interface TlsSettings {
  caPem?: string; // undefined: system roots
  caSource?: string; // file path or "<cluster>.certificate-authority-data", for messages
  insecureSkipTLSVerify: boolean;
  serverName?: string; // tls-server-name: SNI and the name verified
  clientCertificate?: ClientCertificate;
}

/** Everything needed to reach one cluster as one user: the output of resolving a context. */
export interface ConnectionSpec {
  contextName: string; // "" when in-cluster
  clusterName: string;
  userName: string;
  server: string; // https://host:port[/prefix]
  namespace: string; // flag, else context, else "default" (in-cluster: the SA namespace file)
  namespaceFromFlag: boolean;
  tls: TlsSettings;
  /** Over plain http:// this is always { kind: 'none' } and no client certificate is set, as clientcmd does. */
  credential: CredentialSource;
  proxyUrl?: string; // cluster proxy-url; HTTPS_PROXY/NO_PROXY are applied by transport
  disableCompression: boolean;
  impersonate?: { user?: string; groups: string[]; uid?: string; extra?: Record<string, string[]> };
  requestTimeoutMs?: number; // undefined or 0: no timeout
  /** Kubeconfig files that were read, in order; empty when in-cluster. */
  files: string[];
  inCluster: boolean;
  /** A stable key for "same cluster + same credential": shared dispatchers and credential caches use it. */
  cacheKey: string;
}

/** A context as the context list shows it (no secrets). */
export interface ContextSummary {
  name: string;
  cluster: string;
  user: string;
  namespace?: string;
  current: boolean;
  /** The context's cluster sets insecure-skip-tls-verify: the server's identity is not checked. */
  insecure?: boolean;
}
