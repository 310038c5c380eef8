// React hooks that connect views to informers and the clock. They hold subscriptions, never data copies:
// the store stays the single source of rows, and a change only bumps a version number to re-render.
import { useEffect, useRef, useState } from 'react';
import { informerKeyString } from '../watch/informer-key.js';
import type { DashboardBackend } from './backend.js';
import type { InformerKey, InformerState, InformerView } from './engine-types.js';


export interface InformerHandle {
  informer?: InformerView;
  state?: InformerState;
  /** Bumped on every (coalesced) change, state transitions included (the informer notifies those too). */
  version: number;
}

/**
 * The informer for `key`, acquired while mounted. Until the lease for the current key is in place it returns no
 * informer, so a render right after the key changed (a context flip) never shows the previous key's rows.
 */
export function useInformer(backend: DashboardBackend, key: InformerKey | undefined): InformerHandle {
  const id = key ? informerKeyString(key) : '';
  const [handle, setHandle] = useState<InformerHandle & { id: string }>({ id: '', version: 0 });
  const keyRef = useRef(key);
  keyRef.current = key;
  useEffect(() => {
    const k = keyRef.current;
    if (!k) {
      setHandle({ id, version: 0 });
      return;
    }
    const lease = backend.acquire(k);
    const inf = lease.informer;
    let version = 0;
    const bump = () => setHandle({ id, informer: inf, state: inf.state(), version: ++version });
    bump();
    const unsubscribe = inf.subscribe(bump);
    return () => {
      unsubscribe();
      lease.release();
    };
  }, [backend, id]);
  return handle.id === id ? handle : { version: 0 };
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

/**
 * Resolves a promise-returning call per `deps`; `undefined` while pending. Errors are kept, not thrown.
 * A result belongs to the deps it was computed for: right after the deps change (a context flip) the value is
 * pending, never the previous deps' value.
 */
export function useAsync<T>(fn: () => Promise<T>, deps: unknown[]): { value?: T; error?: unknown; pending: boolean } {
  const [s, setS] = useState<{ value?: T; error?: unknown; pending: boolean; deps?: unknown[] }>({ pending: true });
  useEffect(() => {
    let live = true;
    setS({ pending: true, deps });
    fn().then(
      (value) => live && setS({ value, pending: false, deps }),
      (error: unknown) => live && setS({ error, pending: false, deps }),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  const current = s.deps !== undefined && s.deps.length === deps.length && s.deps.every((d, i) => Object.is(d, deps[i]));
  return current ? s : { pending: true };
}
