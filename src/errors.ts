// The typed errors every layer throws. Messages say what is wrong and how to fix it, and never carry a secret.

export type ErrorKind = 'kubeconfig' | 'credential' | 'network' | 'tls' | 'api' | 'usage' | 'internal';

export class KdeckError extends Error {
  readonly kind: ErrorKind;
  /** One line telling the user what to do, shown under the message. */
  readonly hint?: string;
  /** A few words for the header while kdeck retries ("a watch event over 64 MiB"), when the cause is not the network. */
  brief?: string;
  constructor(kind: ErrorKind, message: string, hint?: string) {
    super(message);
    this.name = 'KdeckError';
    this.kind = kind;
    this.hint = hint;
  }
}

/** A kubeconfig that cannot be used: names the file and the context/cluster/user/key at fault. */
export class KubeconfigError extends KdeckError {
  readonly file?: string;
  constructor(message: string, opts: { file?: string; hint?: string } = {}) {
    super('kubeconfig', message, opts.hint);
    this.name = 'KubeconfigError';
    this.file = opts.file;
  }
}

/** A credential could not be obtained: exec plugin missing or failing, unreadable token file, removed auth-provider. */
export class CredentialError extends KdeckError {
  readonly user: string;
  constructor(user: string, message: string, hint?: string) {
    super('credential', message, hint);
    this.name = 'CredentialError';
    this.user = user;
  }
}

export type ConnectionStep = 'dns' | 'refused' | 'timeout' | 'reset' | 'proxy' | 'other';
export type TlsStep = 'unknown-authority' | 'hostname-mismatch' | 'expired' | 'not-yet-valid' | 'client-certificate' | 'other';

/** The request never got an HTTP answer. */
export class ConnectionError extends KdeckError {
  readonly step: ConnectionStep;
  readonly server: string;
  constructor(step: ConnectionStep, server: string, message: string, hint?: string) {
    super('network', message, hint);
    this.name = 'ConnectionError';
    this.step = step;
    this.server = server;
  }
}

/** The TLS handshake failed. */
export class TlsError extends KdeckError {
  readonly step: TlsStep;
  readonly server: string;
  constructor(step: TlsStep, server: string, message: string, hint?: string) {
    super('tls', message, hint);
    this.name = 'TlsError';
    this.step = step;
    this.server = server;
  }
}

/** The Kubernetes `Status` object as the API server sends it. */
export interface Status {
  kind?: 'Status';
  apiVersion?: string;
  metadata?: { continue?: string; resourceVersion?: string };
  status?: 'Success' | 'Failure';
  message?: string;
  reason?: string;
  details?: {
    name?: string;
    group?: string;
    kind?: string;
    uid?: string;
    causes?: { reason?: string; message?: string; field?: string }[];
    retryAfterSeconds?: number;
  };
  code?: number;
}

/** The server answered with an error: a Status body (or a plain-text one, turned into a Status). */
export class ApiStatusError extends KdeckError {
  readonly code: number;
  readonly reason: string;
  readonly status: Status;
  readonly retryAfterSeconds?: number;
  constructor(status: Status, retryAfterSeconds?: number, hint?: string) {
    super('api', status.message || status.reason || `HTTP ${status.code}`, hint);
    this.name = 'ApiStatusError';
    this.status = status;
    this.code = status.code ?? 0;
    this.reason = status.reason ?? '';
    this.retryAfterSeconds = retryAfterSeconds ?? status.details?.retryAfterSeconds;
  }
}

/** A response that cannot be what was asked for (a list without items, columns that are not a list): not retried. */
export class MalformedResponseError extends KdeckError {
  constructor(what: string, expected: string, got: string, hint?: string) {
    super('api', `malformed response: expected ${expected} in ${what}, got ${got}`,
      hint ?? 'the server (or a proxy in front of it) answered with something that is not the Kubernetes API; check the server URL');
    this.name = 'MalformedResponseError';
  }
}

/** A response body (or one streamed line) larger than kdeck will hold in memory. */
export class ResponseTooLargeError extends KdeckError {
  readonly limitBytes: number;
  /** How much had arrived when kdeck stopped reading (at least the limit). */
  readonly receivedBytes?: number;
  constructor(what: string, limitBytes: number, hint?: string, receivedBytes?: number) {
    super('api', `${what} is larger than ${formatBytes(limitBytes)}; kdeck stopped reading it`, hint);
    this.name = 'ResponseTooLargeError';
    this.limitBytes = limitBytes;
    this.receivedBytes = receivedBytes;
  }
}

/** One watch event (one line of a watch) larger than kdeck holds: the event is lost, so the informer lists again. */
export class WatchEventTooLargeError extends KdeckError {
  constructor(what: string, limitBytes: number, receivedBytes: number | undefined) {
    super('api', `a watch event on ${what} is larger than ${formatBytes(limitBytes)}, the most kdeck holds for one event (${formatBytes(receivedBytes ?? limitBytes)} arrived without its end); kdeck dropped it and lists again`,
      'if this repeats, one object of this resource is huge: select fewer objects (-l, a namespace at a time) or look at what writes it');
    this.name = 'WatchEventTooLargeError';
    this.brief = `a watch event over ${formatBytes(limitBytes)}`;
  }
}

/**
 * A bug in kdeck's own code (a TypeError, a RangeError, an error without a system or network code), caught where a
 * loop would otherwise retry it as if the network had failed. Says what kdeck was doing and the error, never a stack.
 */
export class InternalError extends KdeckError {
  override readonly cause: unknown;
  constructor(doing: string, cause: unknown) {
    const what = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
    super('internal', `internal error (${doing}): ${what.slice(0, 300)}`, 'this is a bug in kdeck, not a problem with the cluster; please report it with what you did');
    this.name = 'InternalError';
    this.cause = cause;
  }
}

const PROGRAMMING_ERRORS = [TypeError, RangeError, ReferenceError, SyntaxError, EvalError, URIError];

/** True for an error that can only come from code, not from the network: network and system errors carry a code. */
export function isProgrammingError(err: unknown): boolean {
  if (err instanceof KdeckError) return false;
  if (PROGRAMMING_ERRORS.some((C) => err instanceof C)) return true;
  return typeof (err as { code?: unknown } | null)?.code !== 'string' && (err as { name?: unknown } | null)?.name !== 'AbortError';
}

/** A stream (watch, log follow) that sent nothing for longer than it may: presumed dead. */
export class StreamIdleError extends ConnectionError {
  readonly idleMs: number;
  constructor(server: string, what: string, idleMs: number) {
    super('timeout', server, `no data from ${server} on ${what} for ${Math.round(idleMs / 1000)} s`,
      'the connection may be cut by a proxy or load balancer that drops idle streams; kdeck reconnects');
    this.name = 'StreamIdleError';
    this.idleMs = idleMs;
  }
}

export function formatBytes(n: number): string {
  if (n >= 1 << 30) return `${+(n / (1 << 30)).toFixed(1)} GiB`;
  if (n >= 1 << 20) return `${+(n / (1 << 20)).toFixed(1)} MiB`;
  if (n >= 1 << 10) return `${+(n / (1 << 10)).toFixed(1)} KiB`;
  return `${n} bytes`;
}
