// `churn` status changes a second: readiness flaps on random running pods (kept to about 2% not ready at a
// time: past that, flapped pods recover), batched per tick.
import { RES } from '../objects/index.js';
import { refOf, splitKey, type ControllerContext } from './context.js';
import type { Kubelet } from './kubelet.js';
import { transition } from './lifecycle.js';

export class Churn {
  private readonly notReady = new Set<string>();
  private quota = 0;

  constructor(
    private readonly ctx: ControllerContext,
    private readonly kubelet: Kubelet,
    /** Changes a second, spread over all pods. */
    private readonly rate: number,
  ) {}

  /** A deleted pod: no longer one to bring back. */
  forget(key: string): void {
    this.notReady.delete(key);
  }

  tick(elapsedMs: number, now: number): void {
    if (this.rate <= 0) return;
    const { store, index, rng, tasks } = this.ctx;
    this.quota += (this.rate * elapsedMs) / 1000;
    let n = Math.floor(this.quota);
    this.quota -= n;
    const cap = Math.max(1, Math.floor(index.podCount() * 0.02));
    let attempts = n * 4;
    while (n > 0 && attempts-- > 0) {
      let key: string | undefined;
      let toReady = false;
      if (this.notReady.size >= cap) {
        key = this.notReady.values().next().value as string;
        this.notReady.delete(key);
        toReady = true;
      } else {
        const count = index.podCount();
        if (!count) return;
        const ref = index.podAt(rng.int(0, count - 1));
        if (!ref) continue;
        key = `${ref.namespace}/${ref.name}`;
        if (this.kubelet.isCrashing(key) || tasks.has(key)) continue;
      }
      const [namespace, name] = splitKey(key);
      const pod = store.get(RES.pods, namespace, name);
      if (!pod || pod.metadata.deletionTimestamp || (pod.status as { phase?: string } | undefined)?.phase !== 'Running') continue;
      const ready = index.podReady(refOf(RES.pods, pod));
      if (toReady || !ready) {
        store.update(RES.pods, transition(pod, 'Running', now));
        this.notReady.delete(key);
      } else {
        store.update(RES.pods, transition(pod, 'NotReady', now));
        this.notReady.add(key);
      }
      n--;
    }
  }
}
