// views.yaml, as k9s writes it: `views: {v1/pods: {sortColumn: AGE:desc, columns: [NAME, "IMAGE:.spec.containers[0].image|W"]}}`.
// A column is a name the server prints (reordered, or hidden with |H) or NAME:JSONPATH evaluated per object.
// Attributes after "|": W wide only, H hidden, R right-aligned, L left-aligned, N number, T time.
import { compileJsonPath } from './jsonpath.js';
import type { JsonPath } from './jsonpath.js';
import { ConfigReader, get, parseLocated } from './yaml-lines.js';

export interface ColumnSpec {
  /** As shown in the header. */
  name: string;
  path?: JsonPath;
  wide: boolean;
  hidden: boolean;
  align: 'left' | 'right';
  kind?: 'number' | 'time';
}

export interface ViewSetting {
  /** The key as written ("v1/pods", "apps/v1/deployments", "pods", "dp"), resolved against discovery when used. */
  resource: string;
  columns: ColumnSpec[];
  sort?: { column: string; descending: boolean };
  source: string;
}

export function parseColumnSpec(text: string): ColumnSpec | string {
  const bar = text.lastIndexOf('|');
  const hasAttrs = bar >= 0 && /^[A-Za-z]*$/.test(text.slice(bar + 1));
  const head = hasAttrs ? text.slice(0, bar) : text;
  const attrs = hasAttrs ? text.slice(bar + 1).toUpperCase() : '';
  const colon = head.indexOf(':');
  const name = (colon >= 0 ? head.slice(0, colon) : head).trim();
  if (!name) return `column "${text}" has no name`;
  const spec: ColumnSpec = { name, wide: false, hidden: false, align: 'left' };
  if (colon >= 0) {
    const path = compileJsonPath(head.slice(colon + 1));
    if (typeof path === 'string') return `column "${name}": ${path}`;
    spec.path = path;
  }
  for (const a of attrs) {
    if (a === 'W') spec.wide = true;
    else if (a === 'H') spec.hidden = true;
    else if (a === 'R') spec.align = 'right';
    else if (a === 'L') spec.align = 'left';
    else if (a === 'N') spec.kind = 'number';
    else if (a === 'T') spec.kind = 'time';
    else if (a === 'S') continue; // k9s's "always show": every listed column is shown anyway
    else return `column "${name}" has an unknown attribute "${a}" (known: W wide, H hidden, R right, L left, N number, T time)`;
  }
  return spec;
}

export function parseViews(text: string, file: string): ViewSetting[] {
  const r: ConfigReader = new ConfigReader(file);
  const root = r.map(parseLocated(text, file) ?? undefined, file);
  if (!root) return [];
  r.checkKeys(root, ['views'], '');
  const out: ViewSetting[] = [];
  for (const [resource, { keyLine: line, value }] of r.map(get(root, 'views'), 'views')?.entries ?? []) {
    const v = r.map(value, `views.${resource}`);
    if (!v) r.fail(line, `views.${resource} is empty (it needs columns)`);
    r.checkKeys(v, ['columns', 'sortColumn'], `views.${resource}`);
    const colsNode = get(v, 'columns');
    const texts = r.stringList(colsNode, `views.${resource}.columns`);
    if (texts.length === 0) r.fail(colsNode?.line ?? line, `views.${resource}.columns must list at least one column`);
    const columns = texts.map((t, i) => {
      const spec = parseColumnSpec(t);
      const itemLine = colsNode?.kind === 'seq' ? colsNode.items[i].line : line;
      if (typeof spec === 'string') r.fail(itemLine, `views.${resource}.columns[${i}]: ${spec}`);
      return spec;
    });
    const sortText = r.string(get(v, 'sortColumn'), `views.${resource}.sortColumn`);
    let sort: ViewSetting['sort'];
    if (sortText) {
      const m = /^(.+?):(asc|desc)$/i.exec(sortText.trim());
      if (!m) r.fail(get(v, 'sortColumn')!.line, `views.${resource}.sortColumn must be COLUMN:asc or COLUMN:desc, not "${sortText}"`);
      sort = { column: m[1].trim(), descending: m[2].toLowerCase() === 'desc' };
    }
    out.push({ resource, columns, sort, source: `${file}:${line}` });
  }
  return out;
}

/** One displayed column: a server column by index, or a JSONPath evaluated on the object. */
export type ColumnPlan = { header: string; align: 'left' | 'right'; from: number } | { header: string; align: 'left' | 'right'; path: JsonPath };

const norm = (s: string) => s.toUpperCase().replace(/[\s_-]+/g, '');

/**
 * The columns of a view under `setting`: the listed ones in order (wide-only ones in wide mode), then in wide
 * mode every server column not listed, as k9s does. A listed name the server does not print is skipped.
 */
export function planColumns(setting: ViewSetting, serverColumns: readonly string[], wide: boolean): ColumnPlan[] {
  const plans: ColumnPlan[] = [];
  const used = new Set<number>();
  for (const c of setting.columns) {
    const at = c.path ? -1 : serverColumns.findIndex((s) => norm(s) === norm(c.name));
    if (at >= 0) used.add(at);
    if (c.hidden || (c.wide && !wide)) continue;
    if (c.path) plans.push({ header: c.name, align: c.align, path: c.path });
    else if (at >= 0) plans.push({ header: serverColumns[at], align: c.align, from: at });
  }
  if (wide) serverColumns.forEach((s, i) => (used.has(i) ? undefined : plans.push({ header: s, align: 'left', from: i })));
  return plans;
}
