// One container's log over the transport's stream(): asks for timestamps always (to resume exactly), and when a followed
// stream ends (container restarted, connection dropped, server timeout) asks again with sinceTime, skipping
// what it already has, so no line is lost or shown twice. The kubelet's sinceTime has one-second resolution:
// lines before our last one are skipped by time, lines at our last timestamp by count.
import type { KubeClient } from '../../transport/types.js';
import { ApiStatusError } from '../../errors.js';
import { LogLineSplitter, splitTimestamp, stampKey, stampSecond } from './lines.js';

export interface LogTarget {
  namespace: string;
  pod: string;
  container: string;
}

export interface LogQuery {
  follow: boolean;
  previous?: boolean;
  tailLines?: number;
  sinceSeconds?: number;
  /** RFC3339 (the "head" of a log is everything since the container started). */
  sinceTime?: string;
}

export interface LogLine {
  /** Sortable UTC timestamp with nine fraction digits, when the line had one. */
  key?: string;
  /** The timestamp as the kubelet wrote it. */
  stamp?: string;
  text: string;
}

export type StreamState =
  | { state: 'connecting' }
  | { state: 'streaming' }
  | { state: 'reconnecting'; why: string; since?: string; attempt: number }
  | { state: 'ended'; why: string }
  | { state: 'forbidden'; message: string }
  | { state: 'failed'; message: string };

export interface StreamHandlers {
  line(line: LogLine): void;
  state(s: StreamState): void;
}

export interface StreamOptions {
  /** First wait before asking again; doubles to maxDelayMs. */
  retryDelayMs?: number;
  maxDelayMs?: number;
}

export const logPath = (t: LogTarget) => `/api/v1/namespaces/${encodeURIComponent(t.namespace)}/pods/${encodeURIComponent(t.pod)}/log`;

/** Waits `ms`, or less when `signal` aborts. */
export const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });

/** Streams until the log ends (not following), the signal aborts, or the server refuses for good. */
export async function streamContainerLog(client: KubeClient, target: LogTarget, query: LogQuery, h: StreamHandlers, signal: AbortSignal, opts: StreamOptions = {}): Promise<void> {
  const follow = query.follow && !query.previous;
  const base = opts.retryDelayMs ?? 500;
  const max = opts.maxDelayMs ?? 5000;
  let lastKey: string | undefined;
  let seenAtLast = 0;
  let attempt = 0;
  let skipAtLast = 0;
  let resumed = false;
  const onRaw = (raw: string) => onRawImpl(raw);
  h.state({ state: 'connecting' });
  while (!signal.aborted) {
    const q: Record<string, string | number | boolean> = { container: target.container, timestamps: true };
    if (follow) q.follow = true;
    if (query.previous) q.previous = true;
    if (lastKey) q.sinceTime = stampSecond(lastKey);
    else if (query.sinceTime) q.sinceTime = query.sinceTime;
    else {
      if (query.tailLines !== undefined && query.tailLines >= 0) q.tailLines = query.tailLines;
      if (query.sinceSeconds) q.sinceSeconds = query.sinceSeconds;
    }
    const retry = async (why: string) => {
      attempt++;
      h.state({ state: 'reconnecting', why, attempt, ...(lastKey ? { since: lastKey } : {}) });
      await sleep(Math.min(max, base * 2 ** Math.min(attempt - 1, 6)), signal);
    };
    // Resuming a followed log: the container may have restarted while we were away, and the current run's
    // log does not hold the old run's last lines. Read the previous run since our last line first (lines we
    // already have are skipped by time, so after a mere reconnect this adds nothing).
    skipAtLast = seenAtLast;
    if (follow && lastKey && resumed) await fillFromPrevious(client, target, lastKey, (raw) => onRaw(raw), signal);
    let st;
    try {
      st = await client.stream({ path: logPath(target), query: q, signal, headers: { Accept: 'text/plain, */*' }, what: `logs of pod ${target.pod}` });
    } catch (err) {
      if (signal.aborted) return;
      if (!(err instanceof ApiStatusError)) {
        await retry((err as Error).message);
        continue;
      }
      const message = err.status.message || err.message;
      if (err.code === 403) return h.state({ state: 'forbidden', message });
      if (err.code === 404) return h.state({ state: 'ended', why: message });
      // A followed container between runs ("waiting to start") comes back; any other 400 is final.
      if (err.code === 400 && !(follow && /waiting to start|ContainerCreating|PodInitializing/.test(message))) return h.state({ state: 'failed', message });
      if (err.code === 401) return h.state({ state: 'failed', message });
      await retry(message);
      continue;
    }
    h.state({ state: 'streaming' });
    skipAtLast = seenAtLast;
    resumed = true;
    const splitter = new LogLineSplitter();
    try {
      for await (const chunk of st.chunks()) splitter.push(chunk, onRaw);
      splitter.flush(onRaw);
    } catch (err) {
      st.close();
      if (signal.aborted) return;
      splitter.flush(onRaw);
      await retry(`the log stream broke: ${(err as Error).message}`);
      continue;
    }
    if (signal.aborted) return;
    if (!follow) return h.state({ state: 'ended', why: 'end of log' });
    await retry('the log stream ended (container restarted or connection closed)');
  }

  function onRawImpl(raw: string): void {
    const { stamp, text } = splitTimestamp(raw);
    const key = stamp ? stampKey(stamp) : undefined;
    if (key && lastKey) {
      if (key < lastKey) return;
      if (key === lastKey && skipAtLast > 0) {
        skipAtLast--;
        return;
      }
    }
    if (key) {
      if (key === lastKey) seenAtLast++;
      else {
        lastKey = key;
        seenAtLast = 1;
      }
    }
    attempt = 0;
    h.line({ ...(key ? { key, stamp } : {}), text });
  }
}

/** The previous run's lines since `lastKey`'s second, for the gap a restart leaves; any refusal is ignored. */
async function fillFromPrevious(client: KubeClient, target: LogTarget, lastKey: string, onRaw: (raw: string) => void, signal: AbortSignal): Promise<void> {
  try {
    const st = await client.stream({ path: logPath(target), query: { container: target.container, timestamps: true, previous: true, sinceTime: stampSecond(lastKey) }, signal, headers: { Accept: 'text/plain, */*' }, what: `previous logs of pod ${target.pod}` });
    const splitter = new LogLineSplitter();
    for await (const chunk of st.chunks()) splitter.push(chunk, onRaw);
    splitter.flush(onRaw);
  } catch {
    // no previous run, or the connection failed: the current run's log follows anyway
  }
}
