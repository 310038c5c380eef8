// pods/log: the kubelet's log endpoint as the API server proxies it. Lines are a pure function of
// (pod uid, container, index) at a fixed cadence since the container started, so a log can be re-read,
// tailed, filtered by time and followed without storing anything.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ClusterRuntime } from './api-server.js';
import type { ResourceRequestInfo } from './request-info.js';
import type { SimObject } from './types.js';
import { StatusError, badRequest, invalid, notFound } from './status.js';
import { queryFlag, queryInt } from './http.js';

export interface LogLine {
  /** Epoch milliseconds, microsecond resolution. */
  time: number;
  text: string;
}

/** Where log lines come from: a container's lines in a time window, oldest first. */
export interface LogSource {
  /** Milliseconds between two lines of one container. */
  intervalMs: number;
  lines(pod: SimObject, container: string, previous: boolean, fromMs: number, toMs: number): LogLine[];
  /** When the container's current, still running instance started; undefined once it stopped. */
  runStart(pod: SimObject, container: string): number | undefined;
}

interface ContainerStatus {
  name: string;
  state?: { running?: { startedAt?: string }; waiting?: { reason?: string }; terminated?: { startedAt?: string; finishedAt?: string } };
  lastState?: { terminated?: { startedAt?: string; finishedAt?: string } };
}

function statuses(pod: SimObject): ContainerStatus[] {
  const st = pod.status as { containerStatuses?: ContainerStatus[]; initContainerStatuses?: ContainerStatus[] } | undefined;
  return [...(st?.containerStatuses ?? []), ...(st?.initContainerStatuses ?? [])];
}

/** RFC3339Nano with all nine digits, as the kubelet writes it (times carry microseconds). */
export function rfc3339Nano(ms: number): string {
  const whole = Math.floor(ms);
  const micros = Math.round((ms - whole) * 1000);
  return new Date(whole).toISOString().replace(/\.(\d{3})Z$/, `.$1${String(micros).padStart(3, '0')}000Z`);
}

/** RFC3339 with an optional fraction, as Go's time.Parse(RFC3339) reads a sinceTime; NaN when it cannot. */
function parseSinceTime(text: string): number {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i.exec(text);
  if (!m) return NaN;
  const base = Date.parse(`${m[1]}${m[3].toUpperCase()}`);
  return base + (m[2] ? Number(`0${m[2]}`) * 1000 : 0);
}

function names(list: { name: string }[] | undefined): string[] {
  return (list ?? []).map((c) => c.name);
}

/** Which container is asked for, or the 400 the API server gives (KK pod/strategy.go LogLocation). */
function resolveContainer(pod: SimObject, asked: string | null): string {
  const spec = pod.spec as { containers?: { name: string }[]; initContainers?: { name: string }[]; ephemeralContainers?: { name: string }[] } | undefined;
  const containers = names(spec?.containers);
  const init = names(spec?.initContainers);
  const podName = pod.metadata.name;
  if (!asked) {
    if (containers.length === 1) return containers[0];
    let msg = `a container name must be specified for pod ${podName}, choose one of: [${containers.join(' ')}]`;
    if (init.length) msg += ` or one of the init containers: [${init.join(' ')}]`;
    throw badRequest(msg);
  }
  if (![...containers, ...init, ...names(spec?.ephemeralContainers)].includes(asked)) throw badRequest(`container ${asked} is not valid for pod ${podName}`);
  return asked;
}

export async function handlePodLog(rt: ClusterRuntime, req: IncomingMessage, res: ServerResponse, info: ResourceRequestInfo, q: URLSearchParams): Promise<void> {
  let previous = queryFlag(q, 'previous');
  const followAsked = queryFlag(q, 'follow');
  const timestamps = queryFlag(q, 'timestamps');
  const tailLines = queryInt(q, 'tailLines');
  const sinceSeconds = queryInt(q, 'sinceSeconds');
  const sinceTime = q.get('sinceTime');
  const limitBytes = queryInt(q, 'limitBytes');
  // The API server's ValidatePodLogOptions: every failed field in one 422 Invalid (KK pod/rest/log.go).
  const causes: { field: string; message: string; reason?: string }[] = [];
  const bad = (field: string, value: number, why: string) => causes.push({ field, message: `Invalid value: ${value}: ${why}` });
  if (tailLines !== undefined && tailLines < 0) bad('tailLines', tailLines, 'must be greater than or equal to 0');
  if (limitBytes !== undefined && limitBytes < 1) bad('limitBytes', limitBytes, 'must be greater than 0');
  if (sinceSeconds !== undefined && sinceTime) causes.push({ field: '', message: 'Forbidden: at most one of `sinceTime` or `sinceSeconds` may be specified', reason: 'FieldValueForbidden' });
  else if (sinceSeconds !== undefined && sinceSeconds < 1) bad('sinceSeconds', sinceSeconds, 'must be greater than 0');
  if (causes.length) throw invalid('PodLogOptions', '', info.name!, causes);
  const sinceMs = sinceTime ? parseSinceTime(sinceTime) : undefined;
  if (sinceTime && !Number.isFinite(sinceMs)) throw badRequest(`parsing time "${sinceTime}" as "2006-01-02T15:04:05Z07:00": cannot parse "${sinceTime}" as "2006"`);
  // Then the pod and container (pod/strategy.go LogLocation).
  const pod = rt.store.get('pods', info.namespace, info.name!);
  if (!pod) throw notFound('pods', '', info.name!);
  const container = resolveContainer(pod, q.get('container'));

  // The kubelet's choice of which container instance to read (validateContainerLogStatus): the running one,
  // else a terminated one, else the last terminated instance of a container now waiting (crash loops).
  const cs = statuses(pod).find((c) => c.name === container);
  if (previous) {
    if (!cs?.lastState?.terminated) throw badRequest(`previous terminated container "${container}" in pod "${info.name}" not found`);
  } else if (!cs?.state?.running && !cs?.state?.terminated) {
    if (cs?.lastState?.terminated) previous = true;
    else throw badRequest(`container "${container}" in pod "${info.name}" is waiting to start: ${cs?.state?.waiting?.reason ?? 'ContainerCreating'}`);
  }

  // A terminated instance has nothing more to say: following it ends at once.
  const follow = followAsked && !previous;
  const now = Date.now();
  const from = sinceSeconds !== undefined ? now - sinceSeconds * 1000 : sinceMs ?? 0;
  let lines = rt.logs.lines(pod, container, previous, from, now);
  if (tailLines !== undefined) lines = tailLines === 0 ? [] : lines.slice(-tailLines);
  const format = (l: LogLine) => (timestamps ? `${rfc3339Nano(l.time)} ${l.text}\n` : `${l.text}\n`);

  res.writeHead(200, { 'Content-Type': 'text/plain', 'Cache-Control': 'no-cache, private', ...(follow ? { 'Transfer-Encoding': 'chunked' } : {}) });
  // limitBytes counts bytes, and the last piece may end mid-line (as the kubelet's LimitWriter does).
  let budget = limitBytes !== undefined ? limitBytes : Infinity;
  const emit = (batch: LogLine[]): boolean => {
    if (!batch.length) return budget > 0;
    let buf = Buffer.from(batch.map(format).join(''));
    if (buf.length > budget) buf = buf.subarray(0, budget);
    budget -= buf.length;
    res.write(buf);
    return budget > 0;
  };
  const ok = emit(lines);
  if (!follow || !ok) {
    res.end();
    return;
  }
  // Follow: new lines as they are "written". The stream ends cleanly when the container stops or restarts
  // (what it wrote until then is sent first), when the pod goes away, or when the client leaves.
  const started = rt.logs.runStart(pod, container);
  let last = now;
  const finish = () => {
    stop();
    res.end();
  };
  const timer = setInterval(() => {
    const cur = rt.store.get('pods', info.namespace, info.name!);
    if (!cur || cur.metadata.uid !== pod.metadata.uid) return finish();
    const t = Date.now();
    const running = rt.logs.runStart(cur, container);
    // Times are whole microseconds, so a hair above `last` skips exactly the lines already sent.
    if (running !== started) {
      // The run we follow ended: its last lines up to its end (a restart made it the previous run), then EOF.
      // Up to the run's own end (lines are bounded by it), even if that is a hair after this tick.
      emit(rt.logs.lines(cur, container, running !== undefined, last + 0.0005, Math.max(t, Date.now() + 60_000)));
      return finish();
    }
    if (!emit(rt.logs.lines(cur, container, false, last + 0.0005, t))) return finish();
    last = t;
  }, Math.max(10, Math.min(rt.logs.intervalMs, 500))); // a chatty container flushes every 10 ms
  const unregister = rt.onStop(finish);
  const stop = () => {
    clearInterval(timer);
    unregister();
  };
  res.on('close', stop);
}

export { StatusError };
