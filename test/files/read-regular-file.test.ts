// Files named by users or kubeconfigs: only regular files, never more than a limit, never a blocking open.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileProblem, readRegularFile, readRegularFileSync } from '../../src/files/read-regular-file.js';

let dir = '';
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'kdeck-files-'));
  writeFileSync(join(dir, 'ok.txt'), 'hello');
  execFileSync('mkfifo', [join(dir, 'fifo')]);
  writeFileSync(join(dir, 'big'), '');
  truncateSync(join(dir, 'big'), 50 * 1024 * 1024); // sparse: 50 MB that cost nothing
  symlinkSync('/dev/zero', join(dir, 'zero-link'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

function problem(fn: () => unknown): FileProblem {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof FileProblem, String(err));
    return err;
  }
  assert.fail('expected a FileProblem');
}

async function problemAsync(p: Promise<unknown>): Promise<FileProblem> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof FileProblem, String(err));
    return err;
  }
  assert.fail('expected a FileProblem');
}

test('a regular file is read', async () => {
  assert.equal(readRegularFileSync(join(dir, 'ok.txt'), 100), 'hello');
  assert.equal(await readRegularFile(join(dir, 'ok.txt'), 100), 'hello');
});

test('devices, FIFOs (without blocking), directories, symlinks to devices are refused', async () => {
  const cases: [string, string, RegExp][] = [
    ['/dev/zero', 'ENOTREG', /is a character device, not a regular file/],
    [join(dir, 'zero-link'), 'ENOTREG', /character device/],
    [join(dir, 'fifo'), 'ENOTREG', /is a named pipe \(FIFO\), not a regular file/],
    [dir, 'EISDIR', /is a directory/],
    [join(dir, 'missing'), 'ENOENT', /does not exist/],
    [join(dir, 'ok.txt', 'below'), 'ENOENT', /does not exist/],
  ];
  for (const [path, code, reason] of cases) {
    const p = problem(() => readRegularFileSync(path, 1024));
    assert.equal(p.code, code, path);
    assert.match(p.reason, reason);
    const q = await problemAsync(readRegularFile(path, 1024));
    assert.equal(q.code, code, path);
  }
});

test('a file over the limit is refused from its size, before reading', async () => {
  const p = problem(() => readRegularFileSync(join(dir, 'big'), 16 * 1024 * 1024));
  assert.equal(p.code, 'EFBIG');
  assert.match(p.reason, /is 50 MB, more than the 16 MB kdeck reads/);
  assert.equal((await problemAsync(readRegularFile(join(dir, 'big'), 1024))).code, 'EFBIG');
});

test('a file that reports no size (as /proc files do) is still cut at the limit', () => {
  const p = problem(() => readRegularFileSync('/proc/self/maps', 16));
  assert.equal(p.code, 'EFBIG');
});
