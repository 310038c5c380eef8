// The one boundary where outside text becomes screen text in the dashboard: every string of the model the
// components paint (header, table, messages, flash line, crumbs, prompt) passes through here once per frame.
// Control characters and escape sequences are shown escaped (src/text/sanitize.ts), never emitted, and known
// secrets and secret-shaped text are redacted, as are passwords in URLs (https://user:pass@host).
// Table cells were already sanitised where they were made (ui-state/format.ts cellText), because column widths
// must be measured on the text as shown; running them through again here is a no-op (sanitised text is inert).
// A part of the model that carries `keepColours: true` (log lines when the user asked for colours) keeps
// SGR colour codes, and only those.
import { redactSecrets } from '../auth/redact.js';
import { sanitize } from '../text/sanitize.js';

type Safe = (s: string) => string;

const plain: Safe = (s) => sanitize(redactSecrets(s));
const coloured: Safe = (s) => sanitize(redactSecrets(s), { keepColours: true });

function walk<T>(v: T, fn: Safe): T {
  if (typeof v === 'string') return fn(v) as T;
  if (Array.isArray(v)) return v.map((x) => walk(x, fn)) as T;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const f = o.keepColours === true ? coloured : fn;
    const out: Record<string, unknown> = {};
    // a row's uid is an identity (React key, cursor), not text: kept as it is
    for (const k of Object.keys(o)) out[k] = typeof o[k] === 'function' || k === 'uid' ? o[k] : walk(o[k], f);
    return out as T;
  }
  return v;
}

/** The model with every string safe to paint (functions, numbers and booleans untouched). */
export function screenSafe<T extends object>(model: T): T {
  return walk(model, plain);
}
