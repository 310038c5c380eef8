// Waiting on ink-testing-library frames: poll the last frame until it shows what a test waits for.
import assert from 'node:assert/strict';

export const tick = (ms = 30) => new Promise((r) => setTimeout(r, ms));

export async function until(frame: () => string | undefined, pred: (f: string) => boolean, what: string, tries = 300): Promise<string> {
  for (let i = 0; i < tries; i++) {
    const f = frame() ?? '';
    if (pred(f)) return f;
    await tick(10);
  }
  assert.fail(`${what} never appeared; last frame:\n${frame()}`);
}
