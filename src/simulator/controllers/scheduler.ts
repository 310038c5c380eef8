// The scheduler's part: a node for each new pod (round robin over schedulable nodes) and an IP from that
// node's pod CIDR.
import { RES } from '../objects/index.js';
import type { SimStore } from '../types.js';
import type { Placement } from './lifecycle.js';
import type { WorldIndex } from './world-index.js';

interface NodeSlot {
  hostIP: string;
  /** "10.244.3." for podCIDR 10.244.3.0/24. */
  prefix: string;
  schedulable: boolean;
  next: number;
}

export class Scheduler {
  private readonly slots = new Map<string, NodeSlot>();
  private cursor = 0;

  constructor(
    private readonly store: SimStore,
    private readonly index: WorldIndex,
  ) {}

  /** A node for a new pod (round robin over schedulable nodes, or `onNode`) and an IP from that node's CIDR. */
  place(onNode?: string): Placement | undefined {
    const nodes = this.index.nodes;
    for (let tries = 0; tries < Math.max(1, nodes.length); tries++) {
      const name = onNode ?? nodes[this.cursor++ % nodes.length];
      if (name === undefined) return undefined;
      const slot = this.slot(name);
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

  /** A deleted node: forget what was learnt about it. */
  forget(nodeName: string): void {
    this.slots.delete(nodeName);
  }

  private slot(name: string): NodeSlot | undefined {
    let slot = this.slots.get(name);
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
    this.slots.set(name, slot);
    return slot;
  }
}
