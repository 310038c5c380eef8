// Custom resources: columns from the CRD's additionalPrinterColumns (apiextensions tableconvertor);
// Name first, then each column; Age (type date) when the CRD defines none.
import type { PrinterColumnDef } from '../resources.js';
import type { SimObject } from '../types.js';
import { DESC, type TableColumnDefinition } from './columns.js';
import { since } from './duration.js';
import type { TableRow } from './pod.js';

/** One additionalPrinterColumns entry (the catalogue's type). */
export type PrinterColumn = PrinterColumnDef;

/** The served version's additionalPrinterColumns, or Age when there are none. */
export function crdPrinterColumns(crd: SimObject | undefined): PrinterColumn[] {
  const versions = ((crd?.spec as { versions?: { served?: boolean; storage?: boolean; additionalPrinterColumns?: PrinterColumn[] }[] } | undefined)?.versions ?? []);
  const version = versions.find((v) => v.storage) ?? versions.find((v) => v.served) ?? versions[0];
  const cols = version?.additionalPrinterColumns ?? [];
  if (cols.length) return cols;
  return [{ name: 'Age', type: 'date', description: DESC.created, jsonPath: '.metadata.creationTimestamp' }];
}

export function customColumns(crd: SimObject | undefined): TableColumnDefinition[] {
  return [
    { name: 'Name', type: 'string', format: 'name', description: DESC.name, priority: 0 },
    ...crdPrinterColumns(crd).map((c) => ({
      name: c.name,
      type: c.type,
      format: c.format ?? '',
      description: c.description ?? (c.jsonPath === '.metadata.creationTimestamp' ? DESC.created : ''),
      priority: c.priority ?? 0,
    })),
  ];
}

/** Reads a simple JSONPath (`.a.b`, `.a[0].b`, `.a['x.y']`, optionally wrapped in `{}`); undefined when absent. */
export function readJsonPath(obj: unknown, path: string): unknown {
  let p = path.trim();
  if (p.startsWith('{') && p.endsWith('}')) p = p.slice(1, -1);
  if (p.startsWith('$')) p = p.slice(1);
  const tokens: (string | number)[] = [];
  const re = /\.([^.[\]]+)|\[(\d+)\]|\[['"]([^'"]+)['"]\]/g;
  let m: RegExpExecArray | null;
  let consumed = 0;
  while ((m = re.exec(p)) !== null) {
    if (m.index !== consumed) return undefined;
    consumed = re.lastIndex;
    tokens.push(m[1] ?? (m[2] !== undefined ? Number(m[2]) : m[3]));
  }
  if (consumed !== p.length) return undefined;
  let cur: unknown = obj;
  for (const t of tokens) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[t];
  }
  return cur;
}

function cell(value: unknown, type: string, now: number): unknown {
  if (value === undefined || value === null) return null;
  switch (type) {
    case 'date':
      return typeof value === 'string' ? since(value, now) : null;
    case 'integer':
      return typeof value === 'number' ? Math.trunc(value) : null;
    case 'number':
      return typeof value === 'number' ? value : null;
    case 'boolean':
      return typeof value === 'boolean' ? value : null;
    default:
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
}

export function printCustom(o: SimObject, crd: SimObject | undefined, now: number): TableRow {
  return { cells: [o.metadata.name, ...crdPrinterColumns(crd).map((c) => cell(readJsonPath(o, c.jsonPath), c.type, now))] };
}
