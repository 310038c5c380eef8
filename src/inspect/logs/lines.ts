// Log bytes → lines: split on newlines (blank lines kept: they are part of a log), a line over 64 KB cut with a
// marker and the rest of it skipped, and the kubelet's RFC3339Nano timestamp split off.

export const MAX_LINE_BYTES = 64 * 1024;
export const CUT_MARKER = ' […line cut at 64 KB]';

export class LogLineSplitter {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  /** Inside an over-long line: skip until its newline. */
  private skipping = false;

  constructor(private readonly maxLineBytes = MAX_LINE_BYTES) {}

  push(chunk: Buffer, onLine: (line: string) => void): void {
    let start = 0;
    while (start < chunk.length) {
      const nl = chunk.indexOf(0x0a, start);
      const end = nl === -1 ? chunk.length : nl;
      if (this.skipping) {
        if (nl !== -1) this.skipping = false;
      } else {
        const piece = chunk.subarray(start, end);
        const room = this.maxLineBytes - this.pendingBytes;
        if (piece.length > room) {
          this.pending.push(piece.subarray(0, room));
          onLine(this.take() + CUT_MARKER);
          this.skipping = nl === -1;
        } else {
          this.pending.push(piece);
          this.pendingBytes += piece.length;
          if (nl !== -1) onLine(this.take());
        }
      }
      start = end + 1;
    }
  }

  /** The end of the body: a last line without a newline still counts. */
  flush(onLine: (line: string) => void): void {
    if (this.pendingBytes > 0) onLine(this.take());
    this.skipping = false;
  }

  private take(): string {
    // A cut may fall inside a multi-byte character: the decoder shows it as U+FFFD, never a broken sequence.
    const s = Buffer.concat(this.pending).toString('utf8');
    this.pending = [];
    this.pendingBytes = 0;
    return s.endsWith('\r') ? s.slice(0, -1) : s;
  }
}

const STAMP = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})) /;

/** Splits "2026-01-02T03:04:05.123456789Z text" into its timestamp and text; a line without one keeps it all. */
export function splitTimestamp(line: string): { stamp?: string; text: string } {
  const m = STAMP.exec(line);
  return m ? { stamp: m[1], text: line.slice(m[0].length) } : { text: line };
}

/** A timestamp as a sortable key: fixed nine fraction digits in UTC ("…05.123000000Z"); undefined if unparsable. */
export function stampKey(stamp: string): string | undefined {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/.exec(stamp);
  if (!m) return undefined;
  const frac = (m[2] ?? '').padEnd(9, '0');
  if (m[3] === 'Z') return `${m[1]}.${frac}Z`;
  const t = Date.parse(`${m[1]}${m[3]}`);
  if (Number.isNaN(t)) return undefined;
  return `${new Date(t).toISOString().slice(0, 19)}.${frac}Z`;
}

/** The whole second a stamp key lies in, as RFC3339 for sinceTime (the API takes seconds). */
export function stampSecond(key: string): string {
  return `${key.slice(0, 19)}Z`;
}
