// The simulator's controllers: deployment → replicaset → pod reconciliation, the scheduler and kubelet
// lifecycle (Pending → ContainerCreating → Running, crash loops, completions), jobs and cronjobs, node
// heartbeats, bounded events, garbage collection, and `churn` extra pod status changes a second.
// Reacts to store events (indexes keyed by owner uid; no full scans after the first load) and batches
// time-driven work on one timer.
import type { SimEvent, SimObject, SimStore } from '../types.js';
import {
  RES,
  Rng,
  completedJobStatus,
  controllerRef,
  deploymentStatus,
  isoSeconds,
  makeReplicaSet,
  podFromTemplate,
  podTemplateHash,
  qosClass,
  replicaSetStatus,
  type PodTemplate,
} from '../objects/index.js';
import { EndpointsController } from './endpoints.js';
import { EventRecorder } from './events.js';
import { backoffMs, needsScheduling, needsStarting, placementOf, restartsOf, schedule, stamped, transition, type Placement } from './lifecycle.js';
import { reconcileDaemonSet, reconcileStatefulSet, type SetContext } from './sets.js';
import { TaskQueue, type Step } from './tasks.js';
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

const MAX_CREATES_PER_PASS = 500;

interface NodeSlot {
  hostIP: string;
  /** "10.244.3." for podCIDR 10.244.3.0/24. */
  prefix: string;
  schedulable: boolean;
  next: number;
}

class ControllerLoop {
  private readonly index: WorldIndex;
  private readonly rng: Rng;
  private readonly events: EventRecorder;
  private readonly tasks = new TaskQueue();
  private readonly tickMs: number;
  private readonly crashRatio: number;
  private readonly dirty = dirtyMaps();
  private readonly statusDirty = dirtyMaps();
  private readonly daemonsets = new Map<string, ObjectRef>();
  private readonly endpoints: EndpointsController;
  private endpointsPending = false;
  private readonly sets: SetContext;
  private lastStatusFlush = 0;
  private gone: string[] = [];
  private orphanCandidates = new Map<string, ObjectRef>();
  private readonly cronjobs = new Map<string, ObjectRef>();
  private readonly crashers = new Set<string>();
  private readonly churnedNotReady = new Set<string>();
  private readonly nodeSlots = new Map<string, NodeSlot>();
  /** IPs given at scheduling, applied when the sandbox is up (ContainerCreating pods have none yet). */
  private readonly plannedIPs = new Map<string, string>();
  private nodeCursor = 0;
  private churnQuota = 0;
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
    this.rng = new Rng(opts.seed ^ 0x5eed);
    this.index = new WorldIndex(store);
    this.events = new EventRecorder(store, this.rng, opts.eventLimit ?? 500);
    this.tickMs = Math.max(10, opts.tickMs ?? 100);
    this.crashRatio = opts.crashRatio ?? 0.03;
    this.endpoints = new EndpointsController(store);
    this.sets = {
      store,
      index: this.index,
      rng: this.rng,
      events: this.events,
      createPod: (owner, template, now, o) => this.createPod(owner, template, now, o),
      terminatePod: (pod, now) => this.terminatePod(pod, now),
    };
  }

  start(): void {
    const resources = Object.values(RES).filter((r) => r !== RES.events);
    this.index.load(resources);
    this.endpoints.load();
    const now = Date.now();
    for (const pod of this.store.list(RES.pods)) this.adoptPod(pod, now);
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

  /** Seeded pods already in motion: crash loops keep restarting, running job pods finish. */
  private adoptPod(pod: SimObject, now: number): void {
    const key = podKey(pod);
    const uid = pod.metadata.uid!;
    const waiting = (pod.status as { containerStatuses?: { state?: { waiting?: { reason?: string } } }[] } | undefined)?.containerStatuses?.[0]?.state?.waiting?.reason;
    const owner = pod.metadata.ownerReferences?.[0];
    if (waiting === 'CrashLoopBackOff') {
      this.crashers.add(key);
      this.tasks.push(now + this.rng.int(3000, 30_000), key, uid, 'restart');
    } else if (owner?.kind === 'Job' && (pod.status as { phase?: string } | undefined)?.phase === 'Running') {
      this.tasks.push(now + this.rng.int(20_000, 90_000), key, uid, 'complete');
    } else if (needsScheduling(pod)) {
      this.tasks.push(now + 150, key, uid, 'schedule');
    } else if (needsStarting(pod)) {
      this.tasks.push(now + 300, key, uid, 'start');
    }
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
        this.markOwner(o, e.type !== 'MODIFIED' || this.specChanged(e));
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
        if (deleted) this.nodeSlots.delete(o.metadata.name);
        if (e.type !== 'MODIFIED') for (const [dsUid, ref] of this.daemonsets) this.dirty.daemonsets.set(dsUid, ref);
        break;
      case RES.pods: {
        this.markOwner(o, e.type !== 'MODIFIED' || !!o.metadata.deletionTimestamp || o.metadata.ownerReferences?.[0]?.kind === 'Job');
        const key = podKey(o);
        if (deleted) {
          this.crashers.delete(key);
          this.churnedNotReady.delete(key);
          this.plannedIPs.delete(key);
        } else if (e.type === 'ADDED') {
          if (needsScheduling(o)) this.tasks.push(Date.now() + 150, key, uid, 'schedule');
          else if (needsStarting(o)) this.tasks.push(Date.now() + 300, key, uid, 'start');
        }
        break;
      }
    }
    if (deleted) this.gone.push(uid);
    else if (e.type === 'ADDED' && o.metadata.ownerReferences?.length) this.orphanCandidates.set(uid, refOf(e.resource, o));
    this.queueFlush();
  }

  /** True when a MODIFIED replicaset's spec changed (its generation moved). */
  private specChanged(e: SimEvent): boolean {
    const status = e.object.status as { observedGeneration?: number } | undefined;
    return (e.object.metadata.generation ?? 1) !== (status?.observedGeneration ?? 1);
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
      const deployments = [...this.dirty.deployments.values()];
      const replicasets = [...this.dirty.replicasets.values()];
      const jobs = [...this.dirty.jobs.values()];
      const statefulsets = [...this.dirty.statefulsets.values()];
      const daemonsets = [...this.dirty.daemonsets.values()];
      if (!gone.length && !orphans.size && !deployments.length && !replicasets.length && !jobs.length && !statefulsets.length && !daemonsets.length) return;
      this.gone = [];
      this.orphanCandidates = new Map();
      for (const m of Object.values(this.dirty)) m.clear();
      const now = Date.now();
      for (const uid of gone) this.collect(uid);
      for (const ref of orphans.values()) this.removeIfOrphan(ref);
      for (const ref of deployments) this.reconcileDeployment(ref, now);
      for (const ref of replicasets) this.reconcileReplicaSet(ref, now);
      for (const ref of jobs) this.reconcileJob(ref, now);
      for (const ref of statefulsets) {
        const sts = this.store.get(RES.statefulsets, ref.namespace, ref.name);
        if (sts && sts.metadata.uid === ref.uid) reconcileStatefulSet(this.sets, sts, now);
      }
      for (const ref of daemonsets) {
        const ds = this.store.get(RES.daemonsets, ref.namespace, ref.name);
        if (ds && ds.metadata.uid === ref.uid) reconcileDaemonSet(this.sets, ds, now);
      }
    }
    this.queueFlush();
  }

  // ---- garbage collection -----------------------------------------------------------------------------------

  private collect(ownerUid: string): void {
    if (this.index.exists(ownerUid)) return; // re-created with the same uid: nothing to do
    for (const child of this.index.childrenOf(ownerUid)) this.removeIfOrphan(child);
    this.index.forgetOwner(ownerUid);
  }

  /**
   * Deletes an object none of whose owners exist any more (background propagation): pods gracefully
   * (Terminating first), others at once; objects already being deleted are left to whoever deletes them.
   */
  private removeIfOrphan(ref: ObjectRef): void {
    const obj = this.store.get(ref.resource, ref.namespace, ref.name);
    if (!obj || obj.metadata.uid !== ref.uid || obj.metadata.deletionTimestamp) return;
    const owners = obj.metadata.ownerReferences ?? [];
    if (!owners.length || owners.some((o) => this.index.exists(o.uid))) return;
    if (ref.resource === RES.pods) this.terminatePod(obj, Date.now());
    else this.store.remove(ref.resource, ref.namespace, ref.name);
  }

  // ---- deployments --------------------------------------------------------------------------------------------

  private reconcileDeployment(ref: ObjectRef, now: number): void {
    const dep = this.store.get(RES.deployments, ref.namespace, ref.name);
    if (!dep || dep.metadata.uid !== ref.uid || dep.metadata.deletionTimestamp) return;
    const spec = dep.spec as { replicas?: number; template: PodTemplate; paused?: boolean };
    const desired = spec.replicas ?? 1;
    const hash = podTemplateHash(spec.template);
    const sets = this.index
      .childrenOf(ref.uid, RES.replicasets)
      .map((r) => this.store.get(RES.replicasets, r.namespace, r.name))
      .filter((rs): rs is SimObject => !!rs && !rs.metadata.deletionTimestamp);
    let current = sets.find((rs) => rs.metadata.labels?.['pod-template-hash'] === hash);
    const revisionOf = (rs: SimObject) => Number(rs.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0);
    if (!current) {
      const revision = Math.max(0, ...sets.map(revisionOf)) + 1;
      const rs = stamped(makeReplicaSet(dep, controllerRef(dep), desired, now, revision), now);
      rs.metadata.uid = this.rng.uuid();
      try {
        current = this.store.create(RES.replicasets, rs);
      } catch {
        return;
      }
      this.events.record(dep, 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${rs.metadata.name} from 0 to ${desired}`, 'deployment-controller', now);
    } else if ((current.spec as { replicas?: number }).replicas !== desired) {
      const from = (current.spec as { replicas?: number }).replicas ?? 0;
      current = this.scaleReplicaSet(current, desired, now);
      this.events.record(dep, 'Normal', 'ScalingReplicaSet', `Scaled ${desired > from ? 'up' : 'down'} replica set ${current.metadata.name} from ${from} to ${desired}`, 'deployment-controller', now);
    }
    for (const old of sets) {
      const n = (old.spec as { replicas?: number }).replicas ?? 0;
      if (old === current || old.metadata.uid === current.metadata.uid || n === 0) continue;
      this.scaleReplicaSet(old, 0, now);
      this.events.record(dep, 'Normal', 'ScalingReplicaSet', `Scaled down replica set ${old.metadata.name} from ${n} to 0`, 'deployment-controller', now);
    }
    let replicas = 0;
    let ready = 0;
    for (const rs of sets) {
      const c = this.index.podCounts(rs.metadata.uid!);
      replicas += c.active;
      ready += c.ready;
    }
    const updated = this.index.podCounts(current.metadata.uid!).active;
    if (!sets.some((s) => s.metadata.uid === current!.metadata.uid)) replicas += updated;
    const generation = dep.metadata.generation ?? 1;
    const status = deploymentStatus(desired, { replicas, ready, updated }, now, generation);
    const revision = current.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? '1';
    if (sameStatus(dep.status, status) && dep.metadata.annotations?.['deployment.kubernetes.io/revision'] === revision) return;
    const next = stamped(dep, now);
    next.metadata.annotations!['deployment.kubernetes.io/revision'] = revision;
    next.status = keepTransitionTimes(dep.status, status);
    this.store.update(RES.deployments, next);
  }

  private scaleReplicaSet(rs: SimObject, replicas: number, now: number): SimObject {
    const next = stamped(rs, now);
    next.spec = { ...(rs.spec as object), replicas };
    next.metadata.annotations!['deployment.kubernetes.io/desired-replicas'] = String(replicas);
    next.metadata.annotations!['deployment.kubernetes.io/max-replicas'] = String(Math.ceil(replicas * 1.25));
    return this.store.update(RES.replicasets, next);
  }

  // ---- replicasets ---------------------------------------------------------------------------------------------

  private reconcileReplicaSet(ref: ObjectRef, now: number): void {
    const rs = this.store.get(RES.replicasets, ref.namespace, ref.name);
    if (!rs || rs.metadata.uid !== ref.uid || rs.metadata.deletionTimestamp) return;
    const desired = (rs.spec as { replicas?: number }).replicas ?? 1;
    const have = this.index.podCounts(ref.uid).active;
    if (desired > have) {
      const n = Math.min(desired - have, MAX_CREATES_PER_PASS);
      const template = (rs.spec as { template: PodTemplate }).template;
      for (let i = 0; i < n; i++) {
        const pod = this.createPod(rs, template, now);
        if (pod && i < 5) this.events.record(rs, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`, 'replicaset-controller', now);
      }
      if (desired - have > n) this.dirty.replicasets.set(ref.uid, ref);
    } else if (desired < have) {
      for (const victim of this.pickVictims(ref.uid, have - desired)) {
        this.terminatePod(victim, now);
        this.events.record(rs, 'Normal', 'SuccessfulDelete', `Deleted pod: ${victim.metadata.name}`, 'replicaset-controller', now);
      }
    }
    const c = this.index.podCounts(ref.uid);
    const status = replicaSetStatus(c.active, c.ready, rs.metadata.generation ?? 1);
    if (JSON.stringify(status) === JSON.stringify(rs.status)) return;
    const next = stamped(rs, now);
    next.status = status;
    this.store.update(RES.replicasets, next);
  }

  /** Pods to remove on scale-down: unscheduled first, then not ready, then the youngest (as the RS controller ranks). */
  private pickVictims(ownerUid: string, count: number): SimObject[] {
    const pods = this.index
      .childrenOf(ownerUid, RES.pods)
      .map((r) => this.store.get(RES.pods, r.namespace, r.name))
      .filter((p): p is SimObject => !!p && !p.metadata.deletionTimestamp);
    const rank = (p: SimObject) => ((p.spec as { nodeName?: string }).nodeName ? (this.index.podReady(refOf(RES.pods, p)) ? 2 : 1) : 0);
    pods.sort((a, b) => rank(a) - rank(b) || (b.metadata.creationTimestamp ?? '').localeCompare(a.metadata.creationTimestamp ?? ''));
    return pods.slice(0, count);
  }

  private createPod(
    owner: SimObject,
    template: PodTemplate,
    now: number,
    opts: { name?: string; labels?: Record<string, string>; nodeName?: string; hostname?: string; subdomain?: string } = {},
  ): SimObject | undefined {
    for (let attempt = 0; attempt < 3; attempt++) {
      const name = opts.name ?? `${owner.metadata.name}-${this.rng.nameSuffix(5)}`;
      if (this.store.get(RES.pods, owner.metadata.namespace, name)) {
        if (opts.name) return undefined;
        continue;
      }
      const pod = stamped(
        podFromTemplate({
          namespace: owner.metadata.namespace!,
          name,
          generateName: `${owner.metadata.name}-`,
          uid: this.rng.uuid(),
          createdAt: now,
          template,
          owner: controllerRef(owner),
          extraLabels: opts.labels,
          hostname: opts.hostname,
          subdomain: opts.subdomain,
        }),
        now,
      );
      if (opts.nodeName) (pod.spec as Record<string, unknown>).nodeName = opts.nodeName;
      pod.status = { phase: 'Pending', qosClass: qosClass(template.spec.containers) };
      try {
        return this.store.create(RES.pods, pod);
      } catch {
        return undefined;
      }
    }
    return undefined;
  }

  /** Graceful deletion as the kubelet sees it: Terminating first, gone a moment later. */
  private terminatePod(pod: SimObject, now: number): void {
    const next = stamped(pod, now);
    next.metadata.deletionTimestamp = isoSeconds(now + 30_000);
    next.metadata.deletionGracePeriodSeconds = 30;
    this.store.update(RES.pods, next);
    this.tasks.push(now + this.rng.int(800, 1800), podKey(pod), pod.metadata.uid!, 'remove');
  }

  // ---- jobs and cronjobs -------------------------------------------------------------------------------------------

  private reconcileJob(ref: ObjectRef, now: number): void {
    const job = this.store.get(RES.jobs, ref.namespace, ref.name);
    if (!job || job.metadata.uid !== ref.uid || job.metadata.deletionTimestamp) return;
    const spec = job.spec as { completions?: number; parallelism?: number; template: PodTemplate; suspend?: boolean };
    const status = (job.status ?? {}) as { conditions?: { type: string; status: string }[]; startTime?: string };
    if (status.conditions?.some((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True')) return;
    const completions = spec.completions ?? 1;
    const c = this.index.podCounts(ref.uid);
    const startTime = Date.parse(status.startTime ?? '') || now;
    if (c.succeeded >= completions) {
      const next = stamped(job, now);
      next.status = completedJobStatus(startTime, now, c.succeeded);
      this.store.update(RES.jobs, next);
      this.events.record(job, 'Normal', 'Completed', 'Job completed', 'job-controller', now);
      this.cronJobFinished(job, now);
      return;
    }
    const running = c.active - c.succeeded - c.failed;
    const want = spec.suspend ? 0 : Math.min(spec.parallelism ?? 1, completions - c.succeeded) - running;
    for (let i = 0; i < want; i++) {
      const pod = this.createPod(job, spec.template, now);
      if (pod) this.events.record(job, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`, 'job-controller', now);
    }
    const after = this.index.podCounts(ref.uid);
    const active = after.active - after.succeeded - after.failed;
    const next: Record<string, unknown> = { startTime: isoSeconds(startTime), active, ready: after.ready, terminating: 0, uncountedTerminatedPods: {} };
    if (after.succeeded) next.succeeded = after.succeeded;
    if (JSON.stringify(next) === JSON.stringify(job.status)) return;
    const updated = stamped(job, now);
    updated.status = next;
    this.store.update(RES.jobs, updated);
  }

  private cronJobFinished(job: SimObject, now: number): void {
    const owner = job.metadata.ownerReferences?.find((o) => o.kind === 'CronJob');
    if (!owner) return;
    const cj = this.store.get(RES.cronjobs, job.metadata.namespace, owner.name);
    if (!cj || cj.metadata.uid !== owner.uid) return;
    const next = stamped(cj, now);
    const status = { ...((cj.status as Record<string, unknown> | undefined) ?? {}) };
    const active = ((status.active as { uid: string }[] | undefined) ?? []).filter((a) => a.uid !== job.metadata.uid);
    if (active.length) status.active = active;
    else delete status.active;
    status.lastSuccessfulTime = isoSeconds(now);
    next.status = status;
    this.store.update(RES.cronjobs, next);
  }

  /** Starts due cronjob runs (minute-step, hourly and daily schedules) and trims finished history to 3. */
  private runCronJobs(now: number): void {
    for (const ref of this.cronjobs.values()) {
      const cj = this.store.get(RES.cronjobs, ref.namespace, ref.name);
      if (!cj || cj.metadata.uid !== ref.uid) continue;
      const spec = cj.spec as { schedule: string; suspend?: boolean; jobTemplate: { spec: Record<string, unknown> } };
      if (spec.suspend) continue;
      const period = schedulePeriodMs(spec.schedule);
      const status = (cj.status ?? {}) as { lastScheduleTime?: string };
      const last = Date.parse(status.lastScheduleTime ?? '') || Date.parse(cj.metadata.creationTimestamp ?? '') || now;
      const due = Math.floor(now / period) * period;
      if (due <= last) continue;
      const name = `${ref.name}-${Math.floor(due / 60_000)}`;
      const template = (spec.jobTemplate.spec.template ?? { metadata: {}, spec: { containers: [] } }) as PodTemplate;
      const uid = this.rng.uuid();
      const podLabels = { ...(template.metadata?.labels ?? {}), 'batch.kubernetes.io/controller-uid': uid, 'batch.kubernetes.io/job-name': name, 'controller-uid': uid, 'job-name': name };
      const job: SimObject = stamped(
        {
          apiVersion: 'batch/v1',
          kind: 'Job',
          metadata: { name, namespace: ref.namespace, uid, labels: podLabels, ownerReferences: [controllerRef(cj)], creationTimestamp: isoSeconds(now) },
          spec: { parallelism: 1, completions: 1, backoffLimit: 6, ...spec.jobTemplate.spec, selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } }, manualSelector: false, template: { metadata: { ...template.metadata, labels: podLabels }, spec: template.spec }, completionMode: 'NonIndexed', suspend: false, podReplacementPolicy: 'TerminatingOrFailed' },
          status: { startTime: isoSeconds(now), active: 0, ready: 0, terminating: 0, uncountedTerminatedPods: {} },
        },
        now,
      );
      try {
        this.store.create(RES.jobs, job);
      } catch {
        continue;
      }
      const next = stamped(cj, now);
      const st = { ...((cj.status as Record<string, unknown> | undefined) ?? {}) };
      st.lastScheduleTime = isoSeconds(due);
      st.active = [...((st.active as unknown[] | undefined) ?? []), { kind: 'Job', namespace: ref.namespace, name, uid, apiVersion: 'batch/v1', resourceVersion: '' }];
      next.status = st;
      this.store.update(RES.cronjobs, next);
      this.events.record(cj, 'Normal', 'SuccessfulCreate', `Created job ${name}`, 'cronjob-controller', now);
      const jobs = this.index
        .childrenOf(ref.uid, RES.jobs)
        .map((r) => this.store.get(RES.jobs, r.namespace, r.name))
        .filter((j): j is SimObject => !!j && !!(j.status as { completionTime?: string } | undefined)?.completionTime)
        .sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
      for (const old of jobs.slice(0, Math.max(0, jobs.length - 3))) this.store.remove(RES.jobs, old.metadata.namespace, old.metadata.name);
    }
  }

  // ---- the timer: lifecycle steps, churn, heartbeats -----------------------------------------------------------

  private tick(): void {
    if (this.stopped) return;
    const now = Date.now();
    // Under overload, churn slows down instead of piling up debt that would block the server for seconds.
    const elapsed = Math.min(Math.max(2 * this.tickMs, 250), now - this.lastTick);
    this.lastTick = now;
    this.tickNo++;
    for (const task of this.tasks.popDue(now)) this.runStep(task.key, task.uid, task.step, now);
    this.churn(elapsed, now);
    this.heartbeats(now);
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
      this.runCronJobs(now);
    }
  }

  private runStep(key: string, uid: string, step: Step, now: number): void {
    const [namespace, name] = splitKey(key);
    const pod = this.store.get(RES.pods, namespace, name);
    if (!pod || pod.metadata.uid !== uid) return;
    if (step === 'remove') {
      this.store.remove(RES.pods, namespace, name);
      return;
    }
    if (pod.metadata.deletionTimestamp) return;
    const owner = pod.metadata.ownerReferences?.[0];
    const isJobPod = owner?.kind === 'Job' || (pod.spec as { restartPolicy?: string }).restartPolicy === 'Never';
    switch (step) {
      case 'schedule':
      case 'start': {
        if (step === 'schedule' ? !needsScheduling(pod) : !needsStarting(pod)) return;
        const placement = this.place(step === 'start' ? (pod.spec as { nodeName: string }).nodeName : undefined);
        if (!placement) return;
        if ((pod.spec as { hostNetwork?: boolean }).hostNetwork) placement.podIP = placement.hostIP;
        this.store.update(RES.pods, schedule(pod, placement, now));
        this.plannedIPs.set(key, placement.podIP);
        this.events.record(pod, 'Normal', 'Scheduled', `Successfully assigned ${namespace}/${name} to ${placement.nodeName}`, 'default-scheduler', now);
        if (!isJobPod && this.rng.chance(this.crashRatio)) this.crashers.add(key);
        this.tasks.push(now + this.rng.int(700, 1700), key, uid, 'run');
        break;
      }
      case 'run': {
        const crasher = this.crashers.has(key);
        const podIP = this.plannedIPs.get(key);
        this.plannedIPs.delete(key);
        this.store.update(RES.pods, transition(pod, crasher ? 'NotReady' : 'Running', now, { podIP }));
        const container = (pod.spec as { containers: { name: string }[] }).containers[0]?.name ?? 'app';
        this.events.record(pod, 'Normal', 'Started', `Started container ${container}`, 'kubelet', now, { fieldPath: `spec.containers{${container}}`, host: placementOf(pod)?.nodeName });
        if (crasher) this.tasks.push(now + this.rng.int(2000, 5000), key, uid, 'crash');
        else if (isJobPod) this.tasks.push(now + this.rng.int(3000, 8000), key, uid, 'complete');
        break;
      }
      case 'crash':
        this.store.update(RES.pods, transition(pod, 'Error', now));
        this.tasks.push(now + 1000, key, uid, 'backoff');
        break;
      case 'backoff': {
        const restarts = restartsOf(pod) + 1;
        this.store.update(RES.pods, transition(pod, 'CrashLoopBackOff', now, { restarts, lastRestartAt: now }));
        const container = (pod.spec as { containers: { name: string }[] }).containers[0]?.name ?? 'app';
        this.events.record(pod, 'Warning', 'BackOff', `Back-off restarting failed container ${container} in pod ${name}_${namespace}(${uid})`, 'kubelet', now, { fieldPath: `spec.containers{${container}}`, host: placementOf(pod)?.nodeName });
        this.tasks.push(now + backoffMs(restarts), key, uid, 'restart');
        break;
      }
      case 'restart':
        this.crashers.add(key);
        this.store.update(RES.pods, transition(pod, 'NotReady', now));
        this.tasks.push(now + this.rng.int(3000, 6000), key, uid, 'crash');
        break;
      case 'complete':
        this.store.update(RES.pods, transition(pod, 'Completed', now));
        break;
    }
  }

  /** A node for a new pod (round robin over schedulable nodes, or `onNode`) and an IP from that node's CIDR. */
  private place(onNode?: string): Placement | undefined {
    const nodes = this.index.nodes;
    for (let tries = 0; tries < Math.max(1, nodes.length); tries++) {
      const name = onNode ?? nodes[this.nodeCursor++ % nodes.length];
      if (name === undefined) return undefined;
      const slot = this.nodeSlot(name);
      if (!slot) {
        if (onNode) return undefined;
        continue;
      }
      if (!onNode && !slot.schedulable) continue;
      const n = slot.next++;
      return { nodeName: name, hostIP: slot.hostIP, podIP: `${slot.prefix}${120 + (n % 134)}` };
    }
    return undefined;
  }

  private nodeSlot(name: string): NodeSlot | undefined {
    let slot = this.nodeSlots.get(name);
    if (slot) return slot;
    const node = this.store.get(RES.nodes, undefined, name);
    if (!node) return undefined;
    const spec = (node.spec ?? {}) as { podCIDR?: string; taints?: { effect: string }[]; unschedulable?: boolean };
    const status = (node.status ?? {}) as { addresses?: { type: string; address: string }[] };
    slot = {
      hostIP: status.addresses?.find((a) => a.type === 'InternalIP')?.address ?? '10.0.0.1',
      prefix: (spec.podCIDR ?? '10.244.250.0/24').replace(/\d+\/\d+$/, ''),
      schedulable: !spec.unschedulable && !(spec.taints ?? []).some((t) => t.effect === 'NoSchedule'),
      next: 0,
    };
    this.nodeSlots.set(name, slot);
    return slot;
  }

  /**
   * `churn` status changes a second: readiness flaps on random running pods (kept to about 2% not ready
   * at a time: past that, flapped pods recover), batched per tick.
   */
  private churn(elapsedMs: number, now: number): void {
    if (this.opts.churn <= 0) return;
    this.churnQuota += (this.opts.churn * elapsedMs) / 1000;
    let n = Math.floor(this.churnQuota);
    this.churnQuota -= n;
    const cap = Math.max(1, Math.floor(this.index.podCount() * 0.02));
    let attempts = n * 4;
    while (n > 0 && attempts-- > 0) {
      let key: string | undefined;
      let toReady = false;
      if (this.churnedNotReady.size >= cap) {
        key = this.churnedNotReady.values().next().value as string;
        this.churnedNotReady.delete(key);
        toReady = true;
      } else {
        const count = this.index.podCount();
        if (!count) return;
        const ref = this.index.podAt(this.rng.int(0, count - 1));
        if (!ref) continue;
        key = `${ref.namespace}/${ref.name}`;
        if (this.crashers.has(key) || this.tasks.has(key)) continue;
      }
      const [namespace, name] = splitKey(key);
      const pod = this.store.get(RES.pods, namespace, name);
      if (!pod || pod.metadata.deletionTimestamp || (pod.status as { phase?: string } | undefined)?.phase !== 'Running') continue;
      const ready = this.index.podReady(refOf(RES.pods, pod));
      if (toReady || !ready) {
        this.store.update(RES.pods, transition(pod, 'Running', now));
        this.churnedNotReady.delete(key);
      } else {
        this.store.update(RES.pods, transition(pod, 'NotReady', now));
        this.churnedNotReady.add(key);
      }
      n--;
    }
  }

  /** Each node's Ready heartbeat every heartbeatMs, spread evenly over the ticks. */
  private heartbeats(now: number): void {
    const buckets = Math.max(1, Math.round((this.opts.heartbeatMs ?? 40_000) / this.tickMs));
    const nodes = this.index.nodes;
    const bucket = this.tickNo % buckets;
    for (let i = bucket; i < nodes.length; i += buckets) {
      const node = this.store.get(RES.nodes, undefined, nodes[i]);
      if (!node) continue;
      const next = stamped(node, now);
      const status = { ...((node.status as Record<string, unknown>) ?? {}) };
      const hb = isoSeconds(now);
      status.conditions = ((status.conditions as Record<string, unknown>[] | undefined) ?? []).map((c) => ({ ...c, lastHeartbeatTime: hb }));
      next.status = status;
      this.store.update(RES.nodes, next);
    }
  }
}

type Controlled = 'deployments' | 'replicasets' | 'jobs' | 'statefulsets' | 'daemonsets';

const OWNER_KINDS: Record<string, Controlled | undefined> = {
  Deployment: 'deployments',
  ReplicaSet: 'replicasets',
  Job: 'jobs',
  StatefulSet: 'statefulsets',
  DaemonSet: 'daemonsets',
};

function dirtyMaps(): Record<Controlled, Map<string, ObjectRef>> {
  return { deployments: new Map(), replicasets: new Map(), jobs: new Map(), statefulsets: new Map(), daemonsets: new Map() };
}

function refOf(resource: string, o: SimObject): ObjectRef {
  return { resource, namespace: o.metadata.namespace, name: o.metadata.name, uid: o.metadata.uid ?? '' };
}

function podKey(o: SimObject): string {
  return `${o.metadata.namespace ?? ''}/${o.metadata.name}`;
}

function splitKey(key: string): [string, string] {
  const i = key.indexOf('/');
  return [key.slice(0, i), key.slice(i + 1)];
}

/** Compares deployment statuses on what they say (counts, conditions' type/status/reason), not on times. */
function sameStatus(a: unknown, b: unknown): boolean {
  const shape = (s: unknown) => {
    const st = (s ?? {}) as Record<string, unknown>;
    const conditions = ((st.conditions as { type: string; status: string; reason?: string }[] | undefined) ?? []).map((c) => `${c.type}=${c.status}/${c.reason}`);
    return JSON.stringify({ ...st, conditions });
  };
  return shape(a) === shape(b);
}

/** Keeps a condition's lastTransitionTime while its status does not change. */
function keepTransitionTimes(prev: unknown, next: Record<string, unknown>): Record<string, unknown> {
  const before = new Map((((prev ?? {}) as { conditions?: Record<string, unknown>[] }).conditions ?? []).map((c) => [c.type as string, c]));
  next.conditions = ((next.conditions as Record<string, unknown>[] | undefined) ?? []).map((c) => {
    const old = before.get(c.type as string);
    return old && old.status === c.status ? { ...c, lastTransitionTime: old.lastTransitionTime } : c;
  });
  return next;
}

/** The period of the schedules the world uses: "*\/N * * * *" (N minutes), "M * * * *" (hourly), else daily. */
export function schedulePeriodMs(schedule: string): number {
  const [minute = '*', hour = '*'] = schedule.trim().split(/\s+/);
  const step = /^\*\/(\d+)$/.exec(minute);
  if (step) return Math.max(1, Number(step[1])) * 60_000;
  if (minute === '*') return 60_000;
  if (hour === '*') return 3_600_000;
  return 86_400_000;
}
