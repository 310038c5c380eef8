// Time-ordered pod lifecycle steps (a binary min-heap), so each tick touches only what is due.

export type Step = 'schedule' | 'start' | 'run' | 'crash' | 'backoff' | 'restart' | 'complete' | 'remove';

export interface Task {
  at: number;
  key: string;
  uid: string;
  step: Step;
}

export class TaskQueue {
  private readonly heap: Task[] = [];
  private readonly pending = new Map<string, number>();

  get size(): number {
    return this.heap.length;
  }

  push(at: number, key: string, uid: string, step: Step): void {
    const heap = this.heap;
    heap.push({ at, key, uid, step });
    this.pending.set(key, (this.pending.get(key) ?? 0) + 1);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (heap[parent].at <= heap[i].at) break;
      [heap[parent], heap[i]] = [heap[i], heap[parent]];
      i = parent;
    }
  }

  /** True while the pod has a step waiting. */
  has(key: string): boolean {
    return this.pending.has(key);
  }

  popDue(now: number): Task[] {
    const out: Task[] = [];
    while (this.heap.length && this.heap[0].at <= now) out.push(this.pop());
    return out;
  }

  private pop(): Task {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop()!;
    if (heap.length) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && heap[l].at < heap[m].at) m = l;
        if (r < heap.length && heap[r].at < heap[m].at) m = r;
        if (m === i) break;
        [heap[m], heap[i]] = [heap[i], heap[m]];
        i = m;
      }
    }
    const n = (this.pending.get(top.key) ?? 1) - 1;
    if (n <= 0) this.pending.delete(top.key);
    else this.pending.set(top.key, n);
    return top;
  }
}
