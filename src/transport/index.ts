// The transport layer's public surface.
export { getClient, createClient, closeAllClients, SharedKubeClient, type ClientOptions } from './client.js';
export { classifyRequestError, tlsErrorFromCode, statusFromBody, parseRetryAfter, hintForStatus } from './errors.js';
export { proxyForServer, noProxyMatches, redactProxyUrl } from './proxy.js';
export { USER_AGENT, KDECK_VERSION } from './user-agent.js';
export { describeAuth, describeTls } from '../auth/describe.js';
export type { KubeClient, KubeRequest, KubeResponse, KubeStream, StreamRequest, QueryValue } from './types.js';
export { openStream } from './stream.js';
export { readBodyText } from './body.js';
export { readOnlyClient, isReadOnlyClient, isMutatingRequest, ReadOnlyError } from './read-only.js';
