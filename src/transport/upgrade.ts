// upgrade(): a WebSocket to the API server (exec, attach, port-forward) over undici's WebSocket, with the same
// TLS, client certificate, proxy and credentials as request() (the client's upgradeSetup()).
// A refused handshake tells a WebSocket nothing but "error", so the same URL is asked once more as a plain POST:
// the API server answers it with the Status that explains the refusal (403, pod not found, container not running).
// POST, not GET: the API server authorizes a stream as verb "create" (also the WebSocket GET, since 1.31), a plain
// GET as "get", so a GET's 403 would name the wrong verb. Without an Upgrade header nothing is run either way
// (the answer is 400 "Upgrade request required"). That POST also refreshes exec/token-file credentials after a 401,
// as every request does; the WebSocket is then opened once more with the new ones.
import type { Duplex } from 'node:stream';
import type { Dispatcher, WebSocket } from 'undici';
import { ConnectionError, KdeckError } from '../errors.js';
import { apiStatusError } from './errors.js';
import type { KubeClient, KubeRequest, UpgradeSetup } from './types.js';

export interface UpgradeRequest {
  path: string;
  query?: KubeRequest['query'];
  /** Subprotocols in order of preference, e.g. v5.channel.k8s.io then v4.channel.k8s.io. */
  protocols: readonly string[];
  signal?: AbortSignal;
  /** Names it in errors: "shell in pod web-1". */
  what: string;
}

export interface Upgraded {
  /** The subprotocol the server chose. */
  readonly protocol: string;
  send(data: Uint8Array): void;
  /** Bytes queued but not yet sent (for back-pressure). */
  bufferedAmount(): number;
  /** Binary messages, in order; messages that arrive before a listener is set are kept for it. */
  onMessage(fn: (data: Buffer) => void): void;
  /**
   * Stops reading from the server until resume(), so TCP flow control reaches it (a slow local reader of a
   * port-forward). Best effort: undici resumes its socket after its own frame parser drains, so call it again for
   * each message that arrives while the reader is still behind.
   */
  pause(): void;
  resume(): void;
  /** Resolves once the socket is closed, by either side. */
  readonly closed: Promise<{ code: number; reason: string }>;
  close(code?: number, reason?: string): void;
}

function queryString(query: UpgradeRequest['query']): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    for (const one of Array.isArray(v) ? v : [v]) if (one !== undefined) params.append(k, String(one));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

function headerPairs(h: Record<string, string | string[]>): [string, string][] {
  return Object.entries(h).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x): [string, string] => [k, x]) : [[k, v] as [string, string]]));
}

/** Why the handshake failed, from a plain POST of the same URL; the caller throws what this returns. */
async function explainRefusal(client: KubeClient, req: UpgradeRequest): Promise<Error> {
  try {
    const res = await client.request({ method: 'POST', path: req.path, query: req.query, ...(req.signal ? { signal: req.signal } : {}) });
    const text = await res.body.text();
    if (res.status >= 400 && !/Upgrade request required/i.test(text)) return apiStatusError(res.status, text, res.headers, client.spec);
  } catch (err) {
    return err instanceof Error ? err : new Error(String(err));
  }
  return new ConnectionError('other', client.spec.server, `the server did not accept the WebSocket for ${req.what}`,
    'a proxy or load balancer in between may not pass WebSocket upgrades through');
}

interface Connected {
  ws: WebSocket;
  opened: boolean;
  early: Buffer[];
  closed: Promise<{ code: number; reason: string }>;
  listen(fn: (b: Buffer) => void): void;
  /** The upgraded connection (undici's WebSocket has no way to stop reading; its socket has). */
  socket(): Duplex | undefined;
}

/**
 * `dispatcher`, keeping the socket the 101 hands over: undici gives it to the handler's onRequestUpgrade. The
 * handler is proxied (its methods bound to it) so that its own fields stay its own.
 */
function keepingSocket(dispatcher: Dispatcher, keep: (s: Duplex) => void): Dispatcher {
  return dispatcher.compose((dispatch) => (opts, handler) => dispatch(opts, new Proxy(handler, {
    get(target, prop) {
      const v = Reflect.get(target, prop, target) as unknown;
      if (prop === 'onRequestUpgrade' && typeof v === 'function') {
        return (controller: unknown, status: number, headers: unknown, socket: Duplex) => {
          keep(socket);
          return (v as (...a: unknown[]) => unknown).call(target, controller, status, headers, socket);
        };
      }
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  })));
}

/** A WebSocket to the URL with `setup`'s dispatcher and headers; `opened` is false when the handshake failed. */
async function connect(setup: UpgradeSetup, req: UpgradeRequest): Promise<Connected> {
  const url = setup.baseUrl.replace(/^http/, 'ws') + req.path + queryString(req.query);
  // undici's WebSocket (and the fetch code under it) loads on the first exec, attach or port-forward, not at start-up.
  // In the bundled bin (dist/kdeck.js) undici is a CommonJS chunk, whose exports arrive as `default`.
  const undici = (await import('undici')) as typeof import('undici') & { default?: typeof import('undici') };
  const WebSocket = undici.WebSocket ?? undici.default!.WebSocket;
  let socket: Duplex | undefined;
  const dispatcher = keepingSocket(setup.dispatcher, (s) => (socket = s));
  const ws = new WebSocket(url, { protocols: [...req.protocols], dispatcher, headers: headerPairs(setup.headers) });
  ws.binaryType = 'arraybuffer';
  const early: Buffer[] = [];
  let listener: ((b: Buffer) => void) | undefined;
  ws.addEventListener('message', (ev) => {
    const d = ev.data as ArrayBuffer | string;
    const b = typeof d === 'string' ? Buffer.from(d) : Buffer.from(d);
    if (listener) listener(b);
    else early.push(b);
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.addEventListener('close', (ev) => resolve({ code: ev.code, reason: ev.reason })));
  const opened = await new Promise<boolean>((resolve) => {
    const onAbort = () => {
      ws.close();
      resolve(false);
    };
    if (req.signal?.aborted) return onAbort();
    req.signal?.addEventListener('abort', onAbort, { once: true });
    ws.addEventListener('open', () => {
      req.signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, { once: true });
    ws.addEventListener('error', () => resolve(false), { once: true });
    void closed.then(() => resolve(false));
  });
  return { ws, opened, early, closed, listen: (fn) => (listener = fn), socket: () => socket };
}

/** Whether two setups carry different credentials (a new token, or a new client certificate's dispatcher). */
function newCredentials(a: UpgradeSetup, b: UpgradeSetup): boolean {
  return a.dispatcher !== b.dispatcher || JSON.stringify(a.headers.authorization) !== JSON.stringify(b.headers.authorization);
}

export async function upgrade(client: KubeClient, req: UpgradeRequest): Promise<Upgraded> {
  if (!client.upgradeSetup) {
    throw new KdeckError('api', `${req.what} needs a stream to the API server, which this context does not allow`, 'the context is read-only; drop --readonly (or readOnly in the config) to use it');
  }
  let setup = await client.upgradeSetup();
  let c = await connect(setup, req);
  if (!c.opened && !req.signal?.aborted) {
    // A WebSocket learns no status from a refused handshake. The plain POST that explains it goes through request(),
    // which, like every request, refreshes exec and token-file credentials after a 401 and asks again; when that
    // gave new credentials, the refusal was the old ones' 401: open once more with the new ones.
    const refusal = await explainRefusal(client, req);
    const next = await client.upgradeSetup();
    if (!newCredentials(setup, next)) throw refusal;
    setup = next;
    c = await connect(setup, req);
  }
  if (!c.opened) {
    if (req.signal?.aborted) throw req.signal.reason ?? new DOMException('aborted', 'AbortError');
    throw await explainRefusal(client, req);
  }
  const { ws, early, closed, listen, socket } = c;
  req.signal?.addEventListener('abort', () => ws.close(), { once: true });
  return {
    protocol: ws.protocol,
    send: (data) => {
      if (ws.readyState === ws.OPEN) ws.send(data);
    },
    bufferedAmount: () => ws.bufferedAmount,
    onMessage: (fn) => {
      listen(fn);
      for (const b of early.splice(0)) fn(b);
    },
    pause: () => socket()?.pause(),
    resume: () => socket()?.resume(),
    closed,
    close: (code = 1000, reason = '') => {
      if (ws.readyState === ws.OPEN || ws.readyState === ws.CONNECTING) ws.close(code, reason);
    },
  };
}
