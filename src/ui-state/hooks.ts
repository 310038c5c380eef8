// React hooks that connect views to informers and the clock. They hold subscriptions, never data copies:
// the store stays the single source of rows, and a change only bumps a version number to re-render.
import { useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { informerKeyString } from '../watch/informer-key.js';
import type { DashboardBackend } from './backend.js';
import type { InformerKey, InformerState, InformerView } from './engine-types.js';
import { traceMark } from './frame-trace.js';
import { settledOutcome, track } from './settled.js';


export interface InformerHandle {
  informer?: InformerView;
  state?: InformerState;
  /** Bumped on every (coalesced) change, state transitions included (the informer notifies those too). */
  version: number;
}

/**
 * The informer for `key`, acquired while mounted. Until the lease for the current key is in place it returns no
 * informer, so a render right after the key changed (a context flip) never shows the previous key's rows.
 * `unchanged`, when given, is asked on each notification whose informer state did not change: true (nothing on
 * screen changed, e.g. only rows off screen did) skips the render.
 */
export function useInformer(backend: DashboardBackend, key: InformerKey | undefined, unchanged?: () => boolean): InformerHandle {
  const id = key ? informerKeyString(key) : '';
  // The handle lives in a ref so that taking the lease of an informer already on screen (peeked) needs no render.
  const handleRef = useRef<InformerHandle & { id: string }>({ id: '', version: 0 });
  const [, rerender] = useReducer((x: number) => x + 1, 0);
  const keyRef = useRef(key);
  keyRef.current = key;
  const unchangedRef = useRef(unchanged);
  unchangedRef.current = unchanged;
  const peeked = useRef<{ informer: InformerView; state: InformerState } | undefined>(undefined);
  useEffect(() => {
    const k = keyRef.current;
    if (!k) {
      // Only a handle that held an informer changes: a hook mounted without a key (a panel not shown, metrics before
      // their list) rendered exactly this, and a render per such hook at mount was a second full frame at start-up.
      if (handleRef.current.id === id && !handleRef.current.informer) return;
      handleRef.current = { id, version: 0 };
      rerender();
      return;
    }
    const lease = backend.acquire(k);
    const inf = lease.informer;
    let version = 0;
    let shown = inf.state();
    const take = (render: boolean) => {
      handleRef.current = { id, informer: inf, state: (shown = inf.state()), version: ++version };
      if (render) rerender();
    };
    // A warm informer the last render already showed (peek), unchanged since: the same frame needs no second render.
    const p = peeked.current;
    take(!(p?.informer === inf && p.state === shown && unchangedRef.current?.()));
    const unsubscribe = inf.subscribe(() => {
      traceMark('notify');
      if (inf.state() === shown && unchangedRef.current?.()) return;
      take(true);
    });
    return () => {
      unsubscribe();
      lease.release();
    };
  }, [backend, id]);
  peeked.current = undefined;
  const handle = handleRef.current;
  if (handle.id === id) return handle;
  // Before the lease is in place (the render right after a flip back), a warm informer is shown as it is.
  const warm = key ? backend.peek?.(key) : undefined;
  if (!warm) return { version: 0 };
  peeked.current = { informer: warm, state: warm.state() };
  return { ...peeked.current, version: 0 };
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
 * pending, never the previous deps' value. The call is made when the deps change (during that render), so a call
 * that returns a promise already settled (the backend's per-context promises on a flip back) is read in the same
 * render: no frame shows "loading" for what is known.
 */
export function useAsync<T>(fn: () => Promise<T>, deps: unknown[]): { value?: T; error?: unknown; pending: boolean } {
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const promise = useMemo(() => {
    try {
      return track(fn());
    } catch (e) {
      return track(Promise.reject(e) as Promise<T>);
    }
  }, deps);
  const [, settledNow] = useReducer((x: number) => x + 1, 0);
  const known = settledOutcome(promise);
  const renderedPending = useRef(false);
  renderedPending.current = !known;
  useEffect(() => {
    // Settled between the render that showed it pending and this effect: render again.
    if (settledOutcome(promise)) {
      if (renderedPending.current) settledNow();
      return;
    }
    let live = true;
    // track() registered first, so by the time this runs the outcome is in `settled`.
    promise.then(
      () => live && settledNow(),
      () => live && settledNow(),
    );
    return () => {
      live = false;
    };
  }, [promise]);
  return known ? { ...known, pending: false } : { pending: true };
}
