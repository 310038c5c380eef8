// enableCompileCache: an optimisation that must never break kdeck. The process-level behaviour (the bin with an
// unusable cache dir) is checked in bundle.test.ts; here the function itself, in this process.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { enableCompileCache } from '../../src/app/compile-cache.js';

test('a dir that cannot be created (under a regular file) is "failed", with no throw and nothing enabled', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kdeck-cc-'));
  try {
    const file = join(dir, 'file');
    writeFileSync(file, 'x');
    assert.equal(enableCompileCache(join(file, 'compile')), 'failed');
    // Then a usable dir still works (the failure enabled nothing); Node writes the cache into it.
    const good = join(dir, 'cache', 'compile');
    const status = enableCompileCache(good);
    assert.ok(status === 'enabled' || status === 'already-enabled' || status === 'disabled', status);
    if (status === 'enabled') assert.ok(readdirSync(good).length > 0, 'Node made its versioned subdir');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
