// The contract of the transport: how every other layer sends a request to an API server.
// Owned by src/transport; credentials are applied inside it (via src/auth) and never leave it.
import type { Dispatcher } from 'undici';
import type { ConnectionSpec } from '../kubeconfig/types.js';

export type QueryValue = string | number | boolean | undefined;

export interface KubeRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Absolute API path, e.g. /api/v1/namespaces/default/pods (the server's path prefix is added by the client). */
  path: string;
  query?: Record<string, QueryValue | QueryValue[]>;
  headers?: Record<string, string>;
  /** An object is sent as JSON; a string or Buffer as is, with `contentType`. */
  body?: unknown;
  contentType?: string;
  signal?: AbortSignal;
  /** Overrides the spec's --request-timeout. Watches and follows pass 0 (none). */
  timeoutMs?: number;
  /**
   * The body as the server sent it: still compressed when its content-encoding says so, for the caller to inflate in
   * large pieces (inflatedBody in body.ts). The transport inflates others itself, 16 KiB at a time, each piece a trip
   * through undici's stream layers: ~2,000 of them for a 50,000-pod list.
   */
  compressedBody?: boolean;
}

export interface KubeResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The body stream, already decompressed unless the request asked for compressedBody. Read it to the end or call body.destroy(). */
  body: Dispatcher.ResponseData['body'];
}

/** A long GET (watch, log follow): same path/query/headers as a request, no body. */
export interface StreamRequest {
  path: string;
  query?: KubeRequest['query'];
  headers?: Record<string, string>;
  /** Aborting it ends the stream; iteration then just stops (no error). */
  signal?: AbortSignal;
  /** Wait at most this long for the response headers (default: --request-timeout, else none). The body has no deadline. */
  timeoutMs?: number;
  /** Nothing received for this long ends iteration with StreamIdleError (default: no limit). */
  idleTimeoutMs?: number;
  /** Longest line lines() delivers (default 64 MiB); longer ends iteration with ResponseTooLargeError. */
  maxLineBytes?: number;
  /** Names the stream in errors: "watch pods in default", "logs of pod web-1". */
  what?: string;
}

/**
 * An open 2xx stream. Read it once, with chunks() or lines(); reading is pull-driven (a slow reader slows the
 * server, nothing piles up in memory). Iteration throws only typed errors: ConnectionError (reset, timeout),
 * StreamIdleError, ResponseTooLargeError; it ends quietly when the caller's signal aborts or close() is called.
 */
export interface KubeStream {
  readonly status: number;
  readonly headers: KubeResponse['headers'];
  chunks(): AsyncIterable<Buffer>;
  lines(): AsyncIterable<string>;
  close(): void;
}

/** One client per cluster + credential (ConnectionSpec.cacheKey), shared by every view and informer of that context. */
export interface KubeClient {
  readonly spec: ConnectionSpec;
  /**
   * Sends a request and resolves with any HTTP status (the caller decides what a 404 means).
   * Rejects only with ConnectionError / TlsError / CredentialError, or with the caller's own abort reason
   * (an AbortError) when `signal` aborts; a timeout is a ConnectionError with step 'timeout'. A 401 is retried
   * once after refreshing an exec-plugin or token-file credential.
   */
  request(req: KubeRequest): Promise<KubeResponse>;
  /** Like request(), but a non-2xx answer rejects with ApiStatusError, and the body is parsed JSON. */
  requestJson<T = unknown>(req: KubeRequest): Promise<T>;
  /**
   * A long response (watch, logs): resolves once a 2xx answer's headers arrive (non-2xx rejects with
   * ApiStatusError), with the same TLS, proxy, credentials and one 401 refresh as request(). See KubeStream.
   */
  stream(req: StreamRequest): Promise<KubeStream>;
  /**
   * For upgrade() (src/transport/upgrade.ts: WebSocket exec, attach, port-forward): the same TLS, proxy and
   * credentials as request(). Absent on clients that must not open streams (a read-only context).
   */
  upgradeSetup?(): Promise<UpgradeSetup>;
  /** Closes its connections and timers. */
  close(): Promise<void>;
}

export interface UpgradeSetup {
  /** Scheme, host and the server URL's path prefix, e.g. https://10.0.0.1:6443/k8s */
  baseUrl: string;
  /** HTTP/1.1 only, with the context's TLS, client certificate and proxy. */
  dispatcher: Dispatcher;
  /** User-Agent, Authorization, impersonation. */
  headers: Record<string, string | string[]>;
}
