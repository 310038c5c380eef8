// A stable identity for "this server, reached this way, as this credential": equal keys may share one
// dispatcher and one credential cache (so an exec token survives a context flip). Secrets are hashed.
import { createHash } from 'node:crypto';
import type { ConnectionSpec, CredentialSource } from './types.js';

const sha = (s: string): string => createHash('sha256').update(s).digest('hex');

function credentialIdentity(c: CredentialSource): unknown {
  switch (c.kind) {
    case 'none':
      return { kind: 'none' };
    case 'token':
      return { kind: 'token', token: sha(c.token) };
    case 'tokenFile':
      return { kind: 'tokenFile', path: c.path, fallback: c.fallbackToken ? sha(c.fallbackToken) : undefined };
    case 'basic':
      return { kind: 'basic', username: c.username, password: sha(c.password) };
    case 'exec':
      // The env may carry secrets: hash the whole plugin definition.
      return { kind: 'exec', exec: sha(JSON.stringify(c.exec)) };
    case 'oidc':
      return { kind: 'oidc', idToken: sha(c.idToken) };
  }
}

export function connectionCacheKey(spec: Omit<ConnectionSpec, 'cacheKey'>): string {
  const cert = spec.tls.clientCertificate;
  const identity = {
    server: spec.server,
    ca: spec.tls.caPem ? sha(spec.tls.caPem) : undefined,
    insecure: spec.tls.insecureSkipTLSVerify,
    serverName: spec.tls.serverName,
    clientCertificate: cert ? sha(cert.certPem + '\n' + cert.keyPem) : undefined,
    proxyUrl: spec.proxyUrl,
    disableCompression: spec.disableCompression,
    credential: credentialIdentity(spec.credential),
    impersonate: spec.impersonate,
  };
  return sha(JSON.stringify(identity)).slice(0, 32);
}
