// SPDY/3.1 as Kubernetes streaming uses it (moby/spdystream on kubectl's side): the server end of one session.
// Frames (draft-mbelshe-httpbis-spdy-00 §2.2): a control frame is 1|version(15)|type(16)|flags(8)|length(24);
// a data frame is 0|stream-id(31)|flags(8)|length(24). Header blocks are one zlib stream per direction with the
// SPDY/3 dictionary. We inflate what the client sends in order; what we send is zlib "stored" blocks (valid
// deflate without compression), so writing never waits on zlib.
import { createInflate, constants as zc, type Inflate } from 'node:zlib';
import { SPDY3_DICTIONARY } from './spdy-dictionary.js';

const VERSION = 3;
export const FLAG_FIN = 0x01;
const TYPE = { SYN_STREAM: 1, SYN_REPLY: 2, RST_STREAM: 3, SETTINGS: 4, PING: 6, GOAWAY: 7, HEADERS: 8, WINDOW_UPDATE: 9 } as const;
const RST_CANCEL = 5;
const MAX_DATA = 32 * 1024;

export interface RawFrame {
  control: boolean;
  /** Control frames: the type; data frames: 0. */
  type: number;
  streamId: number;
  flags: number;
  payload: Buffer;
}

/** Splits complete frames off the front of `buf`; returns them and the incomplete rest. */
export function parseFrames(buf: Buffer): { frames: RawFrame[]; rest: Buffer } {
  const frames: RawFrame[] = [];
  let off = 0;
  while (buf.length - off >= 8) {
    const len = buf.readUIntBE(off + 5, 3);
    if (buf.length - off < 8 + len) break;
    const control = (buf[off] & 0x80) !== 0;
    const payload = buf.subarray(off + 8, off + 8 + len);
    const flags = buf[off + 4];
    if (control) {
      const type = buf.readUInt16BE(off + 2);
      const streamId = payload.length >= 4 && type !== TYPE.PING && type !== TYPE.SETTINGS ? payload.readUInt32BE(0) & 0x7fffffff : 0;
      frames.push({ control, type, streamId, flags, payload });
    } else {
      frames.push({ control, type: 0, streamId: buf.readUInt32BE(off) & 0x7fffffff, flags, payload });
    }
    off += 8 + len;
  }
  return { frames, rest: buf.subarray(off) };
}

function controlFrame(type: number, flags: number, payload: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt16BE(0x8000 | VERSION, 0);
  head.writeUInt16BE(type, 2);
  head[4] = flags;
  head.writeUIntBE(payload.length, 5, 3);
  return Buffer.concat([head, payload]);
}

export function dataFrame(streamId: number, flags: number, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(streamId & 0x7fffffff, 0);
  head[4] = flags;
  head.writeUIntBE(data.length, 5, 3);
  return Buffer.concat([head, data]);
}

/** Name/value pairs of an uncompressed SPDY/3 header block (names lower-case; NUL separates repeated values). */
export function decodeHeaderBlock(block: Buffer): Map<string, string[]> {
  const out = new Map<string, string[]>();
  if (block.length < 4) return out;
  const n = block.readUInt32BE(0);
  let off = 4;
  for (let i = 0; i < n && off + 4 <= block.length; i++) {
    const klen = block.readUInt32BE(off);
    const key = block.subarray(off + 4, off + 4 + klen).toString('latin1').toLowerCase();
    off += 4 + klen;
    const vlen = block.readUInt32BE(off);
    const value = block.subarray(off + 4, off + 4 + vlen).toString('utf8');
    off += 4 + vlen;
    out.set(key, [...(out.get(key) ?? []), ...value.split('\0')]);
  }
  return out;
}

export function encodeHeaderBlock(headers: Record<string, string>): Buffer {
  const parts: Buffer[] = [];
  const count = Buffer.alloc(4);
  count.writeUInt32BE(Object.keys(headers).length);
  parts.push(count);
  for (const [k, v] of Object.entries(headers)) {
    for (const s of [k.toLowerCase(), v]) {
      const b = Buffer.from(s, 'utf8');
      const len = Buffer.alloc(4);
      len.writeUInt32BE(b.length);
      parts.push(len, b);
    }
  }
  return Buffer.concat(parts);
}

function adler32(buf: Buffer): number {
  let a = 1;
  let b = 0;
  for (const byte of buf) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

/** The sending half of a header zlib stream: a zlib header naming the dictionary once, then stored blocks. */
export class StoredDeflater {
  private started = false;

  next(block: Buffer): Buffer {
    const parts: Buffer[] = [];
    if (!this.started) {
      this.started = true;
      const head = Buffer.alloc(6);
      head[0] = 0x78; // deflate, 32 KiB window
      head[1] = 0x20; // FDICT; (0x7820 % 31) === 0 so the check bits are 0
      head.writeUInt32BE(adler32(SPDY3_DICTIONARY), 2);
      parts.push(head);
    }
    for (let off = 0; off < block.length || off === 0; off += 0xffff) {
      const piece = block.subarray(off, off + 0xffff);
      const h = Buffer.alloc(5);
      h[0] = 0x00; // not final, stored
      h.writeUInt16LE(piece.length, 1);
      h.writeUInt16LE(~piece.length & 0xffff, 3);
      parts.push(h, piece);
      if (block.length === 0) break;
    }
    // An empty stored block, as a zlib sync flush ends: Go's inflater reaches it within this frame and hands
    // over the data; without it, it reads past the frame for the next block header and fails the session.
    parts.push(Buffer.from([0x00, 0x00, 0x00, 0xff, 0xff]));
    return Buffer.concat(parts);
  }
}

/** The receiving half: one inflate context for the whole session, fed in frame order. */
class HeaderInflater {
  private readonly z: Inflate = createInflate({ dictionary: SPDY3_DICTIONARY });
  private out: Buffer[] = [];
  private failed?: Error;

  constructor() {
    this.z.on('data', (b: Buffer) => this.out.push(b));
    this.z.on('error', (err: Error) => (this.failed = err));
  }

  inflate(chunk: Buffer): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      if (this.failed) return reject(this.failed);
      this.z.write(chunk);
      this.z.flush(zc.Z_SYNC_FLUSH, () => {
        // 'data' for this flush may still be queued for the current tick.
        setImmediate(() => {
          if (this.failed) return reject(this.failed);
          const r = Buffer.concat(this.out);
          this.out = [];
          resolve(r);
        });
      });
    });
  }

  close(): void {
    this.z.close();
  }
}

/** Where the session's bytes go: a socket, or binary WebSocket messages (the tunnelled form). */
export interface ByteSink {
  write(b: Buffer): void;
  /** Bytes written but not yet handed to the network. */
  buffered(): number;
  end(): void;
}

export class SpdyStream {
  readonly headers: Map<string, string[]>;
  private dataListeners: ((b: Buffer) => void)[] = [];
  private endListeners: (() => void)[] = [];
  remoteEnded = false;
  localEnded = false;
  reset = false;

  constructor(readonly id: number, headers: Map<string, string[]>, private readonly session: SpdyServerSession) {
    this.headers = headers;
  }

  header(name: string): string | undefined {
    return this.headers.get(name)?.[0];
  }

  onData(fn: (b: Buffer) => void): void {
    this.dataListeners.push(fn);
  }

  /** The client half-closed (FIN) or reset the stream. */
  onEnd(fn: () => void): void {
    if (this.remoteEnded) fn();
    else this.endListeners.push(fn);
  }

  write(data: Buffer | string): void {
    if (this.localEnded || this.reset) return;
    const b = typeof data === 'string' ? Buffer.from(data) : data;
    for (let off = 0; off < b.length; off += MAX_DATA) this.session.send(dataFrame(this.id, 0, b.subarray(off, off + MAX_DATA)));
  }

  end(): void {
    if (this.localEnded || this.reset) return;
    this.localEnded = true;
    this.session.send(dataFrame(this.id, FLAG_FIN, Buffer.alloc(0)));
    this.session.maybeForget(this);
  }

  /** @internal */
  deliver(b: Buffer): void {
    for (const fn of this.dataListeners) fn(b);
  }

  /** @internal */
  remoteEnd(): void {
    if (this.remoteEnded) return;
    this.remoteEnded = true;
    const fns = this.endListeners;
    this.endListeners = [];
    for (const fn of fns) fn();
    this.session.maybeForget(this);
  }
}

/**
 * A server session: the client opens every stream (SYN_STREAM); each is answered with an empty SYN_REPLY, as
 * the kubelet's spdystream server does, and handed to `onStream`.
 */
export class SpdyServerSession {
  private pending = Buffer.alloc(0);
  private chain: Promise<void> = Promise.resolve();
  private readonly inflater = new HeaderInflater();
  private readonly deflater = new StoredDeflater();
  private readonly streams = new Map<number, SpdyStream>();
  private lastStreamId = 0;
  closed = false;
  private readonly closeListeners: (() => void)[] = [];

  constructor(private readonly sink: ByteSink, private readonly onStream: (s: SpdyStream) => void) {}

  onClose(fn: () => void): void {
    if (this.closed) fn();
    else this.closeListeners.push(fn);
  }

  /** Bytes from the client, in order. */
  feed(chunk: Buffer): void {
    if (this.closed) return;
    const { frames, rest } = parseFrames(this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk);
    this.pending = Buffer.from(rest);
    for (const f of frames) this.chain = this.chain.then(() => this.handle(f)).catch(() => this.close());
  }

  send(b: Buffer): void {
    if (!this.closed) this.sink.write(b);
  }

  buffered(): number {
    return this.sink.buffered();
  }

  private async handle(f: RawFrame): Promise<void> {
    if (this.closed) return;
    if (!f.control) {
      const s = this.streams.get(f.streamId);
      if (!s) return;
      if (f.payload.length) s.deliver(Buffer.from(f.payload));
      if (f.flags & FLAG_FIN) s.remoteEnd();
      return;
    }
    switch (f.type) {
      case TYPE.SYN_STREAM: {
        const headers = decodeHeaderBlock(await this.inflater.inflate(f.payload.subarray(10)));
        this.lastStreamId = Math.max(this.lastStreamId, f.streamId);
        const s = new SpdyStream(f.streamId, headers, this);
        this.streams.set(f.streamId, s);
        const reply = Buffer.alloc(4);
        reply.writeUInt32BE(f.streamId);
        this.send(controlFrame(TYPE.SYN_REPLY, 0, Buffer.concat([reply, this.deflater.next(encodeHeaderBlock({}))])));
        this.onStream(s);
        if (f.flags & FLAG_FIN) s.remoteEnd();
        return;
      }
      case TYPE.HEADERS:
        await this.inflater.inflate(f.payload.subarray(4)); // keeps the zlib context in step
        return;
      case TYPE.RST_STREAM: {
        const s = this.streams.get(f.streamId);
        if (!s) return;
        s.reset = true;
        s.remoteEnd();
        this.streams.delete(f.streamId);
        return;
      }
      case TYPE.PING:
        this.send(controlFrame(TYPE.PING, 0, Buffer.from(f.payload)));
        return;
      case TYPE.GOAWAY:
        this.close();
        return;
      default:
        return; // SETTINGS, WINDOW_UPDATE: spdystream does no flow control either
    }
  }

  /** @internal */
  maybeForget(s: SpdyStream): void {
    if (s.localEnded && s.remoteEnded) this.streams.delete(s.id);
  }

  resetStream(s: SpdyStream): void {
    if (s.reset) return;
    s.reset = true;
    const p = Buffer.alloc(8);
    p.writeUInt32BE(s.id, 0);
    p.writeUInt32BE(RST_CANCEL, 4);
    this.send(controlFrame(TYPE.RST_STREAM, 0, p));
    this.streams.delete(s.id);
  }

  /** Says GOAWAY and ends the transport. */
  close(): void {
    if (this.closed) return;
    const p = Buffer.alloc(8);
    p.writeUInt32BE(this.lastStreamId, 0);
    this.sink.write(controlFrame(TYPE.GOAWAY, 0, p));
    this.closed = true;
    for (const s of this.streams.values()) s.remoteEnd();
    this.streams.clear();
    this.inflater.close();
    this.sink.end();
    for (const fn of this.closeListeners.splice(0)) fn();
  }

  /** The transport went away under us. */
  lost(): void {
    if (this.closed) return;
    this.closed = true;
    for (const s of this.streams.values()) s.remoteEnd();
    this.streams.clear();
    this.inflater.close();
    for (const fn of this.closeListeners.splice(0)) fn();
  }
}
