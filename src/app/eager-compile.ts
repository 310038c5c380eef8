// V8 compiles a function's body the first time it is called (lazy compilation), and Node's compile cache keeps the
// code V8 had compiled when the module was compiled: a module's top level, not the functions it calls later. So every
// start compiled again, on its first frame, most of React's reconciler, Ink, yoga's glue and the components (the
// first dashboard frame runs nearly all of them). With V8's --no-lazy while a module graph is compiled, every function
// in it is compiled at once, the compile cache keeps them all, and later starts read them instead of compiling them.
// Only for chunks whose functions mostly run at start-up (measured, main-thread CPU of warm starts): the UI chunk (its
// first frame) and yaml's (every start parses a kubeconfig). Not undici's or meow's (most of their code never runs:
// reading it compiled cost 30-40 ms more than compiling the few functions that do), nor the pre-paint's or the rest
// of the pre-screen chunks (no measurable gain, 14 paired starts).
// The flag is V8's and process-wide, so it is set only until the import settles; failure leaves lazy compilation on.
// node:v8 itself is imported here, not at the top: the importer's first call loads it (the pre-screen modules load it
// anyway, for the young generation's cap).

/** Runs `load` (a dynamic import) with V8's eager compilation on until it settles. */
export async function importEagerly<T>(load: () => Promise<T>): Promise<T> {
  const { setFlagsFromString } = await import('node:v8');
  let eager = false;
  try {
    setFlagsFromString('--no-lazy');
    eager = true;
  } catch {
    // a V8 that refuses flags at run time: load lazily, as before
  }
  try {
    return await load();
  } finally {
    if (eager) setFlagsFromString('--lazy');
  }
}
