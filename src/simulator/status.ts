// Status objects as kube-apiserver writes them (AM api/errors/errors.go constructors), and the exception that
// carries one through the request handlers to the response writer.
import type { Status } from '../errors.js';

export class StatusError extends Error {
  readonly status: Status;
  constructor(status: Status) {
    super(status.message ?? status.reason ?? 'error');
    this.status = status;
  }
  get code(): number {
    return this.status.code ?? 500;
  }
}

function failure(code: number, reason: string, message: string, details?: Status['details']): StatusError {
  const status: Status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason };
  if (details) status.details = details;
  status.code = code;
  return new StatusError(status);
}

/** "pods" or "deployments.apps": how messages name a resource. */
export function qualifiedResource(resource: string, group: string): string {
  return group ? `${resource}.${group}` : resource;
}

export const badRequest = (message: string) => failure(400, 'BadRequest', message);

export const unauthorized = () => failure(401, 'Unauthorized', 'Unauthorized');

export function notFound(resource: string, group: string, name: string): StatusError {
  return failure(404, 'NotFound', `${qualifiedResource(resource, group)} "${name}" not found`, { name, ...(group ? { group } : {}), kind: resource });
}

export function alreadyExists(resource: string, group: string, name: string): StatusError {
  return failure(409, 'AlreadyExists', `${qualifiedResource(resource, group)} "${name}" already exists`, { name, ...(group ? { group } : {}), kind: resource });
}

export function conflict(resource: string, group: string, name: string): StatusError {
  return failure(409, 'Conflict',
    `Operation cannot be fulfilled on ${qualifiedResource(resource, group)} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
    { name, ...(group ? { group } : {}), kind: resource });
}

export function forbidden(message: string, resource: string, group: string, name?: string): StatusError {
  return failure(403, 'Forbidden', message, { ...(name ? { name } : {}), ...(group ? { group } : {}), kind: resource });
}

export function methodNotAllowed(verb: string, resource: string): StatusError {
  return failure(405, 'MethodNotAllowed', `${verb} is not supported on resources of kind "${resource}"`);
}

export function notAcceptable(message: string): StatusError {
  return failure(406, 'NotAcceptable', message);
}

export function unsupportedMediaType(accepted: string[]): StatusError {
  return failure(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: ${accepted.join(', ')}`);
}

export function invalid(kind: string, group: string, name: string, causes: { field: string; message: string; reason?: string }[]): StatusError {
  const text = causes.map((c) => (c.field ? `${c.field}: ${c.message}` : c.message)).join(', ');
  const message = causes.length === 1 ? `${kind} "${name}" is invalid: ${text}` : `${kind} "${name}" is invalid: [${text}]`;
  return failure(422, 'Invalid', message, {
    name, ...(group ? { group } : {}), kind,
    causes: causes.map((c) => ({ reason: c.reason ?? 'FieldValueInvalid', message: c.message, field: c.field })),
  });
}

/** 410 for a continue token older than the compaction window; carries a token that continues inconsistently. */
export function continueExpired(newToken?: string): StatusError {
  const err = failure(410, 'Expired',
    'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.');
  if (newToken) err.status.metadata = { continue: newToken };
  return err;
}

export function tooOldResourceVersion(requested: number | string, oldest: number): Status {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `too old resource version: ${requested} (${oldest})`, reason: 'Expired', code: 410 };
}

export function internalError(message: string): StatusError {
  return failure(500, 'InternalError', `Internal error occurred: ${message}`, { causes: [{ message }] });
}

export function serviceUnavailable(message = 'the server is currently unable to handle the request', retryAfterSeconds?: number): StatusError {
  return failure(503, 'ServiceUnavailable', message, retryAfterSeconds ? { retryAfterSeconds } : undefined);
}

export function successStatus(details?: Status['details']): Status {
  const s: Status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success' };
  if (details) s.details = details;
  return s;
}

/** The watch cache's answer to an RV it has not reached after waiting (AS storage/errors.go). */
export function tooLargeResourceVersion(requested: number, current: number): Status {
  return {
    kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure',
    message: `Timeout: Too large resource version: ${requested}, current: ${current}`,
    reason: 'Timeout',
    details: { causes: [{ reason: 'ResourceVersionTooLarge', message: 'Too large resource version' }], retryAfterSeconds: 1 },
    code: 504,
  };
}
