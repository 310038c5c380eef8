// Changes, deletes and creates pods directly in the simulator's store, as a busy cluster would.
import type { SimulatedCluster } from '../../src/simulator/index.js';
import type { SimObject } from '../../src/simulator/types.js';

let seq = 0;
/** Changes, deletes and creates a few pods directly in the simulator's store. */
export function churn(cluster: SimulatedCluster, n: number): void {
  const all = cluster.store.list('pods');
  for (let i = 0; i < n && i < all.length; i++) {
    const p = all[(seq * 7 + i * 13) % all.length]!;
    const labels = { ...(p.metadata.labels ?? {}), touched: String(++seq) };
    cluster.store.update('pods', { ...p, metadata: { ...p.metadata, labels } });
  }
  const victims = cluster.store.list('pods').slice(0, Math.max(1, n >> 1));
  for (const v of victims) cluster.store.remove('pods', v.metadata.namespace, v.metadata.name);
  for (let i = 0; i < Math.max(1, n >> 1); i++) cluster.store.create('pods', newPod(`added-${++seq}`));
}

function newPod(name: string): SimObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', labels: { app: 'faults' } },
    spec: { containers: [{ name: 'app', image: 'nginx:1.27' }], nodeName: 'node-1' },
    status: { phase: 'Running', containerStatuses: [{ name: 'app', ready: true, restartCount: 0, state: { running: { startedAt: new Date().toISOString() } } }] },
  };
}

