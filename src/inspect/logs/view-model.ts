// What the logs view shows, as pure functions of the buffer and the view's toggles: the filter (regex, `!`
// inverts), timestamps, wrap, and the one sanitiser applied to every line (SGR colours kept only when asked).
import { sanitize } from '../../text/sanitize.js';
import type { LogEntry } from './session.js';

export interface LogViewOptions {
  timestamps: boolean;
  colours: boolean;
  /** Source filter text: a regex (case-insensitive); a leading `!` keeps lines that do not match. */
  filter: string;
}

export interface CompiledFilter {
  test(text: string): boolean;
  error?: string;
}

export function compileFilter(filter: string): CompiledFilter {
  if (!filter) return { test: () => true };
  const inverse = filter.startsWith('!');
  const source = inverse ? filter.slice(1) : filter;
  if (!source) return { test: () => true };
  let re: RegExp;
  let error: string | undefined;
  try {
    re = new RegExp(source, 'i');
  } catch (err) {
    // An unfinished regex filters as plain text until it is valid.
    error = (err as Error).message;
    const escaped = source.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    re = new RegExp(escaped, 'i');
  }
  return { test: (t) => re.test(t) !== inverse, ...(error ? { error } : {}) };
}

/** One buffered line as screen text: [timestamp] [pod/container] text, made safe for the terminal. */
export function formatEntry(e: LogEntry, opts: Pick<LogViewOptions, 'timestamps' | 'colours'>): string {
  const text = sanitize(e.text, { keepColours: opts.colours, expandTabs: 8 });
  const source = e.source ? `${sanitize(e.source)} ` : '';
  const stamp = opts.timestamps && e.stamp ? `${e.stamp} ` : '';
  return `${stamp}${source}${text}`;
}

/** The lines that pass the filter, formatted; the filter sees the raw text (plus the source prefix). */
export function visibleLines(entries: Iterable<LogEntry>, opts: LogViewOptions): string[] {
  const f = compileFilter(opts.filter);
  const out: string[] = [];
  for (const e of entries) if (f.test(e.source ? `${e.source} ${e.text}` : e.text)) out.push(formatEntry(e, opts));
  return out;
}

/** Since-keys 2–6: how far back a re-read starts. */
export const SINCE_KEYS: Record<string, { label: string; seconds: number }> = {
  '2': { label: '1m', seconds: 60 },
  '3': { label: '5m', seconds: 300 },
  '4': { label: '15m', seconds: 900 },
  '5': { label: '30m', seconds: 1800 },
  '6': { label: '1h', seconds: 3600 },
};
