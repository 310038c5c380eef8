// One KubeClient per cluster + credential (spec.cacheKey), shared by every view and informer of a context.
// Each holds one undici dispatcher (keep-alive, HTTP/2 when the server offers it via ALPN, no pipelining), built
// from the spec's TLS settings and proxy; credentials come from src/auth and are applied per request.
import { createHash } from 'node:crypto';
import { Agent, ProxyAgent, interceptors, type Dispatcher } from 'undici';
import { createCredentialProvider, type AppliedCredential, type CredentialProvider } from '../auth/credential-provider.js';
import { ConnectionError, KdeckError } from '../errors.js';
import type { ConnectionSpec } from '../kubeconfig/types.js';
import { apiStatusError, classifyRequestError } from './errors.js';
import { proxyForServer, type ProxyEnv } from './proxy.js';
import { socks5Connector } from './socks5.js';
import { MAX_JSON_BYTES, readBodyText } from './body.js';
import { openStream } from './stream.js';
import type { KubeClient, KubeRequest, KubeResponse, KubeStream, QueryValue, StreamRequest, UpgradeSetup } from './types.js';
import { USER_AGENT } from './user-agent.js';

/** undici's decompress interceptor announces itself with an ExperimentalWarning on stderr; a full-screen app cannot have that. */
function quietDecompressInterceptor(): Dispatcher.DispatcherComposeInterceptor {
  const original = process.emitWarning;
  process.emitWarning = (() => undefined) as typeof process.emitWarning;
  try {
    // Error bodies (Status JSON) are decompressed too: we parse them.
    return interceptors.decompress({ skipErrorResponses: false });
  } finally {
    process.emitWarning = original;
  }
}
const decompress = quietDecompressInterceptor();

export interface ClientOptions {
  /** Environment for HTTPS_PROXY/NO_PROXY; default process.env. */
  env?: ProxyEnv;
}

function buildQuery(query: KubeRequest['query']): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    const values: QueryValue[] = Array.isArray(v) ? v : [v];
    for (const one of values) if (one !== undefined) params.append(k, String(one));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

function encodeBody(req: KubeRequest): { body?: string | Buffer; contentType?: string } {
  if (req.body === undefined) return {};
  if (typeof req.body === 'string' || Buffer.isBuffer(req.body)) return { body: req.body, contentType: req.contentType ?? 'application/json' };
  return { body: JSON.stringify(req.body), contentType: req.contentType ?? 'application/json' };
}

/** Combines the caller's signal with the request timeout; returns the signal and whether a timeout applies. */
function requestSignal(req: KubeRequest, spec: ConnectionSpec): AbortSignal | undefined {
  const timeoutMs = req.timeoutMs ?? spec.requestTimeoutMs ?? 0;
  const signals = [req.signal, timeoutMs > 0 ? AbortSignal.timeout(timeoutMs) : undefined].filter((s): s is AbortSignal => Boolean(s));
  if (signals.length === 0) return undefined;
  return signals.length === 1 ? signals[0] : AbortSignal.any(signals);
}

/**
 * undici honours an abort only once a connection exists; while it is still connecting (a black-holed address)
 * it waits for its connect timeout. Settle at once instead, and discard a response that arrives later.
 */
function settleOnAbort(pending: Promise<Dispatcher.ResponseData>, signal: AbortSignal | undefined): Promise<Dispatcher.ResponseData> {
  if (!signal) return pending;
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      reject(signal.reason ?? new DOMException('aborted', 'AbortError'));
      pending.then((late) => late.body.destroy(), () => undefined);
    };
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    pending.then(
      (res) => {
        signal.removeEventListener('abort', onAbort);
        resolve(res);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(err);
      },
    );
  });
}

export class SharedKubeClient implements KubeClient {
  readonly proxy?: string;
  private readonly origin: string;
  private readonly pathPrefix: string;
  private readonly credentials: CredentialProvider;
  /** Keyed by the client certificate in use: an exec plugin may hand out a new one, which needs a new TLS setup. */
  private readonly dispatchers = new Map<string, Dispatcher>();
  /** Each API pool with undici's decompress interceptor in front (composed once: compose() makes a new wrapper). */
  private readonly decompressing = new WeakMap<Dispatcher, Dispatcher>();
  private closed = false;

  constructor(readonly spec: ConnectionSpec, opts: ClientOptions = {}) {
    const url = new URL(spec.server);
    this.origin = url.origin;
    this.pathPrefix = url.pathname.replace(/\/+$/, '');
    this.proxy = proxyForServer(spec.server, spec.proxyUrl, opts.env ?? process.env);
    this.credentials = createCredentialProvider(spec);
  }

  /**
   * `upgrade`: the WebSocket variant (exec, attach, port-forward): same TLS, proxy and certificate, but HTTP/1.1
   * only (an upgrade cannot ride an HTTP/2 connection) and no decompression interceptor. `compressed`: requests that
   * inflate their own body (compressedBody): the API connections themselves, without the interceptor, so a list
   * shares the connections (one HTTP/2 connection to a real API server) that discovery and /version opened.
   */
  private dispatcherFor(credential: AppliedCredential, kind: 'api' | 'compressed' | 'upgrade' = 'api'): Dispatcher {
    const pool = this.poolFor(credential, kind === 'upgrade');
    if (kind !== 'api') return pool;
    let decompressing = this.decompressing.get(pool);
    if (!decompressing) this.decompressing.set(pool, (decompressing = pool.compose(decompress)));
    return decompressing;
  }

  /** The connection pool for this certificate: API requests, or upgrades (HTTP/1.1 only). */
  private poolFor(credential: AppliedCredential, upgrade: boolean): Dispatcher {
    const cert = credential.clientCertificate ?? this.spec.tls.clientCertificate;
    const kind = upgrade ? 'upgrade:' : 'api:';
    const key = kind + (cert ? createHash('sha256').update(cert.certPem).update(cert.keyPem).digest('hex') : '');
    let pool = this.dispatchers.get(key);
    if (pool) return pool;
    const https = this.origin.startsWith('https:');
    const tls = https
      ? {
          ca: this.spec.tls.caPem,
          cert: cert?.certPem,
          key: cert?.keyPem,
          servername: this.spec.tls.serverName,
          rejectUnauthorized: !this.spec.tls.insecureSkipTLSVerify,
        }
      : {};
    const common = { allowH2: !upgrade, pipelining: 1, keepAliveTimeout: 30_000, bodyTimeout: 0, connections: null };
    const proxyUrl = this.proxy ? new URL(this.proxy) : undefined;
    pool = proxyUrl && /^socks5h?:$/.test(proxyUrl.protocol)
      ? new Agent({ connect: socks5Connector(proxyUrl, tls, { allowH2: !upgrade }), ...common })
      : this.proxy
        ? new ProxyAgent({ uri: this.proxy, requestTls: tls, ...common })
        : new Agent({ connect: tls, ...common });
    // A new certificate replaces the old one: let the old connections finish, then close them.
    for (const [oldKey, old] of this.dispatchers) {
      if (!oldKey.startsWith(kind)) continue;
      this.dispatchers.delete(oldKey);
      void old.close().catch(() => undefined);
    }
    this.dispatchers.set(key, pool);
    return pool;
  }

  private headersFor(req: KubeRequest, credential: AppliedCredential, contentType?: string): Record<string, string | string[]> {
    const headers: Record<string, string | string[]> = {
      'user-agent': USER_AGENT,
      accept: 'application/json, */*',
    };
    if (!this.spec.disableCompression) headers['accept-encoding'] = 'gzip';
    if (credential.authorization) headers.authorization = credential.authorization;
    const imp = this.spec.impersonate;
    if (imp?.user) headers['impersonate-user'] = imp.user;
    if (imp?.groups.length) headers['impersonate-group'] = imp.groups;
    if (imp?.uid) headers['impersonate-uid'] = imp.uid;
    for (const [key, values] of Object.entries(imp?.extra ?? {})) headers[`impersonate-extra-${encodeURIComponent(key).toLowerCase()}`] = values;
    if (contentType) headers['content-type'] = contentType;
    // An explicit header on the request wins (client-go: an explicit Authorization header is kept).
    for (const [k, v] of Object.entries(req.headers ?? {})) headers[k.toLowerCase()] = v;
    return headers;
  }

  private async send(req: KubeRequest, credential: AppliedCredential, signal: AbortSignal | undefined): Promise<KubeResponse> {
    const { body, contentType } = encodeBody(req);
    const path = this.pathPrefix + (req.path.startsWith('/') ? req.path : `/${req.path}`) + buildQuery(req.query);
    try {
      const res = await settleOnAbort(this.dispatcherFor(credential, req.compressedBody ? 'compressed' : 'api').request({
        origin: this.origin,
        path,
        method: req.method ?? 'GET',
        headers: this.headersFor(req, credential, contentType),
        body,
        signal,
      }), signal);
      return { status: res.statusCode, headers: res.headers, body: res.body };
    } catch (err) {
      // A caller's own abort stays an AbortError; a timeout or network failure becomes a typed error.
      if (req.signal?.aborted) throw req.signal.reason ?? err;
      throw classifyRequestError(signal?.aborted ? signal.reason ?? err : err, this.spec, this.proxy);
    }
  }

  async request(req: KubeRequest): Promise<KubeResponse> {
    if (this.closed) throw new ConnectionError('other', this.spec.server, `the client for context "${this.spec.contextName}" was closed`);
    const signal = requestSignal(req, this.spec);
    let credential = await this.credentials.get();
    let res = await this.send(req, credential, signal);
    if (res.status === 401 && this.credentials.refreshAfterUnauthorized(credential)) {
      await res.body.dump().catch(() => undefined);
      credential = await this.credentials.get();
      res = await this.send(req, credential, signal);
    }
    return res;
  }

  async requestJson<T = unknown>(req: KubeRequest): Promise<T> {
    return readJsonResponse<T>(await this.request(req), req, this.spec, this.proxy);
  }

  stream(req: StreamRequest): Promise<KubeStream> {
    return openStream(this, req, this.proxy);
  }

  // upgrade(): WebSocket (exec, attach, port-forward) over the same dispatcher and credentials, in ./upgrade.ts.

  /** What upgrade() (src/transport/upgrade.ts) needs: the base URL, the HTTP/1.1 dispatcher, and the headers with credentials. */
  async upgradeSetup(): Promise<UpgradeSetup> {
    if (this.closed) throw new ConnectionError('other', this.spec.server, `the client for context "${this.spec.contextName}" was closed`);
    const credential = await this.credentials.get();
    const headers = this.headersFor({ path: '' }, credential);
    delete headers.accept;
    delete headers['accept-encoding'];
    return { baseUrl: this.origin + this.pathPrefix, dispatcher: this.dispatcherFor(credential, 'upgrade'), headers };
  }

  async close(): Promise<void> {
    this.closed = true;
    const all = [...this.dispatchers.values()];
    this.dispatchers.clear();
    await Promise.all(all.map((d) => d.destroy().catch(() => undefined)));
  }
}

/**
 * A response as requestJson() gives it: the parsed 2xx body (capped), or the typed error for anything else
 * (ApiStatusError from the Status or plain-text body, with Retry-After and a hint). Any KubeClient may use it.
 */
export async function readJsonResponse<T>(res: KubeResponse, req: KubeRequest, spec: ConnectionSpec, proxy?: string): Promise<T> {
  let text: string;
  try {
    text = await readBodyText(res.body, MAX_JSON_BYTES, `the answer to ${req.method ?? 'GET'} ${req.path}`);
  } catch (err) {
    if (req.signal?.aborted) throw req.signal.reason ?? err;
    if (err instanceof KdeckError) throw err;
    throw classifyRequestError(err, spec, proxy);
  }
  if (res.status < 200 || res.status > 299) throw apiStatusError(res.status, text, res.headers, spec);
  if (text.trim() === '') return undefined as T; // 204, or an empty 200
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new KdeckError('api', `the server at ${spec.server} answered ${req.path} with something that is not JSON`,
      'check that the server URL points at a Kubernetes API server (and not, say, a login page of a proxy)');
  }
}

const clients = new Map<string, SharedKubeClient>();

/** The shared client for this cluster + credential; created on first use. */
export function getClient(spec: ConnectionSpec): KubeClient {
  let client = clients.get(spec.cacheKey);
  if (!client) {
    client = new SharedKubeClient(spec);
    clients.set(spec.cacheKey, client);
  }
  return client;
}

/** A client that is not shared (doctor, tests with a custom environment). The caller closes it. */
export function createClient(spec: ConnectionSpec, opts: ClientOptions = {}): SharedKubeClient {
  return new SharedKubeClient(spec, opts);
}

export async function closeAllClients(): Promise<void> {
  const all = [...clients.values()];
  clients.clear();
  await Promise.all(all.map((c) => c.close()));
}
