// A minimal KubeClient over undici for the engine's tests against an http:// simulator
// (no credentials, as clientcmd does over http). The real transport is src/transport.
import { Agent, request } from 'undici';
import type { KubeClient, KubeRequest, KubeResponse } from '../../src/transport/types.js';
import type { ConnectionSpec } from '../../src/kubeconfig/types.js';
import { ConnectionError } from '../../src/errors.js';
import { readJsonResponse } from '../../src/transport/client.js';
import { openStream } from '../../src/transport/stream.js';
import type { StreamRequest } from '../../src/transport/types.js';

export function plainClient(server: string): KubeClient & { requests: number } {
  const agent = new Agent({ connections: 16 });
  const spec: ConnectionSpec = {
    contextName: 'test', clusterName: 'test', userName: 'test', server, namespace: 'default', namespaceFromFlag: false,
    tls: { insecureSkipTLSVerify: false }, credential: { kind: 'none' }, disableCompression: false, files: [], inCluster: false, cacheKey: server,
  };
  const client = {
    spec,
    requests: 0,
    async request(req: KubeRequest): Promise<KubeResponse> {
      client.requests++;
      const url = new URL(req.path, server);
      for (const [k, v] of Object.entries(req.query ?? {})) {
        for (const x of Array.isArray(v) ? v : [v]) if (x !== undefined) url.searchParams.append(k, String(x));
      }
      try {
        const res = await request(url, { method: req.method ?? 'GET', headers: req.headers, signal: req.signal, dispatcher: agent, bodyTimeout: 0, headersTimeout: 30_000 });
        return { status: res.statusCode, headers: res.headers, body: res.body };
      } catch (err) {
        if ((err as Error).name === 'AbortError') throw err;
        throw new ConnectionError('refused', server, `cannot reach ${server}: ${(err as Error).message}`);
      }
    },
    requestJson<T>(req: KubeRequest): Promise<T> {
      return client.request(req).then((res) => readJsonResponse<T>(res, req, spec));
    },
    stream(req: StreamRequest) {
      return openStream(client, req);
    },
    async close() {
      await agent.destroy().catch(() => {});
    },
  };
  return client;
}
