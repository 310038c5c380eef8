// The first keys after a sync cost about twice the rest (kdeck's CPU from key to frame 13-16 ms against 7-9): V8 has
// not yet optimised the code a key's frame runs (the model with the cursor moved, React updating two rows, Ink laying
// out and rendering them), and the clock's frames while idle do not run it often enough. So while idle after the first
// table's sync, the dashboard renders that frame a few times with the cursor on a neighbouring row, each time putting
// the real one back before any key or event is handled, with Ink told not to write (UiServices.unwrittenFrame):
// nothing reaches the screen, and the first real keys find the code warm. Once per dashboard, after the list (never
// competing with it), a frame every STEP_MS; a key, before or during it, stops it (keys warm the path themselves, and
// the warm frames must never come between a user's keys).
import { useEffect, useRef } from 'react';
import type { UiServices } from './services.js';

/** How many frames are warmed (10 real keys made the next keys as cheap as the rest in probes at 50,000 rows). */
export const WARM_FRAMES = 12;
/** Idle time after the table is complete before the first (the filter texts are made then too). */
export const WARM_AFTER_MS = 300;
const STEP_MS = 15;

/** Where a frame's cursor is and what rows it could move to. */
export interface CursorWindow {
  cursor: number;
  top: number;
  height: number;
  length: number;
}

/** The row the n-th warm frame puts the cursor on: next to it and inside the window, down then up; none for one row. */
export function warmCursor(w: CursorWindow, n: number): number | undefined {
  const last = Math.min(w.top + w.height, w.length) - 1;
  const down = w.cursor + 1 <= last ? w.cursor + 1 : undefined;
  const up = w.cursor - 1 >= w.top ? w.cursor - 1 : undefined;
  return n % 2 === 0 ? (down ?? up) : (up ?? down);
}

/**
 * Warms the key path once `ready` (the first table is complete and shown). `frame(cursor)` renders the table with the
 * cursor there (undefined: the real cursor); `window()` is the last real frame's, or undefined when it is no table;
 * `keys` counts the keys handled since the dashboard started.
 */
export function useWarmKeyPath(ready: boolean, services: UiServices | undefined, frame: (cursor: number | undefined) => void, window: () => CursorWindow | undefined, keys: { readonly current: number }): void {
  const started = useRef(false);
  useEffect(() => {
    const unwritten = services?.unwrittenFrame;
    if (!ready || started.current || !unwritten) return;
    started.current = true;
    let n = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const step = () => {
      const w = window();
      const cursor = w && warmCursor(w, n);
      if (keys.current > 0 || cursor === undefined || n++ >= WARM_FRAMES) return;
      unwritten(() => frame(cursor), () => frame(undefined));
      timer = setTimeout(step, STEP_MS);
    };
    timer = setTimeout(step, WARM_AFTER_MS);
    return () => clearTimeout(timer);
  }, [ready]);
}
