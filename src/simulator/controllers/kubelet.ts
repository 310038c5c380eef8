// The kubelet's part, driven by timed steps: schedule → ContainerCreating → Running (or a crash loop of
// Error → CrashLoopBackOff → restart), job pods completing, and Terminating pods going away.
import type { SimObject } from '../types.js';
import { RES } from '../objects/index.js';
import { podKey, splitKey, type ControllerContext } from './context.js';
import { backoffMs, needsScheduling, needsStarting, placementOf, restartsOf, schedule, transition } from './lifecycle.js';
import type { Scheduler } from './scheduler.js';
import type { Task } from './tasks.js';

export class Kubelet {
  private readonly crashers = new Set<string>();
  /** IPs given at scheduling, applied when the sandbox is up (ContainerCreating pods have none yet). */
  private readonly plannedIPs = new Map<string, string>();

  constructor(
    private readonly ctx: ControllerContext,
    private readonly scheduler: Scheduler,
    /** Share of new long-running pods that crash-loop. */
    private readonly crashRatio: number,
  ) {}

  /** True for a pod in a crash loop (churn leaves those alone). */
  isCrashing(key: string): boolean {
    return this.crashers.has(key);
  }

  /** Seeded pods already in motion: crash loops keep restarting, running job pods finish. */
  adopt(pod: SimObject, now: number): void {
    const key = podKey(pod);
    const uid = pod.metadata.uid!;
    const waiting = (pod.status as { containerStatuses?: { state?: { waiting?: { reason?: string } } }[] } | undefined)?.containerStatuses?.[0]?.state?.waiting?.reason;
    const owner = pod.metadata.ownerReferences?.[0];
    if (waiting === 'CrashLoopBackOff') {
      this.crashers.add(key);
      this.ctx.tasks.push(now + this.ctx.rng.int(3000, 30_000), key, uid, 'restart');
    } else if (owner?.kind === 'Job' && (pod.status as { phase?: string } | undefined)?.phase === 'Running') {
      this.ctx.tasks.push(now + this.ctx.rng.int(20_000, 90_000), key, uid, 'complete');
    } else {
      this.added(pod, now);
    }
  }

  /** A new pod: schedule it, or start it when it came with a node. */
  added(pod: SimObject, now: number): void {
    if (needsScheduling(pod)) this.ctx.tasks.push(now + 150, podKey(pod), pod.metadata.uid!, 'schedule');
    else if (needsStarting(pod)) this.ctx.tasks.push(now + 300, podKey(pod), pod.metadata.uid!, 'start');
  }

  deleted(pod: SimObject): void {
    const key = podKey(pod);
    this.crashers.delete(key);
    this.plannedIPs.delete(key);
  }

  run({ key, uid, step }: Task, now: number): void {
    const { store, tasks, rng, events } = this.ctx;
    const [namespace, name] = splitKey(key);
    const pod = store.get(RES.pods, namespace, name);
    if (!pod || pod.metadata.uid !== uid) return;
    if (step === 'remove') {
      store.remove(RES.pods, namespace, name);
      return;
    }
    if (pod.metadata.deletionTimestamp) return;
    const owner = pod.metadata.ownerReferences?.[0];
    const isJobPod = owner?.kind === 'Job' || (pod.spec as { restartPolicy?: string }).restartPolicy === 'Never';
    const container = () => (pod.spec as { containers: { name: string }[] }).containers[0]?.name ?? 'app';
    switch (step) {
      case 'schedule':
      case 'start': {
        if (step === 'schedule' ? !needsScheduling(pod) : !needsStarting(pod)) return;
        const placement = this.scheduler.place(step === 'start' ? (pod.spec as { nodeName: string }).nodeName : undefined);
        if (!placement) return;
        if ((pod.spec as { hostNetwork?: boolean }).hostNetwork) placement.podIP = placement.hostIP;
        store.update(RES.pods, schedule(pod, placement, now));
        this.plannedIPs.set(key, placement.podIP);
        events.record(pod, 'Normal', 'Scheduled', `Successfully assigned ${namespace}/${name} to ${placement.nodeName}`, 'default-scheduler', now);
        if (!isJobPod && rng.chance(this.crashRatio)) this.crashers.add(key);
        tasks.push(now + rng.int(700, 1700), key, uid, 'run');
        break;
      }
      case 'run': {
        const crasher = this.crashers.has(key);
        const podIP = this.plannedIPs.get(key);
        this.plannedIPs.delete(key);
        store.update(RES.pods, transition(pod, crasher ? 'NotReady' : 'Running', now, { podIP }));
        const c = container();
        events.record(pod, 'Normal', 'Started', `Started container ${c}`, 'kubelet', now, { fieldPath: `spec.containers{${c}}`, host: placementOf(pod)?.nodeName });
        if (crasher) tasks.push(now + rng.int(2000, 5000), key, uid, 'crash');
        else if (isJobPod) tasks.push(now + rng.int(3000, 8000), key, uid, 'complete');
        break;
      }
      case 'crash':
        store.update(RES.pods, transition(pod, 'Error', now));
        tasks.push(now + 1000, key, uid, 'backoff');
        break;
      case 'backoff': {
        const restarts = restartsOf(pod) + 1;
        store.update(RES.pods, transition(pod, 'CrashLoopBackOff', now, { restarts, lastRestartAt: now }));
        const c = container();
        events.record(pod, 'Warning', 'BackOff', `Back-off restarting failed container ${c} in pod ${name}_${namespace}(${uid})`, 'kubelet', now, { fieldPath: `spec.containers{${c}}`, host: placementOf(pod)?.nodeName });
        tasks.push(now + backoffMs(restarts), key, uid, 'restart');
        break;
      }
      case 'restart':
        this.crashers.add(key);
        store.update(RES.pods, transition(pod, 'NotReady', now));
        tasks.push(now + rng.int(3000, 6000), key, uid, 'crash');
        break;
      case 'complete':
        store.update(RES.pods, transition(pod, 'Completed', now));
        break;
    }
  }
}
