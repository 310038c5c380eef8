// The typed errors every layer throws. Messages say what is wrong and how to fix it, and never carry a secret.

export type ErrorKind = 'kubeconfig' | 'credential' | 'network' | 'tls' | 'api' | 'usage';

export class KdeckError extends Error {
  readonly kind: ErrorKind;
  /** One line telling the user what to do, shown under the message. */
  readonly hint?: string;
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
