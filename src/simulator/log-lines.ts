// Deterministic container logs: line i of a container is a pure function of (pod uid, container, run, i),
// written at start + i·interval (plus up to 2/3 of an interval of jitter; 1.5 s by default, 1/rate with
// --log-rate), times rounded to the microsecond, in the style of the container's image (nginx access logs, JSON app
// logs, redis, postgres, coredns…). Nothing is stored, so logs can be tailed, filtered by time and followed.
import type { SimObject } from './types.js';
import { hashString } from './objects/random.js';

export interface LogLine {
  time: Date;
  /** The exact time in epoch milliseconds (microsecond resolution; `time` drops the fraction). */
  ms: number;
  text: string;
}

export interface LogWindow {
  /** Only lines at or after this time (ms). */
  sinceMs?: number;
  /** Only lines at or before this time (ms), usually now. */
  untilMs: number;
  /** The previous (terminated) run of the container instead of the current one. */
  previous?: boolean;
  /** At most this many lines, the newest kept (default 10,000: the kubelet rotates logs too). */
  maxLines?: number;
  /** Milliseconds between two lines (default LOG_INTERVAL_MS). */
  intervalMs?: number;
}

export const LOG_INTERVAL_MS = 1500;
/** The fastest --log-rate: lines stay at least 10 µs apart, so microsecond times stay strictly increasing. */
export const MAX_LOG_RATE = 100_000;

interface ContainerState {
  running?: { startedAt?: string };
  terminated?: { startedAt?: string; finishedAt?: string; exitCode?: number; reason?: string };
  waiting?: { reason?: string };
}

interface ContainerStatus {
  name: string;
  image?: string;
  restartCount?: number;
  state?: ContainerState;
  lastState?: ContainerState;
}

/** The time span and identity of the run whose log is asked for, or undefined when it has none. */
export function logRun(pod: SimObject, container: string, previous: boolean): { start: number; end?: number; run: number; exitCode?: number; image: string } | undefined {
  const spec = pod.spec as { containers?: { name: string; image: string }[]; initContainers?: { name: string; image: string }[] } | undefined;
  const image = [...(spec?.containers ?? []), ...(spec?.initContainers ?? [])].find((c) => c.name === container)?.image ?? '';
  const status = pod.status as { containerStatuses?: ContainerStatus[]; initContainerStatuses?: ContainerStatus[] } | undefined;
  const cs = [...(status?.containerStatuses ?? []), ...(status?.initContainerStatuses ?? [])].find((c) => c.name === container);
  if (!cs) return undefined;
  const restarts = cs.restartCount ?? 0;
  const state = previous ? cs.lastState?.terminated : cs.state?.running ?? cs.state?.terminated;
  if (!state) return undefined;
  const start = Date.parse(state.startedAt ?? '');
  if (Number.isNaN(start)) return undefined;
  const term = previous ? cs.lastState?.terminated : cs.state?.terminated;
  const end = term ? Date.parse(term.finishedAt ?? '') : undefined;
  return { start, end: end !== undefined && !Number.isNaN(end) ? end : undefined, run: previous ? restarts - 1 : restarts, exitCode: term?.exitCode, image };
}

/** Time of line i: in [start + i·interval, + 2/3·interval), rounded to the µs, so strictly increasing. */
function lineTime(seed: number, start: number, i: number, interval: number): number {
  const offset = i * interval + ((mix(seed, i) % 1000) / 1000) * ((2 * interval) / 3);
  return start + Math.round(offset * 1000) / 1000;
}

function mix(seed: number, i: number): number {
  let h = (seed ^ Math.imul(i + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * The log lines of `container` in `pod` within the window, oldest first. Empty when the container has not
 * started (or, with `previous`, has no terminated run).
 */
export function logLines(pod: SimObject, container: string, opts: LogWindow): LogLine[] {
  const run = logRun(pod, container, !!opts.previous);
  if (!run) return [];
  const interval = opts.intervalMs ?? LOG_INTERVAL_MS;
  const jitter = (2 * interval) / 3;
  const seed = hashString(`${pod.metadata.uid ?? pod.metadata.name}/${container}/${run.run}`);
  const until = Math.min(opts.untilMs, run.end ?? Infinity);
  const since = Math.max(opts.sinceMs ?? -Infinity, run.start);
  if (until < since) return [];
  // Line i lies in [start + i·interval, start + i·interval + 2·jitter): compute the index range directly.
  let first = Math.max(0, Math.floor((since - run.start - jitter) / interval));
  while (lineTime(seed, run.start, first, interval) < since) first++;
  const lastAt = (limit: number) => {
    let i = Math.floor((limit - run.start) / interval);
    while (i >= 0 && lineTime(seed, run.start, i, interval) > limit) i--;
    return i;
  };
  const last = lastAt(until);
  const max = opts.maxLines ?? 10_000;
  if (last - first + 1 > max) first = last - max + 1;
  const style = styleFor(run.image, container);
  const out: LogLine[] = [];
  for (let i = first; i <= last; i++) {
    const t = lineTime(seed, run.start, i, interval);
    out.push({ time: new Date(t), ms: t, text: style(mix(seed ^ 0x51ed, i), t, i) });
  }
  // A run that ended in failure says why in its last line.
  if (run.end !== undefined && run.exitCode && out.length && last === lastAt(run.end)) {
    out[out.length - 1] = { ...out[out.length - 1], text: failureLine(run.image, run.end) };
  }
  return out;
}

/** Milliseconds between two lines of one container at `rate` lines per second (0 or none: the default). */
export function logIntervalFor(rate: number | undefined): number {
  return rate && rate > 0 ? 1000 / Math.min(rate, MAX_LOG_RATE) : LOG_INTERVAL_MS;
}

/** The same lines in the shape the API server's log endpoint reads (see logs.ts LogSource). */
export function worldLogSource(rate?: number): {
  intervalMs: number;
  lines(pod: SimObject, container: string, previous: boolean, fromMs: number, toMs: number): { time: number; text: string }[];
  runStart(pod: SimObject, container: string): number | undefined;
} {
  const intervalMs = logIntervalFor(rate);
  return {
    intervalMs,
    lines: (pod, container, previous, fromMs, toMs) =>
      logLines(pod, container, { sinceMs: fromMs, untilMs: toMs, previous, intervalMs }).map((l) => ({ time: l.ms, text: l.text })),
    runStart: (pod, container) => {
      const run = logRun(pod, container, false);
      return run && run.end === undefined ? run.start : undefined;
    },
  };
}

// ---- line styles ---------------------------------------------------------------------------------------------

type Style = (r: number, t: number, i: number) => string;

const PATHS = ['/', '/index.html', '/api/products', '/api/products/4711', '/api/cart', '/static/app.js', '/static/app.css', '/healthz', '/favicon.ico', '/api/orders'];
const AGENTS = ['Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36', 'kube-probe/1.32', 'curl/8.5.0', 'Go-http-client/1.1'];
const METHODS = ['GET', 'GET', 'GET', 'POST', 'PUT', 'DELETE'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function clf(t: number): string {
  const d = new Date(t);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

function ip(r: number): string {
  return `10.244.${(r >>> 8) % 8}.${2 + (r % 250)}`;
}

const status = (r: number) => (r % 50 === 0 ? 500 : r % 17 === 0 ? 404 : r % 11 === 0 ? 304 : 200);

const nginx: Style = (r, t) => {
  const path = PATHS[r % PATHS.length];
  const probe = path === '/healthz';
  return `${ip(r)} - - [${clf(t)}] "${probe ? 'GET' : METHODS[(r >>> 4) % METHODS.length]} ${path} HTTP/1.1" ${probe ? 200 : status(r >>> 3)} ${probe ? 2 : 200 + (r % 9000)} "-" "${probe ? 'kube-probe/1.32' : AGENTS[(r >>> 6) % AGENTS.length]}" "-"`;
};

const jsonApp: Style = (r, t) => {
  const code = status(r >>> 3);
  const level = code >= 500 ? 'error' : r % 23 === 0 ? 'warn' : 'info';
  const ms = ((r % 4000) / 10).toFixed(1);
  const path = PATHS[r % PATHS.length];
  if (level === 'warn') return `{"level":"warn","ts":"${new Date(t).toISOString()}","msg":"slow query","table":"orders","duration_ms":${(r % 900) + 300}}`;
  return `{"level":"${level}","ts":"${new Date(t).toISOString()}","msg":"request completed","method":"${METHODS[(r >>> 4) % METHODS.length]}","path":"${path}","status":${code},"duration_ms":${ms},"request_id":"${(r >>> 0).toString(16).padStart(8, '0')}"}`;
};

const worker: Style = (r, t, i) => {
  const ts = new Date(t).toISOString();
  if (r % 29 === 0) return `${ts} WARN  retrying job id=${100000 + i} attempt=2 error="upstream timeout"`;
  return `${ts} INFO  processed job id=${100000 + i} queue=default duration=${(r % 2000) + 20}ms`;
};

const redis: Style = (r, t) => {
  const d = new Date(t);
  const stamp = `${String(d.getUTCDate()).padStart(2, '0')} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${d.toISOString().slice(11, 23)}`;
  return r % 5 === 0 ? `1:M ${stamp} * Background saving started by pid ${20 + (r % 900)}` : `1:M ${stamp} * ${1 + (r % 100)} changes in 60 seconds. Saving...`;
};

const postgres: Style = (r, t) => {
  const ts = new Date(t).toISOString().replace('T', ' ').replace('Z', ' UTC');
  return r % 7 === 0 ? `${ts} [${60 + (r % 400)}] LOG:  checkpoint complete: wrote ${r % 300} buffers (${(r % 30) / 10}%); 0 WAL file(s) added, 0 removed, 1 recycled` : `${ts} [${60 + (r % 400)}] LOG:  duration: ${((r % 5000) / 100).toFixed(3)} ms  statement: SELECT * FROM orders WHERE id = ${r % 100000}`;
};

const coredns: Style = (r) => `[INFO] ${ip(r)}:${30000 + (r % 30000)} - ${r % 65536} "A IN ${['api', 'web', 'db', 'cache'][r % 4]}.team-a.svc.cluster.local. udp 56 false 512" NOERROR qr,aa,rd 110 0.000${100 + (r % 800)}s`;

const generic: Style = (r, t, i) => `${new Date(t).toISOString()} level=info msg="tick" seq=${i} value=${r % 1000}`;

function styleFor(image: string, container: string): Style {
  const s = `${image} ${container}`;
  if (/nginx|frontend|envoy|web/.test(s)) return nginx;
  if (/redis/.test(s)) return redis;
  if (/postgres/.test(s)) return postgres;
  if (/coredns/.test(s)) return coredns;
  if (/worker|tools|busybox|batch/.test(s)) return worker;
  if (/api|keycloak|auth|search|elastic|metrics/.test(s)) return jsonApp;
  return generic;
}

function failureLine(image: string, t: number): string {
  const ts = new Date(t).toISOString();
  if (/postgres/.test(image)) return `${ts} [1] FATAL:  could not open configuration file "/etc/postgresql/postgresql.conf": No such file or directory`;
  if (/worker|tools/.test(image)) return `${ts} ERROR worker crashed: dial tcp 10.96.12.7:5432: connect: connection refused`;
  return `{"level":"fatal","ts":"${ts}","msg":"cannot start: dial tcp 10.96.12.7:5432: connect: connection refused"}`;
}
