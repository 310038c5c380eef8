// Reading a file a user (or a kubeconfig) names: only a regular file, and never more than a limit.
// A path may be /dev/zero (endless), a FIFO (open blocks until a writer comes), a directory, or a 3 GB log
// someone pointed at by mistake. The file is opened non-blocking and checked with fstat on the open descriptor
// (so a symlink swapped in between cannot dodge the check), then read in chunks that stop past the limit.
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { open } from 'node:fs/promises';

/** Limits for the kinds of file kdeck reads: far above any real one, far below what hurts. */
export const FILE_LIMITS = {
  kubeconfig: 16 * 1024 * 1024,
  /** certificates, keys, CA bundles, token files */
  credential: 4 * 1024 * 1024,
  /** config.yaml, favourites.json */
  settings: 1024 * 1024,
} as const;

export type FileProblemCode = 'ENOENT' | 'EACCES' | 'EISDIR' | 'ENOTREG' | 'EFBIG' | 'EOTHER';

/** Why a file could not be used, as words that follow its path: "/dev/zero is a character device, not a file". */
export class FileProblem extends Error {
  constructor(
    readonly code: FileProblemCode,
    readonly reason: string,
  ) {
    super(reason);
    this.name = 'FileProblem';
  }
}

const NONBLOCK = constants.O_NONBLOCK ?? 0;
const CHUNK = 64 * 1024;

function sizeText(bytes: number): string {
  if (bytes >= 1024 * 1024 * 1024) return `${(bytes / (1024 * 1024 * 1024)).toFixed(1)} GB`;
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`;
  return `${Math.ceil(bytes / 1024)} KB`;
}

function notRegular(st: Stats): FileProblem | undefined {
  if (st.isFile()) return undefined;
  if (st.isDirectory()) return new FileProblem('EISDIR', 'is a directory, not a file');
  const kind = st.isFIFO() ? 'a named pipe (FIFO)' : st.isCharacterDevice() ? 'a character device' : st.isBlockDevice() ? 'a block device' : st.isSocket() ? 'a socket' : 'not a regular file';
  return new FileProblem('ENOTREG', `is ${kind}, not a regular file`);
}

function tooBig(bytes: number, limit: number): FileProblem {
  return new FileProblem('EFBIG', `is ${bytes > limit + CHUNK ? sizeText(bytes) : `over ${sizeText(limit)}`}, more than the ${sizeText(limit)} kdeck reads`);
}

/** The problem an fs error stands for. */
export function fileProblemOf(err: unknown): FileProblem {
  if (err instanceof FileProblem) return err;
  const code = (err as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return new FileProblem('ENOENT', 'does not exist');
  if (code === 'EACCES' || code === 'EPERM') return new FileProblem('EACCES', 'cannot be read (permission denied)');
  if (code === 'EISDIR') return new FileProblem('EISDIR', 'is a directory, not a file');
  if (code === 'ENXIO') return new FileProblem('ENOTREG', 'is a socket, not a regular file');
  if (code === 'ELOOP') return new FileProblem('EOTHER', 'is a symbolic link loop');
  return new FileProblem('EOTHER', `cannot be read (${code ?? 'error'})`);
}

/** What the one read loop asks of the file: its fstat, or the next chunk into a buffer (answered by the bytes read). */
type FileStep = { stat: true } | { read: Buffer };

/**
 * The read of an open file, written once for both drivers below: it yields what it needs from the file and is
 * resumed with the answer, so the sync and the async reader share every check (regular file, size, growth).
 */
function* readSteps(limit: number): Generator<FileStep, string, Stats | number> {
  const st = (yield { stat: true }) as Stats;
  const bad = notRegular(st);
  if (bad) throw bad;
  if (st.size > limit) throw tooBig(st.size, limit);
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const buf = Buffer.allocUnsafe(Math.min(CHUNK, limit + 1 - total));
    const n = (yield { read: buf }) as number;
    if (n === 0) break;
    chunks.push(n === buf.length ? buf : buf.subarray(0, n));
    total += n;
    if (total > limit) throw tooBig(total, limit); // it grew while being read
  }
  return Buffer.concat(chunks, total).toString('utf8');
}

/** The text of a regular file at most `limit` bytes long; throws FileProblem otherwise. */
export function readRegularFileSync(path: string, limit: number): string {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | NONBLOCK);
  } catch (err) {
    throw fileProblemOf(err);
  }
  try {
    const steps = readSteps(limit);
    for (let r = steps.next(); ; ) {
      if (r.done) return r.value;
      const step = r.value;
      r = steps.next('stat' in step ? fstatSync(fd) : readSync(fd, step.read, 0, step.read.length, null));
    }
  } catch (err) {
    throw fileProblemOf(err);
  } finally {
    closeSync(fd);
  }
}

/** As readRegularFileSync, without blocking the event loop. */
export async function readRegularFile(path: string, limit: number): Promise<string> {
  let fh: Awaited<ReturnType<typeof open>>;
  try {
    fh = await open(path, constants.O_RDONLY | NONBLOCK);
  } catch (err) {
    throw fileProblemOf(err);
  }
  try {
    const steps = readSteps(limit);
    for (let r = steps.next(); ; ) {
      if (r.done) return r.value;
      const step = r.value;
      r = steps.next('stat' in step ? await fh.stat() : (await fh.read(step.read, 0, step.read.length, null)).bytesRead);
    }
  } catch (err) {
    throw fileProblemOf(err);
  } finally {
    await fh.close();
  }
}
