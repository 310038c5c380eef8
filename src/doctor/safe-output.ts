// Doctor prints text it did not write: context and user names from kubeconfigs, the server's gitVersion, its
// usernames and 403/500 messages, exec-plugin stderr. Before anything is printed, every such string goes through
// the one sanitiser (controls and escape sequences shown escaped, never emitted) and the redactor (known
// secrets and secret-shaped text replaced), in the text output and in -o json alike.
import { redactSecrets } from '../auth/redact.js';
import { sanitize, sanitizeBlock } from '../text/sanitize.js';
import type { ContextFacts, DoctorReport } from './types.js';

function line(s: string): string;
function line(s: string | undefined): string | undefined;
function line(s: string | undefined): string | undefined {
  return s === undefined ? undefined : sanitize(redactSecrets(s));
}

/** Names and server-sent values of one context's facts, single-line and inert (they are embedded in sentences). */
export function safeFacts(f: ContextFacts): ContextFacts {
  const out: ContextFacts = {
    ...f,
    context: line(f.context),
    cluster: line(f.cluster),
    user: line(f.user),
    namespace: line(f.namespace),
    server: line(f.server),
    auth: line(f.auth),
    proxy: line(f.proxy),
    files: f.files.map((x) => line(x)),
  };
  if (f.version?.ok) out.version = { ok: true, value: { gitVersion: line(f.version.value.gitVersion) } };
  if (f.whoami?.ok && 'username' in f.whoami.value) {
    out.whoami = { ok: true, value: { username: line(f.whoami.value.username), groups: f.whoami.value.groups.map((g) => line(String(g))) } };
  }
  if (f.accessReview?.ok && 'allowed' in f.accessReview.value && f.accessReview.value.reason) {
    out.accessReview = { ok: true, value: { ...f.accessReview.value, reason: line(f.accessReview.value.reason) } };
  }
  return out;
}

/** Multi-line text for the terminal: line feeds kept, everything else a terminal would act on shown escaped. */
export function safeText(text: string): string {
  return sanitizeBlock(redactSecrets(text));
}

function mapStrings(v: unknown, fn: (s: string) => string): unknown {
  if (typeof v === 'string') return fn(v);
  if (Array.isArray(v)) return v.map((x) => mapStrings(x, fn));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, mapStrings(x, fn)]));
  return v;
}

// JSON.stringify escapes C0 controls but not DEL, C1 controls or bidi overrides: \u-escape them (same values).
const JSON_UNSAFE = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** The report as JSON with the values intact (no secrets) and nothing a terminal would act on when it is cat'ed. */
export function safeJson(report: DoctorReport): string {
  return JSON.stringify(mapStrings(report, redactSecrets), null, 2).replace(JSON_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
