// A long response (a watch, a followed log) as async iteration of chunks or lines. Reading is pull-driven: while
// the caller is busy with one chunk nothing more is read, so the socket's window fills and the server is slowed
// (TCP backpressure) instead of kdeck buffering without bound.
import { ApiStatusError, KdeckError, StreamIdleError } from '../errors.js';
import { readErrorText } from './body.js';
import { apiStatusError, classifyRequestError } from './errors.js';
import { LineSplitter } from './line-splitter.js';
import type { KubeClient, KubeResponse, KubeStream, StreamRequest } from './types.js';

/** Lines longer than this end a stream with ResponseTooLargeError (a watch event is at most a few MB). */
export const MAX_LINE_BYTES = 64 * 1024 * 1024;

/**
 * stream() for any client that has request(): the same TLS, proxy, credentials and 401 refresh, because it is
 * request() underneath. `timeoutMs` bounds the wait for the response headers only; after that the stream runs
 * until the server ends it, the caller aborts, close() is called, or nothing arrives for `idleTimeoutMs`.
 */
export async function openStream(client: Pick<KubeClient, 'request' | 'spec'>, req: StreamRequest, proxy?: string): Promise<KubeStream> {
  const spec = client.spec;
  const controller = new AbortController();
  const signal = req.signal ? AbortSignal.any([req.signal, controller.signal]) : controller.signal;
  const headersMs = req.timeoutMs ?? spec.requestTimeoutMs ?? 0;
  const timer = headersMs > 0 ? setTimeout(() => controller.abort(new DOMException(`no answer within ${headersMs} ms`, 'TimeoutError')), headersMs) : undefined;
  const what = req.what ?? `GET ${req.path}`;
  const classify = (err: unknown): KdeckError => classifyRequestError(err, spec, proxy);
  let res: KubeResponse;
  try {
    res = await client.request({ path: req.path, query: req.query, headers: req.headers, signal, timeoutMs: 0 });
  } catch (err) {
    if (req.signal?.aborted) throw req.signal.reason ?? err;
    throw err instanceof KdeckError ? err : classify(controller.signal.aborted ? controller.signal.reason ?? err : err);
  } finally {
    clearTimeout(timer);
  }
  if (res.status < 200 || res.status > 299) {
    const text = await readErrorText(res.body);
    controller.abort();
    throw apiStatusError(res.status, text, res.headers, spec);
  }
  return new ResponseStream(res, { controller, callerSignal: req.signal, idleTimeoutMs: req.idleTimeoutMs, maxLineBytes: req.maxLineBytes ?? MAX_LINE_BYTES, what, server: spec.server, classify });
}

export interface ResponseStreamOptions {
  /** The caller's signal: when it aborts, iteration ends quietly (the caller knows why). */
  callerSignal?: AbortSignal;
  /** Aborting this ends the underlying request (it is the request's own controller). */
  controller: AbortController;
  idleTimeoutMs?: number;
  maxLineBytes?: number;
  /** For messages: "watch pods", "logs of pod web-1". */
  what: string;
  server: string;
  /** Turns a network failure while reading into the transport's typed error. */
  classify: (err: unknown) => KdeckError;
}

export class ResponseStream implements KubeStream {
  readonly status: number;
  readonly headers: KubeResponse['headers'];
  private read = false;
  private closedByCaller = false;
  private idleError: StreamIdleError | undefined;

  constructor(
    private readonly res: KubeResponse,
    private readonly o: ResponseStreamOptions,
  ) {
    this.status = res.status;
    this.headers = res.headers;
  }

  async *chunks(): AsyncGenerator<Buffer, void, undefined> {
    if (this.read) throw new Error('a stream can be read only once');
    this.read = true;
    const { controller, callerSignal, idleTimeoutMs } = this.o;
    let timer: NodeJS.Timeout | undefined;
    // The idle clock runs only while we wait for the server, not while the caller holds a chunk.
    const arm = () => {
      if (!idleTimeoutMs) return;
      clearTimeout(timer);
      timer = setTimeout(() => {
        this.idleError = new StreamIdleError(this.o.server, this.o.what, idleTimeoutMs);
        controller.abort(this.idleError);
      }, idleTimeoutMs);
    };
    const ended = () => this.closedByCaller || callerSignal?.aborted === true;
    try {
      arm();
      for await (const chunk of this.res.body) {
        clearTimeout(timer);
        yield chunk as Buffer;
        if (ended()) return;
        arm();
      }
    } catch (err) {
      if (this.idleError) throw this.idleError;
      if (ended()) return;
      throw this.o.classify(err);
    } finally {
      clearTimeout(timer);
      if (!this.res.body.readableEnded) this.res.body.destroy();
      controller.abort();
    }
  }

  /** Non-blank lines (newline-delimited JSON, log lines), each at most maxLineBytes. */
  async *lines(): AsyncGenerator<string, void, undefined> {
    const splitter = new LineSplitter(this.o.maxLineBytes, `a line of ${this.o.what}`);
    const out: string[] = [];
    const collect = (line: string) => out.push(line);
    for await (const chunk of this.chunks()) {
      splitter.push(chunk, collect);
      for (let i = 0; i < out.length; i++) {
        yield out[i]!;
        if (this.closedByCaller || this.o.callerSignal?.aborted) return;
      }
      out.length = 0;
    }
    if (this.closedByCaller || this.o.callerSignal?.aborted) return;
    splitter.flush(collect);
    yield* out.splice(0);
  }

  close(): void {
    this.closedByCaller = true;
    this.o.controller.abort();
    if (!this.read) this.res.body.destroy();
  }
}
