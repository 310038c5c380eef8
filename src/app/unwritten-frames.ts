// Frames Ink computes and does not write (scripts/ink-frames.mjs rewrites the bundled Ink to honour a global flag):
// the dashboard warms the code a key's frame runs while idle after a sync (src/ui-state/warm-key-path.ts) with
// nothing reaching the screen. Only an Ink with the rewrite defines the flag; elsewhere (the sources run by tsx) the
// service is absent and nothing is warmed.
import type { UiServices } from '../ui-state/services.js';

const KEY = Symbol.for('kdeck.unwrittenFrames');
const flags = globalThis as unknown as Record<symbol, boolean | undefined>;

/** Renders Ink's tree again at once, with every pending state update (full-screen.tsx: Ink's own rerender). */
let flushFrame: (() => void) | undefined;

export function setFrameFlush(flush: (() => void) | undefined): void {
  flushFrame = flush;
}

/**
 * `draw` changes what the dashboard renders and `restore` puts the real state back; each is rendered at once, in this
 * call, so no key or event comes between them. The first frame is computed and not written; the second equals the
 * last frame written, which Ink does not write again.
 */
function unwrittenFrame(draw: () => void, restore: () => void): void {
  const flush = flushFrame;
  if (!flush) return;
  flags[KEY] = true;
  try {
    draw();
    flush();
  } finally {
    flags[KEY] = false;
    restore();
    flush();
  }
}

/** The service, when the loaded Ink honours it. */
export function unwrittenFrames(): Pick<UiServices, 'unwrittenFrame'> {
  return KEY in flags ? { unwrittenFrame } : {};
}
