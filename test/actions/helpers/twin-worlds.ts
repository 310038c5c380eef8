// Two simulators started from the same seed (so they hold the same objects, uids and all): kdeck acts on one,
// real kubectl on the other, and the tests compare what each server then stores.
import { join } from 'node:path';
import { startSimulator, type Simulator } from '../../../src/simulator/index.js';
import { loadKubeconfig, resolveConnection } from '../../../src/kubeconfig/index.js';
import { createClient, type SharedKubeClient } from '../../../src/transport/client.js';
import { KubectlRunner, tempDir } from '../../simulator/kubectl-helpers.js';
import type { SimObject } from '../../../src/simulator/types.js';

export interface World {
  sim: Simulator;
  kubeconfig: string;
  kubectl: KubectlRunner;
  /** Our client for a context of this simulator (default: the admin context of cluster 0). */
  client(context?: string): SharedKubeClient;
  get(resource: string, namespace: string | undefined, name: string): SimObject | undefined;
  close(): Promise<void>;
}

export async function startWorld(seed = 7): Promise<World> {
  const sim = await startSimulator({ clusters: 1, tls: true, controllers: false, pods: 60, seed });
  const dir = tempDir('kdeck-actions-');
  const kubeconfig = join(dir, 'kubeconfig');
  sim.writeKubeconfig(kubeconfig);
  const kubectl = new KubectlRunner(kubeconfig, dir);
  const clients: SharedKubeClient[] = [];
  const loaded = loadKubeconfig({ kubeconfig }, { env: {}, homeDir: dir });
  return {
    sim,
    kubeconfig,
    kubectl,
    client: (context?: string) => {
      const c = createClient(resolveConnection(loaded, context ? { context } : {}, { env: {}, homeDir: dir }));
      clients.push(c);
      return c;
    },
    get: (resource, namespace, name) => sim.clusters[0].store.get(resource, namespace, name),
    close: async () => {
      await Promise.all(clients.map((c) => c.close()));
      kubectl.close();
      await sim.stop();
    },
  };
}

/** Go clients write empty structs and nil fields ({}, null) that a JSON client leaves out; both mean "unset". */
function withoutEmpty(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutEmpty);
  // The twins seed their objects relative to their start, a second or so apart: times are not compared.
  if (typeof v === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(v)) return '<time>';
  if (!v || typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    const y = withoutEmpty(x);
    if (y === null || y === undefined || (typeof y === 'object' && !Array.isArray(y) && Object.keys(y).length === 0)) continue;
    out[k] = y;
  }
  return out;
}

/** An object without what differs between two servers for the same change (versions, times of the change). */
export function comparable(obj: SimObject | undefined, dropPaths: string[][] = []): unknown {
  if (!obj) return undefined;
  const copy = structuredClone(obj) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  delete copy.metadata.resourceVersion;
  delete copy.metadata.managedFields;
  for (const path of dropPaths) {
    let cur = copy;
    for (const k of path.slice(0, -1)) cur = cur?.[k];
    if (cur) delete cur[path[path.length - 1]!];
  }
  return withoutEmpty(copy);
}
