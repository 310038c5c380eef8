// Keeps V8's young generation (the two semi-spaces new objects are made in) at most a given size each, for the
// dashboard's whole life.
//
// Why: V8 doubles the young generation, up to 64 MiB per semi-space on 64-bit Node, whenever more bytes survived its
// scavenges since the last growth than it holds, and shrinks it only at a GC that sees under ~1 MB/s allocated. The
// dashboard allocates more than that whenever something on screen changes (Ink builds each frame anew, ~7 MB for a
// 200x50 screen: once a second while ages tick), and a big list is rows that all survive, so after it the young
// generation stays at its 128 MiB maximum for good and every page of it is touched: at 50,000 pods that was ~116 MB of
// the dashboard's ~285 MB RSS, more than the rows themselves (~45 MB), and the whole gap to a bare process holding
// the same list (bench/ui.ts). Capped at 32 MiB a semi-space (the young generation a bare process holding that list
// ends with), scavenges come twice as often, each as short (their cost is what survives, not the space's size). At
// 16 MiB the RSS fell further (0.92x the floor's against 1.08x) but 23-25 of 60 keys pressed under 1,000 events/s
// waited on a scavenge of 5-40 ms (9 at 32 MiB, 0-2 uncapped).
// How: the maximum is a start-up flag (--max-semi-space-size) that a bin run as `node kdeck.js` cannot give itself,
// and V8 reads it only when the heap is made. The growth factor (--semi-space-growth-factor) is read at each growth,
// so after every GC it is set to 1 (no growth) while the young generation is at the cap, and back to V8's default
// below it (V8 shrinks it when allocation is low, and it must be able to grow back). GCs reach the observer a couple
// of event-loop turns after they happen, so one burst of allocation within a turn can still take it a doubling past.
import { PerformanceObserver } from 'node:perf_hooks';
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';

/** The dashboard's cap per semi-space (V8's own maximum on 64-bit Node is 64 MiB). */
export const DASHBOARD_SEMI_SPACE_MB = 32;
/** V8's default --semi-space-growth-factor. */
const V8_GROWTH_FACTOR = 2;
const MiB = 1024 * 1024;

/** The young generation's size now (both semi-spaces), or undefined when V8 does not report it. */
export function youngGenerationBytes(): number | undefined {
  return getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')?.space_size;
}

/**
 * Caps the young generation at `semiSpaceMb` per semi-space from the next GC on; returns a function that ends the
 * cap (V8's default growth again). An optimisation: never throws, and a V8 that reports no new space is left alone.
 */
export function capYoungGeneration(semiSpaceMb = DASHBOARD_SEMI_SPACE_MB): () => void {
  const cap = 2 * semiSpaceMb * MiB;
  let frozen = false;
  const setFactor = (factor: number) => {
    try {
      setFlagsFromString(`--semi-space-growth-factor=${factor}`);
    } catch {
      // a Node that refuses flags at run time keeps V8's default
    }
  };
  const check = () => {
    const size = youngGenerationBytes();
    if (size === undefined) return;
    const atCap = size >= cap;
    if (atCap !== frozen) {
      frozen = atCap;
      setFactor(atCap ? 1 : V8_GROWTH_FACTOR);
    }
  };
  let observer: PerformanceObserver | undefined;
  try {
    observer = new PerformanceObserver(check);
    observer.observe({ entryTypes: ['gc'] });
    check();
  } catch {
    observer = undefined;
  }
  return () => {
    observer?.disconnect();
    if (frozen) setFactor(V8_GROWTH_FACTOR);
    frozen = false;
  };
}
