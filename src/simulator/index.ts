// startSimulator: K simulated Kubernetes API servers in this process, their kubeconfig and fault controls.
import { writeFileSync } from 'node:fs';
import type { SimStore } from './types.js';
import { SimCluster } from './cluster.js';
import { TokenRegistry } from './authn.js';
import { createCertificateAuthority, issueCertificate, type KeyPair } from './certs.js';
import { renderKubeconfig } from './kubeconfig.js';
import { RESTRICTED_GROUP, RESTRICTED_NAMESPACE, RESTRICTED_USER } from './authz.js';

export interface SimulatorOptions {
  host?: string;
  port?: number;
  clusters?: number;
  pods?: number;
  namespaces?: number;
  /** Nodes of the first cluster (default: one per 100 pods, 3 to 1,000). */
  nodes?: number;
  churn?: number;
  tls?: boolean;
  kubernetesMinor?: number;
  controllers?: boolean;
  watchHistory?: number;
  seed?: number;
  /** Log lines per second of every container (chatty pods); default one line every 1.5 s. */
  logRate?: number;
  /** How often open watches get a BOOKMARK (default 60 s, as kube-apiserver). */
  bookmarkIntervalMs?: number;
  /** The namespace of the admin contexts in the kubeconfig handed out (default `default`). */
  contextNamespace?: string;
}

export interface FaultControls {
  dropWatches(): void;
  dropWatchesEvery(seconds: number): void;
  /** Open watches go silent (socket open, nothing sent, no bookmarks) for good; new watches work. */
  silenceWatches(): void;
  compact(): void;
  setLatency(ms: number): void;
  setErrorRate(opts: { rate: number; status: 429 | 500 | 503; retryAfterSeconds?: number }): void;
  restart(downMs?: number): Promise<void>;
  expireToken(token: string): void;
  clear(): void;
}

export interface SimulatedCluster {
  name: string;
  contextName: string;
  url: string;
  minor: number;
  faults: FaultControls;
  store: SimStore;
  /** The requests served so far (method and path, oldest first; the last 10,000): tests count them. */
  requests(): { method: string; path: string }[];
}

export interface Simulator {
  clusters: SimulatedCluster[];
  kubeconfig: string;
  caPem?: string;
  writeKubeconfig(path: string): void;
  issueToken(user: string, groups: string[], opts?: { ttlSeconds?: number }): string;
  issueClientCertificate(user: string, groups: string[]): { certPem: string; keyPem: string };
  stop(): Promise<void>;
}

const CLUSTER_NAMES = ['kdeck-sim', 'kdeck-staging', 'kdeck-prod', 'kdeck-dev', 'kdeck-eu', 'kdeck-us', 'kdeck-ap', 'kdeck-lab'];

/** Cluster i's minor: cluster 0 gets the asked one, the others step down (never below 27). */
function minorFor(i: number, base: number): number {
  return i === 0 ? base : Math.max(27, base - i);
}

export async function startSimulator(opts: SimulatorOptions = {}): Promise<Simulator> {
  const host = opts.host ?? '127.0.0.1';
  const count = Math.max(1, Math.floor(opts.clusters ?? 1));
  const baseMinor = opts.kubernetesMinor ?? 32;
  const tokens = new TokenRegistry();
  let ca: KeyPair | undefined;
  let serverCert: KeyPair | undefined;
  if (opts.tls) {
    ca = createCertificateAuthority('kdeck-simulator-ca');
    const isIp = /^[\d.]+$|:/.test(host);
    serverCert = issueCertificate(ca, {
      commonName: 'kube-apiserver', usage: 'server',
      dnsNames: ['localhost', 'kubernetes', 'kubernetes.default', ...(isIp ? [] : [host])],
      ipAddresses: ['127.0.0.1', '::1', ...(isIp && host !== '127.0.0.1' && host !== '0.0.0.0' && host !== '::' && host !== '::1' ? [host] : [])],
    });
  }
  const clusters: SimCluster[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const cluster = new SimCluster({
        name: CLUSTER_NAMES[i] ?? `kdeck-sim-${i}`,
        host,
        port: opts.port ? opts.port + i : 0,
        minor: minorFor(i, baseMinor),
        // Other clusters are smaller, so contexts differ visibly.
        pods: i === 0 ? (opts.pods ?? 60) : Math.max(10, Math.floor((opts.pods ?? 60) / (i + 1))),
        namespaces: i === 0 ? (opts.namespaces ?? 5) : Math.max(1, (opts.namespaces ?? 5) - i),
        ...(i === 0 && opts.nodes ? { nodes: opts.nodes } : {}),
        churn: i === 0 ? (opts.churn ?? 0) : 0,
        controllers: opts.controllers ?? true,
        watchHistory: opts.watchHistory ?? 10_000,
        seed: (opts.seed ?? 42) + i * 1000,
        ...(opts.logRate ? { logRate: opts.logRate } : {}),
        ...(opts.bookmarkIntervalMs ? { bookmarkIntervalMs: opts.bookmarkIntervalMs } : {}),
        tokens,
        ...(ca && serverCert ? { tls: { server: serverCert, caPem: ca.certPem } } : {}),
      });
      cluster.populate();
      await cluster.listen();
      clusters.push(cluster);
    }
  } catch (err) {
    await Promise.all(clusters.map((c) => c.stop()));
    throw err;
  }

  const adminCert = ca ? issueCertificate(ca, { commonName: 'kdeck-admin', organizations: ['system:masters'], usage: 'client' }) : undefined;
  const restricted = ca ? { user: RESTRICTED_USER, token: tokens.issue(RESTRICTED_USER, [RESTRICTED_GROUP]), namespace: RESTRICTED_NAMESPACE } : undefined;
  const contextName = (c: SimCluster) => c.name;
  const kubeconfig = renderKubeconfig({
    clusters: clusters.map((c) => ({
      name: c.name, contextName: contextName(c), url: c.url,
      ...(ca ? { caPem: ca.certPem } : {}),
      ...(adminCert ? { admin: adminCert } : {}),
    })),
    ...(restricted ? { restricted } : {}),
    ...(opts.contextNamespace ? { namespace: opts.contextNamespace } : {}),
  });

  const faultsOf = (c: SimCluster): FaultControls => ({
    dropWatches: () => c.hub.dropAll(),
    dropWatchesEvery: (s) => c.dropWatchesEvery(s),
    silenceWatches: () => c.faults.silenceOpenWatches(),
    compact: () => c.store.compact(),
    setLatency: (ms) => {
      c.faults.latencyMs = Math.max(0, ms);
    },
    setErrorRate: (e) => {
      c.faults.errorRate = { ...e, rate: Math.min(1, Math.max(0, e.rate)) };
    },
    restart: (downMs) => c.restart(downMs),
    expireToken: (t) => tokens.expire(t),
    clear: () => {
      c.faults.clear();
      c.dropWatchesEvery(0);
    },
  });

  return {
    clusters: clusters.map((c) => ({
      name: c.name,
      contextName: contextName(c),
      get url() {
        return c.url;
      },
      minor: c.minor,
      faults: faultsOf(c),
      store: c.store,
      requests: () => c.runtime.requestLog.slice(),
    })),
    kubeconfig,
    ...(ca ? { caPem: ca.certPem } : {}),
    writeKubeconfig: (path) => writeFileSync(path, kubeconfig, { mode: 0o600 }),
    issueToken: (user, groups, o) => tokens.issue(user, groups, o?.ttlSeconds),
    issueClientCertificate: (user, groups) => {
      if (!ca) throw new Error('issueClientCertificate needs a simulator started with tls: true');
      return issueCertificate(ca, { commonName: user, organizations: groups, usage: 'client' });
    },
    stop: async () => {
      await Promise.all(clusters.map((c) => c.stop()));
    },
  };
}
