// An event recorder like client-go's: repeated events about the same object and reason are aggregated
// (count, lastTimestamp), and the number of events it keeps is bounded (oldest removed first).
import type { SimObject, SimStore } from '../types.js';
import { makeEvent, RES, type Rng } from '../objects/index.js';
import { stamped } from './lifecycle.js';

interface Recorded {
  namespace: string;
  name: string;
  key: string;
}

export class EventRecorder {
  private readonly fifo: Recorded[] = [];
  private readonly byKey = new Map<string, Recorded>();

  constructor(
    private readonly store: SimStore,
    private readonly rng: Rng,
    private readonly limit: number,
  ) {}

  record(
    involved: SimObject,
    type: 'Normal' | 'Warning',
    reason: string,
    message: string,
    component: string,
    now: number,
    opts: { fieldPath?: string; host?: string } = {},
  ): void {
    const namespace = involved.metadata.namespace ?? 'default';
    const key = `${namespace}|${involved.metadata.uid}|${reason}|${message}`;
    const seen = this.byKey.get(key);
    if (seen) {
      const prev = this.store.get(RES.events, seen.namespace, seen.name);
      if (prev) {
        const next = stamped(prev, now);
        next.count = ((prev.count as number | undefined) ?? 1) + 1;
        next.lastTimestamp = new Date(Math.floor(now / 1000) * 1000).toISOString().replace('.000Z', 'Z');
        this.store.update(RES.events, next);
        return;
      }
      this.byKey.delete(key);
    }
    const event = stamped(
      makeEvent({ namespace, involved, type, reason, message, component, host: opts.host, fieldPath: opts.fieldPath, first: now, last: now, count: 1 }, this.rng.hex(16)),
      now,
    );
    try {
      this.store.create(RES.events, event);
    } catch {
      return; // a name clash with an existing event: skip this one
    }
    const rec = { namespace, name: event.metadata.name, key };
    this.fifo.push(rec);
    this.byKey.set(key, rec);
    while (this.fifo.length > this.limit) {
      const old = this.fifo.shift()!;
      this.store.remove(RES.events, old.namespace, old.name);
      if (this.byKey.get(old.key) === old) this.byKey.delete(old.key);
    }
  }
}
