// importEagerly: V8 compiles every function of what is compiled while the import is in flight (so Node's compile
// cache keeps them), and lazy compilation is back once it settles, whether the import resolved or failed. Observed
// through V8 itself: the code cache of a script holds the functions compiled with it, so an eagerly compiled script's
// cache is several times a lazily compiled one's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Script } from 'node:vm';
import { importEagerly } from '../../src/app/eager-compile.js';

let n = 0;
/** Bytes of V8's code cache for a fresh script of 200 functions never called (a unique source: no cache reuse). */
function cachedBytes(): number {
  const body = Array.from({ length: 200 }, (_, i) => `function f${i}_${n}(a) { let s = 0; for (let j = 0; j < a; j++) s += j * ${i}; return [s, String(s), { s }]; }`).join('\n');
  n++;
  return new Script(body, { filename: `eager-${n}.js` }).createCachedData().length;
}

test('functions compiled while the import is in flight are compiled whole; lazy again once it resolved', async () => {
  const lazy = cachedBytes();
  const during = await importEagerly(async () => cachedBytes());
  const after = cachedBytes();
  assert.ok(during > lazy * 3, `eager ${during} B vs lazy ${lazy} B`);
  assert.ok(after < during / 3, `lazy again: ${after} B vs eager ${during} B`);
});

test('the import\'s value is returned, its failure thrown, and lazy compilation restored after a failure too', async () => {
  assert.equal(await importEagerly(async () => 42), 42);
  const during: number[] = [];
  await assert.rejects(
    importEagerly(async () => {
      during.push(cachedBytes());
      throw new Error('no such module');
    }),
    /no such module/,
  );
  const after = cachedBytes();
  assert.ok(after < during[0]! / 3, `lazy again after a failed import: ${after} B vs eager ${during[0]} B`);
});
