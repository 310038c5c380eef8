// What listens inside a simulated pod: every declared container port answers HTTP with the pod's name, so a
// forward (kubectl's or kdeck's) can be checked end to end. One in-process server, fed in-memory connections.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { duplexPair, type Duplex } from 'node:stream';
import type { SimObject } from '../types.js';

interface PodSocket extends Duplex {
  kdeckPod?: string;
  kdeckPort?: number;
}

const server = createServer((req: IncomingMessage, res: ServerResponse) => {
  const sock = req.socket as PodSocket;
  req.resume();
  // GET /bytes/N: N bytes, for throughput measurements (npm run bench).
  const m = /^\/bytes\/(\d+)$/.exec(req.url ?? '');
  if (m) {
    const total = Math.min(Number(m[1]), 1 << 30);
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': total });
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    let left = total;
    const pump = () => {
      while (left > 0) {
        const n = Math.min(left, chunk.length);
        left -= n;
        if (!res.write(n === chunk.length ? chunk : chunk.subarray(0, n))) return void res.once('drain', pump);
      }
      res.end();
    };
    pump();
    return;
  }
  const body = `${sock.kdeckPod ?? 'unknown'}\n`;
  res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(body), 'x-kdeck-port': String(sock.kdeckPort ?? 0) });
  res.end(body);
});
server.keepAliveTimeout = 60_000;

export function containerPorts(pod: SimObject): number[] {
  const spec = pod.spec as { containers?: { ports?: { containerPort: number; protocol?: string }[] }[] } | undefined;
  return (spec?.containers ?? []).flatMap((c) => (c.ports ?? []).filter((p) => (p.protocol ?? 'TCP') === 'TCP').map((p) => p.containerPort));
}

/** A connection to `port` inside the pod, or the refusal the kubelet reports when nothing listens there. */
export function connectPodPort(pod: SimObject, port: number): { socket: Duplex } | { error: string } {
  if (!containerPorts(pod).includes(port)) {
    const uid = pod.metadata.uid ?? '';
    return { error: `error forwarding port ${port} to pod ${pod.metadata.name}, uid ${uid}: failed to connect to localhost:${port} inside namespace: dial tcp4 127.0.0.1:${port}: connect: connection refused` };
  }
  const [inside, outside] = duplexPair();
  (inside as PodSocket).kdeckPod = pod.metadata.name;
  (inside as PodSocket).kdeckPort = port;
  server.emit('connection', inside);
  return { socket: outside };
}
