// Keeps secrets out of everything that leaves auth/transport: error messages, plugin stderr, doctor output.

const JWT = /eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g;
const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{6,}/gi;
const KEYED_SECRET = /("?(?:token|access_?token|id_?token|refresh_?token|password|secret|client_?secret)"?\s*[:=]\s*"?)([^\s",}]{4,})/gi;
const URL_USERINFO = /(\b[a-z][a-z0-9+.-]*:\/\/)[^\s/@:]+:[^\s/@]+@/gi;
const PEM_KEY = /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)/g;

/** Replaces known secret values and anything shaped like a token, header or private key with "[redacted]". */
export function redactSecrets(text: string, knownSecrets: readonly (string | undefined)[] = []): string {
  let out = text;
  for (const secret of knownSecrets) {
    if (secret && secret.length >= 4) out = out.split(secret).join('[redacted]');
  }
  return out
    .replace(PEM_KEY, '[redacted private key]')
    .replace(URL_USERINFO, '$1[redacted]@')
    .replace(JWT, '[redacted]')
    .replace(BEARER, '$1 [redacted]')
    .replace(KEYED_SECRET, '$1[redacted]');
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
