// Turns what undici/node throw and what the server answers into kdeck's typed errors, each naming the step that
// failed and how to fix it. Messages quote kubectl's wording ("x509: certificate signed by unknown authority",
// "You must be logged in to the server") so users can search for them.
import { ApiStatusError, ConnectionError, KdeckError, TlsError, type Status } from '../errors.js';
import type { ConnectionSpec } from '../kubeconfig/types.js';
import { redactSecrets } from '../auth/redact.js';
import { redactProxyUrl } from './proxy.js';
import { sanitize } from '../text/sanitize.js';
import { createRequire } from 'node:module';

// require, not an ESM import: importing node:http as a module builds its ESM facade, which loads Node's bundled
// undici (its WebSocket and fetch getters), about 80 ms of CPU at start-up for one table of reason phrases.
const { STATUS_CODES } = createRequire(import.meta.url)('node:http') as typeof import('node:http');

const UNKNOWN_AUTHORITY = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'SELF_SIGNED_CERT_IN_CHAIN', 'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_GET_ISSUER_CERT', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'CERT_UNTRUSTED', 'CERT_SIGNATURE_FAILURE',
]);

/** The first error code found on an error, its cause, or (for happy-eyeballs AggregateErrors) its members. */
export function errorCode(err: unknown, depth = 0): string | undefined {
  if (!err || typeof err !== 'object' || depth > 4) return undefined;
  const e = err as { code?: unknown; cause?: unknown; errors?: unknown[] };
  if (typeof e.code === 'string' && e.code !== 'UND_ERR_SOCKET' && e.code !== 'UND_ERR') return e.code;
  return errorCode(e.cause, depth + 1) ?? (Array.isArray(e.errors) ? errorCode(e.errors[0], depth + 1) : undefined)
    ?? (typeof e.code === 'string' ? e.code : undefined);
}

function errorText(err: unknown): string {
  const parts: string[] = [];
  let e: unknown = err;
  for (let i = 0; i < 4 && e && typeof e === 'object'; i++) {
    const m = (e as { message?: unknown }).message;
    if (typeof m === 'string' && m) parts.push(m);
    e = (e as { cause?: unknown }).cause;
  }
  return redactSecrets(parts.join(': '));
}

function hostPort(server: string): string {
  const u = new URL(server);
  return `${u.hostname}:${u.port || (u.protocol === 'https:' ? '443' : '80')}`;
}

function caDescription(spec: ConnectionSpec): string {
  return spec.tls.caPem ? `the CA from ${spec.tls.caSource ?? `cluster "${spec.clusterName}"`}` : "this machine's system CA roots (no certificate-authority is configured)";
}

/** Classifies a TLS verification failure by its OpenSSL/node code (also used by doctor's own handshake). */
export function tlsErrorFromCode(code: string, spec: ConnectionSpec, detail = ''): TlsError | undefined {
  const server = spec.server;
  const cluster = `cluster "${spec.clusterName}"`;
  if (UNKNOWN_AUTHORITY.has(code)) {
    return new TlsError('unknown-authority', server,
      `x509: certificate signed by unknown authority: the certificate of ${hostPort(server)} is not signed by ${caDescription(spec)} (${code})`,
      spec.tls.caPem
        ? `certificate-authority(-data) of ${cluster} must be the CA that signed the API server's certificate; copy it again from your cluster's admin kubeconfig or provider (e.g. \`az aks get-credentials\`, \`aws eks update-kubeconfig\`)`
        : `set certificate-authority-data (or certificate-authority) of ${cluster} to your cluster's CA`);
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    const name = spec.tls.serverName ?? new URL(server).hostname;
    return new TlsError('hostname-mismatch', server,
      `x509: certificate is not valid for "${name}": the API server's certificate was issued for other names${detail ? ` (${detail})` : ''}`,
      `use a server: URL whose host is one of the certificate's names, or set tls-server-name of ${cluster} to one of them`);
  }
  if (code === 'CERT_HAS_EXPIRED') {
    return new TlsError('expired', server, `x509: certificate has expired: the certificate presented by ${hostPort(server)} is past its end date`,
      "renew the API server certificate (kubeadm: `kubeadm certs renew all`), or correct this machine's clock if it is wrong");
  }
  if (code === 'CERT_NOT_YET_VALID') {
    return new TlsError('not-yet-valid', server, `x509: certificate is not yet valid: the certificate presented by ${hostPort(server)} starts in the future`,
      "check this machine's clock (and the server's)");
  }
  if (/^ERR_SSL_.*(CERTIFICATE_REQUIRED|BAD_CERTIFICATE|UNKNOWN_CA|CERTIFICATE_UNKNOWN|CERTIFICATE_EXPIRED|HANDSHAKE_FAILURE)/.test(code)) {
    return new TlsError('client-certificate', server, `the server rejected the TLS handshake, most likely your client certificate (${code})`,
      `check client-certificate/client-key of user "${spec.userName}": they must be a pair, unexpired, and signed by a CA the server trusts`);
  }
  if (code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_') || code.startsWith('CERT_') || code.includes('_CERT')) {
    return new TlsError('other', server, `TLS with ${hostPort(server)} failed (${code})${detail ? `: ${detail}` : ''}`,
      `check that ${server} speaks HTTPS and that ${cluster}'s TLS settings are right`);
  }
  return undefined;
}

/** A request that got no HTTP answer: which step failed, and what to do about it. */
export function classifyRequestError(err: unknown, spec: ConnectionSpec, proxy?: string): KdeckError {
  if (err instanceof KdeckError) return err;
  const code = errorCode(err) ?? '';
  const name = (err as { name?: string })?.name ?? '';
  const text = errorText(err);
  const server = spec.server;
  const where = hostPort(server);
  const cluster = `cluster "${spec.clusterName}"`;
  const tls = tlsErrorFromCode(code, spec, (err as { reason?: string })?.reason ?? '');
  if (tls) return tls;
  if (proxy && (/proxy/i.test(text) || code === 'UND_ERR_ABORTED' && /tunnel/i.test(text))) {
    return new ConnectionError('proxy', server, `the proxy ${redactProxyUrl(proxy)} did not connect to ${where}: ${text}`,
      `check proxy-url of ${cluster} or HTTPS_PROXY/NO_PROXY in your environment`);
  }
  if (proxy && (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN')) {
    return new ConnectionError('proxy', server, `cannot reach the proxy ${redactProxyUrl(proxy)} (${code}) on the way to ${where}`,
      `check proxy-url of ${cluster} or HTTPS_PROXY/NO_PROXY in your environment`);
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME') {
    return new ConnectionError('dns', server, `cannot resolve "${new URL(server).hostname}" (DNS lookup failed, ${code})`,
      `check the server: URL of ${cluster} (kubectl config view --minify), and your network or VPN`);
  }
  if (code === 'ECONNREFUSED') {
    return new ConnectionError('refused', server, `connection refused: nothing accepts connections at ${where}`,
      `check the server: URL of ${cluster} (kubectl config view --minify) and that the cluster is running`);
  }
  if (code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'ETIMEDOUT' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || name === 'TimeoutError' || code === 'ABORT_ERR' && /timeout/i.test(text)) {
    return new ConnectionError('timeout', server, `timed out talking to ${where}`,
      `check that ${where} is reachable from here (firewall, VPN), or raise --request-timeout`);
  }
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'UND_ERR_SOCKET' || code === 'ECONNABORTED' || code === 'UND_ERR_CLOSED') {
    return new ConnectionError('reset', server, `the connection to ${where} was closed unexpectedly (${code})`,
      `if this repeats, check that ${server} is a Kubernetes API server and that no proxy or firewall cuts the connection`);
  }
  return new ConnectionError('other', server, `request to ${where} failed: ${text || code || 'unknown error'}`,
    `check the server: URL and TLS settings of ${cluster}`);
}

const REASON_BY_CODE: Record<number, string> = {
  400: 'BadRequest', 401: 'Unauthorized', 403: 'Forbidden', 404: 'NotFound', 405: 'MethodNotAllowed', 406: 'NotAcceptable',
  409: 'Conflict', 410: 'Expired', 413: 'RequestEntityTooLarge', 415: 'UnsupportedMediaType', 422: 'Invalid',
  429: 'TooManyRequests', 500: 'InternalError', 503: 'ServiceUnavailable', 504: 'Timeout',
};

/** Retry-After in seconds (the header may also be an HTTP date). */
export function parseRetryAfter(value: string | string[] | undefined): number | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  if (!v) return undefined;
  if (/^\d+$/.test(v.trim())) return Number(v.trim());
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

const EXCERPT = 120;

/**
 * The message of an error body that is not a Status: a short plain line (a "404 page not found") as it is; JSON of
 * some other shape, an HTML page or a long text as the HTTP status and a short one-line excerpt, made inert.
 */
function messageOfBody(code: number, bodyText: string): string {
  const text = bodyText.trim();
  const status = `HTTP ${code}${STATUS_CODES[code] ? ` ${STATUS_CODES[code]}` : ''}`;
  if (!text) return `the server answered ${status}`;
  if (text.length <= EXCERPT && !text.includes('\n') && !/^[{[<]/.test(text)) return redactSecrets(sanitize(text));
  const line = text.replace(/\s+/g, ' ');
  return `${status}: ${redactSecrets(sanitize(line.slice(0, EXCERPT)))}${line.length > EXCERPT ? '…' : ''}`;
}

/** A non-2xx body as a Status: the server's own Status JSON, or one built from a plain-text body (429, 404 page). */
export function statusFromBody(code: number, bodyText: string): Status {
  try {
    const parsed = JSON.parse(bodyText) as Status;
    if (parsed && parsed.kind === 'Status') return { ...parsed, code: parsed.code ?? code };
  } catch {
    // not JSON: fall through
  }
  return {
    kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure',
    message: messageOfBody(code, bodyText),
    reason: REASON_BY_CODE[code] ?? (code >= 500 ? 'InternalError' : 'Unknown'),
    code,
  };
}

/** What the user should do about an API error, given how they authenticate. */
export function hintForStatus(status: Status, spec: ConnectionSpec): string | undefined {
  const c = spec.credential.kind;
  switch (status.code) {
    case 401:
      if (c === 'exec') return `You must be logged in to the server: the credential plugin's fresh credential was rejected too; log in again with the tool behind user "${spec.userName}" and check it targets this cluster`;
      if (c === 'token' || c === 'oidc') return `You must be logged in to the server: the token of user "${spec.userName}" is expired or invalid; get a new one and update your kubeconfig`;
      if (c === 'tokenFile') return `You must be logged in to the server: the token in the tokenFile of user "${spec.userName}" is expired or invalid`;
      if (c === 'basic') return `You must be logged in to the server: the username/password of user "${spec.userName}" were rejected (Kubernetes 1.19+ ignores basic auth; use a token or certificate)`;
      if (spec.tls.clientCertificate) return `You must be logged in to the server: the client certificate of user "${spec.userName}" was not accepted (expired, or signed by a CA the server does not trust)`;
      return `You must be logged in to the server: user "${spec.userName}" has no credentials; add a token, client certificate or exec plugin`;
    case 403:
      return 'your identity is known but RBAC does not allow this; ask a cluster admin for a Role/RoleBinding granting it (check with `kubectl auth can-i`)';
    case 429:
      return 'the server is rate-limiting requests (API priority and fairness); retry after a moment';
    default:
      return undefined;
  }
}

export function apiStatusError(code: number, bodyText: string, headers: Record<string, string | string[] | undefined>, spec: ConnectionSpec): ApiStatusError {
  const status = statusFromBody(code, bodyText);
  return new ApiStatusError(status, parseRetryAfter(headers['retry-after']), hintForStatus(status, spec));
}
