// Splits a byte stream into newline-terminated lines without concatenating every chunk:
// lines wholly inside one chunk are decoded in place; only a line spanning chunks is joined.

import { ResponseTooLargeError } from '../errors.js';

const NEWLINE = 0x0a;

export class LineSplitter {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  /** Bound on one line, so a server that never sends a newline cannot grow us without limit. */
  constructor(
    private readonly maxLineBytes = 64 * 1024 * 1024,
    private readonly what = 'a streamed line',
  ) {}

  /** Calls onLine for every complete, non-blank line in chunk (plus what earlier chunks left over). */
  push(chunk: Buffer, onLine: (line: string) => void): void {
    let start = 0;
    let nl = chunk.indexOf(NEWLINE, start);
    while (nl !== -1) {
      let line: string;
      if (this.pendingBytes > 0) {
        this.pending.push(chunk.subarray(start, nl));
        line = Buffer.concat(this.pending, this.pendingBytes + (nl - start)).toString('utf8');
        this.pending = [];
        this.pendingBytes = 0;
      } else {
        line = chunk.toString('utf8', start, nl);
      }
      if (!isBlank(line)) onLine(line);
      start = nl + 1;
      nl = chunk.indexOf(NEWLINE, start);
    }
    if (start < chunk.length) {
      this.pending.push(start === 0 ? chunk : chunk.subarray(start));
      this.pendingBytes += chunk.length - start;
      if (this.pendingBytes > this.maxLineBytes) {
        const received = this.pendingBytes;
        this.pending = [];
        this.pendingBytes = 0;
        throw new ResponseTooLargeError(`${this.what} (no newline yet)`, this.maxLineBytes, undefined, received);
      }
    }
  }

  /** The end of the stream: a final line without a newline still counts. */
  flush(onLine: (line: string) => void): void {
    if (this.pendingBytes === 0) return;
    const line = Buffer.concat(this.pending, this.pendingBytes).toString('utf8');
    this.pending = [];
    this.pendingBytes = 0;
    if (!isBlank(line)) onLine(line);
  }
}

function isBlank(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0d && c !== 0x09) return false;
  }
  return true;
}
