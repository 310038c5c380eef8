// LIST: option validation, limit/continue paging with opaque tokens (410 once compacted), selectors, and the
// body as JSON list or Table, written in chunks so 50,000 items never become one giant string.
import type { ServerResponse } from 'node:http';
import type { ResourceDef } from './resources.js';
import type { MemoryStore, StoredObject } from './store.js';
import { entryLowerBound, objectKey } from './store.js';
import { StatusError, badRequest, continueExpired } from './status.js';
import { baseHeaders, queryInt } from './http.js';
import { buildFilter } from './filters.js';
import { servedItemJson } from './event-versions.js';
import { apiVersionOf, partialMetadataJson, tablePieces, type TableOptions } from './table.js';

interface ContinueToken {
  rv: number;
  start: string;
}

export function encodeContinue(t: ContinueToken): string {
  return Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', rv: t.rv, start: t.start })).toString('base64url');
}

export function decodeContinue(token: string): ContinueToken {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { v?: string; rv?: number; start?: string };
    if (parsed.v !== 'meta.k8s.io/v1') throw new Error(`unexpected version ${parsed.v}`);
    if (typeof parsed.rv !== 'number' || typeof parsed.start !== 'string') throw new Error('malformed token');
    return { rv: parsed.rv, start: parsed.start };
  } catch (err) {
    throw badRequest(`invalid continue token: ${(err as Error).message}`);
  }
}

function listOptionsInvalid(field: string, value: string, message: string, reason = 'FieldValueInvalid'): StatusError {
  const detail = reason === 'FieldValueForbidden' ? `${field}: Forbidden: ${message}` : `${field}: Invalid value: ${JSON.stringify(value)}: ${message}`;
  return new StatusError({
    kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure',
    message: `ListOptions.meta.k8s.io "" is invalid: ${detail}`,
    reason: 'Invalid',
    details: { group: 'meta.k8s.io', kind: 'ListOptions', causes: [{ reason, message: detail.replace(/^[^:]+: /, ''), field }] },
    code: 422,
  });
}

/** The validation kube-apiserver applies to a plain (non-watch) list. */
export function validateListOptions(q: URLSearchParams): void {
  const rv = q.get('resourceVersion') ?? '';
  const match = q.get('resourceVersionMatch') ?? '';
  const cont = q.get('continue') ?? '';
  if (match && match !== 'NotOlderThan' && match !== 'Exact') throw listOptionsInvalid('resourceVersionMatch', match, 'supported values: "Exact", "NotOlderThan"', 'FieldValueNotSupported');
  if (match && !rv) throw listOptionsInvalid('resourceVersionMatch', match, 'resourceVersionMatch is forbidden unless resourceVersion is provided', 'FieldValueForbidden');
  if (match && cont) throw listOptionsInvalid('resourceVersionMatch', match, 'resourceVersionMatch is forbidden when continue is provided', 'FieldValueForbidden');
  if (match === 'Exact' && rv === '0') throw listOptionsInvalid('resourceVersionMatch', match, 'resourceVersionMatch "exact" is forbidden for resourceVersion "0"', 'FieldValueForbidden');
  if (q.has('sendInitialEvents')) throw listOptionsInvalid('sendInitialEvents', q.get('sendInitialEvents') ?? '', 'sendInitialEvents is forbidden for list', 'FieldValueForbidden');
  if (rv && rv !== '0' && !/^\d+$/.test(rv)) throw badRequest(`invalid resource version: ${rv}`);
}

export interface ListPage {
  items: StoredObject[];
  rv: number;
  continue?: string;
  remainingItemCount?: number;
}

/** Selects one page of a list (no I/O): the semantics of apiserver-protocol.md §2. */
export function selectPage(store: MemoryStore, def: ResourceDef, key: string, namespace: string | undefined, q: URLSearchParams): ListPage {
  validateListOptions(q);
  const filter = buildFilter(def, q);
  const rvParam = q.get('resourceVersion') ?? '';
  const cont = q.get('continue') ?? '';
  let limit = queryInt(q, 'limit') ?? 0;
  if (limit < 0) limit = 0;
  // resourceVersion=0 is served from the watch cache, which ignores limit.
  if (rvParam === '0' && !cont) limit = 0;
  let snapshotRv = store.currentRv();
  let startKey = '';
  if (cont) {
    if (rvParam && rvParam !== '0') throw badRequest('specifying resource version is not allowed when using continue');
    const token = decodeContinue(cont);
    if (token.rv > 0 && token.rv < store.oldestResumableRv()) {
      throw continueExpired(encodeContinue({ rv: -1, start: token.start }));
    }
    if (token.rv > 0) snapshotRv = token.rv;
    startKey = token.start;
  } else if (rvParam && rvParam !== '0' && limit > 0) {
    // Exact-RV paging (legacy semantics): only possible while that RV is still inside the window.
    const n = Number(rvParam);
    if (n < store.oldestResumableRv()) {
      throw new StatusError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `The resourceVersion for the provided list is too old.`, reason: 'Expired', code: 410 });
    }
  }
  // A continued list reads the snapshot of its first page (consistent across pages, as etcd serves it).
  const all = snapshotRv < store.currentRv() ? store.entriesAt(key, namespace, snapshotRv) : store.entries(key, namespace);
  if (!all) throw continueExpired(encodeContinue({ rv: -1, start: startKey }));
  // Binary search on the entries themselves: a page of 500 out of 200,000 copies nothing.
  let i = startKey ? entryLowerBound(all, startKey) : 0;
  const items: StoredObject[] = [];
  for (; i < all.length; i++) {
    const e = all[i];
    if (!filter.matches(e.object)) continue;
    if (limit > 0 && items.length === limit) break;
    items.push(e);
  }
  const page: ListPage = { items, rv: snapshotRv };
  if (limit > 0 && i < all.length) {
    // More may follow: is there another match? (Only then hand out a token.)
    let more = false;
    for (let j = i; j < all.length; j++) {
      if (filter.matches(all[j].object)) {
        more = true;
        break;
      }
    }
    if (more) {
      const last = items[items.length - 1];
      page.continue = encodeContinue({ rv: snapshotRv, start: (last ? last.key : startKey) + '\u0000' });
      if (!filter.selective) page.remainingItemCount = all.length - i;
    }
  }
  return page;
}

const CHUNK_BYTES = 256 * 1024;

/**
 * Writes string pieces as a chunked body, batching small pieces into ~256 KiB writes, and waits for the client to
 * take what is buffered before making more: a list of 200,000 pods is 700 MB of JSON, which written in one go sat
 * in memory whole (with a heap near its limit, every list then crawled through garbage collections).
 */
export function writePieces(res: ServerResponse, pieces: Iterable<string>): void {
  const it = pieces[Symbol.iterator]();
  const pump = (): void => {
    let buf: string[] = [];
    let size = 0;
    for (let r = it.next(); ; r = it.next()) {
      if (r.done) {
        res.end(buf.join(''));
        return;
      }
      buf.push(r.value);
      size += r.value.length;
      if (size >= CHUNK_BYTES) {
        const more = res.write(buf.join(''));
        buf = [];
        size = 0;
        if (res.destroyed) return;
        if (!more) {
          res.once('drain', pump);
          return;
        }
      }
    }
  };
  pump();
}

function listMetaJson(page: ListPage): string {
  const meta: Record<string, unknown> = { resourceVersion: String(page.rv) };
  if (page.continue) meta.continue = page.continue;
  if (page.remainingItemCount !== undefined) meta.remainingItemCount = page.remainingItemCount;
  return JSON.stringify(meta);
}

function* listPieces(def: ResourceDef, page: ListPage): Generator<string> {
  const av = apiVersionOf(def);
  yield `{"kind":${JSON.stringify(def.listKind)},"apiVersion":${JSON.stringify(av)},"metadata":${listMetaJson(page)},"items":[`;
  // Built-in list items carry no kind/apiVersion; custom resource items (unstructured) keep them.
  for (let i = 0; i < page.items.length; i++) {
    const e = page.items[i];
    yield (i ? ',' : '') + (def.custom ? e.fullJson(def.kind, av) : servedItemJson(def, e));
  }
  yield ']}';
}

function* metadataListPieces(page: ListPage, version: 'v1' | 'v1beta1'): Generator<string> {
  yield `{"kind":"PartialObjectMetadataList","apiVersion":"meta.k8s.io/${version}","metadata":${listMetaJson(page)},"items":[`;
  for (let i = 0; i < page.items.length; i++) yield (i ? ',' : '') + partialMetadataJson(page.items[i], version);
  yield ']}';
}

export function writeList(res: ServerResponse, def: ResourceDef, page: ListPage, table: TableOptions | undefined, metadataOnly?: 'v1' | 'v1beta1'): void {
  res.writeHead(200, baseHeaders('application/json'));
  if (metadataOnly && !table) {
    writePieces(res, metadataListPieces(page, metadataOnly));
  } else if (table) {
    const meta = { resourceVersion: String(page.rv), ...(page.continue ? { continue: page.continue } : {}), ...(page.remainingItemCount !== undefined ? { remainingItemCount: page.remainingItemCount } : {}) };
    writePieces(res, tablePieces(def, page.items, meta, table));
  } else {
    writePieces(res, listPieces(def, page));
  }
}

export { objectKey };
