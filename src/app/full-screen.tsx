// fullscreen-ink's withFullScreen, with two differences. The alternate screen is entered before Ink's first write:
// withFullScreen's render(null) paints an empty frame, a "\n", before its start() enters it, and on the normal screen
// that newline stayed as a blank line above the shell's prompt after quitting (nothing kdeck writes then reaches the
// normal screen; a hand-over's child writes there itself, terminal.ts). And a screen that start-up pre-painted
// (pre-paint.ts) is already in the alternate screen: entering it again would clear it on most terminals, a blank
// flash before Ink's first frame. Ink's empty frame's newline then moves the cursor from home, where the pre-paint
// left it, to the next line, and its first frame goes up that line and rewrites each line in place.
import type { ReactNode } from 'react';
import { render, type RenderOptions } from 'ink';
import { FullScreenBox } from 'fullscreen-ink';
import { ENTER_ALT_SCREEN, LEAVE_ALT_SCREEN } from './screen-codes.js';
import { setFrameFlush } from './unwritten-frames.js';


function write(content: string): Promise<void> {
  return new Promise((resolve, reject) => process.stdout.write(content, (e) => (e ? reject(e) : resolve())));
}

export function withFullScreen(node: ReactNode, options: RenderOptions, inAlternateScreen: boolean) {
  if (!inAlternateScreen) process.stdout.write(ENTER_ALT_SCREEN); // saves the cursor; leaving restores it
  const instance = render(null, options);
  const exited = instance.waitUntilExit().then(() => {
    setFrameFlush(undefined);
    return write(LEAVE_ALT_SCREEN);
  });
  return {
    instance,
    async start(): Promise<void> {
      const tree = <FullScreenBox>{node}</FullScreenBox>;
      instance.rerender(tree);
      // Ink's rerender renders synchronously, pending state updates included: the warm-up's frames (unwritten-frames.ts).
      setFrameFlush(() => instance.rerender(tree));
    },
    waitUntilExit: () => exited,
  };
}
