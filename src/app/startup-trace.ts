// KDECK_TRACE_STARTUP=FILE: where kdeck's first second goes, as milliseconds since the process started, written to
// FILE (JSON) once, when kdeck exits — never to the screen, and no file writes while it starts (they would be
// measured too). Off (one env lookup per mark) unless the variable is set.
// Node's own boot comes from performance.nodeTiming; the first TLS connection from undici's diagnostics channel.
import { writeFileSync } from 'node:fs';
import { subscribe } from 'node:diagnostics_channel';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TraceMark {
  mark: string;
  ms: number;
  detail?: string;
}

const target = process.env.KDECK_TRACE_STARTUP;
const file = !target ? undefined : target === '1' ? join(tmpdir(), `kdeck-startup-${process.pid}.json`) : target;
const marks: TraceMark[] = [];
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
      writeFileSync(file, JSON.stringify({ pid: process.pid, node: process.version, marks }, null, 1));
    } catch {
      // tracing must never break kdeck
    }
  });
}

/** Records `mark` (every time it is called). */
export function trace(mark: string, detail?: string): void {
  if (!file) return;
  marks.push({ mark, ms: Math.round(performance.now() * 10) / 10, ...(detail ? { detail } : {}) });
}

/** Records `mark` the first time only. */
export function traceOnce(mark: string, detail?: string): void {
  if (!file || seen.has(mark)) return;
  seen.add(mark);
  trace(mark, detail);
}

export const tracing = (): boolean => !!file;
