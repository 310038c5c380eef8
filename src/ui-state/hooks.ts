// React hooks that connect views to informers and the clock. They hold subscriptions, never data copies:
// the store stays the single source of rows, and a change only bumps a version number to re-render.
import { useEffect, useRef, useState } from 'react';
import type { DashboardBackend } from './backend.js';
import type { InformerKey, InformerState, InformerView } from './engine-types.js';

export function informerKeyId(k: InformerKey): string {
  return JSON.stringify([k.context, k.resource.group, k.resource.resource, k.namespace ?? '', k.labelSelector ?? '', k.fieldSelector ?? '']);
}

export interface InformerHandle {
  informer?: InformerView;
  state?: InformerState;
  /** Bumped on every (coalesced) change. */
  version: number;
}

const STATE_POLL_MS = 250; // state transitions (syncing → live → reconnecting) need not come with row changes

export function useInformer(backend: DashboardBackend, key: InformerKey | undefined): InformerHandle {
  const id = key ? informerKeyId(key) : '';
  const [handle, setHandle] = useState<InformerHandle>({ version: 0 });
  const keyRef = useRef(key);
  keyRef.current = key;
  useEffect(() => {
    const k = keyRef.current;
    if (!k) {
      setHandle({ version: 0 });
      return;
    }
    const lease = backend.acquire(k);
    const inf = lease.informer;
    let version = 0;
    let lastPhase = '';
    const bump = () => {
      version++;
      const state = inf.state();
      lastPhase = state.phase;
      setHandle({ informer: inf, state, version });
    };
    bump();
    const unsubscribe = inf.subscribe(bump);
    const timer = setInterval(() => {
      const st = inf.state();
      if (st.phase !== lastPhase || st.phase === 'reconnecting') bump();
    }, STATE_POLL_MS);
    return () => {
      clearInterval(timer);
      unsubscribe();
      lease.release();
    };
  }, [backend, id]);
  return handle;
}

/** The current time, ticking every `ms` (ages keep counting). */
export function useNow(ms = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(t);
  }, [ms]);
  return now;
}

/** A value that follows `value` only after it has been still for `ms` (terminal resize while dragging). */
export function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

/** Resolves a promise-returning call per key; `undefined` while pending. Errors are kept, not thrown. */
export function useAsync<T>(fn: () => Promise<T>, deps: unknown[]): { value?: T; error?: unknown; pending: boolean } {
  const [s, setS] = useState<{ value?: T; error?: unknown; pending: boolean }>({ pending: true });
  useEffect(() => {
    let live = true;
    setS({ pending: true });
    fn().then(
      (value) => live && setS({ value, pending: false }),
      (error: unknown) => live && setS({ error, pending: false }),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return s;
}
