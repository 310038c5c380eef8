// The filter texts of the table on screen, made while the dashboard is idle (RowStore.prepareSearchTexts), so a `/`
// typed later is one pass over ready texts (a regex over 200,000 rows otherwise makes them all first: half a second).
// Only once the informer is live, never during its list (it would compete with the rows arriving); in slices of a
// few ms with the event loop in between, so a key waits one slice at most; and again a while after rows change.
import { useEffect } from 'react';
import type { InformerView } from './engine-types.js';

/** CPU per slice: what a key typed meanwhile may wait. */
export const SLICE_MS = 4;
/** After the informer turns live (or the view opens): soon, the user may type `/` right away. */
const START_MS = 50;
/** After rows changed: their texts can wait (a filter makes the few it lacks), churn costs one short pass a second. */
const AFTER_CHANGE_MS = 1000;

export function useSearchTexts(informer: InformerView | undefined): void {
  useEffect(() => {
    const store = informer?.store;
    if (!informer || !store?.prepareSearchTexts) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let immediate: ReturnType<typeof setImmediate> | undefined;
    let wasLive = false;
    const slice = () => {
      timer = immediate = undefined;
      if (informer.state().phase !== 'live') return; // turning live again notifies, which arms it again
      if (!store.prepareSearchTexts!(SLICE_MS)) immediate = setImmediate(slice);
    };
    const arm = () => {
      const live = informer.state().phase === 'live';
      const turnedLive = live && !wasLive;
      wasLive = live;
      if (!live || immediate || (timer && !turnedLive)) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(slice, turnedLive ? START_MS : AFTER_CHANGE_MS);
    };
    arm();
    const unsubscribe = informer.subscribe(arm);
    return () => {
      unsubscribe();
      if (timer) clearTimeout(timer);
      if (immediate) clearImmediate(immediate);
    };
  }, [informer]);
}
