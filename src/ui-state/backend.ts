// Everything the dashboard needs from the outside world, behind one interface: contexts from kubeconfig, a
// connection per context, discovery, and informers. live-backend.ts implements it over the real layers; tests
// pass fakes. Components never see a client, a transport or a credential.
import type { ContextSummary } from '../kubeconfig/types.js';
import type { CatalogueView, InformerKey, InformerLease, InformerView, ResourceRef } from './engine-types.js';
import type { MetricsSource } from '../metrics/source.js';
import type { KubeClient } from '../transport/types.js';
import type { Capabilities } from '../api/capabilities.js';
import type { Inspector } from '../inspect/inspector.js';

/** What the header shows about a context (no secrets). */
export interface ContextInfo {
  context: string;
  cluster: string;
  user: string;
  server: string;
  /** The context's namespace (flag, else kubeconfig, else "default"). */
  namespace: string;
  /** TLS is on but the server's certificate is not verified (insecure-skip-tls-verify). */
  insecure?: boolean;
}

export interface DashboardBackend {
  contexts(): ContextSummary[];
  /** The namespace a context opens in, known without a request (flags, kubeconfig); default: from contexts(). */
  localNamespace?(context: string): string | undefined;
  /** Resolves the context and checks its credentials can be obtained; rejects with a KdeckError to show. */
  connect(context: string): Promise<ContextInfo>;
  catalogue(context: string): Promise<CatalogueView>;
  /** "v1.32.0"; rejects when the server cannot be reached. */
  serverVersion(context: string): Promise<string>;
  acquire(key: InformerKey): InformerLease;
  /** The informer already open for `key` (a warm context's), not acquired: lets a flip back paint its first frame. */
  peek?(key: InformerKey): InformerView | undefined;
  /** metrics.k8s.io of a context (one source per context, polled only while a view subscribes); absent in fakes without metrics. */
  metrics?(context: string): (Pick<MetricsSource, 'pods' | 'nodes'> & Partial<Pick<MetricsSource, 'peekPods' | 'peekNodes'>>) | undefined;
  /** The full objects of a resource (views.yaml JSONPath columns read fields the Table rows do not carry). */
  listObjects?(context: string, ref: ResourceRef, namespace: string | undefined): Promise<unknown[]>;
  /** The client the mutating actions use: wrapped read-only (transport/read-only.ts) where the context is. */
  actionClient?(context: string): KubeClient;
  /** What the user may do in a context (RBAC, read-only), cached per context. */
  capabilities?(context: string): Capabilities;
  /** Why a context is read-only (flag, config), or undefined. */
  readOnlyReason?(context: string): string | undefined;
  /** Whether a namespace exists (false only on the server's 404; undefined when it cannot tell); absent: not checked. */
  namespaceExists?(context: string, name: string): Promise<boolean | undefined>;
  /** Describe, YAML and logs of one context's objects; absent: those views say they are not available. */
  inspector?(context: string): Inspector;
}
