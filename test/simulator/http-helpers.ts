// Plain HTTP clients for simulator tests: JSON requests and a line-by-line watch reader.
import { request } from 'node:http';

export const TABLE_ACCEPT = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json<T = any>(): T;
}

export function call(url: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const headers = { ...(opts.headers ?? {}), ...(opts.body !== undefined ? { 'Content-Length': String(Buffer.byteLength(opts.body)) } : {}) };
    const req = request(url, { method: opts.method ?? 'GET', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString();
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

export interface WatchEvent {
  type: string;
  object: any;
}

/** An open watch: `next()` waits for the next event; `ended` resolves with how the stream ended. */
export class WatchReader {
  status = 0;
  private readonly events: WatchEvent[] = [];
  private waiters: ((e: WatchEvent | undefined) => void)[] = [];
  private done = false;
  readonly ended: Promise<'clean' | 'aborted'>;
  /** Resolves once the response headers are in: the server has registered the watch. */
  readonly ready: Promise<void>;
  private destroy: () => void = () => {};

  constructor(url: string, headers: Record<string, string> = {}) {
    let markReady: () => void = () => {};
    this.ready = new Promise((r) => (markReady = r));
    this.ended = new Promise((resolveEnded) => {
      const req = request(url, { headers }, (res) => {
        this.status = res.statusCode ?? 0;
        markReady();
        let rest = '';
        res.on('data', (c: Buffer) => {
          const parts = (rest + c.toString()).split('\n');
          rest = parts.pop() ?? '';
          for (const line of parts) if (line.trim()) this.push(JSON.parse(line) as WatchEvent);
        });
        res.on('end', () => this.finish(resolveEnded, 'clean'));
        res.on('aborted', () => this.finish(resolveEnded, 'aborted'));
        res.on('error', () => this.finish(resolveEnded, 'aborted'));
        res.on('close', () => this.finish(resolveEnded, res.complete ? 'clean' : 'aborted'));
      });
      req.on('error', () => this.finish(resolveEnded, 'aborted'));
      req.end();
      this.destroy = () => req.destroy();
    });
  }

  private finish(resolve: (v: 'clean' | 'aborted') => void, how: 'clean' | 'aborted'): void {
    if (this.done) return;
    this.done = true;
    for (const w of this.waiters) w(undefined);
    this.waiters = [];
    resolve(how);
  }

  private push(e: WatchEvent): void {
    const w = this.waiters.shift();
    if (w) w(e);
    else this.events.push(e);
  }

  /** The next event, or undefined once the stream has ended. */
  next(timeoutMs = 45_000): Promise<WatchEvent | undefined> {
    const e = this.events.shift();
    if (e) return Promise.resolve(e);
    if (this.done) return Promise.resolve(undefined);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no watch event within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push((ev) => {
        clearTimeout(timer);
        resolve(ev);
      });
    });
  }

  /** Events until `pred` matches (inclusive). */
  async until(pred: (e: WatchEvent) => boolean, timeoutMs = 45_000): Promise<WatchEvent[]> {
    const seen: WatchEvent[] = [];
    for (;;) {
      const e = await this.next(timeoutMs);
      if (!e) throw new Error(`watch ended before a matching event; saw ${seen.map((x) => x.type).join(',')}`);
      seen.push(e);
      if (pred(e)) return seen;
    }
  }

  close(): void {
    this.destroy();
  }
}
