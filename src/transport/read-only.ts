// Read-only mode, enforced where requests leave the process: a client wrapped by readOnlyClient() refuses every
// mutating request (POST/PUT/PATCH/DELETE) before it is sent, so no key binding, plugin or bug can change a cluster
// that the user opened read-only. The self reviews are POSTs that change nothing, so they still go out.
import { KdeckError } from '../errors.js';
import type { KubeClient, KubeRequest, KubeResponse } from './types.js';

/** POSTs that only ask a question (may I? who am I? is this token valid?) and are allowed in read-only mode. */
const READ_ONLY_REVIEWS = new Set([
  '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews',
  '/apis/authorization.k8s.io/v1/selfsubjectrulesreviews',
  '/apis/authentication.k8s.io/v1/selfsubjectreviews',
  '/apis/authentication.k8s.io/v1beta1/selfsubjectreviews',
  '/apis/authentication.k8s.io/v1alpha1/selfsubjectreviews',
  '/apis/authentication.k8s.io/v1/tokenreviews',
]);

/** Whether a request would change something on the server. */
export function isMutatingRequest(req: Pick<KubeRequest, 'method' | 'path'>): boolean {
  const method = req.method ?? 'GET';
  if (method === 'GET') return false;
  if (method === 'POST' && READ_ONLY_REVIEWS.has(req.path.replace(/\/+$/, ''))) return false;
  return true;
}

/** The refusal of a mutating request in read-only mode; nothing was sent. */
export class ReadOnlyError extends KdeckError {
  constructor(req: Pick<KubeRequest, 'method' | 'path'>, readonly why: string) {
    super('usage', `read-only: ${req.method} ${req.path} was not sent (${why})`, 'start kdeck without --readonly (and without readOnly: true in config.yaml) to make changes');
    this.name = 'ReadOnlyError';
  }
}

const READ_ONLY_CLIENTS = new WeakSet<KubeClient>();

/** A client that sends reads as `client` does and refuses every mutation; `why` says where read-only came from. */
export function readOnlyClient(client: KubeClient, why: string): KubeClient {
  const guard = (req: KubeRequest) => {
    if (isMutatingRequest(req)) throw new ReadOnlyError(req, why);
  };
  const wrapped: KubeClient = {
    get spec() {
      return client.spec;
    },
    async request(req: KubeRequest): Promise<KubeResponse> {
      guard(req);
      return client.request(req);
    },
    async requestJson<T>(req: KubeRequest): Promise<T> {
      guard(req);
      return client.requestJson<T>(req);
    },
    // A stream is always a GET.
    stream: (req) => client.stream(req),
    // The shared client belongs to the transport (closeAllClients); the wrapper holds nothing of its own.
    close: () => Promise.resolve(),
  };
  READ_ONLY_CLIENTS.add(wrapped);
  return wrapped;
}

/** Whether a client refuses mutations (the capability layer then offers no action). */
export function isReadOnlyClient(client: KubeClient): boolean {
  return READ_ONLY_CLIENTS.has(client);
}
