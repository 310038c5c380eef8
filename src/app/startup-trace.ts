// KDECK_TRACE_STARTUP=FILE: where kdeck's first second goes, as milliseconds since the process started, written to
// FILE (JSON) once, when kdeck exits — never to the screen, and no file writes while it starts (they would be
// measured too). Off (one env lookup per mark) unless the variable is set.
// Node's own boot comes from performance.nodeTiming; the first TLS connection from undici's diagnostics channel; the
// terminal writes of the first frames from traceTerminal() (the first that shows a row is what a user sees first).
// The file also gives performance.timeOrigin (the process start as epoch ms), so a bench can place the marks on its
// own clock: Enter → process start (shell, exec, Node's own start) and first row written → on screen.
import { writeFileSync } from 'node:fs';
import { subscribe } from 'node:diagnostics_channel';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TraceMark {
  mark: string;
  ms: number;
  /** CPU time (user + system) the process had used by then: steadier than `ms` on a loaded machine. */
  cpu?: number;
  /**
   * The main thread's share of it (Node 23.9+): without V8's GC helpers and the zlib thread pool, the thread every
   * phase of the start waits for; steadier still.
   */
  mainCpu?: number;
  detail?: string;
}

const target = process.env.KDECK_TRACE_STARTUP;
const file = !target ? undefined : target === '1' ? join(tmpdir(), `kdeck-startup-${process.pid}.json`) : target;
const marks: TraceMark[] = [];
const threadCpuUsage = (process as { threadCpuUsage?: () => NodeJS.CpuUsage }).threadCpuUsage?.bind(process);
const seen = new Set<string>();

if (file) {
  const t = performance.nodeTiming;
  // Node's boot phases (ms since the process started), before any of kdeck's code ran.
  marks.push({ mark: 'node:v8-start', ms: t.v8Start }, { mark: 'node:environment', ms: t.environment }, { mark: 'node:bootstrapped', ms: t.bootstrapComplete });
  subscribe('undici:client:connected', () => trace('net:connected', 'TCP and TLS of a connection'));
  // Every request of the first seconds: when it left and when its answer's headers came back.
  const path = (m: unknown) => String((m as { request?: { path?: string } }).request?.path ?? '?').split('?')[0];
  subscribe('undici:client:sendHeaders', (m) => marks.length < 60 && trace('http:sent', path(m)));
  subscribe('undici:request:headers', (m) => marks.length < 60 && trace('http:answered', path(m)));
  subscribe('undici:request:trailers', (m) => marks.length < 60 && trace('http:body-done', path(m)));
  process.once('exit', () => {
    try {
      writeFileSync(file, JSON.stringify({ pid: process.pid, node: process.version, timeOrigin: performance.timeOrigin, marks }, null, 1));
    } catch {
      // tracing must never break kdeck
    }
  });
}

/** Records `mark` (every time it is called). */
export function trace(mark: string, detail?: string): void {
  if (!file) return;
  const { user, system } = process.cpuUsage();
  const main = threadCpuUsage?.();
  marks.push({ mark, ms: Math.round(performance.now() * 10) / 10, cpu: Math.round((user + system) / 100) / 10, ...(main ? { mainCpu: Math.round((main.user + main.system) / 100) / 10 } : {}), ...(detail ? { detail } : {}) });
}

/** Records `mark` the first time only. */
export function traceOnce(mark: string, detail?: string): void {
  if (!file || seen.has(mark)) return;
  seen.add(mark);
  trace(mark, detail);
}

export const tracing = (): boolean => !!file;

/** Terminal writes stamped: enough for the first frames (alternate screen, empty frame, loading, rows). */
const WRITES_TRACED = 40;
// eslint-disable-next-line no-control-regex
const ESCAPES = /\x1b\[[0-9;?]*[ -\/]*[@-~]/g;

/**
 * While tracing, stamps each of the first terminal writes on `stream` ('tty:write', its bytes) once it returned (a TTY
 * write is synchronous), and the first whose text, escapes removed, `showsRow` accepts ('tty:first-row'): the moment
 * the first row reached the terminal, which the bench compares with the moment tmux showed it. With `input`, also the
 * first read of it that returns a key ('tty:first-key': Ink took the first key typed) and the first write after it
 * ('tty:key-answered': the frame answering that key), so a bench can tell what came between Ink's first frame and it.
 */
export function traceTerminal(stream: NodeJS.WriteStream, showsRow: (text: string) => boolean, input?: NodeJS.ReadStream): void {
  if (!file) return;
  const write = stream.write;
  let writes = 0;
  let row = false;
  let key: 'waiting' | 'read' | 'answered' = input ? 'waiting' : 'answered';
  if (input) {
    const read = input.read;
    input.read = function (this: NodeJS.ReadStream, ...a: unknown[]) {
      const chunk = (read as (...x: unknown[]) => unknown).apply(this, a);
      if (chunk !== null && (typeof chunk !== 'string' || chunk !== '')) {
        trace('tty:first-key');
        key = 'read';
        input.read = read;
      }
      return chunk;
    } as NodeJS.ReadStream['read'];
  }
  stream.write = function (this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]) {
    const r = (write as (...a: unknown[]) => boolean).call(this, chunk, ...rest);
    const text = typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : '';
    if (writes < WRITES_TRACED) trace('tty:write', `${Buffer.byteLength(text)} B`);
    if (!row && showsRow(text.replace(ESCAPES, ''))) {
      row = true;
      trace('tty:first-row');
    }
    if (key === 'read') {
      key = 'answered';
      trace('tty:key-answered');
    }
    if (++writes >= WRITES_TRACED && key === 'answered') stream.write = write;
    return r;
  } as NodeJS.WriteStream['write'];
}
