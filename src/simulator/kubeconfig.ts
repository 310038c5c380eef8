// The kubeconfig a simulator hands out: one admin context per cluster, plus (with TLS) a restricted user's context
// on cluster 0. Credentials are embedded (certificate-authority-data, client-certificate-data/key, token).
import { stringify } from 'yaml';

export interface KubeconfigCluster {
  name: string;
  contextName: string;
  url: string;
  caPem?: string;
  /** Admin credentials (TLS only): a client certificate. */
  admin?: { certPem: string; keyPem: string };
}

export interface KubeconfigInput {
  clusters: KubeconfigCluster[];
  restricted?: { user: string; token: string; namespace: string };
  /** The admin contexts' namespace; default `default`. */
  namespace?: string;
}

const b64 = (s: string) => Buffer.from(s).toString('base64');

export function renderKubeconfig(input: KubeconfigInput): string {
  const clusters = input.clusters.map((c) => ({
    name: c.name,
    cluster: { server: c.url, ...(c.caPem ? { 'certificate-authority-data': b64(c.caPem) } : {}) },
  }));
  const users = input.clusters.map((c) => ({
    name: `${c.name}-admin`,
    user: c.admin ? { 'client-certificate-data': b64(c.admin.certPem), 'client-key-data': b64(c.admin.keyPem) } : {},
  }));
  const contexts = input.clusters.map((c) => ({
    name: c.contextName,
    context: { cluster: c.name, user: `${c.name}-admin`, namespace: input.namespace ?? 'default' },
  }));
  if (input.restricted && input.clusters[0]) {
    const c0 = input.clusters[0];
    users.push({ name: input.restricted.user, user: { token: input.restricted.token } as never });
    contexts.push({ name: `${c0.contextName}-restricted`, context: { cluster: c0.name, user: input.restricted.user, namespace: input.restricted.namespace } });
  }
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    preferences: {},
    'current-context': input.clusters[0]?.contextName ?? '',
    clusters,
    contexts,
    users,
  });
}
