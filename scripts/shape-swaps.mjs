// A dependency's file reshaped at bundle time by exact text swaps (scripts/ink-output-caches.mjs, ink-frames.mjs):
// each `from` must occur exactly once, so a dependency upgrade that changes the file fails the build instead of
// silently dropping the change.

/** `source` with each [from, to] swapped in turn; throws "`what` changed: expected one `…` in `path`" otherwise. */
export function applySwaps(source, swaps, what, path) {
  let out = source;
  for (const [from, to] of swaps) {
    if (out.split(from).length !== 2) throw new Error(`${what} changed: expected one \`${from.split('\n').find((l) => l.trim())?.trim()}\` in ${path}`);
    out = out.replace(from, () => to);
  }
  return out;
}
