// A small HTTPS (HTTP/2 + HTTP/1.1) server that authenticates like kube-apiserver: client certificates (CN/O),
// bearer tokens, basic auth; anonymous requests get 403, bad credentials 401. It records what reaches it.
import { createSecureServer, type Http2ServerRequest, type Http2ServerResponse } from 'node:http2';
import type { TLSSocket } from 'node:tls';
import { gzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import type { KeyPair } from '../../src/simulator/certs.js';

export interface Identity {
  username: string;
  groups: string[];
}

export interface SeenRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  httpVersion: string;
  servername?: string;
  user: string; // username, "system:anonymous" or "(rejected)"
}

export interface TestApiServerOptions {
  serverCert: KeyPair;
  clientCa: string; // CA PEM that signs client certificates
  tokens?: Record<string, Identity>;
  basic?: Record<string, { password: string } & Identity>;
  /** Users (or groups) that may list pods, per namespace; "system:masters" may do everything. */
  podReaders?: Record<string, string[]>;
  /** Listen address (default 127.0.0.1; '::1' for IPv6). */
  host?: string;
}

export interface TestApiServer {
  url: string;
  port: number;
  seen: SeenRequest[];
  tokens: Record<string, Identity>;
  stop(): Promise<void>;
}

function statusBody(code: number, reason: string, message: string): string {
  return JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code });
}

export async function startTestApiServer(opts: TestApiServerOptions): Promise<TestApiServer> {
  const tokens = { ...(opts.tokens ?? {}) };
  const seen: SeenRequest[] = [];

  function authenticate(req: Http2ServerRequest): Identity | 'rejected' | undefined {
    const auth = req.headers.authorization;
    if (typeof auth === 'string' && auth.startsWith('Bearer ')) return tokens[auth.slice(7)] ?? 'rejected';
    if (typeof auth === 'string' && auth.startsWith('Basic ')) {
      const [user, ...rest] = Buffer.from(auth.slice(6), 'base64').toString().split(':');
      const entry = opts.basic?.[user];
      return entry && entry.password === rest.join(':') ? { username: entry.username, groups: entry.groups } : 'rejected';
    }
    const socket = req.socket as unknown as TLSSocket;
    if (socket.authorized) {
      const cert = socket.getPeerCertificate();
      if (cert?.subject) {
        const o = cert.subject.O;
        return { username: String(cert.subject.CN), groups: o === undefined ? [] : Array.isArray(o) ? o : [o] };
      }
    }
    return undefined;
  }

  function mayListPods(id: Identity | undefined, ns: string): boolean {
    if (!id) return false;
    if (id.groups.includes('system:masters')) return true;
    const readers = opts.podReaders?.[ns] ?? [];
    return readers.includes(id.username) || id.groups.some((g) => readers.includes(g));
  }

  function readBody(req: Http2ServerRequest): Promise<string> {
    return new Promise((resolve) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => resolve(Buffer.concat(chunks).toString()));
    });
  }

  async function handle(req: Http2ServerRequest, res: Http2ServerResponse): Promise<void> {
    const url = new URL(req.url, 'https://x');
    const id = authenticate(req);
    const socket = req.socket as unknown as TLSSocket;
    seen.push({
      method: req.method, path: req.url, headers: { ...req.headers }, httpVersion: req.httpVersion,
      servername: socket.servername || undefined,
      user: id === 'rejected' ? '(rejected)' : id?.username ?? 'system:anonymous',
    });
    const json = (code: number, body: unknown) => {
      res.writeHead(code, { 'content-type': 'application/json' });
      res.end(typeof body === 'string' ? body : JSON.stringify(body));
    };
    const path = url.pathname.replace(/^\/prefix\/here/, '');
    if (path === '/version') {
      json(200, { major: '1', minor: '32', gitVersion: 'v1.32.4', platform: 'linux/amd64' });
      return;
    }
    if (path === '/text-429') {
      res.writeHead(429, { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '3' });
      res.end('Too many requests, please try again later.\n');
      return;
    }
    if (id === 'rejected') {
      json(401, statusBody(401, 'Unauthorized', 'Unauthorized'));
      return;
    }
    const user = id?.username ?? 'system:anonymous';
    if (path === '/big') {
      const items = Array.from({ length: 3000 }, (_, i) => ({ metadata: { name: `pod-${i}`, namespace: 'default' } }));
      const body = JSON.stringify({ kind: 'PodList', items });
      if (String(req.headers['accept-encoding'] ?? '').includes('gzip')) {
        res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
        res.end(gzipSync(body));
      } else json(200, body);
      return;
    }
    if (path === '/whoami') {
      json(200, { user, groups: id?.groups ?? ['system:unauthenticated'] });
      return;
    }
    if (path === '/api') {
      json(200, { kind: 'APIVersions', versions: ['v1'] });
      return;
    }
    if (path === '/apis') {
      json(200, { kind: 'APIGroupList', apiVersion: 'v1', groups: [{ name: 'apps' }, { name: 'authentication.k8s.io' }, { name: 'authorization.k8s.io' }] });
      return;
    }
    if (path === '/apis/authentication.k8s.io/v1/selfsubjectreviews' && req.method === 'POST') {
      await readBody(req);
      if (!id) {
        json(403, statusBody(403, 'Forbidden', 'selfsubjectreviews.authentication.k8s.io is forbidden: User "system:anonymous" cannot create resource "selfsubjectreviews" in API group "authentication.k8s.io" at the cluster scope'));
        return;
      }
      json(201, { kind: 'SelfSubjectReview', apiVersion: 'authentication.k8s.io/v1', metadata: {}, status: { userInfo: { username: id.username, groups: [...id.groups, 'system:authenticated'] } } });
      return;
    }
    if (path === '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews' && req.method === 'POST') {
      const body = JSON.parse(await readBody(req)) as { spec: { resourceAttributes: { namespace: string } } };
      const allowed = mayListPods(id, body.spec.resourceAttributes.namespace);
      json(201, { ...body, status: { allowed, ...(allowed ? { reason: 'allowed by test rules' } : {}) } });
      return;
    }
    const pods = path.match(/^\/api\/v1\/namespaces\/([^/]+)\/pods$/);
    if (pods) {
      if (!mayListPods(id, pods[1])) {
        json(403, statusBody(403, 'Forbidden', `pods is forbidden: User "${user}" cannot list resource "pods" in API group "" in the namespace "${pods[1]}"`));
        return;
      }
      json(200, { kind: 'PodList', apiVersion: 'v1', metadata: { resourceVersion: '7' }, items: [{ metadata: { name: 'web-0', namespace: pods[1] } }] });
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('404 page not found');
  }

  const server = createSecureServer({
    allowHTTP1: true,
    key: opts.serverCert.keyPem,
    cert: opts.serverCert.certPem,
    ca: opts.clientCa,
    requestCert: true,
    rejectUnauthorized: false,
  }, (req, res) => {
    handle(req, res).catch((err) => {
      res.writeHead(500);
      res.end(String(err));
    });
  });
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const port = (server.address() as AddressInfo).port;
  const sessions = new Set<{ destroy(): void }>();
  server.on('session', (s) => {
    sessions.add(s);
    s.on('close', () => sessions.delete(s));
  });
  const sockets = new Set<{ destroy(): void }>();
  server.on('secureConnection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  return {
    url: `https://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    seen,
    tokens,
    stop: () => new Promise<void>((resolve) => {
      for (const s of sessions) s.destroy();
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}
