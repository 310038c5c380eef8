// Keeps secrets out of everything that leaves auth/transport: error messages, plugin stderr, doctor output.
// Two nets: the values kdeck knows are secret (the kubeconfig's tokens and passwords, URL passwords, whatever an
// exec plugin returned) are replaced wherever they appear, in any form; and anything shaped like a secret
// (a JWT, an Authorization header, `password=…`, a PEM private key, URL userinfo) is replaced too.
import type { ConnectionSpec } from '../kubeconfig/types.js';

const JWT = /eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g;
const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{6,}/gi;
const KEYED_SECRET = /((?<![\w-])"?(?:token|access_?token|id_?token|refresh_?token|password|secret|client_?secret)"?\s*[:=]\s*"?)([^\s",}]{4,})/gi;
// "token abc123…" / "password: …" in prose (plugin stderr): a long token-like word with a digit after the keyword.
const SPOKEN_SECRET = /\b(token|password|passwd|secret)(\s+(?:is\s+|was\s+)?)([A-Za-z0-9._~+/=-]{16,})/gi;
const URL_USERINFO = /(\b[a-z][a-z0-9+.-]*:\/\/)[^\s/@:]+:[^\s/@]+@/gi;
const PEM_KEY = /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)/g;
/**
 * What every shape above needs somewhere in the text (JWT's eyJ, Bearer/Basic, a keyword, a URL's ://, a PEM header):
 * text without any of them cannot match, so one scan stands for six. The dashboard passes every string of every frame
 * through here (ui-state/screen-text.ts), nearly all of them table cells with none.
 */
const MAYBE_SHAPED = /eyJ|bearer|basic|token|passw|secret|:\/\/|-----BEGIN/i;

/** Secret values seen in this process, longest first (so a secret containing another is replaced whole). */
let known: string[] = [];
const MIN_SECRET = 4;

/** Remembers values that must never be shown; every redactSecrets call replaces them from now on. */
export function rememberSecrets(...values: (string | undefined)[]): void {
  let added = false;
  for (const v of values) {
    if (!v || v.length < MIN_SECRET) continue;
    for (const form of [v, encodeURIComponent(v), JSON.stringify(v).slice(1, -1)]) {
      if (form.length >= MIN_SECRET && !known.includes(form)) {
        known.push(form);
        added = true;
      }
    }
  }
  if (added) known = known.sort((a, b) => b.length - a.length);
}

function urlPassword(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const p = new URL(url).password;
    return p ? decodeURIComponent(p) : undefined;
  } catch {
    return undefined;
  }
}

const SECRET_ENV_NAME = /token|secret|password|passwd|key|credential/i;

/** Remembers every secret a resolved connection holds: tokens, passwords (also as a Basic header), keys, URL passwords. */
export function rememberSpecSecrets(spec: ConnectionSpec): void {
  const c = spec.credential;
  if (c.kind === 'token') rememberSecrets(c.token);
  if (c.kind === 'oidc') rememberSecrets(c.idToken);
  if (c.kind === 'tokenFile') rememberSecrets(c.fallbackToken);
  if (c.kind === 'basic') rememberSecrets(c.password, Buffer.from(`${c.username}:${c.password}`).toString('base64'));
  if (c.kind === 'exec') for (const e of c.exec.env) if (SECRET_ENV_NAME.test(e.name)) rememberSecrets(e.value);
  rememberSecrets(spec.tls.clientCertificate?.keyPem, urlPassword(spec.server), urlPassword(spec.proxyUrl));
}

/** Forgets what rememberSecrets learnt (tests). */
export function forgetSecrets(): void {
  known = [];
}

/** Replaces known secret values and anything shaped like a token, header or private key with "[redacted]". */
export function redactSecrets(text: string, knownSecrets: readonly (string | undefined)[] = []): string {
  let out = text;
  for (const list of [knownSecrets, known]) {
    for (const secret of list) {
      if (secret && secret.length >= MIN_SECRET && out.includes(secret)) out = out.split(secret).join('[redacted]');
    }
  }
  return MAYBE_SHAPED.test(out) ? redactShapes(out) : out;
}

/** Replaces whatever is shaped like a secret (no fast path: redactSecrets' check that none can match is tested against it). */
export function redactShapes(text: string): string {
  return text
    .replace(PEM_KEY, '[redacted private key]')
    .replace(URL_USERINFO, '$1[redacted]@')
    .replace(JWT, '[redacted]')
    .replace(BEARER, '$1 [redacted]')
    .replace(KEYED_SECRET, '$1[redacted]')
    .replace(SPOKEN_SECRET, (m, word: string, gap: string, value: string) => (/\d/.test(value) ? `${word}${gap}[redacted]` : m));
}

/** The last `maxLines` non-empty lines of `text`, each cut to `maxWidth` characters: enough to diagnose, never a wall. */
export function lastLines(text: string, maxLines = 8, maxWidth = 300): string {
  return text
    .split(/\r?\n/)
    .map((l) => l.trimEnd())
    .filter((l) => l.length > 0)
    .slice(-maxLines)
    .map((l) => (l.length > maxWidth ? l.slice(0, maxWidth) + '…' : l))
    .join('\n');
}
