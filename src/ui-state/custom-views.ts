// views.yaml in the tables: the listed columns in their order (server columns, kdeck's metrics columns, JSONPath
// columns), the rest only in wide mode, the default sort; JSONPath reads the row's metadata, and, when a path
// goes further (.spec, .status), the full objects listed for the view every 15 s while it shows.
import { resourceId } from '../api/catalogue.js';
import { jsonPathText } from '../config/jsonpath.js';
import { planColumns, type ViewSetting } from '../config/views.js';
import type { CatalogueView, ResourceRef, Row, SortSpec, TableColumn } from './engine-types.js';
import type { ExtraColumns, VisibleColumn } from './table-model.js';

/** The setting whose key ("v1/pods", "pods", "po", "apps/v1/deployments") names `ref`. */
export function settingFor(settings: ViewSetting[], ref: ResourceRef, catalogue: CatalogueView): ViewSetting | undefined {
  const gvr = `${ref.group ? `${ref.group}/` : ''}${ref.version}/${ref.resource}`;
  return settings.find((s) => {
    if (s.resource.toLowerCase() === gvr) return true;
    const r = catalogue.resolve(s.resource);
    return r !== undefined && resourceId(r) === resourceId(ref);
  });
}

/** sortColumn: AGE:desc → the server column it names (case and spacing aside). */
export function settingSort(setting: ViewSetting | undefined, columns: TableColumn[] | undefined): SortSpec | undefined {
  if (!setting?.sort || !columns) return undefined;
  const norm = (s: string) => s.toUpperCase().replace(/[\s_-]+/g, '');
  const c = columns.find((x) => norm(x.name) === norm(setting.sort!.column));
  return c ? { column: c.name, descending: setting.sort.descending } : undefined;
}

/** True when a path reads beyond the metadata a Table row carries. */
export function needsObject(path: string): boolean {
  const p = path.trim().replace(/^\{|\}$/g, '').replace(/^\$/, '').replace(/^\./, '');
  return !/^metadata\.(name|namespace|labels|uid|creationTimestamp|deletionTimestamp|ownerReferences)\b/.test(p);
}

function metadataObject(row: Row): unknown {
  return { metadata: { name: row.name, namespace: row.namespace, labels: row.labels, uid: row.uid, creationTimestamp: row.creationTimestamp, deletionTimestamp: row.deletionTimestamp } };
}

/**
 * The visible columns under `setting`, and the extra cells they need: `extra` (metrics) columns may be listed by
 * name like server ones; JSONPath columns come after them in the extra cells.
 */
export function customColumns(setting: ViewSetting, columns: TableColumn[], extra: ExtraColumns | undefined, wide: boolean, allNamespaces: boolean, objects: Map<string, unknown> | undefined): { visible: VisibleColumn[]; extra: ExtraColumns } {
  const extraNames = extra?.columns.map((c) => c.name) ?? [];
  const names = [...columns.map((c) => c.name), ...extraNames];
  const plans = planColumns(setting, names, wide);
  const paths = plans.flatMap((p) => ('path' in p ? [p.path] : []));
  const visible: VisibleColumn[] = [];
  const listsNamespace = setting.columns.some((c) => c.name.toUpperCase() === 'NAMESPACE');
  if (allNamespaces && !listsNamespace) visible.push({ name: 'NAMESPACE', cell: -1, age: false });
  let k = 0;
  for (const p of plans) {
    if ('path' in p) visible.push({ name: p.header.toUpperCase(), cell: -2, age: false, extra: extraNames.length + k++ });
    else if (p.from < columns.length) visible.push({ name: columns[p.from].name.toUpperCase(), cell: p.from, age: columns[p.from].name === 'Age' });
    else visible.push({ name: extraNames[p.from - columns.length], cell: -2, age: false, extra: p.from - columns.length });
  }
  // "NAMESPACE" listed: kdeck's own namespace column, where it was listed
  if (listsNamespace) {
    const at = setting.columns.findIndex((c) => c.name.toUpperCase() === 'NAMESPACE' && !c.path);
    if (at >= 0 && !setting.columns[at].hidden && (!setting.columns[at].wide || wide)) visible.splice(Math.min(at, visible.length), 0, { name: 'NAMESPACE', cell: -1, age: false });
  }
  return {
    visible,
    extra: {
      columns: [...(extra?.columns ?? []), ...paths.map((p) => ({ name: p.source, priority: 0 }))],
      before: '',
      // metadata paths read the live row; the rest the last listed object (until it arrives, the row's metadata)
      cells: (row) => [...(extra?.cells(row) ?? []), ...paths.map((p) => jsonPathText(p, (needsObject(p.source) && objects?.get(row.uid)) || metadataObject(row)))],
    },
  };
}
