// The floor: the least any client can do. One undici request for the whole list as a server-side
// Table, JSON.parse, then a watch whose lines are parsed and nothing else.
import { request } from 'undici';
import { recordEvent, reportSynced, serveWindows } from './client-protocol.js';

const startedAt = Date.now();
const url = process.argv[2]!;
const ACCEPT = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json';

const list = await request(`${url}/api/v1/pods?includeObject=Metadata`, { headers: { accept: ACCEPT } });
const table = JSON.parse(await list.body.text()) as { metadata: { resourceVersion: string }; rows: unknown[] };
reportSynced(startedAt, table.rows.length);
const rv = table.metadata.resourceVersion;

const ac = new AbortController();
const watch = await request(`${url}/api/v1/pods?watch=true&includeObject=Metadata&allowWatchBookmarks=true&resourceVersion=${rv}`, {
  headers: { accept: ACCEPT },
  signal: ac.signal,
  bodyTimeout: 0,
});
serveWindows(() => ac.abort());
let rest = '';
try {
  for await (const chunk of watch.body) {
    const text = rest + (chunk as Buffer).toString('utf8');
    const lines = text.split('\n');
    rest = lines.pop()!;
    for (const line of lines) {
      if (!line) continue;
      const ev = JSON.parse(line) as { object: { rows?: { object?: { metadata?: { annotations?: Record<string, string> } } }[] } };
      recordEvent(ev.object.rows?.[0]?.object?.metadata?.annotations?.['sim.kdeck.io/changed-at']);
    }
  }
} catch {
  // aborted at exit
}
