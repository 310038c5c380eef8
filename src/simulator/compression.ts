// gzip for responses when the client asks (Accept-Encoding: gzip), as kube-apiserver's APIResponseCompression
// does: only bodies past 128 KiB, never for streams (watch, follow, upgrades). The handlers write as before; the
// decision is taken at the first body bytes: a response that ends in one small write leaves as it is.
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { createGzip } from 'node:zlib';

export const GZIP_THRESHOLD_BYTES = 128 * 1024;
/** kube-apiserver's defaultGzipContentEncodingLevel. */
export const GZIP_LEVEL = 1;

/** Makes `res` gzip its body when `req` accepts it and the body is large. */
export function compressWhenAsked(req: IncomingMessage, res: ServerResponse, threshold = GZIP_THRESHOLD_BYTES): void {
  if (!acceptsGzip(req.headers['accept-encoding'])) return;
  const writeHead = res.writeHead.bind(res) as (code: number, headers?: OutgoingHttpHeaders) => ServerResponse;
  const write = res.write.bind(res) as (chunk: unknown) => boolean;
  const end = res.end.bind(res) as (chunk?: unknown) => ServerResponse;
  let head: { code: number; headers: OutgoingHttpHeaders } | undefined;
  let mode: 'undecided' | 'plain' | 'gzip' = 'undecided';
  let gzip: ReturnType<typeof createGzip> | undefined;

  const start = (compress: boolean) => {
    const headers: OutgoingHttpHeaders = { ...(head?.headers ?? {}) };
    if (compress) {
      for (const k of Object.keys(headers)) if (k.toLowerCase() === 'content-length') delete headers[k];
      headers['Content-Encoding'] = 'gzip';
      headers['Vary'] = 'Accept-Encoding';
      // kube-apiserver compresses at level 1 (least CPU, a ratio within ~1.3x of the best: kubernetes#112296).
      gzip = createGzip({ level: GZIP_LEVEL });
      gzip.on('data', (c: Buffer) => write(c));
      gzip.on('end', () => end());
      // Writers pace themselves on res (write() false → wait for 'drain'): the gzip stream is what fills up.
      gzip.on('drain', () => res.emit('drain'));
    }
    if (head) writeHead(head.code, headers);
    mode = compress ? 'gzip' : 'plain';
  };
  const size = (chunk: unknown) => (chunk === undefined || chunk === null ? 0 : typeof chunk === 'string' ? Buffer.byteLength(chunk) : (chunk as Buffer).length);

  res.writeHead = ((code: number, a?: unknown, b?: unknown) => {
    head = { code, headers: ((typeof a === 'string' ? b : a) ?? {}) as OutgoingHttpHeaders };
    return res;
  }) as ServerResponse['writeHead'];
  res.write = ((chunk: unknown) => {
    if (mode === 'undecided') start(true); // more than one write: a large, chunked body
    if (mode === 'gzip') return gzip!.write(chunk as Buffer);
    return write(chunk);
  }) as ServerResponse['write'];
  res.end = ((chunk?: unknown) => {
    if (typeof chunk === 'function') chunk = undefined;
    if (mode === 'undecided') start(size(chunk) >= threshold);
    if (mode === 'gzip') {
      gzip!.end(chunk as Buffer | undefined);
      return res;
    }
    return end(chunk);
  }) as ServerResponse['end'];
}

function acceptsGzip(header: string | undefined): boolean {
  return (header ?? '').split(',').some((part) => {
    const [coding, ...params] = part.trim().split(';');
    return coding.trim().toLowerCase() === 'gzip' && !params.some((p) => /^\s*q=0(\.0*)?\s*$/.test(p));
  });
}
