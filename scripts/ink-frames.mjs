// Two changes to how Ink's instance (ink/build/ink.js) puts a frame on the terminal, applied by scripts/bundle.mjs
// when it bundles Ink (the build fails if the file changes shape: each swap must match exactly once).
//
// One write a frame. Ink brackets each frame in synchronized-output marks and writes them apart: begin mark (8 bytes),
// the frame, end mark: three writes, so the terminal (tmux) may take the frame in up to three reads. The frame's
// writes are now gathered while it is drawn and written once: the same bytes in the same order, one write.
//
// Frames computed and not written. kdeck warms the code a key's frame runs while it is idle after a sync
// (src/app/unwritten-frames.ts, src/ui-state/warm-key-path.ts): it renders a frame with the cursor on a neighbouring
// row and puts the real one back in the same task. While globalThis[Symbol.for('kdeck.unwrittenFrames')] is true,
// Ink lays out and renders the frame (the work being warmed) and then stops before its terminal code: nothing written,
// and Ink still holds the last frame it wrote, so the frame put back compares equal to it and writes nothing either.
// The flag exists (false) once this Ink is loaded: an Ink without the rewrite (the sources run by tsx) would write
// those frames, so kdeck warms nothing there.

import { applySwaps } from './shape-swaps.mjs';

/** The global flag src/app/unwritten-frames.ts sets; the same key in both places (test/app/ink-frames.test.ts). */
export const UNWRITTEN_FRAMES_KEY = 'kdeck.unwrittenFrames';

/** [what Ink has, what kdeck makes of it]: each `from` must occur exactly once in ink.js. */
const SWAPS = [
  [
    'export default class Ink {\n',
    `/** kdeck: present (false) when this Ink honours unwritten frames: kdeck warms the key path only then. */
globalThis[Symbol.for('${UNWRITTEN_FRAMES_KEY}')] = false;
/** kdeck: what log-update writes to. While a frame is open (ink.kdeckFrame is a string), its writes join it. */
const kdeckFrameStream = (ink, stdout) => ({
    get columns() {
        return stdout.columns;
    },
    get isTTY() {
        return stdout.isTTY;
    },
    write(chunk) {
        if (ink.kdeckFrame === undefined) {
            return stdout.write(chunk);
        }
        ink.kdeckFrame += chunk;
        return true;
    },
});
export default class Ink {
`,
  ],
  ['        this.log = logUpdate.create(options.stdout, {\n', '        this.log = logUpdate.create(kdeckFrameStream(this, options.stdout), {\n'],
  // The throttled frame write: begin mark, the frame and end mark gathered and written once.
  [
    `                const shouldSync = this.shouldSync();
                if (shouldSync && shouldWrite) {
                    this.options.stdout.write(bsu);
                }
                this.log(output);
                if (shouldSync && shouldWrite) {
                    this.options.stdout.write(esu);
                }
`,
    `                const shouldSync = this.shouldSync();
                if (shouldSync && shouldWrite) {
                    this.kdeckFrame = bsu;
                }
                try {
                    this.log(output);
                }
                finally {
                    const frame = this.kdeckFrame;
                    this.kdeckFrame = undefined;
                    if (frame !== undefined) {
                        this.options.stdout.write(frame + esu);
                    }
                }
`,
  ],
  // A frame made to warm the key path: rendered, not written (see above).
  [
    `        const renderTime = performance.now() - startTime;
        this.renderFrame(output, outputHeight, staticOutput);
`,
    `        const renderTime = performance.now() - startTime;
        if (globalThis[Symbol.for('${UNWRITTEN_FRAMES_KEY}')] === true) {
            return;
        }
        this.renderFrame(output, outputHeight, staticOutput);
`,
  ],
];

/** Ink's ink.js with the swaps above; throws, naming the file, if any `from` is not there exactly once. */
export function rewriteInkFrames(source, path = 'ink/build/ink.js') {
  return applySwaps(source, SWAPS, "Ink's instance", path);
}
