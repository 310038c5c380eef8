// :pf (also :port-forwards): the active port-forwards of the session registry with their numbers; Ctrl-D stops
// the one under the cursor.
import { sessions } from '../../sessions/registry.js';
import { forwardInfo, type ForwardInfo } from '../../streams/forwards.js';
import { fitText } from '../format.js';
import { ctrl } from '../keys.js';
import type { CursorList, ViewContext, ViewModule } from './types.js';
import { cursorStillShown } from './cursor-row.js';

function rows(): ForwardInfo[] {
  return sessions.list('port-forward').map((s) => forwardInfo(s.id)).filter((f): f is ForwardInfo => f !== undefined);
}

function bytes(n: number): string {
  if (n < 1024) return `${n}B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)}K`;
  if (n < 1024 ** 3) return `${(n / 1024 / 1024).toFixed(1)}M`;
  return `${(n / 1024 ** 3).toFixed(2)}G`;
}

function age(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${s % 60}s`;
  return `${Math.floor(s / 3600)}h${Math.floor((s % 3600) / 60)}m`;
}

export const forwardsView: ViewModule = {
  id: 'forwards',
  kind: 'panel',
  keys: [{ action: 'pf:stop', label: 'Ctrl-D', help: 'stop the port-forward', match: ctrl('d'), hint: 'stop' }],
  onAction(action, ctx) {
    if (action !== 'pf:stop') return false;
    const f = cursorStillShown(ctx) ? rows()[ctx.cursor] : undefined;
    if (f) {
      void sessions.close(f.id).then(() => ctx.flash(`stopped the port-forward ${f.local} → ${f.pod}:${f.remote}`, 'info'));
    }
    return true;
  },
  list(): CursorList {
    const r = rows();
    return { length: r.length, uidAt: (i) => r[i]?.id, indexOf: (uid) => r.findIndex((f) => f.id === uid) };
  },
  body(ctx: ViewContext) {
    const r = rows();
    const cols = [22, 7, 40, 9, 9, 6, 8];
    const line = (cells: string[]) => fitText(cells.map((c, i) => (i < cols.length ? fitText(c, cols[i]!) : c)).join(' '), ctx.width);
    const now = Date.now();
    return {
      kind: 'table',
      title: `port-forwards[${r.length}]`,
      header: line(['LOCAL', 'REMOTE', 'POD', 'IN', 'OUT', 'CONN', 'AGE', 'CONTEXT']),
      stale: false,
      rows: r.slice(ctx.topRow, ctx.topRow + ctx.tableHeight).map((f, i) => ({
        uid: f.id,
        text: line([f.local, f.remote, `${f.namespace}/${f.pod}`, bytes(f.stats.bytesIn), bytes(f.stats.bytesOut), `${f.stats.connections}/${f.stats.total}`, age(now - f.startedAt), f.context]),
        health: f.stats.lastError ? ('failing' as const) : ('ok' as const),
        cursor: ctx.topRow + i === ctx.cursor,
      })),
    };
  },
};
