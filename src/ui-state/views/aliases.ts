// Ctrl-A (also :aliases, :a): every resource the server serves with its short names and the user's aliases that
// lead to it (aliases.yaml, config.yaml); Enter opens the resource. Lists, like k9s's alias view, what `:` takes.
import { resourceId } from '../../api/catalogue.js';
import { fitText } from '../format.js';
import type { ResourceRef } from '../engine-types.js';
import type { CursorList, ViewContext, ViewModule } from './types.js';
import { connectionBody } from './resource-table.js';

export interface AliasRow {
  id: string;
  resource: string;
  apiVersion: string;
  shortNames: string;
  aliases: string;
}

/** One row per resource; each user alias under the resource its expansion's first word resolves to. */
export function aliasRows(refs: ResourceRef[], resolve: (name: string) => ResourceRef | undefined, aliases: Record<string, string>): AliasRow[] {
  const mine = new Map<string, string[]>();
  for (const [name, to] of Object.entries(aliases)) {
    const target = resolve(to.trim().split(/\s+/)[0] ?? '');
    if (!target) continue;
    const id = resourceId(target);
    mine.set(id, [...(mine.get(id) ?? []), to.trim().includes(' ') ? `${name} (${to.trim()})` : name]);
  }
  return refs
    .filter((r) => r.verbs.length === 0 || r.verbs.includes('list'))
    .map((r) => ({ id: resourceId(r), resource: r.resource, apiVersion: r.group ? `${r.group}/${r.version}` : r.version, shortNames: r.shortNames.join(','), aliases: (mine.get(resourceId(r)) ?? []).join(' ') }))
    .sort((a, b) => a.resource.localeCompare(b.resource));
}

function rowsOf(ctx: Pick<ViewContext, 'data'> & { aliases?: Record<string, string> }): AliasRow[] {
  const c = ctx.data.catalogue;
  return c ? aliasRows(c.all(), (n) => c.resolve(n), ctx.data.aliases ?? {}) : [];
}

export const aliasesView: ViewModule = {
  id: 'aliases',
  kind: 'panel',
  keys: [],
  onAction(action, ctx) {
    if (action !== 'enter') return false;
    const r = rowsOf(ctx)[ctx.cursor];
    if (r) ctx.execute(r.id);
    return true;
  },
  list(ctx): CursorList {
    const rows = rowsOf(ctx);
    return { length: rows.length, uidAt: (i) => rows[i]?.id, indexOf: (uid) => rows.findIndex((r) => r.id === uid) };
  },
  body(ctx) {
    const pending = connectionBody(ctx, 'aliases');
    if (pending) return pending;
    const rows = rowsOf(ctx);
    const w = (f: (r: AliasRow) => string, h: string) => Math.min(40, Math.max(h.length, ...rows.map((r) => f(r).length)));
    const [a, b, c] = [w((r) => r.id, 'RESOURCE'), w((r) => r.apiVersion, 'APIVERSION'), w((r) => r.shortNames, 'SHORTNAMES')];
    const line = (x: string, y: string, z: string, q: string) => fitText(`${fitText(x, a)} ${fitText(y, b)} ${fitText(z, c)} ${q}`, ctx.width);
    return {
      kind: 'table',
      title: `aliases[${rows.length}]`,
      header: line('RESOURCE', 'APIVERSION', 'SHORTNAMES', 'ALIASES'),
      stale: false,
      rows: rows.slice(ctx.topRow, ctx.topRow + ctx.tableHeight).map((r, i) => ({ uid: r.id, text: line(r.id, r.apiVersion, r.shortNames, r.aliases), health: 'ok' as const, cursor: ctx.topRow + i === ctx.cursor })),
    };
  },
};
