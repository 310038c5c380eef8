// One promise per key, kept while it is pending or fulfilled (for `ttlMs` when given); a rejected one is forgotten so
// the next call asks again. The same promise for the same key is what lets a flip back read its answer settled
// (ui-state/hooks.ts useAsync); with a TTL it keeps RBAC answers for a few minutes (capabilities.ts).
export class PromiseCache<T> {
  private readonly entries = new Map<string, { at: number; value: Promise<T> }>();
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(opts: { ttlMs?: number; now?: () => number } = {}) {
    this.ttlMs = opts.ttlMs ?? Infinity;
    this.now = opts.now ?? Date.now;
  }

  get(key: string, make: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(key);
    if (hit && this.now() - hit.at < this.ttlMs) return hit.value;
    const value = make();
    const entry = { at: this.now(), value };
    this.entries.set(key, entry);
    value.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    return value;
  }
}
