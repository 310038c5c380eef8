// Small HTTP helpers for the simulator: JSON and Status responses, request bodies, query flags.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Status } from '../errors.js';
import { StatusError, badRequest } from './status.js';

let auditCounter = 0;

/** Headers every API response carries (kube-apiserver sends an Audit-Id). */
export function baseHeaders(contentType: string): Record<string, string> {
  auditCounter = (auditCounter + 1) % 1e9;
  return {
    'Content-Type': contentType,
    'Cache-Control': 'no-cache, private',
    'X-Content-Type-Options': 'nosniff',
    'Audit-Id': `00000000-0000-4000-8000-${auditCounter.toString(16).padStart(12, '0')}`,
  };
}

export function sendJsonText(res: ServerResponse, code: number, json: string, contentType = 'application/json'): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const body = Buffer.from(json);
  res.writeHead(code, { ...baseHeaders(contentType), 'Content-Length': String(body.length) });
  res.end(body);
}

export function sendJson(res: ServerResponse, code: number, value: unknown, contentType?: string): void {
  sendJsonText(res, code, JSON.stringify(value), contentType);
}

export function sendText(res: ServerResponse, code: number, text: string, extra: Record<string, string> = {}): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  res.writeHead(code, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff', ...extra });
  res.end(text);
}

export function sendStatus(res: ServerResponse, status: Status): void {
  const code = status.code ?? 500;
  const retry = status.details?.retryAfterSeconds;
  if (res.headersSent) {
    res.end();
    return;
  }
  const body = Buffer.from(JSON.stringify(status));
  res.writeHead(code, {
    ...baseHeaders('application/json'),
    'Content-Length': String(body.length),
    ...(retry && retry > 0 ? { 'Retry-After': String(retry) } : {}),
  });
  res.end(body);
}

/** 404 for paths nothing is registered at: plain text, as Go's http.NotFound. */
export function sendNotFoundPage(res: ServerResponse): void {
  sendText(res, 404, '404 page not found\n');
}

const MAX_BODY = 8 * 1024 * 1024;

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new StatusError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'Request entity too large: limit is 3145728', reason: 'RequestEntityTooLarge', code: 413 });
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export function parseJsonBody(body: Buffer): unknown {
  if (body.length === 0) return undefined;
  try {
    return JSON.parse(body.toString('utf8'));
  } catch (err) {
    throw badRequest(`the object provided is unrecognized (must be of type JSON): ${(err as Error).message}`);
  }
}

/** Query booleans as Go's strconv.ParseBool reads them ("true", "1", "t"…). */
export function queryFlag(q: URLSearchParams, name: string): boolean {
  const v = q.get(name);
  return v === 'true' || v === '1' || v === 't' || v === 'T' || v === 'TRUE' || v === 'True';
}

export function queryInt(q: URLSearchParams, name: string): number | undefined {
  const v = q.get(name);
  if (v === null || v === '') return undefined;
  const n = Number(v);
  if (!Number.isInteger(n)) throw badRequest(`invalid value for ${name}: ${JSON.stringify(v)}: strconv.ParseInt: parsing ${JSON.stringify(v)}: invalid syntax`);
  return n;
}

/** The media types of an Accept header, each with its parameters. */
export function parseAccept(header: string | undefined): { type: string; params: Record<string, string> }[] {
  if (!header) return [{ type: '*/*', params: {} }];
  return header.split(',').map((part) => {
    const [type, ...rest] = part.split(';').map((s) => s.trim());
    const params: Record<string, string> = {};
    for (const p of rest) {
      const i = p.indexOf('=');
      if (i > 0) params[p.slice(0, i).trim()] = p.slice(i + 1).trim();
    }
    return { type: (type ?? '').toLowerCase(), params };
  }).filter((m) => m.type !== '');
}

export function isWatchQuery(q: URLSearchParams): boolean {
  return queryFlag(q, 'watch');
}
