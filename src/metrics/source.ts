// metrics.k8s.io for one context: fetched only while a view shows it, for that view's namespace, every 15 s;
// the last answer per namespace stays cached, so flipping back shows figures at once (peekPods/peekNodes: in the
// flip's first frame) and, while that answer is younger than the interval, asks again only when it is due. A
// missing or forbidden API is a state ("n/a: metrics API not served", "forbidden"), never an error thrown at the screen.
import { ApiStatusError, KdeckError } from '../errors.js';
import type { KubeClient } from '../transport/types.js';
import { nodeAllocatable, nodeUsage, podResources, podUsage } from './figures.js';
import type { Allocatable, PodResources, Usage } from './figures.js';

export const METRICS_INTERVAL_MS = 15_000;
export const NOT_SERVED = 'n/a: metrics API not served';
export const FORBIDDEN = 'forbidden';

export type MetricsState = { status: 'loading' } | { status: 'ok'; at: number } | { status: 'unavailable'; reason: string };

export interface PodMetricsSnapshot {
  state: MetricsState;
  /** "namespace/name" → usage (metrics carry no uid). */
  usage: Map<string, Usage>;
  /** Pod uid → summed requests and limits. */
  resources: Map<string, PodResources>;
}

export interface NodeMetricsSnapshot {
  state: MetricsState;
  usage: Map<string, Usage>;
  allocatable: Map<string, Allocatable>;
}

/** Why metrics are not there, as the column says it. */
export function unavailableReason(err: unknown): string {
  if (err instanceof ApiStatusError) {
    if (err.code === 404 || err.code === 503) return NOT_SERVED;
    if (err.code === 403) return FORBIDDEN;
    if (err.code === 401) return 'n/a: unauthenticated';
    return `n/a: HTTP ${err.code}`;
  }
  if (err instanceof KdeckError) return `n/a: ${err.message.split('\n')[0].slice(0, 60)}`;
  return 'n/a: error';
}

interface Feed<T extends { state: MetricsState }> {
  snapshot: T;
  listeners: Set<(s: T) => void>;
  /** The next refresh while subscribed: a first timeout (a feed coming back mid-interval), then the interval. */
  timer?: ReturnType<typeof setTimeout>;
  inFlight: boolean;
  /** When the last answer (figures or a reason) was published. */
  answeredAt?: number;
}

/** The answer or the error, so one failed request does not lose the other's answer. */
function attempt<T>(p: Promise<T>): Promise<{ ok: T } | { err: unknown }> {
  return p.then((ok) => ({ ok }), (err: unknown) => ({ err }));
}

interface ListJson<T> {
  items?: T[];
}
interface MetaItem {
  metadata?: { name?: string; namespace?: string; uid?: string };
}

export class MetricsSource {
  private readonly podFeeds = new Map<string, Feed<PodMetricsSnapshot> & { wantsSpecs: Set<() => boolean>; specsLoaded: boolean }>();
  private nodeFeed?: Feed<NodeMetricsSnapshot>;
  private closed = false;

  constructor(
    private readonly client: KubeClient,
    private readonly intervalMs = METRICS_INTERVAL_MS,
  ) {}

  /**
   * Pod metrics of `namespace` (undefined: all). `wantsSpecs` says when rows have appeared whose requests and
   * limits are not known yet (pods are re-listed then, not on every tick).
   */
  pods(namespace: string | undefined, listener: (s: PodMetricsSnapshot) => void, wantsSpecs: () => boolean = () => false): () => void {
    const key = namespace ?? '';
    let feed = this.podFeeds.get(key);
    if (!feed) {
      feed = { snapshot: { state: { status: 'loading' }, usage: new Map(), resources: new Map() }, listeners: new Set(), inFlight: false, wantsSpecs: new Set(), specsLoaded: false };
      this.podFeeds.set(key, feed);
    }
    const f = feed;
    f.wantsSpecs.add(wantsSpecs);
    // Asked at once on a return mid-interval when the specs are not loaded or rows on screen lack theirs.
    const due = () => !f.specsLoaded || [...f.wantsSpecs].some((w) => w());
    return this.attach(f, listener, () => this.refreshPods(namespace, f), () => f.wantsSpecs.delete(wantsSpecs), due);
  }

  nodes(listener: (s: NodeMetricsSnapshot) => void): () => void {
    this.nodeFeed ??= { snapshot: { state: { status: 'loading' }, usage: new Map(), allocatable: new Map() }, listeners: new Set(), inFlight: false };
    const f = this.nodeFeed;
    return this.attach(f, listener, () => this.refreshNodes(f));
  }

  /** The last answer for `namespace` (undefined: all), if one came: what a view coming back paints in its first frame. */
  peekPods(namespace: string | undefined): PodMetricsSnapshot | undefined {
    const f = this.podFeeds.get(namespace ?? '');
    return f?.answeredAt === undefined ? undefined : f.snapshot;
  }

  /** The last answer for nodes, if one came. */
  peekNodes(): NodeMetricsSnapshot | undefined {
    return this.nodeFeed?.answeredAt === undefined ? undefined : this.nodeFeed.snapshot;
  }

  close(): void {
    this.closed = true;
    for (const f of [...this.podFeeds.values(), ...(this.nodeFeed ? [this.nodeFeed] : [])]) {
      clearTimeout(f.timer);
      f.timer = undefined;
      f.listeners.clear();
    }
  }

  /**
   * Subscribes `listener` (given the last answer at once) and polls while anyone is subscribed. A feed coming back
   * within the interval of its last figures (a flip back) keeps that rhythm instead of asking at once, unless `due`:
   * its figures are then no older than a view that never left shows, and the flip costs no request and no frame.
   * A last answer that was a failure is asked again at once, as before.
   */
  private attach<T extends { state: MetricsState }>(f: Feed<T>, listener: (s: T) => void, refresh: () => Promise<void>, detach?: () => void, due: () => boolean = () => false): () => void {
    f.listeners.add(listener);
    listener(f.snapshot);
    if (!f.timer && !this.closed) {
      const age = f.answeredAt === undefined || f.snapshot.state.status !== 'ok' ? Infinity : Date.now() - f.answeredAt;
      const poll = () => {
        f.timer = setInterval(() => void refresh(), this.intervalMs);
        f.timer.unref?.();
      };
      if (age >= this.intervalMs || due()) {
        void refresh();
        poll();
      } else {
        f.timer = setTimeout(() => {
          void refresh();
          poll();
        }, this.intervalMs - age);
        f.timer.unref?.();
      }
    }
    return () => {
      f.listeners.delete(listener);
      detach?.();
      if (f.listeners.size === 0 && f.timer) {
        clearTimeout(f.timer); // Node's clearTimeout clears an interval too
        f.timer = undefined;
      }
    };
  }

  private publish<T extends { state: MetricsState }>(f: Feed<T>, s: T): void {
    f.snapshot = s;
    f.answeredAt = Date.now();
    for (const l of [...f.listeners]) l(s);
  }

  private async refreshPods(namespace: string | undefined, f: Feed<PodMetricsSnapshot> & { wantsSpecs: Set<() => boolean>; specsLoaded: boolean }): Promise<void> {
    if (f.inFlight || this.closed) return;
    f.inFlight = true;
    const ns = namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
    try {
      const needSpecs = !f.specsLoaded || [...f.wantsSpecs].some((w) => w());
      const [metrics, pods] = await Promise.all([
        attempt(this.client.requestJson<ListJson<MetaItem & { containers?: { usage?: { cpu?: string; memory?: string } }[] }>>({ path: `/apis/metrics.k8s.io/v1beta1${ns}/pods` })),
        needSpecs ? this.client.requestJson<ListJson<MetaItem & { spec?: object }>>({ path: `/api/v1${ns}/pods` }).catch(() => undefined) : Promise.resolve(undefined),
      ]);
      let resources = f.snapshot.resources;
      if (pods) {
        resources = new Map();
        for (const p of pods.items ?? []) if (p.metadata?.uid) resources.set(p.metadata.uid, podResources(p as Parameters<typeof podResources>[0]));
        f.specsLoaded = true;
      }
      if ('err' in metrics) {
        this.publish(f, { state: { status: 'unavailable', reason: unavailableReason(metrics.err) }, usage: new Map(), resources });
        return;
      }
      const usage = new Map<string, Usage>();
      for (const m of metrics.ok.items ?? []) usage.set(`${m.metadata?.namespace ?? ''}/${m.metadata?.name ?? ''}`, podUsage(m));
      this.publish(f, { state: { status: 'ok', at: Date.now() }, usage, resources });
    } finally {
      f.inFlight = false;
    }
  }

  private async refreshNodes(f: Feed<NodeMetricsSnapshot>): Promise<void> {
    if (f.inFlight || this.closed) return;
    f.inFlight = true;
    try {
      const [metrics, nodes] = await Promise.all([
        attempt(this.client.requestJson<ListJson<MetaItem & { usage?: { cpu?: string; memory?: string } }>>({ path: '/apis/metrics.k8s.io/v1beta1/nodes' })),
        this.client.requestJson<ListJson<MetaItem & { status?: object }>>({ path: '/api/v1/nodes' }).catch(() => undefined),
      ]);
      const allocatable = new Map<string, Allocatable>();
      for (const n of nodes?.items ?? []) {
        const a = nodeAllocatable(n as Parameters<typeof nodeAllocatable>[0]);
        if (a && n.metadata?.name) allocatable.set(n.metadata.name, a);
      }
      if ('err' in metrics) {
        this.publish(f, { state: { status: 'unavailable', reason: unavailableReason(metrics.err) }, usage: new Map(), allocatable: nodes ? allocatable : f.snapshot.allocatable });
        return;
      }
      const usage = new Map<string, Usage>();
      for (const m of metrics.ok.items ?? []) if (m.metadata?.name) usage.set(m.metadata.name, nodeUsage(m));
      this.publish(f, { state: { status: 'ok', at: Date.now() }, usage, allocatable: nodes ? allocatable : f.snapshot.allocatable });
    } finally {
      f.inFlight = false;
    }
  }
}
