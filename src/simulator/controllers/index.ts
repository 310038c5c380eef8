// The simulator's controllers, one module each: deployments → replicasets → pods, statefulsets, daemonsets,
// jobs and cronjobs, the scheduler and kubelet lifecycle (Pending → ContainerCreating → Running, crash
// loops, completions), endpoints, node heartbeats, bounded events, garbage collection, and `churn` extra
// pod status changes a second. This loop only routes: it reacts to store events (indexes keyed by owner
// uid; no full scans after the first load), marks what must be reconciled, and batches time-driven work on
// one timer.
import type { SimEvent, SimObject, SimStore } from '../types.js';
import { RES, Rng } from '../objects/index.js';
import { Churn } from './churn.js';
import { OWNER_KINDS, podKey, refOf, type Controlled, type ControllerContext } from './context.js';
import { runCronJobs } from './cronjobs.js';
import { reconcileDaemonSet } from './daemonsets.js';
import { reconcileDeployment } from './deployments.js';
import { EndpointsController } from './endpoints.js';
import { EventRecorder } from './events.js';
import { collect, removeIfOrphan } from './gc.js';
import { reconcileJob } from './jobs.js';
import { Kubelet } from './kubelet.js';
import { heartbeats } from './nodes.js';
import { reconcileReplicaSet } from './replicasets.js';
import { Scheduler } from './scheduler.js';
import { reconcileStatefulSet } from './statefulsets.js';
import { TaskQueue } from './tasks.js';
import { WorldIndex, type ObjectRef } from './world-index.js';

export interface ControllerOptions {
  /** Extra pod status changes per second, spread over all pods. */
  churn: number;
  seed: number;
  /** Period of the timer that runs due lifecycle steps, churn and heartbeats (default 100 ms). */
  tickMs?: number;
  /** Events the controllers keep at most (default 500). */
  eventLimit?: number;
  /** Share of new long-running pods that crash-loop (default 0.03). */
  crashRatio?: number;
  /** How often each node posts its Ready heartbeat (default 40 s). */
  heartbeatMs?: number;
  /**
   * Readiness-only changes of pods reach their replicaset's and deployment's status, and pod changes their
   * services' Endpoints, at most this often (default 1 s), so that churn is not multiplied by status
   * writes. Creations, deletions and spec changes are reconciled at once.
   */
  statusEveryMs?: number;
}

export interface Controllers {
  stop(): void;
}

export function startControllers(store: SimStore, opts: ControllerOptions): Controllers {
  const loop = new ControllerLoop(store, opts);
  loop.start();
  return { stop: () => loop.stop() };
}

/** Reconcilers by kind, in the order a pass runs them (owners before what they own). */
const RECONCILERS: [Controlled, (ctx: ControllerContext, ref: ObjectRef, now: number) => void][] = [
  ['deployments', reconcileDeployment],
  ['replicasets', reconcileReplicaSet],
  ['jobs', reconcileJob],
  [
    'statefulsets',
    (ctx, ref, now) => {
      const sts = ctx.store.get(RES.statefulsets, ref.namespace, ref.name);
      if (sts && sts.metadata.uid === ref.uid) reconcileStatefulSet(ctx, sts, now);
    },
  ],
  [
    'daemonsets',
    (ctx, ref, now) => {
      const ds = ctx.store.get(RES.daemonsets, ref.namespace, ref.name);
      if (ds && ds.metadata.uid === ref.uid) reconcileDaemonSet(ctx, ds, now);
    },
  ],
];

class ControllerLoop {
  private readonly ctx: ControllerContext;
  private readonly index: WorldIndex;
  private readonly tickMs: number;
  private readonly dirty = dirtyMaps();
  private readonly statusDirty = dirtyMaps();
  private readonly daemonsets = new Map<string, ObjectRef>();
  private readonly cronjobs = new Map<string, ObjectRef>();
  private readonly endpoints: EndpointsController;
  private readonly scheduler: Scheduler;
  private readonly kubelet: Kubelet;
  private readonly churn: Churn;
  private endpointsPending = false;
  private lastStatusFlush = 0;
  private gone: string[] = [];
  private orphanCandidates = new Map<string, ObjectRef>();
  private tickNo = 0;
  private lastTick = 0;
  private lastCron = 0;
  private timer?: NodeJS.Timeout;
  private flushQueued = false;
  private stopped = false;
  private unsubscribe?: () => void;

  constructor(
    private readonly store: SimStore,
    private readonly opts: ControllerOptions,
  ) {
    const rng = new Rng(opts.seed ^ 0x5eed);
    this.index = new WorldIndex(store);
    this.ctx = {
      store,
      index: this.index,
      rng,
      events: new EventRecorder(store, rng, opts.eventLimit ?? 500),
      tasks: new TaskQueue(),
      requeue: (kind, ref) => this.dirty[kind].set(ref.uid, ref),
    };
    this.tickMs = Math.max(10, opts.tickMs ?? 100);
    this.endpoints = new EndpointsController(store);
    this.scheduler = new Scheduler(store, this.index);
    this.kubelet = new Kubelet(this.ctx, this.scheduler, opts.crashRatio ?? 0.03);
    this.churn = new Churn(this.ctx, this.kubelet, opts.churn);
  }

  start(): void {
    const resources = Object.values(RES).filter((r) => r !== RES.events);
    this.index.load(resources);
    this.endpoints.load();
    const now = Date.now();
    for (const pod of this.store.list(RES.pods)) this.kubelet.adopt(pod, now);
    for (const cj of this.store.list(RES.cronjobs)) this.cronjobs.set(cj.metadata.uid!, refOf(RES.cronjobs, cj));
    for (const ds of this.store.list(RES.daemonsets)) this.daemonsets.set(ds.metadata.uid!, refOf(RES.daemonsets, ds));
    this.unsubscribe = this.store.subscribe((e) => this.onEvent(e));
    this.lastTick = now;
    this.lastCron = now;
    this.timer = setInterval(() => this.tick(), this.tickMs);
    this.timer.unref();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.unsubscribe?.();
  }

  // ---- store events ---------------------------------------------------------------------------------------

  private onEvent(e: SimEvent): void {
    if (this.stopped) return;
    this.index.apply(e);
    if (this.endpoints.apply(e)) this.endpointsPending = true;
    const o = e.object;
    const uid = o.metadata.uid;
    if (!uid) return;
    const deleted = e.type === 'DELETED';
    switch (e.resource) {
      case RES.deployments:
        if (!deleted) this.dirty.deployments.set(uid, refOf(e.resource, o));
        break;
      case RES.replicasets:
        if (!deleted) this.dirty.replicasets.set(uid, refOf(e.resource, o));
        this.markOwner(o, e.type !== 'MODIFIED' || specChanged(e));
        break;
      case RES.jobs:
        if (!deleted) this.dirty.jobs.set(uid, refOf(e.resource, o));
        break;
      case RES.statefulsets:
        if (!deleted) this.dirty.statefulsets.set(uid, refOf(e.resource, o));
        break;
      case RES.daemonsets:
        if (deleted) this.daemonsets.delete(uid);
        else {
          this.daemonsets.set(uid, refOf(e.resource, o));
          this.dirty.daemonsets.set(uid, refOf(e.resource, o));
        }
        break;
      case RES.cronjobs:
        if (deleted) this.cronjobs.delete(uid);
        else this.cronjobs.set(uid, refOf(e.resource, o));
        break;
      case RES.nodes:
        if (deleted) this.scheduler.forget(o.metadata.name);
        if (e.type !== 'MODIFIED') for (const [dsUid, ref] of this.daemonsets) this.dirty.daemonsets.set(dsUid, ref);
        break;
      case RES.pods: {
        this.markOwner(o, e.type !== 'MODIFIED' || !!o.metadata.deletionTimestamp || o.metadata.ownerReferences?.[0]?.kind === 'Job');
        if (deleted) {
          this.kubelet.deleted(o);
          this.churn.forget(podKey(o));
        } else if (e.type === 'ADDED') {
          this.kubelet.added(o, Date.now());
        }
        break;
      }
    }
    if (deleted) this.gone.push(uid);
    else if (e.type === 'ADDED' && o.metadata.ownerReferences?.length) this.orphanCandidates.set(uid, refOf(e.resource, o));
    this.queueFlush();
  }

  /**
   * A change to a child makes its controller recompute (replicaset/job counts, deployment status): at once
   * when `now`, else with the next status pass.
   */
  private markOwner(o: SimObject, now: boolean): void {
    const dirty = now ? this.dirty : this.statusDirty;
    for (const ref of o.metadata.ownerReferences ?? []) {
      const kind = OWNER_KINDS[ref.kind];
      if (!kind) continue;
      dirty[kind].set(ref.uid, { resource: RES[kind], namespace: o.metadata.namespace, name: ref.name, uid: ref.uid });
    }
  }

  private queueFlush(): void {
    if (this.flushQueued || this.stopped) return;
    this.flushQueued = true;
    setImmediate(() => {
      this.flushQueued = false;
      if (!this.stopped) this.flush();
    });
  }

  /** Reconciles everything marked since the last pass, until nothing changes (bounded). */
  private flush(): void {
    for (let pass = 0; pass < 8; pass++) {
      const gone = this.gone;
      const orphans = this.orphanCandidates;
      const marked = RECONCILERS.map(([kind, reconcile]) => [[...this.dirty[kind].values()], reconcile] as const);
      if (!gone.length && !orphans.size && marked.every(([refs]) => !refs.length)) return;
      this.gone = [];
      this.orphanCandidates = new Map();
      for (const m of Object.values(this.dirty)) m.clear();
      const now = Date.now();
      for (const uid of gone) collect(this.ctx, uid);
      for (const ref of orphans.values()) removeIfOrphan(this.ctx, ref);
      for (const [refs, reconcile] of marked) for (const ref of refs) reconcile(this.ctx, ref, now);
    }
    this.queueFlush();
  }

  // ---- the timer: lifecycle steps, churn, heartbeats, status passes, cronjobs -------------------------------

  private tick(): void {
    if (this.stopped) return;
    const now = Date.now();
    // Under overload, churn slows down instead of piling up debt that would block the server for seconds.
    const elapsed = Math.min(Math.max(2 * this.tickMs, 250), now - this.lastTick);
    this.lastTick = now;
    this.tickNo++;
    for (const task of this.ctx.tasks.popDue(now)) this.kubelet.run(task, now);
    this.churn.tick(elapsed, now);
    heartbeats(this.ctx, this.tickNo, this.tickMs, this.opts.heartbeatMs ?? 40_000, now);
    if (now - this.lastStatusFlush >= (this.opts.statusEveryMs ?? 1000)) {
      this.lastStatusFlush = now;
      for (const kind of Object.keys(this.statusDirty) as Controlled[]) {
        for (const [uid, ref] of this.statusDirty[kind]) this.dirty[kind].set(uid, ref);
        this.statusDirty[kind].clear();
      }
      this.queueFlush();
      // Endpoints follow on the same cadence, a bounded number per pass.
      if (this.endpointsPending) this.endpointsPending = this.endpoints.flush(now, 200) > 0;
    }
    if (now - this.lastCron >= 1000) {
      this.lastCron = now;
      runCronJobs(this.ctx, this.cronjobs.values(), now);
    }
  }
}

/** True when a MODIFIED object's spec changed (its generation moved past what its status observed). */
function specChanged(e: SimEvent): boolean {
  const status = e.object.status as { observedGeneration?: number } | undefined;
  return (e.object.metadata.generation ?? 1) !== (status?.observedGeneration ?? 1);
}

function dirtyMaps(): Record<Controlled, Map<string, ObjectRef>> {
  return { deployments: new Map(), replicasets: new Map(), jobs: new Map(), statefulsets: new Map(), daemonsets: new Map() };
}
