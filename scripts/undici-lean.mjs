// What src/transport/client.ts takes from undici, from undici's own files: bundling `undici` whole brings fetch,
// WebSocket, caches and mocks (three quarters of its code) into every start. scripts/bundle.mjs points that one
// import here; a name added there and missing here fails the build ("No matching export"), never the bin.
import Dispatcher from 'undici/lib/dispatcher/dispatcher.js';
import api from 'undici/lib/api/index.js';
import Agent from 'undici/lib/dispatcher/agent.js';
import ProxyAgent from 'undici/lib/dispatcher/proxy-agent.js';
import decompress from 'undici/lib/interceptor/decompress.js';

// What undici's index.js does on load: dispatcher.request(), .stream(), .upgrade()… on every dispatcher.
Object.assign(Dispatcher.prototype, api);

export { Agent, ProxyAgent };
export const interceptors = { decompress };
