// Turns a ConnectionSpec's CredentialSource into what a request carries: an Authorization header and/or a client
// certificate (exec plugins may return one). Secrets stay in these objects; nothing here logs or formats them.
import type { ConnectionSpec } from '../kubeconfig/types.js';
import { execCredentialCache, type ExecCredentialCache, type ExecRunOptions } from './exec-cache.js';
import type { ExecCredentialResult } from './exec-credential.js';
import { rememberSecrets, rememberSpecSecrets } from './redact.js';
import { TokenFileSource } from './token-file.js';

export interface AppliedCredential {
  /** Value of the Authorization header, if any. */
  authorization?: string;
  /** A client certificate obtained at request time (exec plugin); static ones live in spec.tls. */
  clientCertificate?: { certPem: string; keyPem: string };
  /** The exec result this came from, so a 401 can invalidate exactly it. */
  readonly execResult?: ExecCredentialResult;
}

export interface CredentialProvider {
  get(opts?: ExecRunOptions): Promise<AppliedCredential>;
  /**
   * The server answered 401 to a request that carried `used`. Returns true when a fresh credential may differ
   * (exec plugin, token file), so the caller retries once; false for static credentials.
   */
  refreshAfterUnauthorized(used: AppliedCredential): boolean;
}

const NONE: AppliedCredential = {};

export function createCredentialProvider(spec: ConnectionSpec, cache: ExecCredentialCache = execCredentialCache): CredentialProvider {
  rememberSpecSecrets(spec);
  const source = spec.credential;
  switch (source.kind) {
    case 'none':
      return { get: async () => NONE, refreshAfterUnauthorized: () => false };
    case 'token':
    case 'oidc': {
      const applied: AppliedCredential = { authorization: `Bearer ${source.kind === 'token' ? source.token : source.idToken}` };
      return { get: async () => applied, refreshAfterUnauthorized: () => false };
    }
    case 'basic': {
      const applied: AppliedCredential = { authorization: `Basic ${Buffer.from(`${source.username}:${source.password}`).toString('base64')}` };
      return { get: async () => applied, refreshAfterUnauthorized: () => false };
    }
    case 'tokenFile': {
      const file = new TokenFileSource(source.path, spec.userName);
      const fallback = source.fallbackToken;
      return {
        // client-go sends the user's inline token when the file cannot be read
        get: async () => {
          const token = fallback ? await file.getToken().catch(() => fallback) : await file.getToken();
          rememberSecrets(token);
          return { authorization: `Bearer ${token}` };
        },
        refreshAfterUnauthorized: () => {
          file.invalidate();
          return true;
        },
      };
    }
    case 'exec':
      return {
        get: async (opts) => {
          const result = await cache.get(spec, opts);
          return {
            authorization: result.token ? `Bearer ${result.token}` : undefined,
            clientCertificate: result.clientCertificate,
            execResult: result,
          };
        },
        refreshAfterUnauthorized: (used) => {
          if (used.execResult) cache.invalidate(spec, used.execResult);
          return true;
        },
      };
  }
}
