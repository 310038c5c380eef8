// ConnectionSpec objects built by hand, so transport tests do not depend on kubeconfig parsing.
import type { ConnectionSpec, CredentialSource, TlsSettings } from '../../src/kubeconfig/types.js';

let counter = 0;

export function makeSpec(server: string, opts: { tls?: Partial<TlsSettings>; credential?: CredentialSource } & Partial<Omit<ConnectionSpec, 'tls' | 'credential'>> = {}): ConnectionSpec {
  const { tls, credential, ...rest } = opts;
  counter += 1;
  return {
    contextName: 'test-ctx',
    clusterName: 'test-cluster',
    userName: 'test-user',
    server,
    namespace: 'default',
    namespaceFromFlag: false,
    tls: { insecureSkipTLSVerify: false, ...tls },
    credential: credential ?? { kind: 'none' },
    disableCompression: false,
    files: [],
    inCluster: false,
    cacheKey: `test-${counter}`,
    ...rest,
  };
}
