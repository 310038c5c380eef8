// A deliberately small API server for behaviours the simulator cannot show: a server that ignores
// sendInitialEvents (so the end bookmark never comes) and one that serves no Tables.
import { createServer } from 'node:http';
import type { ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TinyPod {
  metadata: { name: string; namespace: string; uid: string; resourceVersion: string; creationTimestamp: string; labels?: Record<string, string> };
  status: { phase: string };
}

export interface TinyServer {
  url: string;
  pods: Map<string, TinyPod>;
  requests: string[];
  set(name: string, phase: string): void;
  remove(name: string): void;
  stop(): Promise<void>;
}

export async function startTinyServer(opts: { tables: boolean; watchList: 'ignore' | 'reject' }): Promise<TinyServer> {
  let rv = 100;
  const pods = new Map<string, TinyPod>();
  const watchers = new Set<ServerResponse>();
  const requests: string[] = [];

  function encode(p: TinyPod): unknown {
    if (!opts.tables) return { kind: 'Pod', apiVersion: 'v1', ...p };
    return {
      kind: 'Table', apiVersion: 'meta.k8s.io/v1', metadata: { resourceVersion: p.metadata.resourceVersion },
      columnDefinitions: null,
      rows: [{ cells: [p.metadata.name, p.status.phase], object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: p.metadata } }],
    };
  }
  function broadcast(type: string, p: TinyPod) {
    const line = JSON.stringify({ type, object: encode(p) }) + '\n';
    for (const w of watchers) w.write(line);
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    requests.push(url.pathname + url.search);
    if (url.pathname !== '/api/v1/pods') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('404 page not found');
      return;
    }
    const all = [...pods.values()].sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
    if (url.searchParams.get('watch') === 'true') {
      if (url.searchParams.get('sendInitialEvents') === 'true' && opts.watchList === 'reject') {
        res.writeHead(422, { 'content-type': 'application/json' }).end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', code: 422, reason: 'Invalid', message: 'sendInitialEvents is forbidden for watch unless the WatchList feature gate is enabled' }));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.flushHeaders();
      // RV "" (what a streamed list sends): synthetic ADDED for everything, and, ignoring sendInitialEvents, no end bookmark.
      if (!url.searchParams.get('resourceVersion')) for (const p of all) res.write(JSON.stringify({ type: 'ADDED', object: encode(p) }) + '\n');
      watchers.add(res);
      req.on('close', () => watchers.delete(res));
      return;
    }
    const limit = Number(url.searchParams.get('limit') ?? 0) || all.length;
    const start = Number(url.searchParams.get('continue') ?? 0);
    const page = all.slice(start, start + limit);
    const next = start + limit < all.length ? String(start + limit) : undefined;
    const meta = { resourceVersion: String(rv), continue: next };
    const body = opts.tables
      ? { kind: 'Table', apiVersion: 'meta.k8s.io/v1', metadata: meta, columnDefinitions: [{ name: 'Name', type: 'string', format: 'name', description: '', priority: 0 }, { name: 'Status', type: 'string', format: '', description: '', priority: 0 }], rows: page.map((p) => (encode(p) as { rows: unknown[] }).rows[0]) }
      : { kind: 'PodList', apiVersion: 'v1', metadata: meta, items: page };
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    pods,
    requests,
    set(name, phase) {
      const old = pods.get(name);
      const p: TinyPod = {
        metadata: { name, namespace: 'default', uid: old?.metadata.uid ?? `uid-${name}`, resourceVersion: String(++rv), creationTimestamp: '2025-01-01T00:00:00Z', labels: { app: 'tiny' } },
        status: { phase },
      };
      pods.set(name, p);
      broadcast(old ? 'MODIFIED' : 'ADDED', p);
    },
    remove(name) {
      const p = pods.get(name);
      if (!p) return;
      pods.delete(name);
      broadcast('DELETED', { ...p, metadata: { ...p.metadata, resourceVersion: String(++rv) } });
    },
    async stop() {
      for (const w of watchers) w.destroy();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
