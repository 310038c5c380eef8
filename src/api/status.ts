// Turns a non-2xx answer (a Status body, or plain text such as APF's 429) into the typed ApiStatusError.
import { ApiStatusError } from '../errors.js';

export function statusError(code: number, text: string, what: string, retryAfter?: number): ApiStatusError {
  try {
    const body = JSON.parse(text);
    if (body && body.kind === 'Status') return new ApiStatusError(body, retryAfter);
  } catch {
    // a plain-text body (429 from APF, 404 page not found)
  }
  return new ApiStatusError({ kind: 'Status', status: 'Failure', code, reason: reasonFor(code), message: `${text.trim() || `HTTP ${code}`} (${what})` }, retryAfter);
}

function reasonFor(code: number): string {
  const reasons: Record<number, string> = { 400: 'BadRequest', 401: 'Unauthorized', 403: 'Forbidden', 404: 'NotFound', 406: 'NotAcceptable', 410: 'Expired', 429: 'TooManyRequests', 500: 'InternalError', 503: 'ServiceUnavailable', 504: 'Timeout' };
  return reasons[code] ?? '';
}

