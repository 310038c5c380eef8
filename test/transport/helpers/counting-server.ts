// An HTTP server that records every request that reaches it (method and path) and answers 200 with an empty
// object; the read-only tests use it to prove that a refused request never left the process.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ConnectionSpec } from '../../../src/kubeconfig/types.js';

export interface CountingServer {
  url: string;
  seen: { method: string; path: string }[];
  spec(contextName?: string): ConnectionSpec;
  stop(): Promise<void>;
}

export async function startCountingServer(): Promise<CountingServer> {
  const seen: { method: string; path: string }[] = [];
  const server = createServer((req, res) => {
    seen.push({ method: req.method ?? '', path: new URL(req.url ?? '/', 'http://x').pathname });
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    seen,
    spec: (contextName = 'counting') => ({
      contextName, clusterName: 'counting', userName: 'counting', server: url, namespace: 'default', namespaceFromFlag: false,
      tls: { insecureSkipTLSVerify: false }, credential: { kind: 'none' }, disableCompression: false, files: [], inCluster: false, cacheKey: `${url}#${contextName}`,
    }),
    stop: () => new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    }),
  };
}
