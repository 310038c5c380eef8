// A watch on one object (the live YAML view): list with fieldSelector metadata.name=NAME, then watch from its
// resourceVersion; a stream that ends is resumed from the last version seen, a 410 starts over with a list.
import type { KubeClient } from '../transport/types.js';
import type { ResourceRef } from '../api/catalogue.js';
import { readJson, resourcePath } from '../api/requests.js';
import { LineSplitter } from '../transport/line-splitter.js';
import { ApiStatusError } from '../errors.js';
import { sleep } from './logs/stream.js';

type Obj = Record<string, any>;

export interface ObjectWatchHandlers {
  /** The object as it is now; undefined once it is deleted (or not there). */
  object(o: Obj | undefined): void;
  error(err: unknown): void;
}

export function watchObject(client: KubeClient, ref: ResourceRef, namespace: string | undefined, name: string, h: ObjectWatchHandlers): () => void {
  const ac = new AbortController();
  const signal = ac.signal;
  const path = resourcePath(ref, namespace);
  const fieldSelector = `metadata.name=${name}`;
  const withKind = (o: Obj) => ({ apiVersion: ref.group ? `${ref.group}/${ref.version}` : ref.version, kind: ref.kind, ...o });
  void (async () => {
    let rv: string | undefined;
    let failures = 0;
    while (!signal.aborted) {
      try {
        if (!rv) {
          const list = await readJson<{ metadata?: { resourceVersion?: string }; items?: Obj[] }>(client, { path, query: { fieldSelector }, signal });
          const o = list.items?.[0];
          h.object(o ? withKind(o) : undefined);
          rv = list.metadata?.resourceVersion;
        }
        const res = await client.request({ path, query: { fieldSelector, watch: true, resourceVersion: rv, allowWatchBookmarks: true, timeoutSeconds: 300 }, signal, timeoutMs: 0 });
        if (res.status === 410) {
          await res.body.dump().catch(() => undefined);
          rv = undefined;
          continue;
        }
        if (res.status !== 200) {
          const text = await res.body.text().catch(() => '');
          throw new ApiStatusError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: text.slice(0, 300) || `HTTP ${res.status}`, code: res.status });
        }
        const splitter = new LineSplitter();
        for await (const chunk of res.body) {
          splitter.push(chunk as Buffer, (line) => {
            const ev = JSON.parse(line) as { type: string; object: Obj };
            if (ev.type === 'ERROR') {
              if (ev.object?.code === 410) rv = undefined;
              return;
            }
            if (ev.object?.metadata?.resourceVersion) rv = ev.object.metadata.resourceVersion;
            if (ev.type === 'ADDED' || ev.type === 'MODIFIED') h.object(withKind(ev.object));
            else if (ev.type === 'DELETED') h.object(undefined);
          });
        }
        failures = 0;
      } catch (err) {
        if (signal.aborted) return;
        h.error(err);
        failures++;
        await sleep(Math.min(5000, 250 * 2 ** Math.min(failures, 5)), signal);
      }
    }
  })();
  return () => ac.abort();
}
