// Fault injection for one cluster: latency, a fraction of requests answered 429/500/503, dropped watches
// (now or every N seconds), history compaction, restarts, expired tokens. All reversible through clear().
import type { ServerResponse } from 'node:http';
import { sendStatus, sendText } from './http.js';
import { internalError, serviceUnavailable } from './status.js';

export interface ErrorRate {
  rate: number;
  status: 429 | 500 | 503;
  retryAfterSeconds?: number;
}

/** The per-request part of the faults: consulted by the request pipeline before anything else. */
export class FaultState {
  latencyMs = 0;
  errorRate?: ErrorRate;
  /**
   * Watches opened before the last silenceOpenWatches() send nothing more, not even bookmarks, while their
   * sockets stay open: a dead watch, as behind a proxy that lost the stream. clear() does not revive them.
   */
  private silencedGeneration = 0;
  private random: () => number;

  constructor(random: () => number = Math.random) {
    this.random = random;
  }

  /** Waits out the latency; returns a responder when this request is chosen to fail. */
  async beforeRequest(path: string): Promise<((res: ServerResponse) => void) | undefined> {
    if (this.latencyMs > 0) await new Promise((r) => setTimeout(r, this.latencyMs));
    const er = this.errorRate;
    if (!er || er.rate <= 0 || path === '/version' || this.random() >= er.rate) return undefined;
    const retry = er.retryAfterSeconds;
    if (er.status === 429) {
      // API Priority and Fairness rejects with plain text, not a Status.
      return (res) => sendText(res, 429, 'Too many requests, please try again later.\n', { 'Retry-After': String(retry ?? 1) });
    }
    if (er.status === 503) {
      return (res) => sendStatus(res, serviceUnavailable('the server is currently unable to handle the request', retry).status);
    }
    return (res) => {
      const status = internalError('simulated failure (fault injection)').status;
      if (retry) status.details = { ...status.details, retryAfterSeconds: retry };
      sendStatus(res, status);
    };
  }

  silenceOpenWatches(): void {
    this.silencedGeneration++;
  }

  /** The generation a watch opened now belongs to. */
  watchGeneration(): number {
    return this.silencedGeneration;
  }

  isWatchSilenced(generation: number): boolean {
    return generation < this.silencedGeneration;
  }

  clear(): void {
    this.latencyMs = 0;
    this.errorRate = undefined;
  }
}
