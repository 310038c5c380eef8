// One promise per key, kept while it is pending or fulfilled; a rejected one is forgotten so the next call tries
// again. The same promise for the same key is what lets a flip back read its answer settled (hooks.ts useAsync).
export function cachedPromise<T>(cache: Map<string, Promise<T>>, key: string, make: () => Promise<T>): Promise<T> {
  let p = cache.get(key);
  if (!p) {
    const made = make();
    cache.set(key, made);
    made.catch(() => {
      if (cache.get(key) === made) cache.delete(key);
    });
    p = made;
  }
  return p;
}
