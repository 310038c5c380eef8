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
}

export interface KubeResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The (already decompressed) body stream. Read it to the end or call body.destroy(). */
  body: Dispatcher.ResponseData['body'];
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
  /** Closes its connections and timers. */
  close(): Promise<void>;
}
