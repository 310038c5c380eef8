// Words for informer states and errors, as the header and the table body show them.
import type { KdeckError } from '../errors.js';
import type { InformerState } from './engine-types.js';

/** The header's data state; a reconnect counts down to its next try (`now` ticks every second). */
export function phaseLabel(s: InformerState | undefined, now = Date.now()): string {
  if (!s) return 'connecting';
  switch (s.phase) {
    case 'reconnecting': {
      const wait = Math.ceil((s.nextTryAt - now) / 1000);
      return `reconnecting (attempt ${s.attempt}${s.lastError?.brief ? `: ${s.lastError.brief}` : ''})${wait > 0 ? ` next try in ${wait}s` : ''}`;
    }
    default: return s.phase;
  }
}

export interface BodyMessage {
  title: string;
  lines: string[];
  tone: 'info' | 'warn' | 'error';
}

/** A one-screen explanation of a KdeckError: what is wrong and what to do; never a stack. */
export function errorMessage(title: string, e: unknown, extraHint?: string): BodyMessage {
  const err = e as Partial<KdeckError> & { message?: string };
  const lines = [err?.message ?? String(e)];
  if (err?.hint) lines.push(err.hint);
  if (extraHint) lines.push(extraHint);
  return { title, lines, tone: 'error' };
}

/** What the table body says instead of rows, or undefined to show rows. */
export function stateMessage(s: InformerState | undefined, rowCount: number, what: string): BodyMessage | undefined {
  if (!s || (s.phase === 'syncing' && rowCount === 0)) return { title: `loading ${what}…`, lines: [], tone: 'info' };
  switch (s.phase) {
    case 'forbidden':
      return { title: 'forbidden', lines: [s.error.status.message ?? s.error.message, s.error.hint ?? 'ask a cluster admin for access, or pick another namespace (:ns) or resource'], tone: 'error' };
    case 'unauthenticated':
      return errorMessage('credentials rejected (401 Unauthorized)', s.error, s.error.hint ? undefined : 'log in again (e.g. refresh your cloud login), then flip back to this context');
    case 'failed':
      return errorMessage(`cannot list ${what}`, s.error);
    case 'reconnecting':
    case 'stale':
      return rowCount === 0 ? { title: s.phase === 'stale' ? `stale: ${s.reason}` : `reconnecting…`, lines: s.phase === 'reconnecting' && s.lastError ? [s.lastError.message] : [], tone: 'warn' } : undefined;
    default:
      return rowCount === 0 ? { title: `no ${what}`, lines: [], tone: 'info' } : undefined;
  }
}
