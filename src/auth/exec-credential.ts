// Parsing and validating what an exec credential plugin prints (client.authentication.k8s.io v1 / v1beta1).
// Pure functions: the runner feeds them stdout; tests feed them strings.

export interface ExecCredentialResult {
  token?: string;
  clientCertificate?: { certPem: string; keyPem: string };
  /** ms since epoch; undefined: valid until the server answers 401. */
  expiresAt?: number;
}

export const EXEC_API_VERSIONS = ['client.authentication.k8s.io/v1', 'client.authentication.k8s.io/v1beta1'];

/** The cluster part of KUBERNETES_EXEC_INFO, with client-go's field names. */
export interface ExecClusterInfo {
  server: string;
  'tls-server-name'?: string;
  'insecure-skip-tls-verify'?: boolean;
  /** base64 of the CA PEM bundle, as client-go encodes []byte. */
  'certificate-authority-data'?: string;
  'proxy-url'?: string;
  'disable-compression'?: boolean;
  config?: unknown;
}

/** The ExecCredential object given to the plugin in KUBERNETES_EXEC_INFO. */
export function buildExecInfo(apiVersion: string, interactive: boolean, cluster?: ExecClusterInfo): string {
  const spec: Record<string, unknown> = { interactive };
  if (cluster) spec.cluster = cluster;
  return JSON.stringify({ kind: 'ExecCredential', apiVersion, spec });
}

/** Returns the credential, or a sentence saying what is wrong with the output (never quoting it: it holds secrets). */
export function parseExecCredential(stdout: string, expectedApiVersion: string): ExecCredentialResult | { problem: string } {
  let obj: unknown;
  try {
    obj = JSON.parse(stdout);
  } catch {
    const empty = stdout.trim() === '';
    return { problem: empty ? 'printed nothing on standard output (an ExecCredential JSON object was expected)' : 'printed something that is not JSON on standard output (an ExecCredential object was expected)' };
  }
  if (typeof obj !== 'object' || obj === null) return { problem: 'printed JSON that is not an ExecCredential object' };
  const o = obj as { kind?: unknown; apiVersion?: unknown; status?: Record<string, unknown> };
  if (o.kind !== 'ExecCredential') return { problem: `printed an object of kind ${JSON.stringify(o.kind)}, not ExecCredential` };
  if (o.apiVersion !== expectedApiVersion) {
    return { problem: `answered with apiVersion ${JSON.stringify(o.apiVersion)} but the kubeconfig asks for ${expectedApiVersion}` };
  }
  const status = o.status;
  if (!status || typeof status !== 'object') return { problem: 'printed an ExecCredential without a status' };
  const token = typeof status.token === 'string' && status.token !== '' ? status.token : undefined;
  const cert = typeof status.clientCertificateData === 'string' ? status.clientCertificateData : '';
  const key = typeof status.clientKeyData === 'string' ? status.clientKeyData : '';
  if (Boolean(cert) !== Boolean(key)) return { problem: 'returned only one of clientCertificateData and clientKeyData (both are needed)' };
  if (!token && !cert) return { problem: 'returned neither a token nor a client certificate and key' };
  let expiresAt: number | undefined;
  if (status.expirationTimestamp !== undefined && status.expirationTimestamp !== null && status.expirationTimestamp !== '') {
    expiresAt = typeof status.expirationTimestamp === 'string' ? Date.parse(status.expirationTimestamp) : NaN;
    if (Number.isNaN(expiresAt)) return { problem: 'returned an expirationTimestamp that is not an RFC 3339 time' };
  }
  return {
    token,
    clientCertificate: cert ? { certPem: cert, keyPem: key } : undefined,
    expiresAt,
  };
}
