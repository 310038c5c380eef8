// What `kdeck doctor` observes (facts, gathered by probe.ts) and what it reports (built by report.ts, a pure function).

/** An error as doctor keeps it: already redacted, no stack. */
export interface ErrorInfo {
  kind: string; // KdeckError kind: kubeconfig | credential | network | tls | api | usage | internal
  step?: string; // ConnectionError/TlsError step
  code?: number; // HTTP status for api errors
  reason?: string;
  message: string;
  hint?: string;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

export interface TlsFacts {
  /** Server certificate subject/issuer as "CN=…, O=…". */
  subject?: string;
  issuer?: string;
  validTo?: string;
  alpn?: string;
  /** Subject of the first configured CA certificate, for "issued by X but you trust Y". */
  configuredCa?: string;
  caSource?: string;
  verified: boolean;
  insecure: boolean;
  /** Why verification failed (classified like the transport does). */
  error?: ErrorInfo;
}

export interface ContextFacts {
  context: string;
  files: string[];
  /** Set when the kubeconfig could not be resolved for this context. */
  kubeconfigError?: ErrorInfo;
  cluster?: string;
  user?: string;
  namespace?: string;
  server?: string;
  auth?: string; // describeAuth(spec): redacted
  inCluster?: boolean;
  proxy?: string; // redacted proxy URL when one applies
  credentialKind?: string;
  hasClientCertificate?: boolean;
  tcp?: Outcome<{ address: string }>;
  /** undefined: not attempted; 'http': plain http, no TLS; 'proxied': through a proxy, checked by the requests. */
  tls?: Outcome<TlsFacts> | { ok: 'skipped'; why: 'http' | 'proxied' };
  credentials?: Outcome<{ detail: string }>;
  version?: Outcome<{ gitVersion: string }>;
  whoami?: Outcome<{ username: string; groups: string[] } | { notServed: true }>;
  accessReview?: Outcome<{ allowed: boolean; reason?: string } | { notServed: true }>;
  podList?: Outcome<{ count: number }>;
  discovery?: Outcome<{ groups: number }>;
}

export type StepName = 'kubeconfig' | 'cluster' | 'tcp' | 'tls' | 'credentials' | 'authentication' | 'authorization' | 'discovery';
export type StepStatus = 'pass' | 'warn' | 'fail' | 'skip';

export interface StepReport {
  step: StepName;
  status: StepStatus; // warn passes, but is shown (e.g. insecure-skip-tls-verify)
  summary: string;
  cause?: string;
  fix?: string;
}

export interface ContextReport {
  context: string;
  cluster?: string;
  user?: string;
  namespace?: string;
  server?: string;
  auth?: string;
  files: string[];
  ok: boolean;
  steps: StepReport[];
}

export interface DoctorReport {
  ok: boolean;
  contexts: ContextReport[];
}
