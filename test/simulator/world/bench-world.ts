// Measures the world at scale (not a test: run `node --import tsx test/simulator/world/bench-world.ts [pods] [churn]`).
// Prints seeding time into a bare map and into the MemoryStore, controller start-up, and the sustained
// write rate with churn, with the event-loop utilisation.
import { performance } from 'node:perf_hooks';
import { MemoryStore } from '../../../src/simulator/store.js';
import { seedCluster } from '../../../src/simulator/objects/index.js';
import { startControllers } from '../../../src/simulator/controllers/index.js';
import type { SimObject, SimStore } from '../../../src/simulator/types.js';

const pods = Number(process.argv[2] ?? 50_000);
const churn = Number(process.argv[3] ?? 2000);

class BareStore implements SimStore {
  private readonly map = new Map<string, SimObject>();
  list(): SimObject[] {
    return [];
  }
  get(r: string, ns: string | undefined, name: string) {
    return this.map.get(`${r}|${ns}|${name}`);
  }
  create(r: string, o: SimObject) {
    this.map.set(`${r}|${o.metadata.namespace}|${o.metadata.name}`, o);
    return o;
  }
  update(r: string, o: SimObject) {
    return this.create(r, o);
  }
  remove() {
    return undefined;
  }
  subscribe() {
    return () => {};
  }
}

let t = performance.now();
seedCluster(new BareStore(), { name: 'bench', pods, namespaces: 12, seed: 1 });
console.log(`seed ${pods} pods (objects only): ${Math.round(performance.now() - t)} ms`);
const store = new MemoryStore();
t = performance.now();
seedCluster(store, { name: 'bench', pods, namespaces: 12, seed: 1 });
console.log(`seed ${pods} pods into MemoryStore: ${Math.round(performance.now() - t)} ms`);
t = performance.now();
const controllers = startControllers(store, { churn, seed: 1 });
console.log(`controllers start: ${Math.round(performance.now() - t)} ms`);
let writes = 0;
store.subscribe(() => writes++);
setTimeout(() => {
  const elu0 = performance.eventLoopUtilization();
  const w0 = writes;
  const t0 = Date.now();
  setTimeout(() => {
    const s = (Date.now() - t0) / 1000;
    console.log(`churn ${churn}/s: ${Math.round((writes - w0) / s)} writes/s over ${s.toFixed(1)} s, event loop ${(100 * performance.eventLoopUtilization(elu0).utilization).toFixed(0)}% busy`);
    controllers.stop();
  }, 5000);
}, 3000);
