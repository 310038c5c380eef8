// A port-forward as a client: a local TCP listener; each accepted connection gets its own WebSocket to
// …/portforward?ports=P (channel protocol: data on 0, errors on 1, each opened by the port number; see
// docs/streaming-protocol.md). A watch on the pod ends the forward with a message when the pod goes away.
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { PORT_FORWARD_PROTOCOLS, decodeFrame, encodeFrame, portChannels } from '../protocol/channels.js';
import { upgrade } from '../transport/upgrade.js';
import type { KubeClient } from '../transport/types.js';

export interface ForwardSpec {
  namespace: string;
  pod: string;
  remotePort: number;
  localAddress: string;
  /** 0: any free port. */
  localPort: number;
}

export interface ForwardStats {
  bytesIn: number;
  bytesOut: number;
  /** Open now. */
  connections: number;
  /** Accepted since the start. */
  total: number;
  /** The last error a connection reported (the kubelet's text), if any. */
  lastError?: string;
}

export interface RunningForward {
  readonly address: string;
  readonly port: number;
  readonly stats: ForwardStats;
  /** Resolves when the forward stops: closed (signal) or the pod went away (rejects with the reason). */
  readonly done: Promise<void>;
}

const HIGH_WATER = 1024 * 1024;

function listen(server: Server, address: string, port: number): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, address, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

/** Carries one local connection over its own WebSocket. */
async function carry(client: KubeClient, spec: ForwardSpec, sock: Socket, stats: ForwardStats, signal: AbortSignal): Promise<void> {
  sock.pause();
  sock.setNoDelay(true);
  const ch = portChannels(0);
  let ws;
  try {
    ws = await upgrade(client, {
      path: `/api/v1/namespaces/${encodeURIComponent(spec.namespace)}/pods/${encodeURIComponent(spec.pod)}/portforward`,
      query: { ports: spec.remotePort }, protocols: PORT_FORWARD_PROTOCOLS, signal, what: `port-forward to pod ${spec.pod}`,
    });
  } catch (err) {
    stats.lastError = err instanceof Error ? err.message : String(err);
    sock.destroy();
    return;
  }
  const prefixed = new Set<number>();
  let draining = false;
  ws.onMessage((m) => {
    const f = decodeFrame(m);
    if (!f) return;
    let data = f.data;
    // The first message of each channel is its port number (2 bytes, little-endian).
    if (!prefixed.has(f.channel)) {
      prefixed.add(f.channel);
      data = data.subarray(2);
    }
    if (data.length === 0) return;
    if (f.channel === ch.data) {
      stats.bytesIn += data.length;
      sock.write(data);
      if (sock.writableLength > HIGH_WATER) {
        // The local reader is slower than the pod: stop reading the WebSocket until it catches up, so TCP flow
        // control reaches the API server instead of the pod's bytes piling up here.
        ws.pause();
        if (!draining) {
          draining = true;
          sock.once('drain', () => {
            draining = false;
            ws.resume();
          });
        }
      }
    } else if (f.channel === ch.error) {
      stats.lastError = data.toString('utf8').trim();
      sock.destroy();
    }
  });
  sock.on('data', (b: Buffer) => {
    stats.bytesOut += b.length;
    ws.send(encodeFrame(ch.data, b));
    if (ws.bufferedAmount() > HIGH_WATER) {
      sock.pause();
      const t = setInterval(() => {
        if (ws.bufferedAmount() < HIGH_WATER / 4 || sock.destroyed) {
          clearInterval(t);
          sock.resume();
        }
      }, 2);
    }
  });
  sock.on('error', () => undefined);
  const localEnded = new Promise<void>((r) => sock.once('close', () => r()));
  sock.once('end', () => ws.close());
  sock.resume();
  await Promise.race([ws.closed, localEnded]);
  ws.close();
  sock.end();
}

/** Watches the pod: resolves with a message when it is deleted (or replaced by a new one of the same name). */
async function podGone(client: KubeClient, spec: ForwardSpec, signal: AbortSignal): Promise<string | undefined> {
  while (!signal.aborted) {
    try {
      const pod = await client.requestJson<{ metadata: { uid: string; resourceVersion: string; deletionTimestamp?: string } }>({
        path: `/api/v1/namespaces/${encodeURIComponent(spec.namespace)}/pods/${encodeURIComponent(spec.pod)}`, signal,
      });
      if (pod.metadata.deletionTimestamp) return `pod ${spec.pod} is terminating`;
      const s = await client.stream({
        path: `/api/v1/namespaces/${encodeURIComponent(spec.namespace)}/pods`,
        query: { watch: true, fieldSelector: `metadata.name=${spec.pod}`, resourceVersion: pod.metadata.resourceVersion },
        signal, timeoutMs: 0, what: `watch pod ${spec.pod}`,
      });
      for await (const line of s.lines()) {
        const ev = JSON.parse(line) as { type: string; object?: { metadata?: { uid?: string; deletionTimestamp?: string } } };
        if (ev.type === 'DELETED' || ev.object?.metadata?.uid !== pod.metadata.uid) return `pod ${spec.pod} was deleted`;
        if (ev.object?.metadata?.deletionTimestamp) return `pod ${spec.pod} is terminating`;
      }
    } catch (err) {
      if (signal.aborted) return undefined;
      const code = (err as { status?: { code?: number } }).status?.code;
      if (code === 404) return `pod ${spec.pod} no longer exists`;
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
  return undefined;
}

/** Starts listening; the forward runs until `signal` aborts or the pod goes away. */
export async function startPortForward(client: KubeClient, spec: ForwardSpec, signal: AbortSignal): Promise<RunningForward> {
  const stats: ForwardStats = { bytesIn: 0, bytesOut: 0, connections: 0, total: 0 };
  const sockets = new Set<Socket>();
  const server = createServer({ pauseOnConnect: true }, (sock) => {
    stats.connections++;
    stats.total++;
    sockets.add(sock);
    void carry(client, spec, sock, stats, signal).finally(() => {
      sockets.delete(sock);
      stats.connections--;
    });
  });
  const addr = await listen(server, spec.localAddress, spec.localPort);
  const stop = () => {
    server.close();
    for (const s of sockets) s.destroy();
  };
  const watchAc = new AbortController();
  const onAbort = () => watchAc.abort();
  signal.addEventListener('abort', onAbort, { once: true });
  const done = (async () => {
    const gone = await Promise.race([
      podGone(client, spec, watchAc.signal),
      new Promise<undefined>((r) => signal.addEventListener('abort', () => r(undefined), { once: true })),
    ]);
    watchAc.abort();
    signal.removeEventListener('abort', onAbort);
    stop();
    if (gone) throw new Error(`port-forward ${spec.localAddress}:${addr.port} → ${spec.pod}:${spec.remotePort} ended: ${gone}`);
  })();
  return { address: addr.address, port: addr.port, stats, done };
}
