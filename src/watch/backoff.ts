// The one retry/backoff helper: exponential growth with jitter, bounded both ways. A success resets it (the next
// failure starts small again), as client-go's does, so a burst of errors long after an earlier one converges in a
// second or two; what counts as a success is the caller's (a watch that ends at once is not one).

export interface BackoffOptions {
  /** First delay (client-go: 800 ms). */
  initialMs?: number;
  /** Ceiling for any delay (client-go: 30 s). */
  maxMs?: number;
  factor?: number;
  /** 0..1: each delay is drawn from [d * (1 - jitter/2), d * (1 + jitter/2)], then clamped to maxMs. */
  jitter?: number;
  /** A success resets the growth only once things have been healthy this long (default 0: at once). */
  resetAfterMs?: number;
  random?: () => number;
  now?: () => number;
}

export class Backoff {
  private readonly initialMs: number;
  /** The ceiling: also how long to wait between slow retries (unauthenticated). */
  readonly maxMs: number;
  private readonly factor: number;
  private readonly jitter: number;
  private readonly resetAfterMs: number;
  private readonly random: () => number;
  private readonly now: () => number;
  private base: number;
  private failures = 0;
  private healthySince: number | undefined;

  constructor(opts: BackoffOptions = {}) {
    this.initialMs = opts.initialMs ?? 800;
    this.maxMs = Math.max(opts.maxMs ?? 30_000, this.initialMs);
    this.factor = opts.factor ?? 2;
    this.jitter = Math.min(Math.max(opts.jitter ?? 0.5, 0), 1);
    this.resetAfterMs = opts.resetAfterMs ?? 0;
    this.random = opts.random ?? Math.random;
    this.now = opts.now ?? Date.now;
    this.base = this.initialMs;
  }

  /** Consecutive failures since the last reset. */
  get attempt(): number {
    return this.failures;
  }

  /** The delay to wait before the next try after a failure; grows the base for the one after. */
  next(): number {
    this.healthySince = undefined;
    this.failures++;
    const d = this.base;
    this.base = Math.min(this.base * this.factor, this.maxMs);
    const spread = d * this.jitter;
    const jittered = d - spread / 2 + this.random() * spread;
    return Math.round(Math.min(Math.max(jittered, this.initialMs * (1 - this.jitter / 2)), this.maxMs));
  }

  /** Something worked: the next failure starts small again (once it has kept working for resetAfterMs). */
  succeeded(): void {
    const now = this.now();
    if (this.healthySince === undefined) this.healthySince = now;
    if (this.failures === 0 || now - this.healthySince >= this.resetAfterMs) this.reset();
  }

  /** Forget all history (used after a stretch known to be healthy). */
  reset(): void {
    this.failures = 0;
    this.base = this.initialMs;
  }
}

/** Resolves after ms, or early (without throwing) when the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
