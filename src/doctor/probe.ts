// Walks the path a request takes for one context and records what happens at each step (ContextFacts).
// TCP and TLS are checked with node:net/node:tls directly, so a failure names the exact step; the rest goes
// through the real transport, as the dashboard's requests do.
import { request as httpRequest } from 'node:http';
import { connect as netConnect, isIP, type Socket } from 'node:net';
import { checkServerIdentity, connect as tlsConnect, type PeerCertificate, type TLSSocket } from 'node:tls';
import { X509Certificate } from 'node:crypto';
import { KdeckError, ApiStatusError } from '../errors.js';
import type { ConnectionSpec } from '../kubeconfig/types.js';
import { createCredentialProvider } from '../auth/credential-provider.js';
import { describeAuth, formatDistinguishedName } from '../auth/describe.js';
import { redactSecrets } from '../auth/redact.js';
import { createClient } from '../transport/client.js';
import { classifyRequestError, tlsErrorFromCode } from '../transport/errors.js';
import { proxyForServer, redactProxyUrl } from '../transport/proxy.js';
import type { ContextFacts, ErrorInfo, Outcome, TlsFacts } from './types.js';

const STEP_TIMEOUT_MS = 10_000;

export function errorInfo(err: unknown): ErrorInfo {
  if (err instanceof ApiStatusError) return { kind: 'api', code: err.code, reason: err.reason, message: err.message, hint: err.hint };
  if (err instanceof KdeckError) {
    const step = (err as { step?: string }).step;
    return { kind: err.kind, ...(step ? { step } : {}), message: err.message, hint: err.hint };
  }
  return { kind: 'internal', message: redactSecrets(err instanceof Error ? err.message : String(err)) };
}

async function outcome<T>(fn: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await fn() };
  } catch (err) {
    return { ok: false, error: errorInfo(err) };
  }
}

function target(spec: ConnectionSpec): { host: string; port: number } {
  const u = new URL(spec.server);
  return { host: u.hostname.replace(/^\[|\]$/g, ''), port: Number(u.port || (u.protocol === 'https:' ? 443 : 80)) };
}

function tcpCheck(spec: ConnectionSpec, proxy: string | undefined): Promise<{ address: string }> {
  const { host, port } = proxy ? (() => {
    const p = new URL(proxy);
    return { host: p.hostname.replace(/^\[|\]$/g, ''), port: Number(p.port || (p.protocol === 'https:' ? 443 : 80)) };
  })() : target(spec);
  return new Promise((resolve, reject) => {
    const socket = netConnect({ host, port, timeout: STEP_TIMEOUT_MS });
    socket.once('connect', () => {
      const address = `${socket.remoteAddress}:${socket.remotePort}`;
      socket.destroy();
      resolve({ address: host === socket.remoteAddress ? address : `${host}:${port} (${address})` });
    });
    socket.once('timeout', () => {
      socket.destroy();
      reject(classifyRequestError(Object.assign(new Error('connect timeout'), { code: 'ETIMEDOUT' }), spec));
    });
    socket.once('error', (err) => reject(classifyRequestError(err, spec, proxy)));
  });
}

function firstCaSubject(caPem?: string): string | undefined {
  if (!caPem) return undefined;
  try {
    return formatDistinguishedName(new X509Certificate(caPem).subject);
  } catch {
    return undefined;
  }
}

function dnOf(o: PeerCertificate['subject'] | undefined): string | undefined {
  if (!o) return undefined;
  const parts = Object.entries(o).flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((x) => `${k}=${x}`));
  return formatDistinguishedName(parts.join('\n'));
}

/** An HTTP CONNECT tunnel through an http:// proxy to the API server, for the TLS check behind a proxy. */
function tunnel(spec: ConnectionSpec, proxy: string): Promise<Socket> {
  const p = new URL(proxy);
  const { host, port } = target(spec);
  const authority = `${isIP(host) === 6 ? `[${host}]` : host}:${port}`;
  const auth = p.username ? { 'proxy-authorization': `Basic ${Buffer.from(`${decodeURIComponent(p.username)}:${decodeURIComponent(p.password)}`).toString('base64')}` } : {};
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: p.hostname, port: Number(p.port || 80), method: 'CONNECT', path: authority, headers: { host: authority, ...auth }, timeout: STEP_TIMEOUT_MS });
    req.once('connect', (res, socket) => {
      if (res.statusCode === 200) return resolve(socket);
      socket.destroy();
      reject(classifyRequestError(new Error(`Proxy response (${res.statusCode}) !== 200 when HTTP Tunneling`), spec, proxy));
    });
    req.once('timeout', () => req.destroy(Object.assign(new Error('proxy CONNECT timeout'), { code: 'ETIMEDOUT' })));
    req.once('error', (err) => reject(classifyRequestError(err, spec, proxy)));
    req.end();
  });
}

/** A TLS handshake that does not reject, so we can report who issued the certificate and why it does not verify. */
function tlsCheck(spec: ConnectionSpec, through?: Socket): Promise<TlsFacts> {
  const { host, port } = target(spec);
  const name = spec.tls.serverName ?? host;
  const cert = spec.tls.clientCertificate;
  return new Promise((resolve, reject) => {
    const socket: TLSSocket = tlsConnect({
      ...(through ? { socket: through } : { host, port }),
      servername: isIP(name) ? undefined : name,
      ca: spec.tls.caPem,
      cert: cert?.certPem,
      key: cert?.keyPem,
      rejectUnauthorized: false,
      ALPNProtocols: ['h2', 'http/1.1'],
      timeout: STEP_TIMEOUT_MS,
    });
    socket.once('secureConnect', () => {
      const peer = socket.getPeerCertificate();
      const facts: TlsFacts = {
        subject: dnOf(peer?.subject),
        issuer: dnOf(peer?.issuer),
        validTo: peer?.valid_to ? new Date(peer.valid_to).toISOString() : undefined,
        alpn: socket.alpnProtocol || undefined,
        configuredCa: firstCaSubject(spec.tls.caPem),
        caSource: spec.tls.caPem ? spec.tls.caSource : undefined,
        verified: false,
        insecure: spec.tls.insecureSkipTLSVerify,
      };
      const chainError = socket.authorizationError ? String((socket.authorizationError as unknown as { code?: string }).code ?? socket.authorizationError) : undefined;
      const identityError = peer && !chainError ? checkServerIdentity(name, peer) : undefined;
      socket.destroy();
      const code = chainError ?? (identityError as { code?: string } | undefined)?.code;
      if (code) {
        const err = tlsErrorFromCode(code, spec, identityError?.message ?? '') ?? classifyRequestError(Object.assign(new Error(code), { code }), spec);
        facts.error = errorInfo(err);
      } else {
        facts.verified = true;
      }
      resolve(facts);
    });
    socket.once('timeout', () => {
      socket.destroy();
      reject(classifyRequestError(Object.assign(new Error('TLS handshake timeout'), { code: 'ETIMEDOUT' }), spec));
    });
    socket.once('error', (err) => reject(classifyRequestError(err, spec)));
  });
}

async function describeCredential(spec: ConnectionSpec, progress?: (line: string) => void): Promise<string> {
  const onWaiting = progress && ((what: string, s: number) => progress(`waiting for ${what}, ${s} s…`));
  const applied = await createCredentialProvider(spec).get({ allowTerminal: true, onWaiting });
  const c = spec.credential;
  if (c.kind === 'exec') {
    const got = [applied.authorization ? 'a token' : '', applied.clientCertificate ? 'a client certificate' : ''].filter(Boolean).join(' and ');
    const until = applied.execResult?.expiresAt ? `, valid until ${new Date(applied.execResult.expiresAt).toISOString()}` : '';
    return `exec plugin returned ${got}${until}`;
  }
  if (c.kind === 'tokenFile') return `token file ${c.path} is readable`;
  if (c.kind === 'none' && !spec.tls.clientCertificate) return 'no credentials configured (anonymous)';
  if (spec.tls.clientCertificate && c.kind === 'none') {
    try {
      const x = new X509Certificate(spec.tls.clientCertificate.certPem);
      const left = new Date(x.validTo);
      if (left.getTime() < Date.now()) throw new KdeckError('credential', `the client certificate of user "${spec.userName}" expired on ${left.toISOString()}`, 'get a new client certificate from your cluster admin');
      return `client certificate valid until ${left.toISOString()}`;
    } catch (err) {
      if (err instanceof KdeckError) throw err;
      return 'client certificate present';
    }
  }
  return `${describeAuth(spec)} present`;
}

function notServedOn404<T>(fn: () => Promise<T>): () => Promise<T | { notServed: true }> {
  return async () => {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof ApiStatusError && err.code === 404) return { notServed: true };
      throw err;
    }
  };
}

/** Probes one resolved context; stops at the first step that fails (later steps would only repeat it). */
export async function probeContext(spec: ConnectionSpec, env: Record<string, string | undefined> = process.env, progress?: (line: string) => void): Promise<ContextFacts> {
  const proxyUrl = proxyForServer(spec.server, spec.proxyUrl, env);
  const facts: ContextFacts = {
    context: spec.contextName,
    files: spec.files,
    cluster: spec.clusterName,
    user: spec.userName,
    namespace: spec.namespace,
    server: spec.server,
    auth: describeAuth(spec),
    inCluster: spec.inCluster,
    proxy: proxyUrl ? redactProxyUrl(proxyUrl) : undefined,
    credentialKind: spec.credential.kind,
    hasClientCertificate: Boolean(spec.tls.clientCertificate),
  };
  facts.tcp = await outcome(() => tcpCheck(spec, proxyUrl));
  if (!facts.tcp.ok) return facts;
  if (!spec.server.startsWith('https:')) facts.tls = { ok: 'skipped', why: 'http' };
  else if (proxyUrl && !proxyUrl.startsWith('http://')) facts.tls = { ok: 'skipped', why: 'proxied' };
  else {
    facts.tls = await outcome(async () => tlsCheck(spec, proxyUrl ? await tunnel(spec, proxyUrl) : undefined));
    if (!facts.tls.ok || (!facts.tls.value.verified && !facts.tls.value.insecure)) return facts;
  }
  facts.credentials = await outcome(() => describeCredential(spec, progress).then((detail) => ({ detail })));
  if (!facts.credentials.ok) return facts;

  const client = createClient({ ...spec, requestTimeoutMs: spec.requestTimeoutMs || STEP_TIMEOUT_MS }, { env });
  try {
    facts.version = await outcome(async () => {
      const v = await client.requestJson<{ gitVersion?: string }>({ path: '/version' });
      return { gitVersion: v.gitVersion ?? '(unknown version)' };
    });
    if (!facts.version.ok) return facts;
    facts.whoami = await outcome(notServedOn404(async () => {
      const review = await client.requestJson<{ status?: { userInfo?: { username?: string; groups?: string[] } } }>({
        method: 'POST', path: '/apis/authentication.k8s.io/v1/selfsubjectreviews',
        body: { kind: 'SelfSubjectReview', apiVersion: 'authentication.k8s.io/v1', metadata: {} },
      });
      return { username: review.status?.userInfo?.username ?? '(unknown)', groups: review.status?.userInfo?.groups ?? [] };
    }));
    // 403 on the review itself means anonymous on most servers; the next steps say more, so only stop on 401/network.
    if (!facts.whoami.ok && (facts.whoami.error.code === 401 || facts.whoami.error.kind !== 'api')) return facts;
    if (!facts.whoami.ok && facts.whoami.error.code === 403) {
      // Only anonymous users are refused a SelfSubjectReview by default RBAC; with credentials, carry on without it.
      const anonymous = spec.credential.kind === 'none' && !spec.tls.clientCertificate;
      facts.whoami = { ok: true, value: anonymous ? { username: 'system:anonymous', groups: [] } : { notServed: true } };
    }
    if (facts.whoami.ok && 'username' in facts.whoami.value && facts.whoami.value.username === 'system:anonymous') return facts;

    facts.accessReview = await outcome(notServedOn404(async () => {
      const review = await client.requestJson<{ status?: { allowed?: boolean; reason?: string } }>({
        method: 'POST', path: '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews',
        body: { kind: 'SelfSubjectAccessReview', apiVersion: 'authorization.k8s.io/v1', metadata: {}, spec: { resourceAttributes: { namespace: spec.namespace, verb: 'list', resource: 'pods' } } },
      });
      return { allowed: Boolean(review.status?.allowed), reason: review.status?.reason || undefined };
    }));
    facts.podList = await outcome(async () => {
      const list = await client.requestJson<{ items?: unknown[] }>({ path: `/api/v1/namespaces/${encodeURIComponent(spec.namespace)}/pods`, query: { limit: 1 } });
      return { count: list.items?.length ?? 0 };
    });
    if (!facts.podList.ok) return facts;
    facts.discovery = await outcome(async () => {
      const [core, apis] = await Promise.all([
        client.requestJson<{ versions?: string[] }>({ path: '/api' }),
        client.requestJson<{ groups?: unknown[] }>({ path: '/apis' }),
      ]);
      return { groups: (core.versions?.length ? 1 : 0) + (apis.groups?.length ?? 0) };
    });
    return facts;
  } finally {
    await client.close();
  }
}
