// The oracle for the fault tests: what a fresh paged list returns, compared with an informer's rows.
import type { KubeClient } from '../../src/transport/types.js';
import type { ResourceRef } from '../../src/api/catalogue.js';
import { resourcePath } from '../../src/api/requests.js';
import { TABLE_ACCEPT, decodeListPage } from '../../src/api/table.js';
import type { Informer, InformerState } from '../../src/watch/informer.js';
import { setTimeout as delay } from 'node:timers/promises';

export async function freshList(client: KubeClient, ref: ResourceRef, namespace?: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  let token: string | undefined;
  do {
    const res = await client.request({ path: resourcePath(ref, namespace), query: { limit: 500, continue: token, includeObject: 'Metadata' }, headers: { Accept: TABLE_ACCEPT } });
    const text = await res.body.text();
    if (res.status !== 200) throw new Error(`fresh list: HTTP ${res.status} ${text}`);
    const page = decodeListPage(JSON.parse(text));
    for (const r of page.rows) {
      if (out.has(r.uid)) throw new Error(`fresh list returned ${r.uid} twice`);
      out.set(r.uid, r.resourceVersion);
    }
    token = page.continueToken;
  } while (token);
  return out;
}

export function storeSnapshot(inf: Informer): Map<string, string> {
  const v = inf.store.view({});
  const rows = v.rows(0, v.length);
  const out = new Map<string, string>();
  for (const r of rows) {
    if (out.has(r.uid)) throw new Error(`duplicate row ${r.uid} in the store's view`);
    out.set(r.uid, r.resourceVersion);
  }
  if (out.size !== inf.store.size) throw new Error(`view has ${out.size} rows, store ${inf.store.size}`);
  return out;
}

/** Waits until the informer is live and holds exactly what a fresh list returns; explains the difference otherwise. */
export async function waitConverged(inf: Informer, client: KubeClient, ref: ResourceRef, timeoutMs = 15_000, namespace?: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  let why = '';
  while (Date.now() < end) {
    if (inf.state().phase === 'live') {
      const want = await freshList(client, ref, namespace);
      const have = storeSnapshot(inf);
      const ghosts = [...have.keys()].filter((u) => !want.has(u));
      const missing = [...want.keys()].filter((u) => !have.has(u));
      const outdated = [...want].filter(([u, rv]) => have.has(u) && have.get(u) !== rv).map(([u]) => u);
      if (ghosts.length + missing.length + outdated.length === 0) return;
      why = `ghosts ${ghosts.length}, missing ${missing.length}, outdated ${outdated.length}`;
    } else why = `state ${JSON.stringify(inf.state())}`;
    await delay(50);
  }
  throw new Error(`the store did not converge to a fresh list: ${why}`);
}

/** Samples the informer's phase every few ms until stop() is called. */
export function samplePhases(inf: Informer): { stop(): InformerState['phase'][] } {
  const seen: InformerState['phase'][] = [];
  const t = setInterval(() => {
    const p = inf.state().phase;
    if (seen[seen.length - 1] !== p) seen.push(p);
  }, 5);
  return {
    stop() {
      clearInterval(t);
      return seen;
    },
  };
}
