// A tiny API server (HTTPS with a test CA, and plain HTTP) that records what a client sends: path,
// Authorization and Impersonate-* headers, SNI and client certificate. Each kubeconfig case uses its own
// path prefix (https://127.0.0.1:PORT/<case>), so kubectl runs can go concurrently. It serves just enough
// discovery for `kubectl get configmaps` to reach /api/v1/namespaces/NS/configmaps.
import { createServer as createHttpServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';

export interface RecordedRequest {
  path: string;
  authorization?: string;
  impersonateUser?: string;
  impersonateGroups: string[];
  serverName?: string; // SNI; undefined when the client sent none
  clientCertFingerprint?: string;
}

const VERSION = readFileSync('/work/shared/fixtures/version.json', 'utf8');
const API = readFileSync('/work/shared/fixtures/discovery/api.json', 'utf8');
const API_V1 = readFileSync('/work/shared/fixtures/discovery/api-v1.json', 'utf8');
const APIS = JSON.stringify({ kind: 'APIGroupList', apiVersion: 'v1', groups: [] });

export class RecordingServer {
  readonly requests = new Map<string, RecordedRequest[]>();
  private servers: Server[] = [];
  httpsUrl = '';
  httpUrl = '';

  async start(tls: { certPem: string; keyPem: string; caPem: string }): Promise<void> {
    const https = createHttpsServer(
      { cert: tls.certPem, key: tls.keyPem, ca: [tls.caPem], requestCert: true, rejectUnauthorized: false },
      (req, res) => this.handle(req, res),
    );
    const http = createHttpServer((req, res) => this.handle(req, res));
    this.servers = [https, http];
    this.httpsUrl = `https://127.0.0.1:${await listen(https)}`;
    this.httpUrl = `http://127.0.0.1:${await listen(http)}`;
  }

  async stop(): Promise<void> {
    await Promise.all(
      this.servers.map(
        (s) =>
          new Promise<void>((done) => {
            s.closeAllConnections();
            s.close(() => done());
          }),
      ),
    );
  }

  /** Requests to /<prefix>/..., without the dispatcher's anonymous /version probe. */
  recorded(prefix: string): RecordedRequest[] {
    return (this.requests.get(prefix) ?? []).filter((r) => !r.path.endsWith('/version'));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://x');
    const prefix = url.pathname.split('/')[1] ?? '';
    const socket = req.socket as Partial<TLSSocket>;
    const peer = socket.getPeerCertificate?.(false);
    const groups = req.headersDistinct['impersonate-group'] ?? [];
    const record: RecordedRequest = {
      path: url.pathname,
      authorization: req.headers.authorization,
      impersonateUser: req.headers['impersonate-user'] as string | undefined,
      impersonateGroups: groups,
      serverName: typeof socket.servername === 'string' ? socket.servername : undefined,
      clientCertFingerprint: peer && peer.raw ? new X509Certificate(peer.raw).fingerprint256 : undefined,
    };
    const list = this.requests.get(prefix) ?? [];
    list.push(record);
    this.requests.set(prefix, list);
    const send = (code: number, body: string) => {
      res.writeHead(code, { 'content-type': 'application/json' });
      res.end(body);
    };
    // Match on the end of the path: the case prefix may be followed by a server path prefix.
    const p = url.pathname;
    if (p.endsWith('/version')) return send(200, VERSION);
    if (p.endsWith('/api')) return send(200, API);
    if (p.endsWith('/api/v1')) return send(200, API_V1);
    if (p.endsWith('/apis')) return send(200, APIS);
    if (/\/api\/v1\/namespaces\/[^/]+\/configmaps$/.test(p)) {
      return send(200, JSON.stringify({ kind: 'ConfigMapList', apiVersion: 'v1', metadata: { resourceVersion: '1' }, items: [] }));
    }
    send(404, JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404, message: 'not found' }));
  }
}

function listen(server: Server): Promise<number> {
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done((server.address() as AddressInfo).port)));
}
