// Hands out informers shared by every view: one per key, ref-counted. A released informer keeps
// running while its context is warm (recently used), so going back paints from cache at once;
// contexts beyond the warm count or idle past warmMs are closed: informers, timers and client.
import type { KubeClient } from '../transport/types.js';
import { ResourceCatalogue } from '../api/catalogue.js';
import type { DiscoveryStore } from '../api/discovery-cache.js';
import { ApiStatusError } from '../errors.js';
import { informerKeyString } from './informer-key.js';
import { ListWatchInformer } from './informer.js';
import type { Informer, InformerKey, InformerOptions } from './informer.js';

export interface InformerRegistryOptions {
  clientFor: (context: string) => KubeClient;
  /** How many recently used contexts that no view holds keep their informers running. */
  warmContexts?: number;
  /** How long a released informer (or an unused context) stays warm. */
  warmMs?: number;
  /**
   * Close a context's client when the context is closed. Only for clients made for the registry
   * (createClient); clients shared through the transport's getClient cache must stay open (default false).
   * Either way a closed context's requests are aborted, so its connections end.
   */
  closeClients?: boolean;
  /** Passed to every informer (tests use fast backoff and short idle timeouts). */
  informerOptions?: InformerOptions;
  /** Discovery kept on disk per server (kdeck's cache dir); without it every context discovers at first use. */
  discovery?: DiscoveryStore;
}

interface Entry {
  informer: ListWatchInformer;
  refs: number;
  releasedAt: number;
}

interface ContextEntry {
  client?: KubeClient;
  catalogue?: Promise<ResourceCatalogue>;
  /** The catalogue came from the server during this run (kubectl's "fresh"): a miss then is a real miss. */
  catalogueFresh?: boolean;
  informers: Map<string, Entry>;
  lastUsed: number;
}

function isTerminal(informer: Informer): boolean {
  const phase = informer.state().phase;
  return phase === 'forbidden' || phase === 'failed';
}


export class InformerRegistry {
  private readonly contexts = new Map<string, ContextEntry>();
  private readonly clientFor: (context: string) => KubeClient;
  private readonly warmContexts: number;
  private readonly warmMs: number;
  private readonly informerOptions: InformerOptions;
  private readonly closeClients: boolean;
  private readonly discovery: DiscoveryStore | undefined;
  private sweepTimer: NodeJS.Timeout | undefined;
  private closed = false;
  private readonly closing = new Set<Promise<void>>();

  constructor(opts: InformerRegistryOptions) {
    this.clientFor = opts.clientFor;
    this.warmContexts = Math.max(1, opts.warmContexts ?? 3);
    this.warmMs = opts.warmMs ?? 10 * 60_000;
    this.informerOptions = opts.informerOptions ?? {};
    this.closeClients = opts.closeClients ?? false;
    this.discovery = opts.discovery;
  }

  acquire(key: InformerKey): { informer: Informer; release(): void } {
    if (this.closed) throw new Error('the informer registry is closed');
    const ctx = this.context(key.context);
    const id = informerKeyString(key);
    let entry = ctx.informers.get(id);
    if (entry && entry.refs === 0 && isTerminal(entry.informer)) {
      // Forbidden or failed informers have stopped: coming back to the view tries again.
      ctx.informers.delete(id);
      this.track(entry.informer.close());
      entry = undefined;
    }
    if (!entry) {
      const informer = new ListWatchInformer(this.client(key.context, ctx), key, this.informerOptions).start();
      this.rediscoverOnNotFound(key.context, informer);
      entry = { informer, refs: 0, releasedAt: 0 };
      ctx.informers.set(id, entry);
    }
    entry.refs++;
    this.touch(key.context, ctx);
    let released = false;
    const e = entry;
    return {
      informer: e.informer,
      release: () => {
        if (released) return;
        released = true;
        e.refs--;
        if (e.refs === 0) e.releasedAt = Date.now();
        this.touch(key.context, ctx);
      },
    };
  }

  /** The informer already open for `key` (held or warm), without acquiring it: what a first frame can paint at once. */
  peek(key: InformerKey): Informer | undefined {
    const entry = this.contexts.get(key.context)?.informers.get(informerKeyString(key));
    return entry && !isTerminal(entry.informer) ? entry.informer : undefined;
  }

  /**
   * Discovery, once per context: from the disk cache while it is fresh, else from the server (and then saved).
   * `fresh`: the server's own answer, unless this run already asked it (a miss on a cached catalogue). A failed
   * discovery is forgotten so the next call retries.
   */
  catalogue(context: string, opts: { fresh?: boolean } = {}): Promise<ResourceCatalogue> {
    const ctx = this.context(context);
    if (opts.fresh && !ctx.catalogueFresh && ctx.catalogue) {
      // Rediscover into the catalogue everyone already holds, so views see the server's answer too.
      const held = ctx.catalogue;
      const p = Promise.all([held, this.discover(context, ctx)]).then(([c, found]) => {
        c.replaceWith(found);
        c.onMiss = undefined;
        return c;
      });
      this.remember(ctx, p, true, held);
    } else if (!ctx.catalogue) {
      const server = this.client(context, ctx).spec.server;
      const cached = opts.fresh ? undefined : this.discovery?.load(server);
      if (cached) {
        const c = new ResourceCatalogue(cached);
        c.onMiss = () => void this.catalogue(context, { fresh: true }).catch(() => {});
        this.remember(ctx, Promise.resolve(c), false);
      } else this.remember(ctx, this.discover(context, ctx), true);
    }
    this.touch(context, ctx);
    return ctx.catalogue!;
  }

  private discover(context: string, ctx: ContextEntry): Promise<ResourceCatalogue> {
    const client = this.client(context, ctx);
    return ResourceCatalogue.discover(client).then((c) => {
      this.discovery?.save(client.spec.server, c.refs());
      return c;
    });
  }

  /** Sets the context's catalogue; a failure restores `previous` (a cached one still serves) or forgets it. */
  private remember(ctx: ContextEntry, p: Promise<ResourceCatalogue>, fresh: boolean, previous?: Promise<ResourceCatalogue>): void {
    ctx.catalogue = p;
    ctx.catalogueFresh = fresh;
    p.catch(() => {
      if (ctx.catalogue !== p) return;
      ctx.catalogue = previous;
      ctx.catalogueFresh = false;
    });
  }

  /** A 404 for a resource discovery listed: the cached discovery is out of date (a CRD removed), so ask again. */
  private rediscoverOnNotFound(context: string, informer: ListWatchInformer): void {
    const off = informer.subscribe(() => {
      const s = informer.state();
      if (s.phase === 'live') off();
      if (s.phase !== 'failed') return;
      off();
      const ctx = this.contexts.get(context);
      if (!(s.error instanceof ApiStatusError) || s.error.code !== 404 || !ctx || ctx.catalogueFresh) return;
      if (ctx.client) this.discovery?.invalidate(ctx.client.spec.server);
      this.catalogue(context, { fresh: true }).catch(() => {});
    });
  }

  /** Informers currently open (held or warm), for diagnostics and tests. */
  openInformers(): InformerKey[] {
    return [...this.contexts.values()].flatMap((c) => [...c.informers.values()].map((e) => e.informer.key));
  }

  /** Contexts with an open client or informer, most recently used last. */
  openContexts(): string[] {
    return [...this.contexts.keys()];
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.sweepTimer);
    for (const name of [...this.contexts.keys()]) this.closeContext(name);
    await Promise.all([...this.closing]);
  }

  private context(name: string): ContextEntry {
    let ctx = this.contexts.get(name);
    if (!ctx) {
      ctx = { informers: new Map(), lastUsed: Date.now() };
      this.contexts.set(name, ctx);
    }
    return ctx;
  }

  private client(name: string, ctx: ContextEntry): KubeClient {
    ctx.client ??= this.clientFor(name);
    return ctx.client;
  }

  /** Marks a context as just used (LRU order) and evicts what is no longer warm. */
  private touch(name: string, ctx: ContextEntry): void {
    ctx.lastUsed = Date.now();
    this.contexts.delete(name);
    this.contexts.set(name, ctx);
    this.sweep();
  }

  private sweep(): void {
    const now = Date.now();
    let warmKept = 0;
    let nextExpiry = Infinity;
    // Most recently used first: up to warmContexts contexts nobody holds stay warm (held ones always stay).
    for (const [name, ctx] of [...this.contexts].reverse()) {
      const inUse = [...ctx.informers.values()].some((e) => e.refs > 0);
      if (!inUse) {
        if (warmKept >= this.warmContexts || now - ctx.lastUsed >= this.warmMs) {
          this.closeContext(name);
          continue;
        }
        warmKept++;
        nextExpiry = Math.min(nextExpiry, ctx.lastUsed + this.warmMs);
      }
      // Within a context that stays, released informers expire on their own after warmMs.
      for (const [id, e] of ctx.informers) {
        if (e.refs > 0) continue;
        const expiry = Math.max(e.releasedAt, inUse ? 0 : ctx.lastUsed) + this.warmMs;
        if (expiry <= now) {
          ctx.informers.delete(id);
          this.track(e.informer.close());
        } else nextExpiry = Math.min(nextExpiry, expiry);
      }
    }
    clearTimeout(this.sweepTimer);
    this.sweepTimer = undefined;
    if (nextExpiry !== Infinity && !this.closed) {
      this.sweepTimer = setTimeout(() => this.sweep(), Math.max(10, nextExpiry - now));
      this.sweepTimer.unref();
    }
  }

  /** Closes a context's informers (even held ones, at registry close) and its client. */
  private closeContext(name: string): void {
    const ctx = this.contexts.get(name);
    if (!ctx) return;
    this.contexts.delete(name);
    const informers = [...ctx.informers.values()].map((e) => e.informer.close());
    ctx.informers.clear();
    const client = this.closeClients ? ctx.client : undefined;
    this.track(Promise.all(informers).then(() => client?.close()));
  }

  private track(p: Promise<unknown>): void {
    const q = p.then(
      () => {},
      () => {},
    );
    this.closing.add(q);
    q.finally(() => this.closing.delete(q));
  }
}
