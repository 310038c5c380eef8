// What each promise the dashboard's hooks have seen settled to, so a promise seen before is read in the first
// render instead of after an effect: a warm context's connection and discovery (useAsync), and at start-up the
// ones src/app/run.ts awaited before the UI loaded (primeSettled). No React here: the pre-screen code uses it.
const settled = new WeakMap<Promise<unknown>, { value?: unknown; error?: unknown }>();

export function track<T>(p: Promise<T>): Promise<T> {
  if (!settled.has(p)) {
    p.then(
      (value) => settled.set(p, { value }),
      (error: unknown) => settled.set(p, { error }),
    );
  }
  return p;
}

/** The outcome of `p` if it is known to have settled. */
export function settledOutcome<T>(p: Promise<T>): { value?: T; error?: unknown } | undefined {
  return settled.get(p) as { value?: T; error?: unknown } | undefined;
}

/** Resolves once `p` has settled and its outcome is recorded (never rejects). */
export async function primeSettled(p: Promise<unknown>): Promise<void> {
  track(p);
  await p.then(
    () => {},
    () => {},
  );
}
