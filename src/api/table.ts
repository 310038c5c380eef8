// The one Table decoder: server-side Tables (as=Table;v=v1;g=meta.k8s.io) become rows; servers or APIs
// that answer with plain objects get a Name/Age table built from metadata instead.
import { MalformedResponseError, formatBytes } from '../errors.js';
import { ListBodySplitter, type SplitKey } from './list-splitter.js';
import type { Row, TableColumn } from './row.js';
import { humanDuration } from './duration.js';

/** Accept for lists and watches: a v1 Table, else whatever JSON the server has. */
export const TABLE_ACCEPT = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json';

export interface ObjectMetadata {
  name?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  creationTimestamp?: string | null;
  deletionTimestamp?: string | null;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: { uid: string }[];
}

interface TableRowJson {
  cells?: unknown[];
  object?: { kind?: string; metadata?: ObjectMetadata };
}
interface TableJson {
  kind: 'Table';
  metadata?: { resourceVersion?: string; continue?: string };
  columnDefinitions?: TableColumn[] | null;
  rows?: TableRowJson[] | null;
}
interface ListJson {
  kind?: string;
  metadata?: { resourceVersion?: string; continue?: string };
  items?: { metadata?: ObjectMetadata }[] | null;
}

export interface DecodedPage {
  /** Present on Tables; the fallback columns for plain lists. */
  columns: TableColumn[];
  rows: Row[];
  resourceVersion: string;
  continueToken?: string;
  isTable: boolean;
}

/** Columns for resources served without a Table (like the server's default Table, with Age for Created At). */
export const FALLBACK_COLUMNS: TableColumn[] = [
  { name: 'Name', type: 'string', format: 'name', description: 'Name of the object', priority: 0 },
  { name: 'Age', type: 'date', format: '', description: 'Time since creation', priority: 0 },
];

export function isTable(body: unknown): body is TableJson {
  return typeof body === 'object' && body !== null && (body as { kind?: unknown }).kind === 'Table';
}

/** What a value is, for "expected …, got …" messages. */
function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return `the text ${JSON.stringify(v.slice(0, 40))}`;
  return `${typeof v} ${String(v).slice(0, 20)}`;
}

/** Checks the shapes the decoder relies on, so a hostile or broken server gets "malformed response", not a TypeError. */
function checkTable(body: TableJson, what: string): void {
  checkColumns(body.columnDefinitions, what);
  const rows = body.rows;
  if (rows != null && !Array.isArray(rows)) throw new MalformedResponseError(what, 'Table.rows to be a list', kindOf(rows));
  for (const r of rows ?? []) checkTableRow(r, what);
}

function checkColumns(cols: unknown, what: string): void {
  if (cols != null && !Array.isArray(cols)) throw new MalformedResponseError(what, 'Table.columnDefinitions to be a list', kindOf(cols));
  for (const c of (cols as TableColumn[] | null) ?? []) {
    if (typeof c !== 'object' || c === null || typeof c.name !== 'string') throw new MalformedResponseError(what, 'each column definition to have a name', kindOf(c));
  }
}

function checkTableRow(r: TableRowJson, what: string): void {
  if (typeof r !== 'object' || r === null) throw new MalformedResponseError(what, 'each Table row to be an object', kindOf(r));
  if (r.cells != null && !Array.isArray(r.cells)) throw new MalformedResponseError(what, 'Table row cells to be a list', kindOf(r.cells));
  checkMetadata(r.object?.metadata, what);
}

function checkListItem(item: unknown, what: string): asserts item is { metadata?: ObjectMetadata } {
  if (typeof item !== 'object' || item === null) throw new MalformedResponseError(what, 'each list item to be an object', kindOf(item));
  checkMetadata((item as { metadata?: unknown }).metadata, what);
}

function checkMetadata(meta: unknown, what: string): void {
  if (meta == null) return;
  if (typeof meta !== 'object' || Array.isArray(meta)) throw new MalformedResponseError(what, 'metadata to be an object', kindOf(meta));
  const m = meta as ObjectMetadata;
  if (m.name != null && typeof m.name !== 'string') throw new MalformedResponseError(what, 'metadata.name to be a string', kindOf(m.name));
  if (m.labels != null && (typeof m.labels !== 'object' || Array.isArray(m.labels))) throw new MalformedResponseError(what, 'metadata.labels to be an object', kindOf(m.labels));
  if (m.ownerReferences != null && !Array.isArray(m.ownerReferences)) throw new MalformedResponseError(what, 'metadata.ownerReferences to be a list', kindOf(m.ownerReferences));
}

/** A list response (Table or plain list) as rows. `what` names the response in a malformed-response error. */
export function decodeListPage(body: unknown, what = 'the list response', now = Date.now()): DecodedPage {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new MalformedResponseError(what, 'a Table or a list object', kindOf(body));
  if (isTable(body)) {
    checkTable(body, what);
    const columns = normaliseColumns(body.columnDefinitions ?? []);
    const rows: Row[] = [];
    for (const r of body.rows ?? []) {
      const row = rowFromTableRow(r, columns, now);
      if (row) rows.push(row);
    }
    return { columns, rows, resourceVersion: body.metadata?.resourceVersion ?? '', continueToken: body.metadata?.continue || undefined, isTable: true };
  }
  const list = body as ListJson;
  const emptyList = list.items == null && typeof list.kind === 'string' && list.kind.endsWith('List');
  if (!Array.isArray(list.items) && !emptyList) {
    throw new MalformedResponseError(what, `a Table or a list with items${list.kind ? '' : ' (and a kind)'}`, list.kind ? `${String(list.kind).slice(0, 40)} without items` : kindOf(body));
  }
  const rows: Row[] = [];
  for (const item of list.items ?? []) {
    checkListItem(item, what);
    const row = rowFromObject(item, now);
    if (row) rows.push(row);
  }
  return { columns: FALLBACK_COLUMNS, rows, resourceVersion: list.metadata?.resourceVersion ?? '', continueToken: list.metadata?.continue || undefined, isTable: false };
}

/**
 * A list response decoded while it arrives (list-splitter.ts): once the part before its rows says what they are (a
 * Table and its columns, or a List), each batch of complete rows is decoded and handed to onRows, so the first rows
 * reach the store while the rest is on the wire and the body is never held whole. end() returns the page's metadata
 * and the rows not handed over early (a body that puts its columns after its rows is decoded whole, at the end).
 */
export class ListPageDecoder {
  private readonly splitter = new ListBodySplitter({ head: (key, head) => this.onHead(key, head), items: (key, items) => this.onItems(key, items) });
  /** The array whose rows are decoded as they come, once its head said how. */
  private streaming: SplitKey | undefined;
  private columns: TableColumn[] = [];
  private readonly held: Partial<Record<SplitKey, unknown[]>> = {};
  private received = 0;
  private opening = '';

  constructor(
    /** Names the response in a malformed-response error. */
    private readonly what: string,
    private readonly onRows: (rows: Row[], columns: TableColumn[]) => void,
  ) {}

  push(chunk: Buffer): void {
    this.received += chunk.length;
    if (this.opening.length < 40) this.opening += chunk.toString('utf8', 0, 160);
    try {
      this.splitter.push(chunk);
    } catch (err) {
      throw this.asMalformed(err);
    }
  }

  end(): DecodedPage {
    let body: unknown;
    try {
      body = this.splitter.end();
    } catch (err) {
      throw this.asMalformed(err);
    }
    if (typeof body === 'object' && body !== null && !Array.isArray(body)) {
      const o = body as Record<string, unknown>;
      for (const [key, items] of Object.entries(this.held)) o[key] = Array.isArray(o[key]) ? [...items, ...(o[key] as unknown[])] : items;
    }
    const page = decodeListPage(body, this.what);
    return this.streaming ? { ...page, columns: this.columns } : page;
  }

  private onHead(key: SplitKey, head: unknown): void {
    if (this.streaming) return;
    if (key === 'rows' && isTable(head) && Array.isArray(head.columnDefinitions)) {
      checkColumns(head.columnDefinitions, this.what);
      this.columns = normaliseColumns(head.columnDefinitions);
      this.streaming = key;
    } else if (key === 'items' && typeof head === 'object' && head !== null && !isTable(head)) {
      this.columns = FALLBACK_COLUMNS;
      this.streaming = key;
    }
  }

  private onItems(key: SplitKey, items: unknown[]): void {
    if (key !== this.streaming) {
      (this.held[key] ??= []).push(...items);
      return;
    }
    const now = Date.now();
    const rows: Row[] = [];
    if (key === 'rows') {
      for (const r of items as TableRowJson[]) {
        checkTableRow(r, this.what);
        const row = rowFromTableRow(r, this.columns, now);
        if (row) rows.push(row);
      }
    } else {
      for (const item of items) {
        checkListItem(item, this.what);
        const row = rowFromObject(item, now);
        if (row) rows.push(row);
      }
    }
    this.onRows(rows, this.columns);
  }

  private asMalformed(err: unknown): unknown {
    if (!(err instanceof SyntaxError)) return err;
    return new MalformedResponseError(this.what, 'JSON', `${formatBytes(this.received)} of something else (starting ${JSON.stringify(this.opening.slice(0, 40))})`);
  }
}

/** One watch event's object: a one-row Table or a plain object. Also returns its metadata (for RVs and annotations). */
export function decodeEventObject(obj: unknown, columns: TableColumn[], what = 'a watch event', now = Date.now()): { row?: Row; meta?: ObjectMetadata; resourceVersion?: string; columns?: TableColumn[] } {
  if (obj != null && (typeof obj !== 'object' || Array.isArray(obj))) throw new MalformedResponseError(what, 'an object in each watch event', kindOf(obj));
  if (isTable(obj)) {
    checkTable(obj, what);
    const cols = obj.columnDefinitions ? normaliseColumns(obj.columnDefinitions) : undefined;
    const tr = obj.rows?.[0];
    const meta = tr?.object?.metadata;
    const row = tr ? rowFromTableRow(tr, cols ?? columns, now) : undefined;
    return { row, meta, resourceVersion: obj.metadata?.resourceVersion || meta?.resourceVersion, columns: cols };
  }
  const meta = (obj as { metadata?: ObjectMetadata } | undefined)?.metadata;
  checkMetadata(meta, what);
  return { row: obj ? rowFromObject(obj as { metadata?: ObjectMetadata }, now) : undefined, meta, resourceVersion: meta?.resourceVersion };
}

function normaliseColumns(cols: TableColumn[]): TableColumn[] {
  return cols.map((c) => ({ name: c.name, type: c.type ?? 'string', format: c.format ?? '', description: c.description ?? '', priority: c.priority ?? 0 }));
}

export function rowFromTableRow(r: TableRowJson, columns: TableColumn[], now = Date.now()): Row | undefined {
  const meta = r.object?.metadata;
  const cells = r.cells ?? [];
  let name = meta?.name;
  if (!name) {
    const i = columns.findIndex((c) => c.format === 'name');
    name = typeof cells[i >= 0 ? i : 0] === 'string' ? (cells[i >= 0 ? i : 0] as string) : undefined;
  } else if (cells[0] === name) {
    // JSON.parse made the name twice (metadata and the first cell, where every built-in printer puts it): the row
    // keeps one string, not two (~2 MB at 50,000 pods).
    name = cells[0];
  }
  if (!name) return undefined;
  return makeRow(meta ?? {}, name, cells, now);
}

export function rowFromObject(obj: { metadata?: ObjectMetadata }, now: number): Row | undefined {
  const meta = obj.metadata;
  if (!meta?.name) return undefined;
  const created = meta.creationTimestamp ?? undefined;
  return makeRow(meta, meta.name, [meta.name, created ? humanDuration(now - Date.parse(created)) : '<unknown>'], now);
}

function makeRow(meta: ObjectMetadata, name: string, cells: unknown[], receivedAt: number): Row {
  const namespace = meta.namespace || undefined;
  return {
    // Without metadata (includeObject ignored) namespace/name is the only stable key we have.
    uid: meta.uid || `${namespace ?? ''}/${name}`,
    namespace,
    name,
    cells,
    labels: meta.labels ?? {},
    creationTimestamp: meta.creationTimestamp ?? undefined,
    deletionTimestamp: meta.deletionTimestamp ?? undefined,
    ownerUids: meta.ownerReferences ? meta.ownerReferences.map((o) => o.uid) : EMPTY,
    resourceVersion: meta.resourceVersion ?? '',
    receivedAt,
  };
}
const EMPTY: string[] = [];
