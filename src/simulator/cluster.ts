// One simulated cluster: its store, seeded contents, controllers, watch hub, faults and its HTTP(S) listener.
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { MemoryStore } from './store.js';
import { WatchHub } from './watch.js';
import { FaultState } from './faults.js';
import { worldLogSource } from './log-lines.js';
import { createRequestHandler, type ClusterRuntime } from './api-server.js';
import { createUpgradeHandler } from './streaming/upgrade.js';
import { catalogueWithCrds, type ResourceDef } from './resources.js';
import type { TokenRegistry } from './authn.js';
import type { KeyPair } from './certs.js';
import { seedCluster } from './objects/index.js';
import { startControllers } from './controllers-seam.js';
import { startDisruptionBudgets } from './disruption.js';

const CRD_KEY = 'customresourcedefinitions.apiextensions.k8s.io';

export interface ClusterOptions {
  name: string;
  host: string;
  port: number;
  minor: number;
  pods: number;
  namespaces: number;
  /** Nodes (default: one per 100 pods, 3 to 1,000). */
  nodes?: number;
  churn: number;
  controllers: boolean;
  watchHistory: number;
  seed: number;
  /** Log lines per second of every container (undefined: one every 1.5 s). */
  logRate?: number;
  tokens: TokenRegistry;
  /** How often open watches get a BOOKMARK (default 60 s, as kube-apiserver's watch cache). */
  bookmarkIntervalMs?: number;
  tls?: { server: KeyPair; caPem: string };
}

export class SimCluster {
  readonly name: string;
  readonly minor: number;
  readonly store: MemoryStore;
  readonly hub: WatchHub;
  readonly faults = new FaultState();
  readonly runtime: ClusterRuntime;
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly stopHooks = new Set<() => void>();
  private dropTimer?: NodeJS.Timeout;
  private stopControllers?: () => void;
  private stopBudgets?: () => void;
  private port: number;
  private readonly opts: ClusterOptions;

  constructor(opts: ClusterOptions) {
    this.opts = opts;
    this.name = opts.name;
    this.minor = opts.minor;
    this.port = opts.port;
    this.store = new MemoryStore({ historySize: opts.watchHistory });
    this.hub = new WatchHub(this.store, { bookmarkIntervalMs: opts.bookmarkIntervalMs, faults: this.faults });
    let catalogue: ResourceDef[] | undefined;
    this.store.subscribeStored((ev) => {
      if (ev.resource === CRD_KEY) catalogue = undefined;
    });
    this.runtime = {
      name: opts.name,
      minor: opts.minor,
      tls: !!opts.tls,
      store: this.store,
      hub: this.hub,
      tokens: opts.tokens,
      faults: this.faults,
      logs: worldLogSource(opts.logRate),
      catalogue: () => (catalogue ??= catalogueWithCrds(this.store.list(CRD_KEY), opts.minor)),
      podGraceMs: 1500,
      requestLog: [],
      serverAddress: `${opts.host}:${opts.port}`,
      schedule: (ms, fn) => {
        const t = setTimeout(() => {
          this.timers.delete(t);
          fn();
        }, ms);
        this.timers.add(t);
      },
      onStop: (fn) => {
        this.stopHooks.add(fn);
        return () => this.stopHooks.delete(fn);
      },
    };
  }

  get url(): string {
    // Listening on every address: clients still reach it (and its certificate) through loopback.
    const h = this.opts.host === '0.0.0.0' ? '127.0.0.1' : this.opts.host === '::' ? '::1' : this.opts.host;
    const host = h.includes(':') ? `[${h}]` : h;
    return `${this.opts.tls ? 'https' : 'http'}://${host}:${this.port}`;
  }

  /** Seeds the contents and starts the controllers (once). */
  populate(): void {
    seedCluster(this.store, { name: this.name, pods: this.opts.pods, namespaces: this.opts.namespaces, ...(this.opts.nodes ? { nodes: this.opts.nodes } : {}), seed: this.opts.seed, version: `v1.${this.minor}.4` });
    // Budgets' status is kept even in a static cluster: evictions decide from it.
    this.stopBudgets ??= startDisruptionBudgets(this.store);
    if (this.opts.controllers || this.opts.churn > 0) {
      this.stopControllers = startControllers(this.store, { churn: this.opts.churn, seed: this.opts.seed, controllers: this.opts.controllers });
    }
  }

  async listen(): Promise<void> {
    const handler = createRequestHandler(this.runtime);
    const server = this.opts.tls
      ? createHttpsServer({ key: this.opts.tls.server.keyPem, cert: this.opts.tls.server.certPem, ca: this.opts.tls.caPem, requestCert: true, rejectUnauthorized: false }, handler)
      : createHttpServer(handler);
    server.on('upgrade', createUpgradeHandler(this.runtime));
    server.keepAliveTimeout = 30_000;
    server.headersTimeout = 60_000;
    server.requestTimeout = 0; // watches and log follows stay open
    server.on('connection', (s: Socket) => {
      s.setNoDelay(true);
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    server.on('secureConnection', (s: Socket) => {
      s.setNoDelay(true);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, this.opts.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.port = (server.address() as AddressInfo).port;
    this.runtime.serverAddress = `${this.opts.host}:${this.port}`;
    this.server = server;
  }

  /** Stops listening and cuts every connection (watches included); the state stays. */
  async closeListener(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    this.hub.dropAll();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    await closed;
  }

  dropWatchesEvery(seconds: number): void {
    clearInterval(this.dropTimer);
    this.dropTimer = undefined;
    if (seconds > 0) this.dropTimer = setInterval(() => this.hub.dropAll(), seconds * 1000);
  }

  async restart(downMs = 0): Promise<void> {
    await this.closeListener();
    if (downMs > 0) await new Promise((r) => setTimeout(r, downMs));
    await this.listen();
  }

  async stop(): Promise<void> {
    this.stopControllers?.();
    this.stopControllers = undefined;
    this.stopBudgets?.();
    this.stopBudgets = undefined;
    clearInterval(this.dropTimer);
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const fn of [...this.stopHooks]) fn();
    this.stopHooks.clear();
    this.hub.close();
    await this.closeListener();
  }
}
