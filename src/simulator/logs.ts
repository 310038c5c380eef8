// pods/log: the kubelet's log endpoint as the API server proxies it. Lines are a pure function of
// (pod uid, container, index) at a fixed cadence since the container started, so a log can be re-read,
// tailed, filtered by time and followed without storing anything.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ClusterRuntime } from './api-server.js';
import type { ResourceRequestInfo } from './request-info.js';
import type { SimObject } from './types.js';
import { StatusError, badRequest, notFound } from './status.js';
import { queryFlag, queryInt } from './http.js';

export interface LogLine {
  time: number;
  text: string;
}

/** Where log lines come from: a container's lines in a time window, oldest first. */
export interface LogSource {
  /** Milliseconds between two lines of one container. */
  intervalMs: number;
  lines(pod: SimObject, container: string, previous: boolean, fromMs: number, toMs: number): LogLine[];
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

/** RFC3339Nano as the kubelet writes it. */
function rfc3339Nano(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z');
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
  const pod = rt.store.get('pods', info.namespace, info.name!);
  if (!pod) throw notFound('pods', '', info.name!);
  const container = resolveContainer(pod, q.get('container'));
  let previous = queryFlag(q, 'previous');
  const followAsked = queryFlag(q, 'follow');
  const timestamps = queryFlag(q, 'timestamps');
  const tailLines = queryInt(q, 'tailLines');
  const sinceSeconds = queryInt(q, 'sinceSeconds');
  const sinceTime = q.get('sinceTime');
  const limitBytes = queryInt(q, 'limitBytes');
  if (sinceSeconds !== undefined && sinceTime) throw badRequest('at most one of `sinceTime` or `sinceSeconds` may be specified');
  if (sinceSeconds !== undefined && sinceSeconds < 1) throw badRequest(`PodLogOptions "${info.name}" is invalid: sinceSeconds: Invalid value: ${sinceSeconds}: must be greater than 0`);
  if (tailLines !== undefined && tailLines < 0) throw badRequest(`PodLogOptions "${info.name}" is invalid: tailLines: Invalid value: ${tailLines}: must be greater than or equal to 0`);

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
  const from = sinceSeconds !== undefined ? now - sinceSeconds * 1000 : sinceTime ? Date.parse(sinceTime) : 0;
  if (sinceTime && !Number.isFinite(from)) throw badRequest(`parsing time "${sinceTime}" as "2006-01-02T15:04:05Z07:00": cannot parse`);
  let lines = rt.logs.lines(pod, container, previous, from, now);
  if (tailLines !== undefined) lines = tailLines === 0 ? [] : lines.slice(-tailLines);
  const format = (l: LogLine) => (timestamps ? `${rfc3339Nano(l.time)} ${l.text}\n` : `${l.text}\n`);

  res.writeHead(200, { 'Content-Type': 'text/plain', 'Cache-Control': 'no-cache, private', ...(follow ? { 'Transfer-Encoding': 'chunked' } : {}) });
  let budget = limitBytes !== undefined && limitBytes > 0 ? limitBytes : Infinity;
  const emit = (text: string): boolean => {
    if (budget <= 0) return false;
    const piece = text.length > budget ? text.slice(0, budget) : text;
    budget -= Buffer.byteLength(piece);
    res.write(piece);
    return budget > 0;
  };
  let ok = true;
  for (const l of lines) if (!(ok = emit(format(l)))) break;
  if (!follow || !ok) {
    res.end();
    return;
  }
  // Follow: new lines as they are "written"; the stream ends when the pod goes away or the client leaves.
  let last = now;
  const timer = setInterval(() => {
    const cur = rt.store.get('pods', info.namespace, info.name!);
    if (!cur || cur.metadata.uid !== pod.metadata.uid) {
      stop();
      res.end();
      return;
    }
    const t = Date.now();
    for (const l of rt.logs.lines(cur, container, false, last + 1, t)) if (!emit(format(l))) {
      stop();
      res.end();
      return;
    }
    last = t;
  }, Math.max(50, Math.min(rt.logs.intervalMs, 500)));
  const unregister = rt.onStop(() => {
    stop();
    res.end();
  });
  const stop = () => {
    clearInterval(timer);
    unregister();
  };
  res.on('close', stop);
}

export { StatusError };
