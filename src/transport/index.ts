// The transport layer's public surface for the app and the UI; inside the engine, modules import the file they need.
export { getClient, createClient, closeAllClients } from './client.js';
export { KDECK_VERSION } from './user-agent.js';
export { readOnlyClient } from './read-only.js';
export type { KubeClient, KubeStream, StreamRequest } from './types.js';
