// From a row view to exactly what the table paints: the visible window's cells, widths, title and colours.
// Only rows in the window are read, so the cost of a frame does not depend on how many rows exist.
import type { Row, RowView, SortSpec, TableColumn } from './engine-types.js';
import { ageOf, cellText, columnWants, fitColumns, fitText } from './format.js';
import { healthJudge, type Health } from './health.js';
import { cellTick, tickedCell, type CellTick } from '../api/relative-cells.js';

export interface VisibleColumn {
  name: string;
  /** Index into Row.cells, or -1 for the NAMESPACE column kdeck adds in all-namespace views (as kubectl -A does). */
  cell: number;
  age: boolean;
  /** Set when the cell holds a relative time ("87 (0s ago)", "28s"): re-rendered at paint time so it ticks. */
  tick?: CellTick;
  /** Index into the row's extra cells (metrics), when the column is kdeck's own rather than the server's. */
  extra?: number;
}

/** Columns kdeck adds to a server Table (metrics), placed before the server column `before` (else at the end). */
export interface ExtraColumns {
  columns: { name: string; priority: number }[];
  before: string;
  /** The cells of one row, in `columns` order; asked only for rows on screen. */
  cells(row: Row): string[];
}

export function visibleColumns(columns: TableColumn[], wide: boolean, allNamespaces: boolean, extra?: ExtraColumns): VisibleColumn[] {
  const out: VisibleColumn[] = [];
  if (allNamespaces) out.push({ name: 'NAMESPACE', cell: -1, age: false });
  const extras = (extra?.columns ?? []).map((c, i) => ({ c, i })).filter(({ c }) => c.priority === 0 || wide).map(({ c, i }) => ({ name: c.name, cell: -2, age: false, extra: i }));
  let placed = extras.length === 0;
  columns.forEach((c, i) => {
    if (!placed && c.name === extra!.before) {
      out.push(...extras);
      placed = true;
    }
    if (c.priority === 0 || wide) out.push({ name: c.name.toUpperCase(), cell: i, age: c.name === 'Age', tick: cellTick(columns, i) });
  });
  if (!placed) out.push(...extras);
  return out;
}

export interface PaintedRow {
  uid: string;
  text: string;
  health: Health;
  cursor: boolean;
  /** Marked (Space) for an action on several rows. */
  marked?: boolean;
  /** The row's React key (row-slots.ts), set by the dashboard for the frame it paints. */
  key?: number;
}

export interface TableModel {
  header: string;
  rows: PaintedRow[];
  top: number;
}

function cellFor(row: Row, col: VisibleColumn, now: number, extra: () => string[]): string {
  if (col.extra !== undefined) return extra()[col.extra] ?? '';
  if (col.cell < 0) return cellText(row.namespace ?? '');
  if (col.age && row.creationTimestamp) return ageOf(row.creationTimestamp, now);
  return cellText(col.tick ? tickedCell(row.cells[col.cell], col.tick, row, now) : row.cells[col.cell]);
}

export function sortIndicator(name: string, sort: SortSpec | undefined): string {
  return sort && sort.column.toUpperCase() === name ? (sort.descending ? '↓' : '↑') : '';
}

/** Column wants per view (keyed by its store, then by its visible columns), so widths only grow while it is open. */
const WANTS = new WeakMap<object, Map<string, number[]>>();

export function paintTable(opts: {
  view: RowView;
  columns: TableColumn[];
  visible: VisibleColumn[];
  cursor: number;
  top: number;
  height: number;
  width: number;
  now: number;
  sort?: SortSpec;
  extra?: ExtraColumns;
  /** What the widths are remembered by while the view is open (its store): they grow, never jump. */
  memo?: object;
}): TableModel {
  const { view, visible, cursor, top, height, width, now } = opts;
  const rows = view.rows(top, Math.min(view.length, top + height));
  const health = healthJudge(opts.columns);
  const texts = rows.map((r) => {
    let cells: string[] | undefined;
    const extra = () => (cells ??= opts.extra?.cells(r) ?? []);
    return visible.map((c) => cellFor(r, c, now, extra));
  });
  const headers = visible.map((c) => c.name + sortIndicator(c.name, opts.sort));
  const memoKey = visible.map((c) => c.name).join('\0');
  const remembered = opts.memo ? WANTS.get(opts.memo)?.get(memoKey) : undefined;
  const widths = fitColumns(headers, texts, width, undefined, remembered);
  if (opts.memo) {
    let m = WANTS.get(opts.memo);
    if (!m) WANTS.set(opts.memo, (m = new Map()));
    m.set(memoKey, columnWants(headers, texts, remembered));
  }
  const shown = widths.map((w, i) => (w > 0 ? i : -1)).filter((i) => i >= 0);
  const lastShown = shown[shown.length - 1];
  const line = (cells: string[]) => shown.map((i) => fitText(cells[i], widths[i], i !== lastShown)).join(' ');
  return {
    header: line(headers),
    top,
    rows: rows.map((r, i) => ({ uid: r.uid, text: fitText(line(texts[i]), width), health: health(r), cursor: top + i === cursor })),
  };
}

/** `pods(all)[1234]`, `pods(team-a)[12] </web>`, `nodes[3]`. */
export function tableTitle(resource: string, namespaced: boolean, namespace: string | undefined, count: number, filter: string): string {
  const scope = namespaced ? `(${namespace ?? 'all'})` : '';
  return `${resource}${scope}[${count}]${filter ? ' ' + filter : ''}`;
}
