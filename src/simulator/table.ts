// Server-side Table output (meta.k8s.io/v1 Table): Accept negotiation, includeObject, and writing Tables of
// stored objects. The cells come from the printers; this file only wraps them the way kube-apiserver does.
import type { ResourceDef } from './resources.js';
import type { StoredObject } from './store.js';
import type { SimObject } from './types.js';
import { badRequest, notAcceptable } from './status.js';
import { parseAccept } from './http.js';
import { printRows, type PrintedRow } from './printing.js';

export type IncludeObject = 'None' | 'Metadata' | 'Object';

export interface TableOptions {
  includeObject: IncludeObject;
  /** meta.k8s.io version asked for: the Table's apiVersion. */
  version: 'v1' | 'v1beta1';
  /** For custom resources: their CustomResourceDefinition, whose printer columns make the Table. */
  crd?: SimObject;
}

/**
 * Whether the request asks for a Table (and which version): the first Accept entry we can serve decides.
 * `as=Table` with another group/version is skipped; if nothing else is acceptable the answer is 406.
 */
export function negotiateTable(accept: string | undefined, q: URLSearchParams): TableOptions | undefined {
  const ranges = parseAccept(accept);
  let sawTable = false;
  for (const r of ranges) {
    if (r.params.as === 'Table') {
      sawTable = true;
      if ((r.type === 'application/json' || r.type === '*/*') && r.params.g === 'meta.k8s.io' && (r.params.v === 'v1' || r.params.v === 'v1beta1')) {
        return { includeObject: parseIncludeObject(q), version: r.params.v };
      }
      continue;
    }
    if (r.params.as !== undefined) continue; // PartialObjectMetadata & co: not served, try the next entry
    if (r.type === 'application/json' || r.type === '*/*' || r.type === 'application/*' || r.type === 'application/vnd.kubernetes.protobuf' || r.type === 'application/yaml') return undefined;
  }
  if (sawTable) throw notAcceptable('only the following media types are accepted: application/json, application/yaml, application/vnd.kubernetes.protobuf');
  return undefined;
}

function parseIncludeObject(q: URLSearchParams): IncludeObject {
  const v = q.get('includeObject');
  if (v === null || v === '' || v === 'Metadata') return 'Metadata';
  if (v === 'None' || v === 'Object') return v;
  throw badRequest(`unrecognized includeObject value: ${JSON.stringify(v)}`);
}

function rowObjectJson(def: ResourceDef, entry: StoredObject, include: IncludeObject): string {
  if (include === 'None') return '';
  if (include === 'Object') return `,"object":${entry.fullJson(def.kind, apiVersionOf(def))}`;
  return `,"object":{"kind":"PartialObjectMetadata","apiVersion":"meta.k8s.io/v1","metadata":${entry.metadataJson()}}`;
}

export function apiVersionOf(def: ResourceDef): string {
  return def.group === '' ? def.version : `${def.group}/${def.version}`;
}

function rowJson(def: ResourceDef, entry: StoredObject, row: PrintedRow, include: IncludeObject): string {
  const conditions = row.conditions && row.conditions.length ? `,"conditions":${JSON.stringify(row.conditions)}` : '';
  return `{"cells":${JSON.stringify(row.cells)}${conditions}${rowObjectJson(def, entry, include)}}`;
}

export interface TableMeta {
  resourceVersion: string;
  continue?: string;
  remainingItemCount?: number;
}

/** Rows printed at a time: a Table of 200,000 pods starts going out at once and is never whole in memory. */
const PRINT_BATCH = 512;

/**
 * The Table of `entries` as JSON text pieces (joined by the caller or written in chunks), printed a batch at a
 * time as the pieces are taken. `columns: false` writes `"columnDefinitions":null`, as watch events after the first do.
 */
export function* tablePieces(def: ResourceDef, entries: StoredObject[], meta: TableMeta, opts: TableOptions, columns = true, now = Date.now()): Generator<string> {
  const crdOf = opts.crd ? () => opts.crd : undefined;
  const batch = (start: number) => printRows(def, entries.slice(start, start + PRINT_BATCH).map((e) => e.object), now, crdOf);
  let printed = batch(0);
  yield `{"kind":"Table","apiVersion":"meta.k8s.io/${opts.version}","metadata":${JSON.stringify(meta)},"columnDefinitions":${columns ? JSON.stringify(printed.columnDefinitions) : 'null'},"rows":[`;
  for (let start = 0; start < entries.length; start += PRINT_BATCH) {
    if (start > 0) printed = batch(start);
    const end = Math.min(entries.length, start + PRINT_BATCH);
    for (let i = start; i < end; i++) yield (i ? ',' : '') + rowJson(def, entries[i], printed.rows[i - start] ?? { cells: [] }, opts.includeObject);
  }
  yield ']}';
}

/** A Table with no rows: the shape watch BOOKMARK events take for Table watchers. */
export function emptyTableJson(rv: string, opts: TableOptions, annotations?: Record<string, string>): string {
  const meta = annotations ? { resourceVersion: rv, annotations } : { resourceVersion: rv };
  return `{"kind":"Table","apiVersion":"meta.k8s.io/${opts.version}","metadata":${JSON.stringify(meta)},"columnDefinitions":null,"rows":[]}`;
}

export type { SimObject };

/**
 * Whether the request asks for metadata only (client-go's metadata client: `as=PartialObjectMetadata[List]`),
 * and in which meta.k8s.io version. Answered in JSON whatever the asked encoding; clients decode by Content-Type.
 */
export function negotiateMetadataOnly(accept: string | undefined): 'v1' | 'v1beta1' | undefined {
  for (const r of parseAccept(accept)) {
    const as = r.params.as;
    if (as === 'PartialObjectMetadata' || as === 'PartialObjectMetadataList') {
      if (r.params.g === 'meta.k8s.io' && (r.params.v === 'v1' || r.params.v === 'v1beta1')) return r.params.v;
      continue;
    }
    if (as === undefined) return undefined;
  }
  return undefined;
}

/** PartialObjectMetadata of a stored object. */
export function partialMetadataJson(entry: StoredObject, version: 'v1' | 'v1beta1'): string {
  return `{"kind":"PartialObjectMetadata","apiVersion":"meta.k8s.io/${version}","metadata":${entry.metadataJson()}}`;
}
