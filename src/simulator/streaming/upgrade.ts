// pods/exec, pods/attach and pods/portforward: the HTTP upgrade and the three wire forms kube-apiserver serves.
//   WebSocket, subprotocol v5/v4.channel.k8s.io: exec and attach (kubectl ≥ 1.30, kdeck).
//   WebSocket, SPDY/3.1+portforward.k8s.io: SPDY frames tunnelled in binary messages (kubectl ≥ 1.31 port-forward).
//   WebSocket, v4.channel.k8s.io or portforward.k8s.io on …/portforward?ports=: the kubelet's channel port-forward (kdeck).
//   Upgrade: SPDY/3.1 with X-Stream-Protocol-Version: exec/attach/port-forward of older kubectl (1.28, 1.29).
// Everything before the upgrade (authentication, RBAC as verb "create", the pod and container checks) answers
// with a Status, as the API server does; docs/streaming-protocol.md has the sources.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ClusterRuntime } from '../api-server.js';
import type { SimObject } from '../types.js';
import type { Status } from '../../errors.js';
import { ApiStatusError } from '../../errors.js';
import { authenticate } from '../authn.js';
import { impersonate } from '../impersonation.js';
import { checkAccess } from '../access.js';
import { parseRequestTarget, type ResourceRequestInfo } from '../request-info.js';
import { StatusError, badRequest, internalError, notFound, unauthorized } from '../status.js';
import { CLOSE, ERROR, RESIZE, STDERR, STDIN, STDOUT, decodeFrame, encodeFrame, encodePortPrefix, portChannels } from '../../protocol/channels.js';
import { startExec, type ExecHandle, type ExecResult } from './exec-session.js';
import { MainProcesses } from './main-process.js';
import { SpdyServerSession, type ByteSink, type SpdyStream } from './spdy.js';
import { connectPodPort } from './pod-ports.js';

const STREAM_SUBRESOURCES = new Set(['exec', 'attach', 'portforward']);
const SPDY_TUNNEL = 'SPDY/3.1+portforward.k8s.io';
const WS_EXEC = ['v5.channel.k8s.io', 'v4.channel.k8s.io'];
const WS_PORT_FORWARD = ['v4.channel.k8s.io', 'portforward.k8s.io'];

export function isStreamSubresource(info: ResourceRequestInfo): boolean {
  return info.resource === 'pods' && info.group === '' && info.subresource !== undefined && STREAM_SUBRESOURCES.has(info.subresource);
}

interface Target {
  pod: SimObject;
  /** exec/attach only. */
  container?: string;
}

interface ContainerStatus {
  name: string;
  state?: { running?: object; waiting?: { reason?: string }; terminated?: { reason?: string } };
}

/** The pod (and container) an exec/attach/portforward is for, or the Status the API server answers with. */
export function resolveStreamTarget(rt: ClusterRuntime, info: ResourceRequestInfo, q: URLSearchParams): Target {
  const pod = rt.store.get('pods', info.namespace, info.name!);
  if (!pod) throw notFound('pods', '', info.name!);
  const phase = (pod.status as { phase?: string } | undefined)?.phase;
  const verb = info.subresource === 'portforward' ? 'port-forward to' : info.subresource === 'attach' ? 'attach to' : 'exec into';
  if (phase === 'Succeeded' || phase === 'Failed') throw badRequest(`cannot ${verb} a container in a completed pod; current phase is ${phase}`);
  if (!(pod.spec as { nodeName?: string } | undefined)?.nodeName) throw badRequest(`pod ${pod.metadata.name} does not have a host assigned`);
  if (info.subresource === 'portforward') return { pod };

  const names = ((pod.spec as { containers?: { name: string }[] }).containers ?? []).map((c) => c.name);
  let container = q.get('container') ?? '';
  if (container === '') {
    if (names.length !== 1) throw badRequest(`a container name must be specified for pod ${pod.metadata.name}, choose one of: [${names.join(' ')}]`);
    container = names[0];
  }
  if (!names.includes(container)) throw badRequest(`container ${container} is not valid for pod ${pod.metadata.name}`);
  const st = ((pod.status as { containerStatuses?: ContainerStatus[] } | undefined)?.containerStatuses ?? []).find((c) => c.name === container);
  if (!st?.state?.running) {
    const why = st?.state?.waiting ? `is waiting to start: ${st.state.waiting.reason ?? 'ContainerCreating'}` : 'is not running';
    throw badRequest(`container ${container} in pod ${pod.metadata.name} ${why}`);
  }
  return { pod, container };
}

function statusOf(err: unknown): Status {
  if (err instanceof StatusError) return err.status;
  if (err instanceof ApiStatusError) return err.status;
  return internalError(err instanceof Error ? err.message : String(err)).status;
}

const REASONS: Record<number, string> = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 500: 'Internal Server Error' };

function refuse(socket: Duplex, status: Status): void {
  const body = JSON.stringify(status);
  const code = status.code ?? 500;
  socket.end(`HTTP/1.1 ${code} ${REASONS[code] ?? 'Error'}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}

function headerList(v: string | string[] | undefined): string[] {
  return (Array.isArray(v) ? v : v === undefined ? [] : [v]).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean);
}

/** The end-of-exec Status of remotecommand v4+ (kubelet: Success, NonZeroExitCode with an ExitCode cause, or an error). */
export function execStatus(result: ExecResult, command: string[]): Status {
  if (result.kind === 'exit' && result.code === 0) return { metadata: {}, status: 'Success' } as Status;
  if (result.kind === 'exit') {
    return {
      metadata: {}, status: 'Failure', reason: 'NonZeroExitCode',
      message: `command terminated with non-zero exit code: error executing command [${command.join(' ')}], exit code ${result.code}`,
      details: { causes: [{ reason: 'ExitCode', message: String(result.code) }] },
    } as Status;
  }
  return { metadata: {}, status: 'Failure', reason: 'InternalError', code: 500, message: result.message, details: { causes: [{ message: result.message }] } } as Status;
}

interface ExecOptions {
  command: string[];
  attach: boolean;
  stdin: boolean;
  stdout: boolean;
  stderr: boolean;
  tty: boolean;
}

function execOptions(info: ResourceRequestInfo, q: URLSearchParams): ExecOptions {
  const flag = (n: string) => q.get(n) === 'true' || q.get(n) === '1';
  return {
    command: q.getAll('command'),
    attach: info.subresource === 'attach',
    stdin: flag('stdin'), stdout: flag('stdout'), stderr: flag('stderr'), tty: flag('tty'),
  };
}

/** Listens on a server's 'upgrade' event; anything that is not a pod stream gets a 400. */
export function createUpgradeHandler(rt: ClusterRuntime): (req: IncomingMessage, socket: Duplex, head: Buffer) => void {
  // ws rejects "SPDY/3.1+portforward.k8s.io" ('/' is not a token character), so we take the subprotocol header
  // off the request before ws sees it and add our choice to the 101 ourselves.
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, clientTracking: false });
  wss.on('headers', (headers: string[], request: IncomingMessage & { kdeckProtocol?: string }) => {
    if (request.kdeckProtocol) headers.push(`Sec-WebSocket-Protocol: ${request.kdeckProtocol}`);
  });
  const live = new Set<{ close(): void }>();
  rt.onStop(() => {
    for (const s of live) s.close();
    live.clear();
  });
  const track = (s: { close(): void }) => {
    live.add(s);
    return () => live.delete(s);
  };

  return (req, socket, head) => {
    socket.on('error', () => undefined);
    try {
      const url = new URL(req.url ?? '/', 'http://sim');
      const path = url.pathname.replace(/\/+$/, '');
      const q = url.searchParams;
      const target = parseRequestTarget(req.method ?? 'GET', path, false, rt.catalogue());
      if (target.kind !== 'resource' || !isStreamSubresource(target.info)) throw badRequest(`upgrade is only served for pods/exec, pods/attach and pods/portforward`);
      const authenticated = authenticate(req, rt.tls, rt.tokens);
      if (authenticated === 'unauthorized') throw unauthorized();
      const identity = impersonate(authenticated, req.headers);
      // A stream is a "create" whatever the method (WebSocket is GET): kube-apiserver checks it so since 1.31
      // (AuthorizePodWebsocketUpgradeCreatePermission).
      const info: ResourceRequestInfo = { ...target.info, verb: 'create' };
      checkAccess(identity, info);
      const resolved = resolveStreamTarget(rt, info, q);
      const upgrade = String(req.headers.upgrade ?? '').toLowerCase();
      const offered = headerList(req.headers['sec-websocket-protocol']);

      if (upgrade === 'websocket') {
        const pf = info.subresource === 'portforward';
        const protocol = pf
          ? (offered.includes(SPDY_TUNNEL) ? SPDY_TUNNEL : WS_PORT_FORWARD.find((p) => offered.includes(p)))
          : WS_EXEC.find((p) => offered.includes(p));
        if (!protocol) throw badRequest(`none of the offered subprotocols [${offered.join(', ')}] is supported; want one of ${(pf ? [SPDY_TUNNEL, ...WS_PORT_FORWARD] : WS_EXEC).join(', ')}`);
        let ports: number[] = [];
        if (pf && protocol !== SPDY_TUNNEL) {
          ports = q.getAll('ports').flatMap((p) => p.split(',')).map((p) => Number(p.trim()));
          if (ports.length === 0 || ports.some((p) => !Number.isInteger(p) || p < 1 || p > 65535)) throw badRequest('query parameter "ports" is required: one or more port numbers between 1 and 65535');
        }
        (req as IncomingMessage & { kdeckProtocol?: string }).kdeckProtocol = protocol;
        delete req.headers['sec-websocket-protocol'];
        wss.handleUpgrade(req, socket, head, (ws) => {
          const untrack = track({ close: () => ws.terminate() });
          ws.on('close', untrack);
          if (!pf) serveWebSocketExec(rt, ws, protocol, resolved, execOptions(info, q));
          else if (protocol === SPDY_TUNNEL) serveSpdyPortForward(rt, resolved.pod, webSocketSink(ws), (feed, lost) => {
            ws.on('message', (d: Buffer) => feed(d));
            ws.on('close', lost);
          });
          else serveWebSocketPortForward(rt, ws, resolved.pod, ports);
        });
        return;
      }

      if (upgrade === 'spdy/3.1') {
        const versions = headerList(req.headers['x-stream-protocol-version']);
        const pf = info.subresource === 'portforward';
        const chosen = pf ? (versions.includes('portforward.k8s.io') ? 'portforward.k8s.io' : undefined) : versions.find((v) => v === 'v4.channel.k8s.io');
        if (!chosen) throw badRequest(`unable to upgrade: none of the requested stream protocols [${versions.join(', ')}] is supported (want ${pf ? 'portforward.k8s.io' : 'v4.channel.k8s.io'})`);
        const sock = socket as Duplex & { setNoDelay?: (b: boolean) => void };
        socket.write(`HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\nX-Stream-Protocol-Version: ${chosen}\r\n\r\n`);
        sock.setNoDelay?.(true);
        const sink = socketSink(socket);
        const untrack = track({ close: () => socket.destroy() });
        socket.on('close', untrack);
        const attachInput = (feed: (b: Buffer) => void, lost: () => void) => {
          if (head.length) feed(head);
          socket.on('data', feed);
          socket.on('close', lost);
        };
        if (pf) serveSpdyPortForward(rt, resolved.pod, sink, attachInput);
        else serveSpdyExec(rt, sink, resolved, execOptions(info, q), attachInput);
        return;
      }
      throw badRequest(`unsupported upgrade ${JSON.stringify(req.headers.upgrade ?? '')}: want websocket or SPDY/3.1`);
    } catch (err) {
      refuse(socket, statusOf(err));
    }
  };
}

const MAINS = new WeakMap<ClusterRuntime, MainProcesses>();

/** The cluster's containers' main processes (attach), made on first use. */
function mainProcesses(rt: ClusterRuntime): MainProcesses {
  let m = MAINS.get(rt);
  if (!m) MAINS.set(rt, (m = new MainProcesses(rt.logs, rt.store)));
  return m;
}

function webSocketSink(ws: WebSocket): ByteSink {
  return {
    write: (b) => ws.send(b, { binary: true }),
    buffered: () => ws.bufferedAmount,
    end: () => ws.close(1000),
  };
}

function socketSink(socket: Duplex): ByteSink {
  return {
    write: (b) => socket.write(b),
    buffered: () => socket.writableLength,
    end: () => socket.end(),
  };
}

/**
 * client-go's WebSocket executor sets up its stream readers just after the handshake and drops messages for
 * streams it does not know yet ("Unknown stream id"); a real exec takes a round trip through the kubelet
 * before output comes, so wait a moment before starting, keeping what the client sends meanwhile.
 */
const WS_EXEC_START_DELAY_MS = 50;

function serveWebSocketExec(rt: ClusterRuntime, ws: WebSocket, protocol: string, target: Target, o: ExecOptions): void {
  let closed = false;
  let handle: ExecHandle | undefined;
  const early: Buffer[] = [];
  const onMessage = (raw: Buffer) => {
    if (!handle) return void early.push(raw);
    const f = decodeFrame(raw);
    if (!f) return;
    if (f.channel === STDIN) handle.input(f.data);
    else if (f.channel === RESIZE) parseResize(f.data.toString(), handle);
    else if (f.channel === CLOSE && protocol.startsWith('v5') && f.data[0] === STDIN) handle.endInput();
  };
  ws.on('message', onMessage);
  ws.on('close', () => {
    closed = true;
    handle?.abort();
  });
  setTimeout(() => {
    if (closed) return;
    handle = startWebSocketExec();
    for (const m of early.splice(0)) onMessage(m);
  }, WS_EXEC_START_DELAY_MS);

  const startWebSocketExec = (): ExecHandle => startExec(
    { pod: target.pod, container: target.container!, command: o.command, attach: o.attach, stdin: o.stdin, tty: o.tty, mains: mainProcesses(rt) },
    {
      stdout: (b) => !closed && ws.send(encodeFrame(STDOUT, b)),
      stderr: (b) => !closed && ws.send(encodeFrame(STDERR, b)),
      done: (r) => {
        if (closed) return;
        closed = true;
        ws.send(encodeFrame(ERROR, JSON.stringify(execStatus(r, o.command))));
        ws.close(1000);
      },
    },
  );
}

function parseResize(text: string, handle: ExecHandle): void {
  for (const m of text.matchAll(/\{[^}]*\}/g)) {
    try {
      const v = JSON.parse(m[0]) as { Width?: number; Height?: number };
      if (typeof v.Width === 'number' && typeof v.Height === 'number') handle.resize(v.Width, v.Height);
    } catch {
      // a partial object: ignore
    }
  }
}

type InputWiring = (feed: (b: Buffer) => void, lost: () => void) => void;

function serveSpdyExec(rt: ClusterRuntime, sink: ByteSink, target: Target, o: ExecOptions, wire: InputWiring): void {
  const want = new Set(['error', ...(o.stdin ? ['stdin'] : []), ...(o.stdout ? ['stdout'] : []), ...(o.stderr && !o.tty ? ['stderr'] : []), ...(o.tty ? ['resize'] : [])]);
  const streams = new Map<string, SpdyStream>();
  let handle: ExecHandle | undefined;
  const start = () => {
    const out = streams.get('stdout');
    const err = streams.get('stderr');
    handle = startExec(
      { pod: target.pod, container: target.container!, command: o.command, attach: o.attach, stdin: o.stdin, tty: o.tty, mains: mainProcesses(rt) },
      {
        stdout: (b) => out?.write(b),
        stderr: (b) => err?.write(b),
        done: (r) => {
          out?.end();
          err?.end();
          const es = streams.get('error')!;
          es.write(JSON.stringify(execStatus(r, o.command)));
          es.end();
          session.close();
        },
      },
    );
    const stdin = streams.get('stdin');
    stdin?.onData((b) => handle!.input(b));
    stdin?.onEnd(() => handle!.endInput());
    streams.get('resize')?.onData((b) => parseResize(b.toString(), handle!));
  };
  const session = new SpdyServerSession(sink, (s) => {
    const type = s.header('streamtype') ?? '';
    if (!want.has(type) || streams.has(type)) return session.resetStream(s);
    streams.set(type, s);
    if (!handle && [...want].every((t) => streams.has(t))) start();
  });
  session.onClose(() => handle?.abort());
  wire((b) => session.feed(b), () => session.lost());
}

function podDeletionWatch(rt: ClusterRuntime, pod: SimObject, onGone: () => void): () => void {
  const uid = pod.metadata.uid;
  return rt.store.subscribeStored((ev) => {
    if (ev.resource !== 'pods' || ev.type !== 'DELETED') return;
    const o = ev.stored.object as SimObject;
    if (o.metadata.uid === uid) onGone();
  });
}

function serveSpdyPortForward(rt: ClusterRuntime, pod: SimObject, sink: ByteSink, wire: InputWiring): void {
  const pairs = new Map<string, { data?: SpdyStream; error?: SpdyStream }>();
  const session = new SpdyServerSession(sink, (s) => {
    const type = s.header('streamtype');
    const id = s.header('requestid') ?? s.header('port') ?? '';
    if (type !== 'data' && type !== 'error') return session.resetStream(s);
    const pair = pairs.get(id) ?? {};
    pair[type] = s;
    pairs.set(id, pair);
    if (pair.data && pair.error) {
      pairs.delete(id);
      forwardPair(Number(s.header('port')), pair.data, pair.error);
    }
  });
  const forwardPair = (port: number, data: SpdyStream, error: SpdyStream) => {
    const c = connectPodPort(pod, port);
    if ('error' in c) {
      error.write(c.error);
      error.end();
      data.end();
      return;
    }
    const sock = c.socket;
    data.onData((b) => {
      if (!sock.write(b)) sock.once('drain', () => undefined);
    });
    data.onEnd(() => sock.end());
    sock.on('data', (b: Buffer) => {
      data.write(b);
      // Back-pressure toward the pod when the client reads slowly.
      if (session.buffered() > 4 * 1024 * 1024) {
        sock.pause();
        const wait = setInterval(() => {
          if (session.closed || session.buffered() < 1024 * 1024) {
            clearInterval(wait);
            sock.resume();
          }
        }, 5);
      }
    });
    sock.on('end', () => {
      data.end();
      error.end();
    });
    sock.on('error', () => undefined);
    session.onClose(() => sock.destroy());
  };
  const unwatch = podDeletionWatch(rt, pod, () => session.close());
  session.onClose(unwatch);
  wire((b) => session.feed(b), () => session.lost());
}

/** The kubelet's channel port-forward: one WebSocket, data+error channel per requested port. */
function serveWebSocketPortForward(rt: ClusterRuntime, ws: WebSocket, pod: SimObject, ports: number[]): void {
  const sockets: (Duplex | undefined)[] = [];
  ports.forEach((port, i) => {
    const ch = portChannels(i);
    ws.send(encodePortPrefix(ch.data, port));
    ws.send(encodePortPrefix(ch.error, port));
    const c = connectPodPort(pod, port);
    if ('error' in c) {
      ws.send(encodeFrame(ch.error, c.error));
      return;
    }
    sockets[i] = c.socket;
    c.socket.on('data', (b: Buffer) => {
      ws.send(encodeFrame(ch.data, b));
      if (ws.bufferedAmount > 4 * 1024 * 1024) {
        c.socket.pause();
        const wait = setInterval(() => {
          if (ws.readyState !== ws.OPEN || ws.bufferedAmount < 1024 * 1024) {
            clearInterval(wait);
            c.socket.resume();
          }
        }, 5);
      }
    });
    c.socket.on('end', () => {
      // The pod side closed: one port of one connection per socket, so the WebSocket is done.
      if (ws.readyState === ws.OPEN) ws.close(1000);
    });
    c.socket.on('error', () => undefined);
  });
  ws.on('message', (raw: Buffer) => {
    const f = decodeFrame(raw);
    if (!f || f.channel % 2 !== 0) return;
    sockets[f.channel / 2]?.write(f.data);
  });
  const unwatch = podDeletionWatch(rt, pod, () => {
    ports.forEach((port, i) => ws.send(encodeFrame(portChannels(i).error, `pod ${pod.metadata.name} was deleted; lost connection to port ${port}`)));
    ws.close(1000);
  });
  ws.on('close', () => {
    unwatch();
    for (const s of sockets) s?.end();
  });
}
