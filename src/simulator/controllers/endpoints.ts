// The endpoints controller: each selector Service's Endpoints lists its pods' IPs (ready ones as addresses,
// the others as notReadyAddresses). Members are tracked per service from pod events; a service's member set
// is first built from its namespace's pods when it is first needed, so start-up does not scan every pod.
import type { SimEvent, SimObject, SimStore } from '../types.js';
import { RES, isPodReady, makeEndpoints, type EndpointAddress } from '../objects/index.js';
import { stamped } from './lifecycle.js';

interface ServiceEntry {
  uid: string;
  namespace: string;
  name: string;
  selector: Record<string, string>;
  /** pod key → address (undefined until first built). */
  members?: Map<string, { address: EndpointAddress; ready: boolean }>;
}

function matches(selector: Record<string, string>, labels: Record<string, string> | undefined): boolean {
  for (const k in selector) if (labels?.[k] !== selector[k]) return false;
  return true;
}

function memberOf(pod: SimObject): { address: EndpointAddress; ready: boolean } | undefined {
  const ip = (pod.status as { podIP?: string } | undefined)?.podIP;
  if (!ip || pod.metadata.deletionTimestamp) return undefined;
  const phase = (pod.status as { phase?: string } | undefined)?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return undefined;
  const address: EndpointAddress = { ip, nodeName: (pod.spec as { nodeName?: string }).nodeName, targetRef: { kind: 'Pod', namespace: pod.metadata.namespace!, name: pod.metadata.name, uid: pod.metadata.uid! } };
  return { address, ready: isPodReady(pod) };
}

export class EndpointsController {
  private readonly byNamespace = new Map<string, Map<string, ServiceEntry>>();
  private readonly dirty = new Set<ServiceEntry>();
  private readonly removals: { namespace?: string; name: string }[] = [];

  constructor(private readonly store: SimStore) {}

  load(): void {
    for (const svc of this.store.list(RES.services)) this.noteService(svc);
  }

  private noteService(svc: SimObject): ServiceEntry | undefined {
    const ns = svc.metadata.namespace ?? 'default';
    let services = this.byNamespace.get(ns);
    const selector = (svc.spec as { selector?: Record<string, string> } | undefined)?.selector;
    if (!selector || !Object.keys(selector).length) {
      services?.delete(svc.metadata.uid!);
      return undefined;
    }
    if (!services) this.byNamespace.set(ns, (services = new Map()));
    const prev = services.get(svc.metadata.uid!);
    if (prev && JSON.stringify(prev.selector) === JSON.stringify(selector)) return prev;
    const entry: ServiceEntry = { uid: svc.metadata.uid!, namespace: ns, name: svc.metadata.name, selector: { ...selector } };
    services.set(entry.uid, entry);
    return entry;
  }

  /** Feeds a store event; returns true when some endpoints need writing. */
  apply(e: SimEvent): boolean {
    const o = e.object;
    if (e.resource === RES.services) {
      if (e.type === 'DELETED') {
        this.byNamespace.get(o.metadata.namespace ?? 'default')?.delete(o.metadata.uid!);
        this.removals.push({ namespace: o.metadata.namespace, name: o.metadata.name });
        return true;
      }
      const entry = this.noteService(o);
      if (entry && (e.type === 'ADDED' || !entry.members)) {
        this.dirty.add(entry);
        return true;
      }
      return false;
    }
    if (e.resource !== RES.pods) return false;
    const services = this.byNamespace.get(o.metadata.namespace ?? '');
    if (!services) return false;
    const key = o.metadata.name;
    const member = e.type === 'DELETED' ? undefined : memberOf(o);
    let changed = false;
    for (const entry of services.values()) {
      const selected = matches(entry.selector, o.metadata.labels);
      if (!entry.members) {
        if (selected) {
          this.dirty.add(entry); // its members are built from the namespace's pods when written
          changed = true;
        }
        continue;
      }
      const inSet = entry.members.get(key);
      const wanted = selected ? member : undefined;
      if (!inSet && !wanted) continue;
      if (wanted && inSet && inSet.ready === wanted.ready && inSet.address.ip === wanted.address.ip) continue;
      if (wanted) entry.members.set(key, wanted);
      else entry.members.delete(key);
      this.dirty.add(entry);
      changed = true;
    }
    return changed;
  }

  /** Writes up to `max` changed Endpoints objects; returns how many are still waiting. */
  flush(now: number, max: number): number {
    let written = 0;
    for (const r of this.removals.splice(0)) {
      const svc = this.store.get(RES.services, r.namespace, r.name);
      if (!svc) this.store.remove(RES.endpoints, r.namespace, r.name);
    }
    for (const entry of this.dirty) {
      if (written >= max) break;
      this.dirty.delete(entry);
      const svc = this.store.get(RES.services, entry.namespace, entry.name);
      if (!svc || svc.metadata.uid !== entry.uid) continue;
      if (!entry.members) {
        entry.members = new Map();
        for (const pod of this.store.list(RES.pods, entry.namespace)) {
          const m = matches(entry.selector, pod.metadata.labels) ? memberOf(pod) : undefined;
          if (m) entry.members.set(pod.metadata.name, m);
        }
      }
      const ready: EndpointAddress[] = [];
      const notReady: EndpointAddress[] = [];
      for (const m of entry.members.values()) (m.ready ? ready : notReady).push(m.address);
      const byIp = (a: EndpointAddress, b: EndpointAddress) => (a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : 0);
      ready.sort(byIp);
      notReady.sort(byIp);
      const next = stamped(makeEndpoints(svc, ready, notReady, now), now);
      const prev = this.store.get(RES.endpoints, entry.namespace, entry.name);
      if (prev && JSON.stringify(prev.subsets ?? null) === JSON.stringify(next.subsets ?? null)) continue;
      written++;
      if (prev) this.store.update(RES.endpoints, { ...next, metadata: { ...next.metadata, uid: prev.metadata.uid, creationTimestamp: prev.metadata.creationTimestamp } });
      else {
        try {
          this.store.create(RES.endpoints, next);
        } catch {
          // created meanwhile by someone else: next change rewrites it
        }
      }
    }
    return this.dirty.size;
  }
}
