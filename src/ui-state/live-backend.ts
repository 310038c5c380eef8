// The dashboard's backend over the real layers: kubeconfig resolution, the shared transport clients and the
// informer registry. Built once per run; close() stops every informer and connection.
import { inClusterPossible, listContexts, loadKubeconfig, resolveConnection, resolveInCluster, type LoadedKubeconfig } from '../kubeconfig/index.js';
import type { ConnectionSpec, ContextSummary, KubeconfigOverrides, LoadEnvironment } from '../kubeconfig/types.js';
import { closeAllClients, getClient, readOnlyClient } from '../transport/index.js';
import type { KubeClient } from '../transport/types.js';
import { Capabilities } from '../api/capabilities.js';
import { createInspector, type Inspector } from '../inspect/inspector.js';
import { sessions } from '../sessions/registry.js';
import { InformerRegistry } from '../watch/registry.js';
import { MetricsSource } from '../metrics/source.js';
import { namespaceExists, resourcePath } from '../api/requests.js';
import { diskDiscoveryStore } from '../api/discovery-cache.js';
import { discoveryCacheDir } from '../config/paths.js';
import { informerKeyString } from '../watch/informer-key.js';
import type { ContextInfo, DashboardBackend } from './backend.js';
import { PromiseCache } from '../api/promise-cache.js';
import type { CatalogueView, InformerKey, InformerLease, InformerView, ResourceRef } from './engine-types.js';

/** How long /version may take when no --request-timeout is given (the flag, when given, wins). */
const VERSION_TIMEOUT_MS = 10_000;
/** The one context a pod has when it runs kdeck with its service account and no kubeconfig. */
export const IN_CLUSTER_CONTEXT = 'in-cluster';
/** A prefetched informer (start-up) is held this long at most when no view takes it over. */
const PREFETCH_HOLD_MS = 30_000;

export class LiveBackend implements DashboardBackend {
  readonly loaded: LoadedKubeconfig;
  /** No kubeconfig and a service account mounted: client-go's in-cluster fallback. */
  private readonly inCluster: boolean;
  private readonly registry: InformerRegistry;
  private readonly specs = new Map<string, ConnectionSpec>();
  private readonly versions = new PromiseCache<string>();
  private readonly connections = new PromiseCache<ContextInfo>();
  private readonly metricSources = new Map<string, MetricsSource>();
  private readonly capabilityCache = new Map<string, Capabilities>();
  private readonly readOnly: (context: string) => string | undefined;
  private readonly prefetched = new Map<string, InformerLease>();

  /** Throws KubeconfigError for unreadable/invalid kubeconfig files (shown before the screen is taken). */
  constructor(
    private readonly overrides: KubeconfigOverrides,
    private readonly env: LoadEnvironment,
    private readonly opts: { warmContexts?: number; readOnly?: (context: string) => string | undefined; logBuffer?: number; discoveryCache?: boolean } = {},
  ) {
    this.readOnly = opts.readOnly ?? (() => undefined);
    this.loaded = loadKubeconfig(overrides, env);
    const selected = !!(overrides.context || overrides.cluster || overrides.user);
    this.inCluster = !selected && (this.loaded.files.length === 0 || !this.loaded.currentContext) && inClusterPossible(env);
    this.registry = new InformerRegistry({
      // Clients are the transport's (shared per cluster + credential, closed by closeAllClients at exit); the
      // registry only closes informers, as its closeClients option defaults to.
      clientFor: (context) => getClient(this.spec(context)),
      warmContexts: opts.warmContexts,
      ...(opts.discoveryCache === false ? {} : { discovery: diskDiscoveryStore(discoveryCacheDir(env.env, env.homeDir)) }),
    });
  }

  /** The context kdeck starts on: --context, else the kubeconfig's current-context. */
  initialContext(): string {
    if (this.inCluster) return IN_CLUSTER_CONTEXT;
    return this.overrides.context ?? this.loaded.currentContext ?? '';
  }

  /**
   * The connection for a context; throws KubeconfigError/CredentialError when it cannot be resolved.
   * Flags that pick a cluster, user or namespace apply to the context kdeck starts on, as kubectl's do.
   */
  spec(context: string): ConnectionSpec {
    let s = this.specs.get(context);
    if (!s) {
      const initial = context === this.initialContext();
      // The start context without --context is the kubeconfig's current-context: resolve it as such, so a
      // current-context that names nothing is reported as that, not as a --context the user never gave.
      const o: KubeconfigOverrides = initial
        ? { ...this.overrides, context: this.overrides.context || (context === this.loaded.currentContext ? undefined : context) }
        : { ...this.overrides, context, cluster: undefined, user: undefined, namespace: undefined };
      s = this.inCluster && context === IN_CLUSTER_CONTEXT ? resolveInCluster(this.overrides, this.env) : resolveConnection(this.loaded, o, this.env);
      this.specs.set(context, s);
    }
    return s;
  }

  contexts(): ContextSummary[] {
    if (this.inCluster) {
      const s = this.spec(IN_CLUSTER_CONTEXT);
      return [{ name: IN_CLUSTER_CONTEXT, cluster: s.clusterName, user: s.userName, namespace: s.namespace, current: true }, ...listContexts(this.loaded)];
    }
    return listContexts(this.loaded);
  }

  localNamespace(context: string): string | undefined {
    try {
      return this.spec(context).namespace;
    } catch {
      return undefined; // a broken context: connect() reports why
    }
  }

  /** One promise per context (a failed one is forgotten, so the next flip retries): a flip back reads it settled. */
  connect(context: string): Promise<ContextInfo> {
    return this.connections.get(context, () => this.connectNow(context));
  }

  private async connectNow(context: string): Promise<ContextInfo> {
    const spec = this.spec(context);
    await this.serverVersion(context); // reachability: a ConnectionError/TlsError is the diagnosis to show
    const insecure = spec.server.startsWith('https:') && spec.tls.insecureSkipTLSVerify;
    return { context, cluster: spec.clusterName, user: spec.userName, server: spec.server, namespace: spec.namespace, ...(insecure ? { insecure } : {}) };
  }

  /** `fresh`: ask the server even when the disk cache has the context's discovery (a name it did not know). */
  catalogue(context: string, opts: { fresh?: boolean } = {}): Promise<CatalogueView> {
    return this.registry.catalogue(context, opts);
  }

  /** An unreachable cluster is asked again on the next flip. */
  serverVersion(context: string): Promise<string> {
    return this.versions.get(context, () =>
      getClient(this.spec(context))
        .requestJson<{ gitVersion?: string }>({ path: '/version', timeoutMs: this.spec(context).requestTimeoutMs || VERSION_TIMEOUT_MS })
        .then((b) => b.gitVersion ?? '?'),
    );
  }

  peek(key: InformerKey): InformerView | undefined {
    return this.registry.peek(key as Parameters<InformerRegistry['peek']>[0]);
  }

  acquire(key: InformerKey): InformerLease {
    // The registry's own ResourceRef type is the same shape as ours.
    const lease = this.registry.acquire(key as Parameters<InformerRegistry['acquire']>[0]);
    this.releasePrefetch(informerKeyString(key)); // the view holds it now
    return lease;
  }

  /**
   * Starts the informer of `key` before any view asks for it (start-up: its list is on the wire while the UI
   * loads). The first acquire() of the same key takes it over; unclaimed, it is released after PREFETCH_HOLD_MS.
   */
  prefetch(key: InformerKey): InformerLease['informer'] {
    const id = informerKeyString(key);
    let lease = this.prefetched.get(id);
    if (!lease) {
      lease = this.registry.acquire(key as Parameters<InformerRegistry['acquire']>[0]);
      this.prefetched.set(id, lease);
      setTimeout(() => this.releasePrefetch(id), PREFETCH_HOLD_MS).unref();
    }
    return lease.informer;
  }

  private releasePrefetch(id: string): void {
    this.prefetched.get(id)?.release();
    this.prefetched.delete(id);
  }

  metrics(context: string): MetricsSource | undefined {
    let m = this.metricSources.get(context);
    if (!m) {
      try {
        m = new MetricsSource(getClient(this.spec(context)));
      } catch {
        return undefined; // a broken context: connect() reports why
      }
      this.metricSources.set(context, m);
    }
    return m;
  }

  readOnlyReason(context: string): string | undefined {
    return this.readOnly(context);
  }

  /** Every mutating request of the dashboard goes through this client; in a read-only context it refuses them. */
  actionClient(context: string): KubeClient {
    const client = getClient(this.spec(context));
    const why = this.readOnly(context);
    return why ? readOnlyClient(client, why) : client;
  }

  capabilities(context: string): Capabilities {
    let c = this.capabilityCache.get(context);
    if (!c) {
      c = new Capabilities(this.actionClient(context));
      this.capabilityCache.set(context, c);
    }
    return c;
  }

  inspector(context: string): Inspector {
    return createInspector(getClient(this.spec(context)), { registry: sessions, context, bufferLines: this.opts.logBuffer });
  }

  async listObjects(context: string, ref: ResourceRef, namespace: string | undefined): Promise<unknown[]> {
    const list = await getClient(this.spec(context)).requestJson<{ items?: unknown[] }>({ path: resourcePath(ref, namespace) });
    return list.items ?? [];
  }

  namespaceExists(context: string, name: string): Promise<boolean | undefined> {
    return namespaceExists(getClient(this.spec(context)), name);
  }

  async close(): Promise<void> {
    await sessions.shutdown();
    for (const m of this.metricSources.values()) m.close();
    await this.registry.close();
    await closeAllClients();
  }
}
