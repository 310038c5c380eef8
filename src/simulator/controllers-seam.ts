// Where a cluster's controllers start: the objects engineer's controllers (controllers/) when the cluster lives,
// or, for a static cluster with churn (benchmarks), only the churn: R changes a second on random pods, each
// stamped with sim.kdeck.io/changed-at.
import type { MemoryStore } from './store.js';
import type { SimObject } from './types.js';
import { CHANGED_AT } from './objects/index.js';
import { startControllers as startWorldControllers } from './controllers/index.js';

export interface ControllerOptions {
  churn: number;
  seed: number;
  controllers: boolean;
}

export function startControllers(store: MemoryStore, opts: ControllerOptions): () => void {
  if (opts.controllers) {
    const c = startWorldControllers(store, { churn: opts.churn, seed: opts.seed });
    return () => c.stop();
  }
  return opts.churn > 0 ? startChurnOnly(store, opts.churn, opts.seed) : () => {};
}

function startChurnOnly(store: MemoryStore, churn: number, seedValue: number): () => void {
  const TICK_MS = 20;
  let carry = 0;
  let seed = seedValue >>> 0 || 1;
  const rand = () => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    return seed / 2 ** 32;
  };
  let pods: SimObject[] = [];
  let refreshed = 0;
  let last = Date.now();
  const timer = setInterval(() => {
    // Count from the clock, not the ticks, so late ticks keep the asked rate; but never catch up more than 100 ms
    // at once, so a starved process degrades instead of spending every tick on backlog.
    const elapsed = Math.min(100, Date.now() - last);
    last = Date.now();
    carry += (churn * elapsed) / 1000;
    const n = Math.floor(carry);
    carry -= n;
    if (n === 0) return;
    const now = Date.now();
    if (now - refreshed > 1000 || pods.length === 0) {
      pods = store.list('pods');
      refreshed = now;
    }
    for (let i = 0; i < n && pods.length; i++) {
      const p = pods[Math.floor(rand() * pods.length)];
      const cur = store.get('pods', p.metadata.namespace, p.metadata.name);
      if (!cur || cur.metadata.deletionTimestamp) continue;
      store.update('pods', { ...cur, metadata: { ...cur.metadata, annotations: { ...cur.metadata.annotations, [CHANGED_AT]: String(Date.now()) } } });
    }
  }, TICK_MS);
  return () => clearInterval(timer);
}
