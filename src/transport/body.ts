// Reading a response body into memory, bounded: an endless or enormous body (or a gzip bomb, counted after
// decompression) stops at the cap with a typed error instead of growing the process without limit.
import { createGunzip, createInflate } from 'node:zlib';
import { ResponseTooLargeError } from '../errors.js';
import type { KubeResponse } from './types.js';

/** A body being read: undici's, or an inflating stream over it (inflatedBody). */
export type BodyStream = AsyncIterable<unknown> & { destroy(err?: Error): unknown };

/**
 * Pieces an inflated body comes in. zlib's default (16 KiB) makes ~2,000 pieces of a 50,000-pod list, each a trip
 * through the stream layers and the list decoder; 256 KiB pieces are a few hundred, and still stream.
 */
export const INFLATE_CHUNK_BYTES = 256 * 1024;

/** Default cap for one JSON answer (objects, discovery, /version): far above etcd's 1.5 MB object limit. */
export const MAX_JSON_BYTES = 64 * 1024 * 1024;
/** Error bodies are Status objects or short text; more is noise. */
export const MAX_ERROR_BYTES = 1024 * 1024;

/**
 * The whole body as text, or ResponseTooLargeError once more than maxBytes arrived (the body is destroyed,
 * so the connection is not left draining). `what` names the response in the error ("the list of pods").
 */
export async function readBodyText(body: BodyStream, maxBytes: number, what: string, hint?: string, progress?: { received: number }): Promise<string> {
  const parts: Buffer[] = [];
  const total = await readBodyChunks(body, maxBytes, what, (chunk) => parts.push(chunk), hint, progress);
  return Buffer.concat(parts, total).toString('utf8');
}

/**
 * Hands each chunk of the body to onChunk as it arrives (a decoder that works while the rest is on the wire), with
 * readBodyText's bound; returns the byte count. An exception from onChunk stops reading (the body is destroyed).
 */
export async function readBodyChunks(body: BodyStream, maxBytes: number, what: string, onChunk: (chunk: Buffer) => void, hint?: string, progress?: { received: number }): Promise<number> {
  let total = 0;
  try {
    for await (const chunk of body) {
      const buf = chunk as Buffer;
      total += buf.length;
      if (progress) progress.received = total;
      if (total > maxBytes) throw new ResponseTooLargeError(what, maxBytes, hint);
      onChunk(buf);
    }
  } catch (err) {
    body.destroy();
    throw err;
  }
  return total;
}

/**
 * The body of a response to a compressedBody request, inflated in INFLATE_CHUNK_BYTES pieces when the server
 * compressed it (gzip, as kdeck asks; deflate too), as is otherwise. Destroying either end destroys both.
 *
 * The compressed bytes go to zlib as they have piled up, not as they arrived: a server's gzip comes in ~10 KiB
 * reads (about 320 for a 50,000-pod list), and each write to zlib is a trip to its thread and back, then a piece for
 * the reader. One write at a time, each with everything that arrived meanwhile: nothing waits while zlib is idle
 * (the first rows are not held back), and a reader busy with the last piece finds the next ones joined.
 */
export function inflatedBody(res: KubeResponse): BodyStream {
  const header = res.headers['content-encoding'];
  const encoding = (Array.isArray(header) ? header.join(',') : header ?? '').trim().toLowerCase();
  const inflate = encoding === 'gzip' || encoding === 'x-gzip' ? createGunzip : encoding === 'deflate' ? createInflate : undefined;
  if (!inflate) return res.body;
  const src = res.body;
  const out = inflate({ chunkSize: INFLATE_CHUNK_BYTES });
  let writing = false;
  let ended = false;
  const pump = () => {
    if (writing || out.destroyed) return;
    const piled = src.read() as Buffer | null;
    if (piled === null) {
      if (ended) out.end();
      return;
    }
    writing = true;
    out.write(piled, (err) => {
      writing = false;
      if (!err) pump();
    });
  };
  src.on('readable', pump);
  src.on('end', () => {
    ended = true;
    pump();
  });
  // An error on either side reaches the reader through `out`; `out` destroyed (the reader stopped) ends the body.
  src.on('error', (err) => out.destroy(err));
  out.on('close', () => {
    if (!ended) src.destroy();
  });
  return out;
}

/** An error body, capped and never throwing (what arrived before a failure is kept). */
export async function readErrorText(body: BodyStream): Promise<string> {
  try {
    return await readBodyText(body, MAX_ERROR_BYTES, 'an error response');
  } catch {
    body.destroy();
    return '';
  }
}
